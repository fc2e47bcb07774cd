package io.lers4j.benchmarks;

import com.google.gson.JsonElement;
import io.lers4j.LersClient;
import io.lers4j.api.NodesApi;
import io.lers4j.api.ServerInfoApi;
import io.lers4j.emulator.LersEmulator;
import io.lers4j.model.GetNodeListResponseParameters;
import io.lers4j.model.ServerInfo;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Per-call cost of lers4j (auth interceptor, retry layer, generated API, model binding, typed
 * errors) against the same request made with a bare OkHttpClient and parsed into a Gson tree.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CallOverheadBenchmark {

    private Fixture fixture;
    private ReplayServer replay;
    private LersClient lers;
    private io.lers4j.invoker.ApiClient plainGenerated;

    @Setup
    public void setUp() throws IOException {
        fixture = new Fixture(LersEmulator.builder().nodes(1000).measurePoints(2000).tokenLifetime(java.time.Duration.ofHours(24)).start());
        replay = new ReplayServer()
                .answer("POST", "/api/v1/Login", fixture.captureLogin())
                .answer("GET", "/api/v1/ServerInfo", fixture.capture("/api/v1/ServerInfo"))
                .answer("GET", "/api/v1/Core/Nodes", fixture.capture("/api/v1/Core/Nodes"));
        lers = fixture.lers(replay.baseUrl());
        plainGenerated = new io.lers4j.invoker.ApiClient(new okhttp3.OkHttpClient());
        plainGenerated.setBasePath(replay.baseUrl());
    }

    @TearDown
    public void tearDown() {
        lers.close();
        replay.close();
        fixture.close();
    }

    @Benchmark
    public JsonElement serverInfoBare() {
        return fixture.bareGet(replay.baseUrl() + "/api/v1/ServerInfo");
    }

    @Benchmark
    public ServerInfo serverInfoLers4j() {
        return lers.serverInfo().getVersion().execute();
    }

    /** The generated API on a plain ApiClient: what the generator costs before lers4j adds anything. */
    @Benchmark
    public ServerInfo serverInfoGeneratedOnly() {
        return new ServerInfoApi(plainGenerated).getVersion().execute();
    }

    @Benchmark
    public JsonElement nodesBare() {
        return fixture.bareGet(replay.baseUrl() + "/api/v1/Core/Nodes");
    }

    @Benchmark
    public GetNodeListResponseParameters nodesLers4j() {
        return lers.nodes().getNodes().execute();
    }
}
