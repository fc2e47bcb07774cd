package io.lers4j.examples;

import io.lers4j.BulkRead;
import io.lers4j.LersClient;
import io.lers4j.MeterRecord;
import io.lers4j.api.MeasurePointsApi;
import io.lers4j.api.NodesApi;
import io.lers4j.emulator.LersEmulator;
import io.lers4j.model.DataParameter;
import io.lers4j.model.MeasurePoint;
import io.lers4j.model.Node;
import io.lers4j.model.TerritoryOutdoorTemperature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every example runs against the emulator and prints what it promises. */
class ExamplesTest {

    private static LersEmulator emulator;
    private static LersClient lers;

    @BeforeAll
    static void start() {
        // polls end after half a second, so PollNow waits as little as possible
        emulator = LersEmulator.builder().pollDuration(java.time.Duration.ofMillis(500)).start();
        lers = LersClient.builder().baseUrl(emulator.baseUrl())
                .credentials(LersEmulator.DEFAULT_LOGIN, LersEmulator.DEFAULT_PASSWORD).build();
    }

    @AfterAll
    static void stop() {
        lers.close();
        emulator.close();
    }

    private static String output(Consumer<PrintStream> example) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            example.accept(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static long linesMatching(String text, String regex) {
        Pattern p = Pattern.compile(regex);
        return text.lines().filter(l -> p.matcher(l).matches()).count();
    }

    @Test
    void quickstartListsEveryNodeAndPoint() {
        String out = output(o -> Quickstart.run(lers, o));
        List<Node> nodes = lers.nodes().getNodes().execute().getNodes();
        List<MeasurePoint> points = lers.measurePoints().getMeasurePoints().execute().getMeasurePoints();
        assertTrue(out.startsWith("LERS "), out);
        for (Node n : nodes) {
            assertTrue(out.contains(n.getTitle()), "missing node " + n.getTitle() + " in\n" + out);
        }
        for (MeasurePoint p : points) {
            assertTrue(out.contains(p.getTitle()), "missing point " + p.getTitle());
        }
        assertTrue(out.contains(nodes.size() + " nodes, " + points.size() + " measure points"), out);
        assertTrue(out.contains("Node  Title"), "a table header, not a dump of objects:\n" + out);
    }

    @Test
    void aWeekOfDailyAndHourlyConsumption() {
        String out = output(o -> WeekOfConsumption.run(lers, o));
        assertEquals(7, linesMatching(out, "^\\d{4}-\\d{2}-\\d{2}\\s+\\d+\\.\\d{3}\\s+.*"), out);
        assertEquals(24, linesMatching(out, "^\\d{2}:00\\s+\\d+\\.\\d{4}\\s+.*"), out);
        assertTrue(out.contains("24 hours, "), out);
    }

    @Test
    void aMonthOfEveryPointIntoCsv(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("month.csv");
        BulkRead.Summary[] summary = new BulkRead.Summary[1];
        String out = output(o -> summary[0] = MonthToCsv.run(lers, csv, o));
        int points = lers.measurePoints().getMeasurePoints().execute().getMeasurePoints().size();
        assertEquals(points, summary[0].succeeded());
        assertEquals(0, summary[0].failed());
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals("measurePointId;measurePoint;date;parameter;value;isBad;isCalc", lines.get(0));
        long distinctPoints = lines.stream().skip(1).map(l -> l.substring(0, l.indexOf(';'))).distinct().count();
        assertEquals(points, distinctPoints);
        assertTrue(lines.size() > points * 28, "at least a row per point and day: " + lines.size());
        assertTrue(out.contains(points + " of " + points + " points"), out);
    }

    @Test
    void theNightlyJobWritesYesterdaysHoursOfEveryPoint(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("yesterday.csv");
        BulkRead.Summary summary = NightlyHoursToCsv.run(lers, csv);
        int points = lers.measurePoints().getMeasurePoints().execute().getMeasurePoints().size();
        assertEquals(points, summary.succeeded());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("measurePointId;hour;parameter;value;isBad", lines.get(0));
        java.util.Map<String, Long> hoursPerPoint = lines.stream().skip(1)
                .map(l -> l.split(";")).collect(Collectors.groupingBy(f -> f[0],
                        Collectors.collectingAndThen(Collectors.mapping(f -> f[1], Collectors.toSet()), s -> (long) s.size())));
        assertEquals(points, hoursPerPoint.size(), "every point is in the file");
        hoursPerPoint.forEach((point, hours) -> assertEquals(24L, hours, "24 hours of point " + point));
        // the source itself stays within the 30 lines a first nightly job should take
        List<String> source = Files.readAllLines(Path.of("src/main/java/io/lers4j/examples/NightlyHoursToCsv.java"));
        long code = source.stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("import")
                && !l.startsWith("package") && !l.startsWith("/*") && !l.startsWith("*") && !l.startsWith("//")).count();
        assertTrue(code <= 30, code + " lines of code");
    }

