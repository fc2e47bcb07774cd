package io.lers4j.examples;

import io.lers4j.CurrentValues;
import io.lers4j.LersClient;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Polls the first five measure points now and prints their current values: pushed by the hub as
 * the server saves them, or read from the archive once the poll has ended where no hub answers
 * (the emulator has none). The README's "Current values now" is the middle of {@link #run}.
 */
public final class CurrentValuesNow {

    public static void main(String[] args) {
        try (ExampleConnection connection = ExampleConnection.open()) {
            System.out.println("Connected to the " + connection.describe());
            run(connection.client(), System.out);
        }
    }

    public static CurrentValues run(LersClient lers, PrintStream out) {
        List<Integer> ids = new ArrayList<>();
        lers.v01().measurePoints().getMeasurePoints().execute().getMeasurePoints().stream().limit(5)
                .forEach(p -> ids.add(p.getId()));

        CurrentValues now = lers.currentValuesNow(ids, Duration.ofMinutes(2));
        now.points().forEach((id, value) -> out.println(id + ": " + value.record()
                .map(r -> r.dateTime() + " " + r.values())
                .orElse(value.status() + ", " + value.error().map(Throwable::getMessage).orElse(""))));

        out.printf("%d of %d points, %s%n", ids.size() - now.failures().size(), ids.size(),
                now.hubUsed() ? "by the hub where it pushed them" : "read from the archive (no hub)");
        return now;
    }
}
