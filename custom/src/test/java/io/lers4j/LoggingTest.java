package io.lers4j;

import io.lers4j.model.DeviceDataType;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What lers4j logs, under which logger and at which level, and that no line holds a credential.
 * System.Logger goes to java.util.logging when no other LoggerFinder is installed, as in this test.
 */
class LoggingTest extends TestSupport {

    private static final String TOKEN_1 = "eyJhbGciOiJIUzI1NiJ9.logging-first.sigA";
    private static final String TOKEN_2 = "eyJhbGciOiJIUzI1NiJ9.logging-second.sigB";
    private static final String API_KEY = "api-key-logging-0123456789";

    /** One captured line: logger, JUL level (System.Logger DEBUG is FINE), text with the stack trace. */
    private static final class Line {
        final String logger;
        final Level level;
        final String text;

        Line(String logger, Level level, String text) {
            this.logger = logger;
            this.level = level;
            this.text = text;
        }

        @Override
        public String toString() {
            return logger + " " + level + " " + text;
        }
    }

    @RegisterExtension
    final CapturedLogs logs = new CapturedLogs();

    private List<Line> captured() {
        List<Line> out = new ArrayList<>();
        for (CapturedLogs.Entry e : logs.entries()) {
            StringBuilder text = new StringBuilder(e.message());
            for (Throwable t = e.thrown(); t != null; t = t.getCause()) {
                text.append(" | ").append(t);
            }
            out.add(new Line(e.logger(), e.level(), text.toString()));
        }
        return out;
    }

    private Line only(String logger, Level level, String textPart) {
        List<Line> found = captured().stream()
                .filter(l -> l.logger.equals(logger) && l.level.equals(level) && l.text.contains(textPart))
                .collect(Collectors.toList());
        assertEquals(1, found.size(), "one " + logger + " " + level + " line with '" + textPart + "' among\n"
                + captured().stream().map(Line::toString).collect(Collectors.joining("\n")));
        return found.get(0);
    }

    private void assertNoLineHolds(String... secrets) {
        List<Line> all = captured();
        assertFalse(all.isEmpty());
        for (Line l : all) {
            for (String secret : secrets) {
                assertFalse(l.text.contains(secret), "a credential in: " + l);
            }
        }
    }

