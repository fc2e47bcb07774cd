package io.lers4j.cli;

import io.lers4j.emulator.LersEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where credentials come from, and that the password never reaches an output, a file or a message. */
class CredentialsTest {

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
    void thePasswordIsInNoOutputNoFileAndNoError() throws IOException {
        Path csv = dir.resolve("out.csv");
        int point = server.dataSet().measurePoints().get(0).id();
        List<CliRun> runs = new ArrayList<>();
        runs.add(CliRun.run(server, "export", "consumption", "--points", point + ",424242", "--type", "day", "--from",
                "2026-01-01", "--to", "2026-01-05", "--out", csv.toString()));
        runs.add(CliRun.run(server, "export", "totals", "--points", String.valueOf(point), "--from", "2026-01-01",
                "--to", "2026-01-02"));
        runs.add(CliRun.run(server, "nodes"));
        runs.add(CliRun.run(server, "points", "--format", "csv"));
        runs.add(CliRun.run(server, "spec", "fetch", "--api", "v1", "--out", dir.resolve("v1.json").toString()));

        Map<String, String> wrong = CliRun.env(server);
        wrong.put(Connection.PASSWORD, CliRun.PASSWORD + "x");
        CliRun refused = CliRun.run(wrong, null, false, b -> b, "nodes");
        assertEquals(1, refused.code, refused.toString());
        assertTrue(refused.err.startsWith("lers4j-cli: "), refused.err);
        runs.add(refused);

        assertEquals(1, runs.get(0).code, "the unknown point failed: " + runs.get(0));
        assertTrue(runs.get(0).err.contains("424242"), runs.get(0).err);
        for (int i = 1; i < 5; i++) {
            assertEquals(0, runs.get(i).code, runs.get(i).toString());
        }
        for (CliRun run : runs) {
            assertFalse(run.out.contains(CliRun.PASSWORD), run.out);
            assertFalse(run.err.contains(CliRun.PASSWORD), run.err);
        }
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                assertFalse(Files.readString(f).contains(CliRun.PASSWORD), f.toString());
            }
        }
    }

    @Test
    void withoutAPasswordInTheEnvironmentItIsAskedForAndNotEchoed() {
        Map<String, String> env = CliRun.env(server);
        env.remove(Connection.PASSWORD);
        env.remove(Connection.LOGIN);
        List<String> asked = new ArrayList<>();
        Context.Prompt person = new Context.Prompt() {
            @Override
            public String readLine(String prompt) {
                asked.add(prompt);
                return CliRun.LOGIN;
            }

            @Override
            public char[] readPassword(String prompt) {
                asked.add(prompt);
                return CliRun.PASSWORD.toCharArray();
            }
        };
        CliRun run = CliRun.run(env, person, false, b -> b, "nodes");
        assertEquals(0, run.code, run.toString());
        assertEquals(List.of("Login: ", "Password for exporter: "), asked);
        assertTrue(run.out.contains(server.dataSet().nodes().get(0).title()), run.out);
        assertFalse(run.out.contains(CliRun.PASSWORD) || run.err.contains(CliRun.PASSWORD));
    }

    @Test
    void withoutCredentialsOrATerminalItSaysWhatToSet() {
        Map<String, String> env = CliRun.env(server);
        env.remove(Connection.PASSWORD);
        CliRun run = CliRun.run(env, null, false, b -> b, "nodes");
        assertEquals(2, run.code, run.toString());
        assertTrue(run.err.contains("no password for exporter: set LERS_PASSWORD (or LERS_TOKEN), or run in a terminal to be asked"),
                run.err);

        env.remove(Connection.LOGIN);
        run = CliRun.run(env, null, false, b -> b, "points");
        assertEquals(2, run.code, run.toString());
        assertTrue(run.err.contains("no credentials: set LERS_LOGIN and LERS_PASSWORD"), run.err);

        env.remove(Connection.URL);
        run = CliRun.run(env, null, false, b -> b, "nodes");
        assertEquals(2, run.code, run.toString());
        assertTrue(run.err.contains("which server? Give --server URL or set LERS_URL"), run.err);
    }

    @Test
    void anApplicationKeyOrATokenWorksInstead() throws Exception {
        Map<String, String> env = Map.of(Connection.URL, server.baseUrl(), Connection.API_KEY,
                server.issueApiKey(CliRun.LOGIN));
        CliRun byKey = CliRun.run(env, null, false, b -> b, "points", "--node", String.valueOf(server.dataSet().nodes().get(0).id()));
        assertEquals(0, byKey.code, byKey.toString());
        assertFalse(byKey.out.contains(env.get(Connection.API_KEY)));
        assertEquals(1 + server.dataSet().nodes().get(0).measurePointIds().size(), byKey.out.lines().count(), byKey.out);

        CliRun specByKey = CliRun.run(env, null, false, b -> b, "spec", "fetch", "--api", "v1", "--out",
                dir.resolve("v1.json").toString());
        assertEquals(2, specByKey.code, specByKey.toString());
        assertTrue(specByKey.err.contains("spec fetch logs in with a login and password or uses LERS_TOKEN"), specByKey.err);

        String token = token();
        CliRun byToken = CliRun.run(Map.of(Connection.URL, server.baseUrl(), Connection.TOKEN, token), null, false, b -> b,
                "nodes");
        assertEquals(0, byToken.code, byToken.toString());
        assertFalse(byToken.out.contains(token) || byToken.err.contains(token));

        Map<String, String> both = new java.util.HashMap<>(env);
        both.put(Connection.LOGIN, CliRun.LOGIN);
        CliRun refused = CliRun.run(both, null, false, b -> b, "nodes");
        assertEquals(2, refused.code, refused.toString());
        assertTrue(refused.err.contains("LERS_API_KEY is a credential of its own"), refused.err);
    }

    /** A token from a plain login, as a script would get one. */
    private static String token() throws Exception {
        java.net.http.HttpResponse<String> login = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/api/v1/Login"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"login\":\"" + CliRun.LOGIN
                                + "\",\"password\":\"" + CliRun.PASSWORD + "\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(login.body());
        assertTrue(m.find(), login.body());
        return m.group(1);
    }

    @Test
    void standardErrorOfATestRunIsNotATerminal() {
        assertFalse(Context.stderrIsTerminal() && Files.isDirectory(Path.of("/proc/self/fd")),
                "surefire pipes the test JVM's standard error");
    }
}