    @Test
    void currentReadingsAreWrittenAndReadBack() {
        AtomicReference<List<MeterRecord>> back = new AtomicReference<>();
        String out = output(o -> back.set(WriteCurrentReadings.run(lers, o)));
        assertEquals(1, back.get().size());
        assertEquals(71.5, back.get().get(0).value(DataParameter.T_IN).getAsDouble());
        assertEquals(6.1, back.get().get(0).value(DataParameter.P_IN).getAsDouble(), 1e-9);
        assertTrue(out.contains("71.5") && out.contains("48.2"), out);
    }

    @Test
    void outdoorTemperaturesAreImportedAndReadBack() {
        AtomicReference<List<TerritoryOutdoorTemperature>> saved = new AtomicReference<>();
        String out = output(o -> saved.set(ImportOutdoorTemperatures.run(lers, o)));
        float[] values = new float[saved.get().size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = saved.get().get(i).getValue();
        }
        assertTrue(Arrays.equals(ImportOutdoorTemperatures.WEEK, values), Arrays.toString(values));
        assertTrue(out.contains("-23.4"), out);
    }

    @Test
    void anIncidentIsCreatedAndListedAsOpen() {
        int[] id = new int[1];
        String out = output(o -> id[0] = CreateIncident.run(lers, o));
        assertTrue(out.contains("Created incident " + id[0]), out);
        List<String> rows = out.lines().filter(l -> l.startsWith(id[0] + " ")).collect(Collectors.toList());
        assertEquals(1, rows.size(), out);
        assertTrue(rows.get(0).contains("Нет связи с прибором учёта"), rows.get(0));
    }

    @Test
    void theQuickstartMainStartsItsOwnEmulator() {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            Quickstart.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.startsWith("Connected to the embedded LERS emulator at http://127.0.0.1:"), out);
        assertTrue(out.contains("measure points"), out);
    }

    @Test
    void fiveMetersArePolledNowAndEachResultPrinted() {
        io.lers4j.PollOutcome[] outcome = new io.lers4j.PollOutcome[1];
        String out = output(o -> outcome[0] = PollNow.run(lers, o));
        assertTrue(outcome[0].succeeded(), outcome[0] + "\n" + out);
        assertEquals(5, outcome[0].points().size());
        assertEquals(5, linesMatching(out, "^\\s*\\d+\\s+SUCCEEDED\\s+\\d+\\s*$"), out);
        assertTrue(out.contains("5 of 5 points polled"), out);
    }

    @Test
    void fiveMetersCurrentValuesArePushedByTheHub() {
        // polls as long as a real one's few seconds, so the hub is subscribed before they end
        try (LersEmulator server = LersEmulator.builder().pollDuration(java.time.Duration.ofSeconds(3)).start();
             LersClient client = LersClient.builder().baseUrl(server.baseUrl())
                     .credentials(LersEmulator.DEFAULT_LOGIN, LersEmulator.DEFAULT_PASSWORD).build()) {
            io.lers4j.CurrentValues values = runCurrentValuesNow(client, "by the hub where it pushed them");
            values.points().values().forEach(v -> assertEquals(io.lers4j.CurrentValue.Status.RECEIVED, v.status()));
        }
    }

    @Test
    void fiveMetersCurrentValuesAreReadFromTheArchiveWhenTheHubIsDown() {
        emulator.faults().hubNegotiateRefused(404, 100);
        try (LersClient client = LersClient.builder().baseUrl(emulator.baseUrl())
                .credentials(LersEmulator.DEFAULT_LOGIN, LersEmulator.DEFAULT_PASSWORD).build()) {
            runCurrentValuesNow(client, "read from the archive (no hub)");
        } finally {
            emulator.faults().reset();
        }
    }

    /** Runs the example; all five points succeed, each printed, the summary saying where they came from. */
    private static io.lers4j.CurrentValues runCurrentValuesNow(LersClient client, String source) {
        io.lers4j.CurrentValues[] values = new io.lers4j.CurrentValues[1];
        String out = output(o -> values[0] = CurrentValuesNow.run(client, o));
        assertTrue(values[0].succeeded(), values[0] + "\n" + out);
        assertEquals(5, linesMatching(out, CURRENT_VALUE_LINE), out);
        assertTrue(out.contains("5 of 5 points, " + source), out);
        return values[0];
    }

    private static final String CURRENT_VALUE_LINE =
            "^\\d+: \\d{4}-\\d\\d-\\d\\dT[0-9:.]+(\\+\\d\\d:\\d\\d)? \\[\\w+=.+\\]$";

    @Test
    void theSystemStateReportIsDownloadedAsPdf(@TempDir Path dir) throws Exception {
        String out = output(o -> {
            Path pdf = DownloadReport.run(lers, dir, o);
            assertTrue(Files.isRegularFile(pdf) && pdf.getParent().equals(dir), pdf.toString());
        });
        try (var files = Files.list(dir)) {
            Path pdf = files.findFirst().orElseThrow();
            byte[] bytes = Files.readAllBytes(pdf);
            assertEquals("%PDF", new String(bytes, 0, 4, StandardCharsets.US_ASCII));
            assertTrue(out.contains("Saved " + pdf), out);
            assertTrue(out.contains(String.format("%,d of %,d bytes", bytes.length, bytes.length)), out);
        }
    }
}
