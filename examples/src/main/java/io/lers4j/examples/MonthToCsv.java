package io.lers4j.examples;

import io.lers4j.BulkRead;
import io.lers4j.LersClient;
import io.lers4j.MeterRecord;
import io.lers4j.ParameterValue;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.MeasurePoint;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Last month's daily consumption of every measure point into one CSV file, read several points at
 * a time with progress. Records go to the file as each point arrives, so memory does not grow
 * with the number of points.
 */
public final class MonthToCsv {

    public static void main(String[] args) {
        Path file = args.length > 0 ? Path.of(args[0]) : Path.of(System.getProperty("java.io.tmpdir"), "lers-consumption.csv");
        try (ExampleConnection connection = ExampleConnection.open()) {
            System.out.println("Connected to the " + connection.describe());
            run(connection.client(), file, System.out);
        }
    }

    public static BulkRead.Summary run(LersClient lers, Path file, PrintStream out) {
        Map<Integer, MeasurePoint> points = lers.measurePoints().getMeasurePoints().execute()
                .getMeasurePoints().stream().collect(Collectors.toMap(MeasurePoint::getId, Function.identity(), (a, b) -> a,
                        java.util.LinkedHashMap::new));
        YearMonth month = YearMonth.from(ServerDates.now(lers)).minusMonths(1);
        LocalDate from = month.atDay(1);
        LocalDate to = month.plusMonths(1).atDay(1);
        out.printf("Daily consumption of %d measure points for %s -> %s%n", points.size(), month, file);

        int step = Math.max(1, points.size() / 10);
        try (BufferedWriter csv = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            csv.write("measurePointId;measurePoint;date;parameter;value;isBad;isCalc\n");
            BulkRead.Summary summary = lers.bulkConsumption(points.keySet(), DeviceDataType.DAY, from, to)
                    .withConcurrency(8)
                    .withProgress((done, total) -> {
                        if (done % step == 0 || done == total) {
                            out.printf("  %d of %d points%n", done, total);
                        }
                    })
                    .forEach(result -> {
                        MeasurePoint p = points.get(result.measurePointId());
                        if (!result.isSuccess()) {
                            out.printf("  point %d (%s) failed: %s%n", p.getId(), p.getFullTitle(), result.error().get().getMessage());
                            return;
                        }
                        write(csv, p, result.records());
                    });
            out.printf("%s%n", summary);
            return summary;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(BufferedWriter csv, MeasurePoint point, List<MeterRecord> records) {
        try {
            for (MeterRecord day : records) {
                for (ParameterValue v : day.values()) {
                    csv.write(point.getId() + ";" + quote(point.getFullTitle()) + ";" + day.dateTime().toLocalDate() + ";"
                            + v.parameter() + ";" + String.format(Locale.ROOT, "%.6f", v.value()) + ";" + v.isBad() + ";"
                            + v.isCalculated() + "\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quote(String s) {
        return "\"" + (s == null ? "" : s.replace("\"", "\"\"")) + "\"";
    }
}
