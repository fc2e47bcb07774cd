package io.lers4j.examples;

import io.lers4j.LersClient;
import io.lers4j.PointPoll;
import io.lers4j.PollOutcome;
import io.lers4j.v01.model.MeasurePoint;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Polls the current values of the first five measure points now (a manual poll through the v0.1
 * API), waits up to two minutes for the poll sessions to end and prints each point's result.
 */
public final class PollNow {

    public static void main(String[] args) {
        try (ExampleConnection connection = ExampleConnection.open()) {
            System.out.println("Connected to the " + connection.describe());
            run(connection.client(), System.out);
        }
    }

    public static PollOutcome run(LersClient lers, PrintStream out) {
        List<Integer> ids = new ArrayList<>();
        List<MeasurePoint> points = lers.v01().measurePoints().getMeasurePoints().execute().getMeasurePoints();
        points.stream().limit(5).forEach(p -> ids.add(p.getId()));

        PollOutcome outcome = lers.pollNow().currents(ids).await(Duration.ofMinutes(2));

        Table table = new Table("Point", "Status", "Session", "Result").numeric(0);
        for (PointPoll p : outcome.points().values()) {
            table.row(p.measurePointId(), p.status(), p.session().map(s -> s.getId()).orElse(null),
                    p.resultCode().map(code -> code.getValue()).orElse(""));
        }
        table.print(out);
        out.printf("%d of %d points polled, %d sessions%n", ids.size() - outcome.failures().size(), ids.size(),
                outcome.sessions().size());
        return outcome;
    }
}
