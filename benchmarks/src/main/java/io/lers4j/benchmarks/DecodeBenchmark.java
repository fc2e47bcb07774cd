package io.lers4j.benchmarks;

import com.google.gson.JsonElement;
import io.lers4j.LersClient;
import io.lers4j.MeterRecord;
import io.lers4j.api.MeasurePointConsumptionApi;
import io.lers4j.api.MeasurePointsApi;
import io.lers4j.emulator.LersEmulator;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.GetMeasurePointConsumptionResponse;
import io.lers4j.model.MeasurePoint;
import io.lers4j.model.SystemType;
import io.lers4j.types.LersDateTime;
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
import java.time.LocalDateTime;
import java.time.Period;
import java.time.Year;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Decoding a year of hourly consumption of one heat point (8,760 records, about ten values each):
 * the generated models and lers4j's streaming records, against a bare Gson tree of the same bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class DecodeBenchmark {

    private Fixture fixture;
    private ReplayServer replay;
    private LersClient lers;
    private int pointId;
    private LocalDateTime from;
    private LocalDateTime to;
    private String path;

    @Setup
    public void setUp() throws IOException {
        fixture = new Fixture(LersEmulator.builder().tokenLifetime(java.time.Duration.ofHours(24)).start());
        try (LersClient direct = fixture.lers(fixture.emulator.baseUrl())) {
            MeasurePoint heat = direct.measurePoints().getMeasurePoints().execute().getMeasurePoints()
                    .stream().filter(p -> SystemType.HEAT.equals(p.getSystemType())).findFirst().orElseThrow();
            pointId = heat.getId();
        }
        int year = Year.now().getValue() - 1;
        from = LocalDateTime.of(year, 1, 1, 0, 0);
        to = from.plusYears(1);
        path = "/api/v1/Data/MeasurePoints/" + pointId + "/Consumption/" + LersDateTime.of(from) + "/" + LersDateTime.of(to);
        byte[] year8760 = fixture.capture(path + "?dataTypes=Hour");
        replay = new ReplayServer()
                .answer("POST", "/api/v1/Login", fixture.captureLogin())
                .answer("GET", path, year8760);
        lers = fixture.lers(replay.baseUrl());
        int records = consumptionLers4jRecords().size();
        if (records < 8760) {
            throw new IllegalStateException("expected a year of hours, got " + records);
        }
    }

    @TearDown
    public void tearDown() {
        lers.close();
        replay.close();
        fixture.close();
    }

    @Benchmark
    public JsonElement consumptionBare() {
        return fixture.bareGet(replay.baseUrl() + path + "?dataTypes=Hour");
    }

    /**
     * The practical floor: a hand-written JsonReader loop that keeps each record's time and its
     * values in arrays, building no model object at all.
     */
    @Benchmark
    public HandReadYear consumptionHandWrittenReader() {
        return fixture.bareGet(replay.baseUrl() + path + "?dataTypes=Hour", HandReadYear::read);
    }

    /** Times as strings and values in parallel arrays: what a loop without models keeps. */
    public static final class HandReadYear {
        final List<String> times = new java.util.ArrayList<>(8784);
        final List<String> parameters = new java.util.ArrayList<>(8784 * 12);
        double[] values = new double[8784 * 12];
        int count;

        static HandReadYear read(com.google.gson.stream.JsonReader in) throws IOException {
            HandReadYear out = new HandReadYear();
            in.beginObject();
            while (in.hasNext()) {
                if (!in.nextName().equals("hourConsumption")) {
                    in.skipValue();
                    continue;
                }
                in.beginArray();
                while (in.hasNext()) {
                    in.beginObject();
                    while (in.hasNext()) {
                        String name = in.nextName();
                        if (name.equals("dateTime")) {
                            out.times.add(in.nextString());
                        } else if (name.equals("values")) {
                            in.beginArray();
                            while (in.hasNext()) {
                                out.readValue(in);
                            }
                            in.endArray();
                        } else {
                            in.skipValue();
                        }
                    }
                    in.endObject();
                }
                in.endArray();
            }
            in.endObject();
            return out;
        }

        private void readValue(com.google.gson.stream.JsonReader in) throws IOException {
            in.beginObject();
            String parameter = null;
            double value = Double.NaN;
            while (in.hasNext()) {
                String name = in.nextName();
                if (name.equals("dataParameter")) {
                    parameter = in.nextString();
                } else if (name.equals("value") && in.peek() != com.google.gson.stream.JsonToken.NULL) {
                    value = in.nextDouble();
                } else {
                    in.skipValue();
                }
            }
            in.endObject();
            if (count == values.length) {
                values = java.util.Arrays.copyOf(values, count * 2);
            }
            parameters.add(parameter);
            values[count++] = value;
        }
    }

    @Benchmark
    public GetMeasurePointConsumptionResponse consumptionLers4jModels() {
        return lers.measurePointConsumption().getConsumption(pointId, LersDateTime.of(from), LersDateTime.of(to))
                .dataTypes(List.of(DeviceDataType.HOUR)).execute();
    }

    /**
     * What the stock okhttp-gson binding does, which lers4j's JSON template replaces: read a tree,
     * (validate it,) then bind the tree to models. Shows what the second pass costs.
     */
    @Benchmark
    public GetMeasurePointConsumptionResponse consumptionTreeThenModels() {
        return io.lers4j.invoker.JSON.getGson().fromJson(fixture.bareGet(replay.baseUrl() + path + "?dataTypes=Hour"),
                GetMeasurePointConsumptionResponse.class);
    }

    @Benchmark
    public List<MeterRecord> consumptionLers4jRecords() {
        return lers.consumption(pointId, DeviceDataType.HOUR, from, to).withWindowSize(Period.ofYears(1)).toList();
    }
}
