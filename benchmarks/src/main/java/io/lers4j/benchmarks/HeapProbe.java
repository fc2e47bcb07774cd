package io.lers4j.benchmarks;

import io.lers4j.BulkRead;
import io.lers4j.LersClient;
import io.lers4j.ParameterValue;
import io.lers4j.MeterRecord;
import io.lers4j.api.MeasurePointsApi;
import io.lers4j.emulator.LersEmulator;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.MeasurePoint;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Heap held by a bulk read that streams its results to a file, for growing numbers of points. At
 * each quarter of the run it collects garbage and records the live heap above the starting point:
 * if results piled up, the live heap would grow with the points done and with the point count.
 */
public final class HeapProbe {

    public static void main(String[] args) throws IOException {
        int[] sizes = args.length > 0 ? java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
                : new int[]{250, 500, 1000, 2000};
        int max = java.util.Arrays.stream(sizes).max().orElseThrow();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (LersEmulator emulator = LersEmulator.builder().measurePoints(max).tokenLifetime(Duration.ofHours(24)).start();
             LersClient lers = LersClient.builder().baseUrl(emulator.baseUrl())
                     .credentials(LersEmulator.DEFAULT_LOGIN, LersEmulator.DEFAULT_PASSWORD).build()) {
            List<Integer> all = lers.measurePoints().getMeasurePoints().execute().getMeasurePoints()
                    .stream().map(MeasurePoint::getId).collect(Collectors.toList());
            YearMonth month = YearMonth.now().minusMonths(1);
            LocalDate from = month.atDay(1);
            LocalDate to = month.plusMonths(1).atDay(1);
            Path csv = Files.createTempFile("lers4j-heap", ".csv");
            System.out.printf(Locale.ROOT, "max heap %d MB; live heap above start, MB, after 25/50/75/100 %% of the points%n",
                    memory.getHeapMemoryUsage().getMax() >> 20);
            System.out.printf(Locale.ROOT, "%8s %8s %8s %8s %8s %10s%n", "points", "25%", "50%", "75%", "100%", "rows");
            for (int n : sizes) {
                List<Integer> ids = all.subList(0, Math.min(n, all.size()));
                System.gc();
                long base = memory.getHeapMemoryUsage().getUsed();
                List<Double> live = new ArrayList<>();
                long[] rows = new long[1];
                try (BufferedWriter out = Files.newBufferedWriter(csv)) {
                    BulkRead read = lers.bulkConsumption(ids, DeviceDataType.DAY, from, to).withConcurrency(8)
                            .withProgress((done, total) -> {
                                if (done % Math.max(1, total / 4) == 0 && live.size() < 4) {
                                    System.gc();
                                    live.add((memory.getHeapMemoryUsage().getUsed() - base) / 1048576.0);
                                }
                            });
                    read.forEach(r -> {
                        for (MeterRecord day : r.records()) {
                            for (ParameterValue v : day.values()) {
                                write(out, r.measurePointId() + ";" + day.dateTime() + ";" + v.parameter() + ";" + v.value());
                                rows[0]++;
                            }
                        }
                    });
                }
                System.out.printf(Locale.ROOT, "%8d %s %10d%n", ids.size(),
                        live.stream().map(v -> String.format(Locale.ROOT, "%8.1f", v)).collect(Collectors.joining(" ")), rows[0]);
            }
            Files.deleteIfExists(csv);
        }
    }

    private static void write(BufferedWriter out, String line) {
        try {
            out.write(line);
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
