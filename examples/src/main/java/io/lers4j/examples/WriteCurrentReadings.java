package io.lers4j.examples;

import io.lers4j.LersClient;
import io.lers4j.MeterRecord;
import io.lers4j.model.DataParameter;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.MeasurePoint;
import io.lers4j.model.SystemType;
import io.lers4j.types.LersDateTime;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Saves current readings (instantaneous values from another system, say a SCADA) into a heat
 * measure point through the server, which runs its diagnostics on them, then reads them back.
 */
public final class WriteCurrentReadings {

    public static void main(String[] args) {
        try (ExampleConnection connection = ExampleConnection.open()) {
            System.out.println("Connected to the " + connection.describe());
            run(connection.client(), System.out);
        }
    }

    public static List<MeterRecord> run(LersClient lers, PrintStream out) {
        MeasurePoint point = lers.measurePoints().getMeasurePoints().execute()
                .getMeasurePoints().stream().filter(p -> SystemType.HEAT.equals(p.getSystemType()))
                .findFirst().orElseThrow(() -> new IllegalStateException("no heat measure point on this server"));
        LocalDateTime now = ServerDates.now(lers).truncatedTo(ChronoUnit.MINUTES);

        Map<DataParameter, Double> readings = new LinkedHashMap<>();
        readings.put(DataParameter.T_IN, 71.5);
        readings.put(DataParameter.T_OUT, 48.2);
        readings.put(DataParameter.P_IN, 6.1);
        // one Current record at `now`, server-local time; true: replace a record already stored then
        lers.saveCurrentReadings(point.getId(), LersDateTime.of(now), readings, true);
        out.printf("Saved current readings of %s (id %d) at %s%n%n", point.getFullTitle(), point.getId(), now);

        // the record saved at `now`; a poll may have stored others in the same minute
        List<MeterRecord> back = lers.consumption(point.getId(), DeviceDataType.CURRENT, now, now.plusMinutes(1)).stream()
                .filter(r -> r.dateTime().toLocalDateTime().equals(now)).collect(Collectors.toList());
        Table table = new Table("Time", "T_in", "T_out", "P_in").numeric(1, 2, 3);
        for (MeterRecord r : back) {
            table.row(r.dateTime().toLocalDateTime(), Table.number(r.value(DataParameter.T_IN), 1),
                    Table.number(r.value(DataParameter.T_OUT), 1), Table.number(r.value(DataParameter.P_IN), 2));
        }
        out.println("Read back:");
        table.print(out);
        return back;
    }
}
