package io.lers4j.benchmarks;

import io.lers4j.LersClient;
import io.lers4j.MeterRecord;
import io.lers4j.api.MeasurePointsApi;
import io.lers4j.emulator.LersEmulator;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.MeasurePoint;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A month of daily consumption for 2,000 measure points: the bulk reader against a loop of single
 * calls, both through lers4j, against the emulator with a per-request latency standing for a real
 * server's database time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(1)
public class BulkBenchmark {

    @Param({"2000"})
    public int points;

    @Param({"10"})
    public int serverLatencyMillis;

    @Param({"16"})
    public int concurrency;

    private LersEmulator emulator;
    private LersClient lers;
    private List<Integer> ids;
    private LocalDate from;
    private LocalDate to;

    @Setup
    public void setUp() {
        emulator = LersEmulator.builder().measurePoints(points).tokenLifetime(Duration.ofHours(24)).start();
        lers = LersClient.builder().baseUrl(emulator.baseUrl())
                .credentials(LersEmulator.DEFAULT_LOGIN, LersEmulator.DEFAULT_PASSWORD).build();
        ids = lers.measurePoints().getMeasurePoints().execute().getMeasurePoints().stream()
                .map(MeasurePoint::getId).limit(points).collect(Collectors.toList());
        YearMonth month = YearMonth.now().minusMonths(1);
        from = month.atDay(1);
        to = month.plusMonths(1).atDay(1);
        emulator.faults().latency(Duration.ofMillis(serverLatencyMillis));
    }

    @TearDown
    public void tearDown() {
        lers.close();
        emulator.close();
    }

    @Benchmark
    public long bulkReader() {
        long[] records = new long[1];
        lers.bulkConsumption(ids, DeviceDataType.DAY, from, to).withConcurrency(concurrency)
                .forEach(r -> records[0] += r.records().size());
        return records[0];
    }

    @Benchmark
    public long sequentialLoop() {
        long records = 0;
        for (int id : ids) {
            List<MeterRecord> month = lers.consumption(id, DeviceDataType.DAY, from, to).toList();
            records += month.size();
        }
        return records;
    }
}
