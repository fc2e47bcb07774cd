package io.lers4j.examples;

import io.lers4j.LersClient;
import io.lers4j.MeterRecord;
import io.lers4j.model.DataParameter;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.MeasurePoint;
import io.lers4j.model.SystemType;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The last full week of a heat measure point: one row per day, then the hours of the last day. */
public final class WeekOfConsumption {

    public static void main(String[] args) {
        try (ExampleConnection connection = ExampleConnection.open()) {
            System.out.println("Connected to the " + connection.describe());
            run(connection.client(), System.out);
        }
    }

    public static void run(LersClient lers, PrintStream out) {
        MeasurePoint point = lers.measurePoints().getMeasurePoints().execute()
                .getMeasurePoints().stream()
                .filter(p -> SystemType.HEAT.equals(p.getSystemType()))
                .findFirst().orElseThrow(() -> new IllegalStateException("no heat measure point on this server"));
        LocalDate today = ServerDates.now(lers).toLocalDate();
        LocalDate from = today.minusDays(7);

        out.printf("%s (id %d), %s .. %s%n%n", point.getFullTitle(), point.getId(), from, today.minusDays(1));
        Table days = new Table("Day", "Q_delta", "M_in", "M_out", "T_in", "T_out").numeric(1, 2, 3, 4, 5);
        for (MeterRecord day : lers.consumption(point.getId(), DeviceDataType.DAY, from, today)) {
            days.row(day.dateTime().toLocalDate(),
                    Table.number(day.value(DataParameter.Q_DELTA), 3),
                    Table.number(day.value(DataParameter.M_IN), 2),
                    Table.number(day.value(DataParameter.M_OUT), 2),
                    Table.number(day.value(DataParameter.T_IN), 1),
                    Table.number(day.value(DataParameter.T_OUT), 1));
        }
        days.print(out);

        LocalDate last = today.minusDays(1);
        out.printf("%nHours of %s%n%n", last);
        List<MeterRecord> hours = lers.consumption(point.getId(), DeviceDataType.HOUR, last, today).toList();
        Table table = new Table("Hour", "Q_delta", "T_in", "T_out").numeric(1, 2, 3);
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm");
        for (MeterRecord hour : hours) {
            table.row(hour.dateTime().toLocalDateTime().format(hhmm),
                    Table.number(hour.value(DataParameter.Q_DELTA), 4),
                    Table.number(hour.value(DataParameter.T_IN), 1),
                    Table.number(hour.value(DataParameter.T_OUT), 1));
        }
        table.print(out);
        double heat = hours.stream().mapToDouble(h -> h.valueOr(DataParameter.Q_DELTA, 0)).sum();
        out.printf("%n%d hours, %.3f Gcal in total%n", hours.size(), heat);
    }
}
