package io.lers4j;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A MockWebServer, a clock the test moves, and a sleeper that only records. */
abstract class TestSupport {

    static final String PASSWORD = "Pa55-word-XYZ";
    static final Instant NOW = Instant.parse("2026-01-20T09:00:00Z");

    protected MockWebServer server;
    protected final MutableClock clock = new MutableClock(NOW);
    protected final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    protected String baseUrl() {
        return server.url("/").toString();
    }

    protected LersClient.Builder client() {
        return LersClient.builder()
                .baseUrl(baseUrl())
                .credentials("api1", PASSWORD)
                .clock(clock)
                .sleeper(sleeps::add);
    }

    static String loginAnswer(String token, Instant expires) {
        return "{\"token\":\"" + token + "\",\"tokenExpiration\":\"" + expires.atOffset(ZoneOffset.ofHours(3)) + "\"}";
    }

    static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json; charset=utf-8").body(body).build();
    }

    static MockResponse json(String body) {
        return json(200, body);
    }

    protected RecordedRequest take() throws InterruptedException {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertNotNull(r, "expected a request");
        return r;
    }

    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration d) {
            now.updateAndGet(i -> i.plus(d));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }
}
