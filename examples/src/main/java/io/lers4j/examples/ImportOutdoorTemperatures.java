package io.lers4j.examples;

import io.lers4j.LersClient;
import io.lers4j.model.Territory;
import io.lers4j.model.TerritoryOutdoorTemperature;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Imports daily mean outdoor temperatures (from a weather service, say) into a territory, as the
 * vendor's own import tool does: each day at local midnight with the territory's UTC offset.
 */
public final class ImportOutdoorTemperatures {

    /** A week of daily means in °C, oldest first: stand-in for a weather service's answer. */
    static final float[] WEEK = {-18.5f, -21.0f, -23.4f, -19.8f, -12.1f, -9.6f, -14.2f};

    public static void main(String[] args) {
        try (ExampleConnection connection = ExampleConnection.open()) {
            System.out.println("Connected to the " + connection.describe());
            run(connection.client(), System.out);
        }
    }

    public static List<TerritoryOutdoorTemperature> run(LersClient lers, PrintStream out) {
        Territory territory = lers.territories().getList().execute().get(0);
        LocalDate first = ServerDates.now(lers).toLocalDate().minusDays(WEEK.length);

        Map<LocalDate, Float> week = new LinkedHashMap<>();
        for (int i = 0; i < WEEK.length; i++) {
            week.put(first.plusDays(i), WEEK[i]);
        }
        // each day is written at its midnight in the territory's own UTC offset, read from the server
        lers.saveOutdoorTemperatures(territory.getId(), week);
        out.printf("Saved %d daily temperatures for %s (UTC%+d)%n%n", week.size(), territory.getName(),
                territory.getTimeZoneOffset());

        List<TerritoryOutdoorTemperature> saved = new ArrayList<>();
        for (TerritoryOutdoorTemperature t : lers.weather().get(territory.getId()).execute()) {
            LocalDate day = t.getDate().toLocalDate();
            if (!day.isBefore(first) && day.isBefore(first.plusDays(WEEK.length))) {
                saved.add(t);
            }
        }
        Table table = new Table("Date", "T_outdoor, °C").numeric(1);
        saved.forEach(t -> table.row(t.getDate().toLocalDate(), String.format(Locale.ROOT, "%.1f", t.getValue())));
        out.println("Read back:");
        table.print(out);
        return saved;
    }
}