    @Test
    void loginRetryAndRenewalLogUnderTheirOwnLoggersWithoutCredentials() {
        server.enqueue(json(loginAnswer(TOKEN_1, NOW.plus(Duration.ofHours(1)))));
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "2")
                .body("busy; Authorization: Bearer " + TOKEN_1).build());
        server.enqueue(json("{\"nodes\":[]}"));
        server.enqueue(json(401, "{\"errorMessage\":\"token " + TOKEN_1 + " expired\"}"));
        server.enqueue(json(loginAnswer(TOKEN_2, NOW.plus(Duration.ofHours(2)))));
        server.enqueue(json("{\"nodes\":[]}"));

        try (LersClient lers = client().build()) {
            lers.nodes().getNodes().execute(); // logs in, is answered 503, retries
            lers.nodes().getNodes().execute(); // the token is rejected: renewed, sent again
        }

        only("io.lers4j.auth", Level.FINE, "Logged in as 'api1' (no token yet), token valid until 2026-01-20T10:00:00Z");
        only("io.lers4j.http", Level.FINE, "GET /api/v1/Core/Nodes -> 503 in ");
        only("io.lers4j.retry", Level.WARNING, "GET /api/v1/Core/Nodes answered 503, attempt 1 of 3; retrying in 2000 ms");
        only("io.lers4j.auth", Level.FINE, "GET /api/v1/Core/Nodes -> 401: the token was rejected");
        only("io.lers4j.auth", Level.FINE, "Logged in as 'api1' (the server rejected the token), token valid until 2026-01-20T11:00:00Z");
        assertEquals(2, captured().stream().filter(l -> l.text.startsWith("POST /api/v1/Login -> 200 in ")).count());
        assertEquals(3, captured().stream().filter(l -> l.logger.equals("io.lers4j.http")
                && l.text.startsWith("GET /api/v1/Core/Nodes -> ")).count(), "503, 200, and the 200 after the renewal");
        assertNoLineHolds(PASSWORD, TOKEN_1, TOKEN_2);
    }

    @Test
    void aTokenAboutToExpireIsRenewedWithItsReason() {
        server.enqueue(json(loginAnswer(TOKEN_1, NOW.plus(Duration.ofMinutes(10)))));
        server.enqueue(json("{\"nodes\":[]}"));
        server.enqueue(json(loginAnswer(TOKEN_2, NOW.plus(Duration.ofHours(1)))));
        server.enqueue(json("{\"nodes\":[]}"));
        try (LersClient lers = client().build()) {
            lers.nodes().getNodes().execute();
            clock.advance(Duration.ofMinutes(10));
            lers.nodes().getNodes().execute();
        }
        only("io.lers4j.auth", Level.FINE, "Logged in as 'api1' (the token expires at 2026-01-20T09:10:00Z)");
        assertNoLineHolds(PASSWORD, TOKEN_1, TOKEN_2);
    }

    @Test
    void aFailedLoginIsAWarningThatNeverQuotesThePassword() {
        server.enqueue(json(422, "{\"errorMessage\":\"Пароль '" + PASSWORD + "' неверен\",\"errorCode\":1}"));
        try (LersClient lers = client().build()) {
            try {
                lers.nodes().getNodes().execute();
            } catch (LersAuthenticationException expected) {
                // the log is what this test reads
            }
        }
        only("io.lers4j.auth", Level.WARNING, "Login of 'api1' (no token yet) failed with HTTP 422");
        only("io.lers4j.http", Level.FINE, "POST /api/v1/Login -> 422 in ");
        assertNoLineHolds(PASSWORD);
    }

    @Test
    void anApiKeyIsNeverLoggedAndATransportFailureIsOneAttemptLine() {
        server.enqueue(new MockResponse.Builder().onResponseStart(mockwebserver3.SocketEffect.ShutdownConnection.INSTANCE).build());
        server.enqueue(json("{\"nodes\":[]}"));
        try (LersClient lers = LersClient.builder().baseUrl(baseUrl()).apiKey(API_KEY).sleeper(sleeps::add).build()) {
            lers.nodes().getNodes().execute();
        }
        only("io.lers4j.http", Level.FINE, "GET /api/v1/Core/Nodes failed (");
        only("io.lers4j.retry", Level.WARNING, "GET /api/v1/Core/Nodes failed (");
        only("io.lers4j.http", Level.FINE, "GET /api/v1/Core/Nodes -> 200 in ");
        assertNoLineHolds(API_KEY);
    }

    @Test
    void aBulkReadLogsItsStartEachFailedPointAndItsEnd() {
        server.enqueue(json(loginAnswer(TOKEN_1, NOW.plus(Duration.ofHours(1)))));
        server.enqueue(json("{\"dayConsumption\":[]}"));
        server.enqueue(json(422, "{\"errorMessage\":\"Точка учёта 2 не найдена\",\"errorCode\":5}"));
        try (LersClient lers = client().build()) {
            BulkRead.Summary summary = lers.bulkConsumption(List.of(1, 2), DeviceDataType.DAY,
                    LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 2)).withConcurrency(1).forEach(r -> { });
            assertEquals(1, summary.failed());
        }
        only("io.lers4j.bulk", Level.FINE, "Bulk read of 2 measure points (Day, 2026-01-01T00:00 .. 2026-01-02T00:00");
        only("io.lers4j.bulk", Level.FINE, "Bulk read: measure point 2 failed: ");
        only("io.lers4j.bulk", Level.FINE, "Bulk read of 2 measure points done in ");
        assertTrue(only("io.lers4j.bulk", Level.FINE, "done in ").text.endsWith(" ms, 1 failed"));
        assertNoLineHolds(PASSWORD, TOKEN_1);
    }

    /** The README's table of loggers names exactly the loggers {@link Loggers} declares. */
    @Test
    void theReadmeNamesEveryLogger() throws IOException, IllegalAccessException {
        Set<String> declared = new TreeSet<>();
        for (Field f : Loggers.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == System.Logger.class) {
                declared.add(((System.Logger) f.get(null)).getName());
            }
        }
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("\n### Logging\n");
        assertTrue(start >= 0, "README.md has a Logging section");
        int end = readme.indexOf("\n#", start + 1);
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        Set<String> documented = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `(io\\.lers4j\\.[a-z]+)` \\|").matcher(section);
        while (row.find()) {
            documented.add(row.group(1));
        }
        assertEquals(declared, documented, "the table of loggers");
        // the Logback and logging.properties examples configure loggers that exist
        Matcher configured = Pattern.compile("name=\"(io\\.lers4j[a-z.]*)\"|(?m)^(io\\.lers4j[a-z.]*)\\.level=").matcher(section);
        int examples = 0;
        while (configured.find()) {
            String name = configured.group(1) != null ? configured.group(1) : configured.group(2);
            assertTrue(name.equals(Loggers.ROOT) || declared.contains(name), "README configures an unknown logger " + name);
            examples++;
        }
        assertTrue(examples >= 6, "the Logback and JUL examples name their loggers");
    }
}
