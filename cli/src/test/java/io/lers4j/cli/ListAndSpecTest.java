package io.lers4j.cli;

import io.lers4j.emulator.DataSet;
import io.lers4j.emulator.LersEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** nodes, points, and spec fetch|diff, which are the tools' SpecTool run in process. */
class ListAndSpecTest {

    /** From the cli module's directory, where the tests run. */
    private static final Path BUNDLED_V1 = Path.of("../api-spec/lers-v1.swagger.json");
    private static final Path V1_OF_2020 = Path.of("../tools/src/test/resources/lers-v1-2020.swagger.json");

    private static LersEmulator server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = CliRun.emulator();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void nodesListsEveryNodeWithItsPointCount() {
        CliRun run = CliRun.run(server, "nodes");
        assertEquals(0, run.code, run.toString());
        List<String> lines = run.out.lines().collect(Collectors.toList());
        assertTrue(lines.get(0).trim().matches("id +number +type +points +title +address"), lines.get(0));
        assertEquals(1 + server.dataSet().nodes().size(), lines.size());
        for (DataSet.NodeInfo node : server.dataSet().nodes()) {
            assertTrue(lines.stream().anyMatch(l -> l.trim().startsWith(node.id() + " ") && l.contains(node.title())
                    && l.matches(".* " + node.measurePointIds().size() + "  .*")), node + " in\n" + run.out);
        }
    }

    @Test
    void pointsListsThePointsOfANodeWithTheirParametersAsCsv() {
        DataSet.NodeInfo node = server.dataSet().nodes().get(0);
        CliRun run = CliRun.run(server, "points", "--node", String.valueOf(node.id()), "--format", "csv");
        assertEquals(0, run.code, run.toString());
        List<String> lines = run.out.lines().collect(Collectors.toList());
        assertEquals("id,node,system,type,title,parameters", lines.get(0));
        assertEquals(node.measurePointIds(), lines.subList(1, lines.size()).stream()
                .map(l -> Integer.parseInt(l.substring(0, l.indexOf(',')))).collect(Collectors.toList()));
        DataSet.MeasurePointInfo first = server.dataSet().measurePoint(node.measurePointIds().get(0));
        assertTrue(lines.get(1).endsWith("," + RecordFormat.ordered(first.parameters()).stream()
                .map(p -> p.getValue()).collect(Collectors.joining(" "))), lines.get(1));
    }

    @Test
    void specDiffReportsBreakingChangesWithExitCode3() {
        CliRun same = CliRun.run(server, "spec", "diff", BUNDLED_V1.toString(), BUNDLED_V1.toString());
        assertEquals(0, same.code, same.toString());

        CliRun breaking = CliRun.run(server, "spec", "diff", V1_OF_2020.toString(), BUNDLED_V1.toString());
        assertEquals(3, breaking.code, breaking.toString());
        assertTrue(breaking.out.contains("BREAKING    query DataTypes -> dataTypes"), breaking.out);
        assertTrue(breaking.out.contains("Java: getDataParameters() becomes getValues()"), breaking.out);

        CliRun missing = CliRun.run(server, "spec", "diff", dir.resolve("none.json").toString(), BUNDLED_V1.toString());
        assertEquals(1, missing.code, missing.toString());
        assertTrue(missing.err.contains("no such file"), missing.err);
    }

    @Test
    void specFetchWritesTheServersDocumentLoggedInAsTheEnvironmentSays() throws IOException {
        Path v1 = dir.resolve("lers-v1.swagger.json");
        long logins = server.requestCount("POST", "/api/v1/Login");
        CliRun run = CliRun.run(server, "spec", "fetch", "--api", "v1", "--out", v1.toString());
        assertEquals(0, run.code, run.toString());
        assertTrue(run.out.contains("Fetched " + server.baseUrl() + "/api/swagger/v1/swagger.json"), run.out);
        assertTrue(Files.readString(v1).contains("\"/api/v1/Core/Nodes\""));
        assertEquals(1, server.requestCount("POST", "/api/v1/Login") - logins, "logged in with LERS_LOGIN and LERS_PASSWORD");

        CliRun again = CliRun.run(server, "spec", "fetch", "--api", "v1", "--out", v1.toString());
        assertEquals(0, again.code, again.toString());
        assertTrue(again.out.contains("No changes"), again.out);

        CliRun bad = CliRun.run(server, "spec", "fetch", "--api", "v2");
        assertEquals(2, bad.code, bad.toString());
        assertTrue(bad.err.contains("--api is all, v1 or v0.1, not v2"), bad.err);
    }
}
