package io.lers4j.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.lers4j.LersClient;
import io.lers4j.MeterRecord;
import io.lers4j.ParameterValue;
import io.lers4j.RetryPolicy;
import io.lers4j.emulator.DataSet;
import io.lers4j.emulator.LersEmulator;
import io.lers4j.model.DataParameter;
import io.lers4j.model.DeviceDataType;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** export consumption|totals against the emulator: the files, the failures, --resume. */
class ExportTest {

    private static LersEmulator server;
    private static LersClient lers;
    private static List<Integer> threePoints;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = CliRun.emulator();
        lers = LersClient.builder().baseUrl(server.baseUrl()).credentials(CliRun.LOGIN, CliRun.PASSWORD).build();
        // a heat, an electricity and a gas point: different parameters
        threePoints = List.of(server.dataSet().firstMeasurePoint(io.lers4j.model.SystemType.HEAT).id(),
                server.dataSet().firstMeasurePoint(io.lers4j.model.SystemType.ELECTRICITY).id(),
                server.dataSet().firstMeasurePoint(io.lers4j.model.SystemType.GAS).id());
    }

    @AfterAll
    static void stop() {
        lers.close();
        server.close();
    }

    private static String ids(List<Integer> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    @Test
    void csvHasAHeaderOneColumnPerParameterAndEachPointsRowsTogether() throws IOException {
        Path csv = dir.resolve("january.csv");
        CliRun run = CliRun.run(server, "export", "consumption", "--points", ids(threePoints), "--type", "day",
                "--from", "2026-01-01", "--to", "2026-02-01", "--out", csv.toString());
        assertEquals(0, run.code, run.toString());

        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<DataParameter> expectedColumns = orderedUnion(threePoints);
        assertEquals("measurePointId,dateTime," + expectedColumns.stream().map(DataParameter::getValue)
                .collect(Collectors.joining(",")), lines.get(0));
        assertTrue(lines.get(0).startsWith("measurePointId,dateTime,T_in,T_out,"), "the document's order: " + lines.get(0));
        assertEquals(1 + 3 * 31, lines.size());

        Map<Integer, List<String[]>> blocks = blocks(lines);
        assertEquals(Set.copyOf(threePoints), blocks.keySet(), "one block per point, in the order they completed");
        for (int id : threePoints) {
            List<MeterRecord> days = lers.consumption(id, DeviceDataType.DAY, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1)).toList();
            List<String[]> rows = blocks.get(id);
            assertEquals(days.size(), rows.size());
            for (int i = 0; i < days.size(); i++) {
                String[] row = rows.get(i);
                assertEquals(days.get(i).dateTime().toLocalDateTime() + ":00+03:00", row[1], "ISO with the server's offset");
                for (int c = 0; c < expectedColumns.size(); c++) {
                    DataParameter p = expectedColumns.get(c);
                    String cell = c + 2 < row.length ? row[c + 2] : "";
                    if (days.get(i).has(p)) {
                        assertEquals(days.get(i).valueOr(p, Double.NaN), Double.parseDouble(cell), id + " " + p + " " + row[1]);
                        assertFalse(cell.contains("E"), "no exponent: " + cell);
                    } else {
                        assertEquals("", cell, id + " has no " + p);
                    }
                }
            }
        }
        assertEquals("2026-01-01T00:00:00+03:00", blocks.get(threePoints.get(0)).get(0)[1]);
        assertFalse(Files.exists(ExportJournal.pathFor(csv)), "no progress file once every point is done");
        assertTrue(run.err.contains("3 of 3 points exported, 93 records to " + csv), run.err);
        assertFalse(run.err.contains("\r"), "no progress bar without a terminal");
        assertEquals("", run.out, "the records went to the file");
    }

    @Test
    void jsonLinesHoldEveryValueOfEveryRecordOfANode() throws IOException {
        DataSet.NodeInfo node = server.dataSet().nodes().get(1);
        Path jsonl = dir.resolve("totals.jsonl");
        CliRun run = CliRun.run(server, "export", "totals", "--node", String.valueOf(node.id()),
                "--from", "2026-02-01T00:00", "--to", "2026-02-02T00:00", "--out", jsonl.toString());
        assertEquals(0, run.code, run.toString());

        List<String> lines = Files.readAllLines(jsonl, StandardCharsets.UTF_8);
        Map<Integer, List<JsonObject>> byPoint = new LinkedHashMap<>();
        for (String line : lines) {
            JsonObject o = JsonParser.parseString(line).getAsJsonObject();
            byPoint.computeIfAbsent(o.get("measurePointId").getAsInt(), k -> new ArrayList<>()).add(o);
        }
        assertEquals(node.measurePointIds().stream().sorted().collect(Collectors.toList()),
                byPoint.keySet().stream().sorted().collect(Collectors.toList()));
        for (int id : node.measurePointIds()) {
            List<MeterRecord> totals = lers.totals(id, LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 2)).toList();
            List<JsonObject> objects = byPoint.get(id);
            assertEquals(totals.size(), objects.size());
            for (int i = 0; i < totals.size(); i++) {
                JsonObject values = objects.get(i).getAsJsonObject("values");
                assertEquals(totals.get(i).values().size(), values.size());
                for (ParameterValue v : totals.get(i).values()) {
                    assertEquals(v.value(), values.get(v.parameter().getValue()).getAsDouble(), id + " " + v.parameter());
                }
            }
        }
    }

    @Test
    void aFailedPointIsListedWithExitCode1AndResumeReadsOnlyIt() throws IOException {
        int victim = threePoints.get(1);
        Path csv = dir.resolve("hours.csv");
        String[] export = {"export", "consumption", "--points", ids(threePoints), "--from", "2026-01-10", "--to", "2026-01-20",
                "--out", csv.toString(), "--concurrency", "1"};

        CliRun failed = CliRun.run(CliRun.env(server), null, false, failFirstReadOf(victim), export);
        assertEquals(1, failed.code, failed.toString());
        assertTrue(failed.err.contains("1 of 3 points failed; run the same command with --resume to read them again:"), failed.err);
        assertTrue(failed.err.contains("  " + victim + ": GET /api/v1/Data/MeasurePoints/" + victim), failed.err);
        assertTrue(failed.err.contains("502"), failed.err);
        Path journal = ExportJournal.pathFor(csv);
        assertTrue(Files.exists(journal), "the progress stays for --resume");
        assertEquals(List.of(threePoints.get(0), threePoints.get(2)), new ArrayList<>(blocks(Files.readAllLines(csv)).keySet()));

        // a run stopped while writing: half a row in the output, half a line in the progress file
        Files.writeString(csv, threePoints.get(0) + ",2026-01-1", StandardOpenOption.APPEND);
        Files.writeString(journal, "point " + victim + " 24", StandardOpenOption.APPEND);

        CliRun failedAgain = CliRun.run(CliRun.env(server), null, false, failFirstReadOf(victim), appended(export, "--resume"));
        assertEquals(1, failedAgain.code, failedAgain.toString());
        assertTrue(failedAgain.err.contains("2 of 3 points exported, 0 records (2 were already complete)"), failedAgain.err);
        List<String> progress = Files.readAllLines(journal);
        assertEquals(5, progress.size(), "the cut line is gone: " + progress);
        assertTrue(progress.subList(3, 5).stream().allMatch(l -> l.matches("point [0-9]+ 240 [0-9]+")), progress.toString());

        long othersRead = readsOf(threePoints.get(0)) + readsOf(threePoints.get(2));
        long victimRead = readsOf(victim);
        CliRun resumed = CliRun.run(server, appended(export, "--resume"));
        assertEquals(0, resumed.code, resumed.toString());
        assertTrue(resumed.err.contains("3 of 3 points exported, 240 records (2 were already complete)"), resumed.err);
        assertEquals(othersRead, readsOf(threePoints.get(0)) + readsOf(threePoints.get(2)), "complete points are not read again");
        assertTrue(readsOf(victim) > victimRead);
        assertFalse(Files.exists(journal));

        Path clean = dir.resolve("clean.csv");
        export[export.length - 3] = clean.toString();
        assertEquals(0, CliRun.run(server, export).code);
        List<String> resumedLines = Files.readAllLines(csv);
        List<String> cleanLines = Files.readAllLines(clean);
        assertEquals(cleanLines.get(0), resumedLines.get(0), "the same header");
        assertEquals(cleanLines.size(), resumedLines.size(), "the half row is gone, nothing twice");
        assertEquals(blocksAsText(cleanLines), blocksAsText(resumedLines), "every point's rows as a clean export has them");
    }

    @Test
    void resumeRefusesAnotherExportAndAFileWithoutProgress() throws IOException {
        int victim = threePoints.get(0);
        Path csv = dir.resolve("days.csv");
        String[] export = {"export", "consumption", "--points", ids(threePoints), "--type", "day", "--from", "2026-01-01",
                "--to", "2026-02-01", "--out", csv.toString(), "--concurrency", "1"};
        assertEquals(1, CliRun.run(CliRun.env(server), null, false, failFirstReadOf(victim), export).code);
        String before = Files.readString(csv);

        String[] otherPeriod = export.clone();
        otherPeriod[9] = "2026-03-01";
        CliRun refused = CliRun.run(server, appended(otherPeriod, "--resume"));
        assertEquals(2, refused.code, refused.toString());
        assertTrue(refused.err.contains("--resume: the output was written by another export (consumption type=Day"
                + " from=2026-01-01T00:00 to=2026-02-01T00:00 format=csv separator=,); this one is (consumption type=Day"
                + " from=2026-01-01T00:00 to=2026-03-01T00:00"), refused.err);
        assertEquals(before, Files.readString(csv), "nothing was written");

        CliRun monthly = CliRun.run(server, appended(new String[] {"export", "consumption", "--points", ids(threePoints),
                "--type", "month", "--from", "2026-01-01", "--to", "2026-02-01", "--out", csv.toString()}, "--resume"));
        assertEquals(2, monthly.code, monthly.toString());

        Files.delete(ExportJournal.pathFor(csv));
        CliRun noProgress = CliRun.run(server, appended(export, "--resume"));
        assertEquals(2, noProgress.code, noProgress.toString());
        assertTrue(noProgress.err.contains("has no progress file days.csv.progress"), noProgress.err);
        assertEquals(before, Files.readString(csv));
    }

    @Test
    void resumeOfAFileNotWrittenYetStartsIt() throws IOException {
        Path csv = dir.resolve("new.csv");
        CliRun run = CliRun.run(server, "export", "consumption", "--points", ids(threePoints.subList(0, 1)), "--type",
                "month", "--from", "2025-01-01", "--to", "2026-01-01", "--out", csv.toString(), "--resume");
        assertEquals(0, run.code, run.toString());
        assertTrue(run.err.contains("Nothing to resume"), run.err);
        assertEquals(13, Files.readAllLines(csv).size());
    }

    @Test
    void namedParametersAreTheColumnsAndOthersAreReportedAsLeftOut() throws IOException {
        int heat = threePoints.get(0);
        CliRun run = CliRun.run(server, "export", "consumption", "--points", String.valueOf(heat), "--type", "day",
                "--from", "2026-01-01", "--to", "2026-01-03", "--parameters", "Q_delta,T_in", "--separator", ";");
        assertEquals(0, run.code, run.toString());
        List<String> lines = run.out.lines().collect(Collectors.toList());
        assertEquals("measurePointId;dateTime;Q_delta;T_in", lines.get(0), "in the order named");
        assertEquals(3, lines.size(), "to standard output");
        MeterRecord first = lers.consumption(heat, DeviceDataType.DAY, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 2)).toList().get(0);
        String[] row = lines.get(1).split(";");
        assertEquals(first.valueOr(DataParameter.Q_DELTA, Double.NaN), Double.parseDouble(row[2]));
        assertEquals(first.valueOr(DataParameter.T_IN, Double.NaN), Double.parseDouble(row[3]));
        assertTrue(run.err.contains("Left out, having no column: M_in (2 values), M_out (2 values)"), run.err);
    }

    @Test
    void theProgressBarCountsPointsOnStandardErrorWhenItIsATerminal() {
        CliRun run = CliRun.run(CliRun.env(server), null, true, b -> b, "export", "consumption", "--all", "--type", "month",
                "--from", "2026-01-01", "--to", "2026-02-01");
        assertEquals(0, run.code, run.toString());
        int points = server.dataSet().measurePoints().size();
        assertTrue(run.err.contains("\r[########################] " + points + "/" + points + " points"), run.err);
        assertFalse(run.out.contains("points"), "the bar is not in the data");

        CliRun quiet = CliRun.run(CliRun.env(server), null, true, b -> b, "export", "consumption", "--all", "--type", "month",
                "--from", "2026-01-01", "--to", "2026-02-01", "--quiet");
        assertEquals("", quiet.err);
        assertEquals(run.out.lines().sorted().collect(Collectors.toList()), quiet.out.lines().sorted().collect(Collectors.toList()));
    }

    @Test
    void mistakesOnTheCommandLineExitWith2() {
        assertUsage("Error: Missing required argument (specify one of these): (--points=ID[,ID...] [--points=ID[,ID...]]...",
                "export", "consumption", "--from", "2026-01-01", "--to", "2026-02-01");
        assertUsage("are mutually exclusive", "export", "consumption", "--all", "--node", "3", "--from", "2026-01-01",
                "--to", "2026-02-01");
        assertUsage("Invalid value for option '--type': expected one of [HOUR, DAY, MONTH]", "export", "consumption",
                "--all", "--type", "week", "--from", "2026-01-01", "--to", "2026-02-01");
        assertUsage("totals have no --type", "export", "totals", "--all", "--type", "hour", "--from", "2026-01-01",
                "--to", "2026-02-01");
        assertUsage("--from 2026-02-01T00:00 must be before --to 2026-01-01T00:00", "export", "consumption", "--all",
                "--from", "2026-02-01", "--to", "2026-01-01");
        assertUsage("'1st of May' is not a date (2026-01-31) or a time (2026-01-31T08:00)", "export", "consumption",
                "--all", "--from", "1st of May", "--to", "2026-01-01");
        assertUsage("--resume needs --out", "export", "consumption", "--all", "--from", "2026-01-01", "--to", "2026-02-01",
                "--resume");
        assertUsage("Unknown options: '--pionts'", "export", "consumption", "--pionts", "1", "--from", "2026-01-01",
                "--to", "2026-02-01");
        assertUsage("name a command: export, nodes, points or spec");
    }

    @Test
    void anUnknownNodeFailsWithExitCode1() {
        CliRun run = CliRun.run(server, "export", "consumption", "--node", "99999", "--from", "2026-01-01", "--to", "2026-01-02");
        assertEquals(1, run.code, run.toString());
        assertTrue(run.err.contains("lers4j-cli: node 99999 has no measure points (or there is no such node)"), run.err);
    }

    private void assertUsage(String message, String... args) {
        CliRun run = CliRun.run(server, args);
        assertEquals(2, run.code, run.toString());
        assertTrue(run.err.contains(message), "'" + message + "' in:\n" + run.err);
    }

    /** Makes the first archive request of the point meet a 502 page, and the client not retry it. */
    private static UnaryOperator<LersClient.Builder> failFirstReadOf(int pointId) {
        AtomicBoolean armed = new AtomicBoolean();
        OkHttpClient http = new OkHttpClient.Builder().addInterceptor(chain -> {
            if (chain.request().url().encodedPath().contains("/Data/MeasurePoints/" + pointId + "/")
                    && armed.compareAndSet(false, true)) {
                server.faults().htmlErrorPage(502, 1);
            }
            return chain.proceed(chain.request());
        }).build();
        return b -> b.httpClient(http).retryPolicy(RetryPolicy.none());
    }

    private static long readsOf(int pointId) {
        return server.requestCount("GET", "/api/v1/Data/MeasurePoints/" + pointId);
    }

    private static List<DataParameter> orderedUnion(List<Integer> ids) {
        List<DataParameter> all = new ArrayList<>();
        for (int id : ids) {
            all.addAll(server.dataSet().measurePoint(id).parameters());
        }
        List<DataParameter> known = new ArrayList<>(DataParameter.values());
        return all.stream().distinct().sorted(java.util.Comparator.comparingInt(known::indexOf)).collect(Collectors.toList());
    }

    /** The rows after the header, by point, checking that each point's rows come together. */
    private static Map<Integer, List<String[]>> blocks(List<String> lines) {
        Map<Integer, List<String[]>> blocks = new LinkedHashMap<>();
        Integer current = null;
        for (String line : lines.subList(1, lines.size())) {
            String[] row = line.split(",", -1);
            int id = Integer.parseInt(row[0]);
            if (current == null || id != current) {
                assertFalse(blocks.containsKey(id), "the rows of " + id + " are together");
                current = id;
            }
            blocks.computeIfAbsent(id, k -> new ArrayList<>()).add(row);
        }
        return blocks;
    }

    private static Map<Integer, String> blocksAsText(List<String> lines) {
        Map<Integer, String> out = new java.util.TreeMap<>();
        blocks(lines).forEach((id, rows) -> out.put(id, rows.stream().map(r -> String.join(",", r))
                .collect(Collectors.joining("\n"))));
        return out;
    }

    private static String[] appended(String[] args, String... more) {
        String[] out = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, out, args.length, more.length);
        return out;
    }
}
