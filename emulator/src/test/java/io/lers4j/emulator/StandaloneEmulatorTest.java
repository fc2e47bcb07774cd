package io.lers4j.emulator;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The emulator as a program: its options, and a real login and read against what it started. */
class StandaloneEmulatorTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void servesTheDataSetItWasAskedForToAnAccountWhosePasswordCameFromTheEnvironment() throws Exception {
        ByteArrayOutputStream banner = new ByteArrayOutputStream();
        StandaloneEmulator.Options options = StandaloneEmulator.Options.parse(
                List.of("--port", "0", "--points=5", "--nodes", "2", "--account", "alice", "--fail", "503x1"),
                Map.of("LERS_PASSWORD", "Sekret-42"));
        try (LersEmulator emulator = StandaloneEmulator.start(options, new PrintStream(banner, true, StandardCharsets.UTF_8))) {
            String printed = banner.toString(StandardCharsets.UTF_8);
            Matcher url = Pattern.compile("LERS emulator at (http://127\\.0\\.0\\.1:[0-9]+) \\(5 measure points on 2 nodes").matcher(printed);
            assertTrue(url.find(), printed);
            assertEquals("http://127.0.0.1:" + emulator.port(), url.group(1));
            assertTrue(printed.contains("alice (every permission, password from LERS_PASSWORD)"), printed);
            assertTrue(printed.contains("Faults armed: 503 x1"), printed);
            assertFalse(printed.contains("Sekret-42"), "the password is never printed");

            HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(url.group(1) + "/api/v1/Login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"alice\",\"password\":\"Sekret-42\"}")).build());
            assertEquals(200, login.statusCode(), login.body());
            Matcher token = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(login.body());
            assertTrue(token.find(), login.body());

            HttpRequest nodes = HttpRequest.newBuilder(URI.create(url.group(1) + "/api/v1/Core/Nodes"))
                    .header("Authorization", "Bearer " + token.group(1)).GET().build();
            assertEquals(503, send(nodes).statusCode(), "the fault from the command line comes first");
            HttpResponse<String> answer = send(nodes);
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals(2, count(answer.body(), "\"isHeatingSeason\""), answer.body());
        }
    }

    @Test
    void listensOnTheAddressAndPortGiven() throws Exception {
        StandaloneEmulator.Options options = StandaloneEmulator.Options.parse(List.of("--host", "0.0.0.0", "--port", "0"), Map.of());
        ByteArrayOutputStream banner = new ByteArrayOutputStream();
        try (LersEmulator emulator = StandaloneEmulator.start(options, new PrintStream(banner, true, StandardCharsets.UTF_8))) {
            assertEquals("http://127.0.0.1:" + emulator.port(), emulator.baseUrl(), "a URL to connect to, not 0.0.0.0");
            assertTrue(banner.toString(StandardCharsets.UTF_8).contains("Listening on every interface"));
            HttpResponse<String> info = send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + emulator.port() + "/api/v1/ServerInfo")).GET().build());
            assertEquals(200, info.statusCode());
        }
    }

    @Test
    void defaultsAreTheLibrarysOnPort10000OnLoopback() throws Exception {
        StandaloneEmulator.Options o = StandaloneEmulator.Options.parse(List.of(), Map.of());
        assertEquals(10_000, o.port);
        assertEquals("127.0.0.1", o.host);
        assertEquals(14, o.points);
        assertTrue(o.faults.isEmpty());
        assertTrue(StandaloneEmulator.Options.parse(List.of("--help"), Map.of()).help);
        assertEquals(Duration.ofMillis(250), StandaloneEmulator.Options.duration("--latency", "250ms"));
        assertEquals(Duration.ofMinutes(5), StandaloneEmulator.Options.duration("--latency", "5m"));
        assertEquals(Duration.ofSeconds(2), StandaloneEmulator.Options.duration("--latency", "PT2S"));
    }

    @Test
    void badOptionsAreRefusedSayingWhatIsWrong() {
        assertRefused("unknown option '--prot'", "--prot", "10000");
        assertRefused("unexpected argument '10000'", "10000");
        assertRefused("--port needs a value", "--port");
        assertRefused("--port is from 0 to 65535, not 70000", "--port", "70000");
        assertRefused("--points is a whole number, not 'many'", "--points", "many");
        assertRefused("--points is from 1 to", "--points", "0");
        assertRefused("--host: not an IPv4 address: localhost", "--host", "localhost");
        assertRefused("--host: not an IPv4 address: 256.0.0.1", "--host", "256.0.0.1");
        assertRefused("--latency is a duration such as 250ms, 2s, 5m, 1h or PT2S, not 'soon'", "--latency", "soon");
        assertRefused("--poll-duration must not be negative", "--poll-duration", "PT-1S");
        assertRefused("--token-lifetime must be longer than zero", "--token-lifetime", "0s");
        assertRefused("--fail is STATUSxN, e.g. 503x2, not '503'", "--fail", "503");
        assertRefused("--fail is from 100 to 599, not 999", "--fail", "999x1");
        assertRefused("--throttle is NxD, e.g. 1x2s, not '2'", "--throttle", "2");
        assertRefused("--poll-fails: not a PollError failure: SOMETHING", "--poll-fails", "1002:SOMETHING");
        assertRefused("--account demo is built in", "--account", "demo");
        assertRefused("--account alice takes its password from the environment variable LERS_PASSWORD, which is not set",
                "--account", "alice");
    }

    @Test
    void aPortInUseFailsTheStartNamingThePort() throws Exception {
        try (LersEmulator taken = LersEmulator.builder().start()) {
            StandaloneEmulator.Options o = StandaloneEmulator.Options.parse(List.of("--port", String.valueOf(taken.port())), Map.of());
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> StandaloneEmulator.start(o, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
            assertTrue(e.getMessage().contains("cannot listen on port " + taken.port()), e.getMessage());
        }
    }

    private static void assertRefused(String message, String... args) {
        StandaloneEmulator.UsageException e = assertThrows(StandaloneEmulator.UsageException.class,
                () -> StandaloneEmulator.Options.parse(List.of(args), Map.of()));
        assertTrue(e.getMessage().startsWith(message), "'" + e.getMessage() + "' should start with '" + message + "'");
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
