package io.lers4j.examples;

import io.lers4j.LersClient;
import io.lers4j.MeterRecord;
import io.lers4j.api.MeasurePointConsumptionApi;
import io.lers4j.api.MeasurePointsApi;
import io.lers4j.model.DataParameter;
import io.lers4j.model.DataParameterValue;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.MeasurePoint;
import io.lers4j.model.MeasurePointDataConsumptionRecord;
import io.lers4j.model.PressureType;
import io.lers4j.model.SaveConsumptionParameters;
import io.lers4j.model.SaveConsumptionRequestParameters;
import io.lers4j.model.SystemType;
import io.lers4j.types.LersDateTime;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

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

        SaveConsumptionRequestParameters readings = new SaveConsumptionRequestParameters()
                .data(new SaveConsumptionParameters()
                        .dataType(DeviceDataType.CURRENT)
                        .pressureType(PressureType.GAUGE)
                        .consumption(List.of(new MeasurePointDataConsumptionRecord()
                                .dateTime(LersDateTime.of(now)) // server-local time
                                .values(List.of(
                                        new DataParameterValue().dataParameter(DataParameter.T_IN).value(71.5),
                                        new DataParameterValue().dataParameter(DataParameter.T_OUT).value(48.2),
                                        new DataParameterValue().dataParameter(DataParameter.P_IN).value(6.1))))));
        lers.measurePointConsumption().setCurrentArchive(point.getId()).overwriteExisting(true).body(readings).execute();
        out.printf("Saved current readings of %s (id %d) at %s%n%n", point.getFullTitle(), point.getId(), now);

        List<MeterRecord> back = lers.consumption(point.getId(), DeviceDataType.CURRENT, now, now.plusMinutes(1)).toList();
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
