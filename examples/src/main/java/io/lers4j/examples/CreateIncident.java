package io.lers4j.examples;

import io.lers4j.LersClient;
import io.lers4j.model.Incident;
import io.lers4j.model.IncidentImportance;
import io.lers4j.model.IncidentType;
import io.lers4j.model.MeasurePoint;

import java.io.PrintStream;
import java.util.List;

/** Raises an incident (нештатная ситуация) on a measure point and lists the point's open incidents. */
public final class CreateIncident {

    public static void main(String[] args) {
        try (ExampleConnection connection = ExampleConnection.open()) {
            System.out.println("Connected to the " + connection.describe());
            run(connection.client(), System.out);
        }
    }

    public static int run(LersClient lers, PrintStream out) {
        MeasurePoint point = lers.measurePoints().getMeasurePoints().execute()
                .getMeasurePoints().get(0);
        int created = lers.createIncident(point.getNodeId(), point.getId(), IncidentType.CUSTOM,
                IncidentImportance.WARNING, "Нет связи с прибором учёта более 24 часов");
        out.printf("Created incident %d on %s (id %d)%n%n", created, point.getFullTitle(), point.getId());

        List<Incident> active = lers.incidents().getActiveByMeasurePoint(point.getId()).execute();
        Table table = new Table("Id", "Type", "Importance", "Started", "Description").numeric(0);
        for (Incident i : active) {
            table.row(i.getId(), i.getIncidentType(), i.getImportance(),
                    i.getStartDate() == null ? "" : i.getStartDate().truncatedToSeconds(), i.getDescription());
        }
        out.println("Open incidents of the point:");
        table.print(out);
        return created;
    }
}
