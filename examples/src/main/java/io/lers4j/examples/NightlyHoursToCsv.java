package io.lers4j.examples;

import io.lers4j.BulkRead;
import io.lers4j.LersClient;
import io.lers4j.MeterRecord;
import io.lers4j.ParameterValue;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.MeasurePoint;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The nightly job, written with the README alone: yesterday's hours of every measure point into a CSV file. */
public final class NightlyHoursToCsv {

    public static void main(String[] args) throws IOException {
        Path file = args.length > 0 ? Path.of(args[0]) : Path.of(System.getProperty("java.io.tmpdir"), "yesterday-hours.csv");
        try (ExampleConnection connection = ExampleConnection.open()) { // LERS_URL... or the emulator
            System.out.println(run(connection.client(), file) + " -> " + file);
        }
    }

    public static BulkRead.Summary run(LersClient lers, Path file) throws IOException {
        List<Integer> ids = lers.measurePoints().getMeasurePoints().execute().getMeasurePoints().stream()
                .map(MeasurePoint::getId).collect(Collectors.toList());
        LocalDate yesterday = LocalDate.now(lers.serverOffset()).minusDays(1); // the server's yesterday
        try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(file))) {
            csv.println("measurePointId;hour;parameter;value;isBad");
            return lers.bulkConsumption(ids, DeviceDataType.HOUR, yesterday, yesterday.plusDays(1)).forEach(point -> {
                if (!point.isSuccess()) {
                    System.err.println(point); // one point's failure does not stop the others
                    return;
                }
                for (MeterRecord hour : point.records()) {
                    for (ParameterValue v : hour.values()) {
                        csv.printf(Locale.ROOT, "%d;%s;%s;%.6f;%b%n", point.measurePointId(), hour.dateTime(),
                                v.parameter(), v.value(), v.isBad());
                    }
                }
            });
        }
    }
}
