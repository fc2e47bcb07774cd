package io.lers4j;

import io.lers4j.api.NodesApi;
import io.lers4j.model.DeviceDataType;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** callTimeout bounds the whole call, the waits between attempts included. */
class CallTimeoutTest extends TestSupport {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    /** Slack for a loaded CI machine; the point is that no 60 s wait was started. */
    private static final Duration BOUND = CALL_TIMEOUT.plusSeconds(8);

    private LersClient.Builder realTime() {
        return LersClient.builder().baseUrl(baseUrl()).token("tok-1").callTimeout(CALL_TIMEOUT)
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).maxRetryAfter(Duration.ofSeconds(60)).build());
    }

    @Test
    void aRetryAfterLongerThanTheTimeLeftIsNotWaitedFor() {
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "60").build());
        long started = System.nanoTime();
        try (LersClient lers = realTime().build()) {
            LersServerException e = assertThrows(LersServerException.class,
                    () -> lers.nodes().getNodes().execute());
            assertEquals(1, e.attempts(), "the server saw one attempt");
            assertTrue(e.getMessage().contains("call timeout"), e.getMessage());
            assertTrue(e.getMessage().contains("[1 attempt]"), e.getMessage());
        }
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(BOUND) < 0);
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void lersOwnReadsHoldTheSameBound() {
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "60").build());
        long started = System.nanoTime();
        try (LersClient lers = realTime().build()) {
            LersServerException e = assertThrows(LersServerException.class, () -> lers.consumption(5, DeviceDataType.HOUR,
                    LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 2)).toList());
            assertEquals(1, e.attempts());
        }
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(BOUND) < 0);
    }

    @Test
    void aBackoffAfterABrokenConnectionThatWouldPassTheTimeoutIsNotStarted() {
        server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
        long started = System.nanoTime();
        RetryPolicy slow = RetryPolicy.builder().maxAttempts(3).initialBackoff(Duration.ofSeconds(30))
                .maxBackoff(Duration.ofSeconds(30)).jitter(0).build();
        try (LersClient lers = realTime().retryPolicy(slow).build()) {
            LersTransportException e = assertThrows(LersTransportException.class,
                    () -> lers.nodes().getNodes().execute());
            assertEquals(1, e.attempts());
            assertTrue(e.getMessage().contains("call timeout"), e.getMessage());
        }
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(BOUND) < 0);
    }

    @Test
    void aServerThatNeverAnswersIsCutOffByTheCallTimeout() {
        server.enqueue(new MockResponse.Builder().body("{\"nodes\":[]}").headersDelay(30, java.util.concurrent.TimeUnit.SECONDS).build());
        long started = System.nanoTime();
        try (LersClient lers = realTime().build()) {
            LersTransportException e = assertThrows(LersTransportException.class,
                    () -> lers.nodes().getNodes().execute());
            assertEquals(1, e.attempts());
        }
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(BOUND) < 0);
    }

    @Test
    void shortWaitsThatFitAreStillMade() {
        server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "0").build());
        server.enqueue(json("{\"nodes\":[]}"));
        try (LersClient lers = realTime().build()) {
            assertEquals(0, lers.nodes().getNodes().execute().getNodes().size());
        }
        assertEquals(2, server.getRequestCount());
    }
}
