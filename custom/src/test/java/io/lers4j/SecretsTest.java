package io.lers4j;

import io.lers4j.api.NodesApi;
import io.lers4j.model.DeviceDataType;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No exception message, toString, body kept in an exception, or log line contains the password or a token. */
class SecretsTest extends TestSupport {

    private static final String TOKEN_1 = "eyJhbGciOiJIUzI1NiJ9.first-token-value.sig1";
    private static final String TOKEN_2 = "eyJhbGciOiJIUzI1NiJ9.second-token-value.sig2";

    @RegisterExtension
    final CapturedLogs logs = new CapturedLogs();

    /** Each captured record as one text: its message and the stack trace it was logged with. */
    private List<String> logLines() {
        List<String> out = new ArrayList<>();
        for (CapturedLogs.Entry e : logs.entries()) {
            out.add(e.thrown() == null ? e.message() : e.message() + ' ' + stackTrace(e.thrown()));
        }
        return out;
    }

    private static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    private final List<String> seen = new ArrayList<>();

    private void record(Throwable t) {
        seen.add(stackTrace(t)); // messages of the exception and every cause
        if (t instanceof LersApiException) {
            LersApiException a = (LersApiException) t;
            seen.add(a.body());
            seen.add(a.errorMessage().orElse(""));
            seen.add(String.valueOf(a.headers()));
            seen.add(String.valueOf(a.errorData()));
        }
    }

    @Test
    void secretsAppearNowhere() {
        RetryPolicy quick = RetryPolicy.builder().maxAttempts(2).build();
        // 1. a server that echoes the password in its login error
        server.enqueue(json(422, "{\"errorMessage\":\"Пароль '" + PASSWORD + "' неверен для api1\",\"errorCode\":1}"));
        try (LersClient lers = client().retryPolicy(quick).build()) {
            seen.add(lers.toString());
            record(assertThrows(LersAuthenticationException.class, () -> lers.nodes().getNodes().execute()));
        }

        // 2. a login answer that cannot be read, holding the token
        server.enqueue(json("{\"token\":\"" + TOKEN_1 + "\",\"tokenExpiration\":"));
        try (LersClient lers = client().retryPolicy(quick).build()) {
            record(assertThrows(LersResponseException.class, () -> lers.nodes().getNodes().execute()));
        }

        // 3. tokens rejected, then a proxy page echoing the request headers, then a reset connection
        server.enqueue(json(loginAnswer(TOKEN_1, NOW.plus(Duration.ofHours(1)))));
        server.enqueue(new MockResponse.Builder().code(401).body("token " + TOKEN_1 + " expired").build());
        server.enqueue(json(loginAnswer(TOKEN_2, NOW.plus(Duration.ofHours(1)))));
        server.enqueue(new MockResponse.Builder().code(500).addHeader("Content-Type", "text/plain")
                .body("Unhandled: Authorization: Bearer " + TOKEN_2 + "; password=" + PASSWORD).build());
        server.enqueue(new MockResponse.Builder().code(500).addHeader("Content-Type", "text/plain")
                .body("Unhandled: Authorization: Bearer " + TOKEN_2).build());
        server.enqueue(new MockResponse.Builder().code(401).addHeader("WWW-Authenticate", "Bearer error=\"" + TOKEN_2 + "\"").build());
        server.enqueue(json(loginAnswer(TOKEN_1 + "x", NOW.plus(Duration.ofHours(1)))));
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        try (LersClient lers = client().retryPolicy(quick).build()) {
            record(assertThrows(LersServerException.class, () -> lers.nodes().getNodes().execute()));
            record(assertThrows(LersTransportException.class,
                    () -> lers.consumption(5, DeviceDataType.DAY, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 2)).toList()));
            seen.add(lers.toString());
        }

        // 4. a pre-issued token that is rejected
        server.enqueue(new MockResponse.Builder().code(401).body("bad token " + TOKEN_2).build());
        try (LersClient lers = LersClient.builder().baseUrl(baseUrl()).token(TOKEN_2).sleeper(sleeps::add).build()) {
            seen.add(lers.toString());
            record(assertThrows(LersAuthenticationException.class, () -> lers.nodes().getNodes().execute()));
        }

        assertTrue(seen.size() > 10);
        List<String> logLines = logLines();
        assertFalse(logLines.isEmpty(), "the scenarios above log retries and logins");
        List<String> everything = new ArrayList<>(seen);
        everything.addAll(logLines);
        for (String text : everything) {
            for (String secret : List.of(PASSWORD, TOKEN_1, TOKEN_2)) {
                assertFalse(text.contains(secret), "secret found in: " + text);
            }
        }
        assertTrue(String.join("\n", seen).contains(Redactor.MASK), "echoed secrets are masked, not just absent");
    }

    @Test
    void theGeneratedDebugSwitchLogsRequestsButNotTheToken() throws Exception {
        server.enqueue(json(loginAnswer(TOKEN_1, NOW.plus(Duration.ofHours(1)))));
        server.enqueue(json("{\"nodes\":[]}"));
        try (AutoCloseable okhttp = logs.also("okhttp3"); LersClient lers = client().build()) {
            lers.apiClient().setDebugging(true); // the generated client's switch: logs headers and bodies
            lers.nodes().getNodes().execute();
        }
        String log = String.join("\n", logLines());
        assertTrue(log.contains("GET " + baseUrl() + "api/v1/Core/Nodes"), log);
        assertFalse(log.contains(TOKEN_1), log);
        assertFalse(log.contains(PASSWORD), log);
        assertEquals("Bearer " + TOKEN_1, takeSecond().getHeaders().get("Authorization"), "the header still reaches the server");
    }

    private mockwebserver3.RecordedRequest takeSecond() {
        try {
            take();
            return take();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
