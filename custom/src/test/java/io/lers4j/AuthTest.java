package io.lers4j;

import io.lers4j.api.NodesApi;
import io.lers4j.api.ServerInfoApi;
import io.lers4j.model.GetNodeListResponseParameters;
import io.lers4j.model.ServerInfo;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthTest extends TestSupport {

    private static final String NODES = "{\"nodes\":[{\"id\":1,\"title\":\"Котельная\",\"number\":1}]}";

    private GetNodeListResponseParameters nodes(LersClient lers) {
        return lers.nodes().getNodes().execute();
    }

    @Test
    void logsInLazilyOnceAndReusesTheToken() throws Exception {
        try (LersClient lers = client().application("Meter import").build()) {
            assertEquals(0, server.getRequestCount(), "building the client sends nothing");
            server.enqueue(json(loginAnswer("tok-1", NOW.plus(Duration.ofHours(1)))));
            server.enqueue(json(NODES));
            server.enqueue(json(NODES));
            nodes(lers);
            nodes(lers);

            RecordedRequest login = take();
            assertEquals("POST /api/v1/Login", login.getMethod() + " " + login.getTarget());
            assertEquals("application/json; charset=utf-8", login.getHeaders().get("Content-Type"));
            assertNull(login.getHeaders().get("Authorization"));
            assertEquals("{\"login\":\"api1\",\"password\":\"" + PASSWORD + "\",\"application\":\"Meter import\"}",
                    login.getBody().utf8());
            for (int i = 0; i < 2; i++) {
                RecordedRequest get = take();
                assertEquals("GET /api/v1/Core/Nodes", get.getMethod() + " " + get.getTarget());
                assertEquals("Bearer tok-1", get.getHeaders().get("Authorization"));
                assertEquals("lers4j", get.getHeaders().get("User-Agent"));
            }
            assertEquals(3, server.getRequestCount());
        }
    }

    @Test
    void serverInfoIsAnonymous() throws Exception {
        server.enqueue(json("{\"version\":\"3.67\",\"build\":1}"));
        try (LersClient lers = client().build()) {
            ServerInfo info = lers.serverInfo().getVersion().execute();
            assertEquals("3.67", info.getVersion());
        }
        RecordedRequest r = take();
        assertEquals("/api/v1/ServerInfo", r.getTarget());
        assertNull(r.getHeaders().get("Authorization"));
        assertEquals(1, server.getRequestCount(), "no login for an anonymous route");
    }

    @Test
    void renewsProactivelyBeforeExpiry() throws Exception {
        server.enqueue(json(loginAnswer("tok-1", NOW.plus(Duration.ofMinutes(30)))));
        server.enqueue(json(NODES));
        server.enqueue(json(loginAnswer("tok-2", NOW.plus(Duration.ofMinutes(90)))));
        server.enqueue(json(NODES));
        try (LersClient lers = client().tokenRenewalSkew(Duration.ofMinutes(2)).build()) {
            nodes(lers);
            clock.advance(Duration.ofMinutes(28).plusSeconds(1)); // within the skew of the expiry
            nodes(lers);
        }
        assertEquals("/api/v1/Login", take().getTarget());
        assertEquals("Bearer tok-1", take().getHeaders().get("Authorization"));
        assertEquals("/api/v1/Login", take().getTarget());
        assertEquals("Bearer tok-2", take().getHeaders().get("Authorization"));
    }

    @Test
    void aRejectedTokenIsRenewedOnceAndTheRequestReplayedOnce() throws Exception {
        server.enqueue(json(loginAnswer("tok-1", NOW.plus(Duration.ofHours(1)))));
        server.enqueue(new MockResponse.Builder().code(401).build());
        server.enqueue(json(loginAnswer("tok-2", NOW.plus(Duration.ofHours(1)))));
        server.enqueue(json(NODES));
        try (LersClient lers = client().build()) {
            assertEquals("Котельная", nodes(lers).getNodes().get(0).getTitle());
        }
        take();
        assertEquals("Bearer tok-1", take().getHeaders().get("Authorization"));
        assertEquals("/api/v1/Login", take().getTarget());
        assertEquals("Bearer tok-2", take().getHeaders().get("Authorization"));
        assertEquals(4, server.getRequestCount());
    }

    @Test
    void aSecond401IsReportedNotLoopedOn() {
        server.enqueue(json(loginAnswer("tok-1", NOW.plus(Duration.ofHours(1)))));
        server.enqueue(new MockResponse.Builder().code(401).build());
        server.enqueue(json(loginAnswer("tok-2", NOW.plus(Duration.ofHours(1)))));
        server.enqueue(new MockResponse.Builder().code(401).body("Unauthorized").build());
        try (LersClient lers = client().build()) {
            LersAuthenticationException e = assertThrows(LersAuthenticationException.class, () -> nodes(lers));
            assertEquals(401, e.statusCode());
            assertEquals("GET /api/v1/Core/Nodes", e.operation());
        }
        assertEquals(4, server.getRequestCount());
    }

    @Test
    void aFailedLoginIsAnAuthenticationErrorWithTheServersMessageAndIsNotRetried() {
        server.enqueue(json(422, "{\"errorMessage\":\"Неверное имя пользователя или пароль\",\"errorCode\":1,\"data\":{}}"));
        try (LersClient lers = client().build()) {
            LersAuthenticationException e = assertThrows(LersAuthenticationException.class, () -> nodes(lers));
            assertEquals(422, e.statusCode());
            assertEquals("Неверное имя пользователя или пароль", e.errorMessage().orElseThrow());
            assertEquals(1, e.errorCode().getAsInt());
            assertEquals("POST /api/v1/Login", e.operation());
            assertTrue(e.getMessage().contains("Неверное имя пользователя или пароль"), e.getMessage());
        }
        assertEquals(1, server.getRequestCount());
        assertTrue(sleeps.isEmpty());
    }

    @Test
    void aPreIssuedTokenIsUsedAsIsAndItsRejectionReported() throws Exception {
        server.enqueue(json(NODES));
        server.enqueue(new MockResponse.Builder().code(401).build());
        try (LersClient lers = LersClient.builder().baseUrl(baseUrl()).token("long-lived-token").sleeper(sleeps::add).build()) {
            nodes(lers);
            LersAuthenticationException e = assertThrows(LersAuthenticationException.class, () -> nodes(lers));
            assertEquals(401, e.statusCode());
        }
        assertEquals("Bearer long-lived-token", take().getHeaders().get("Authorization"));
        assertEquals(2, server.getRequestCount(), "no login without credentials");
    }

    @Test
    void aPreIssuedTokenWithCredentialsFallsBackToLogin() throws Exception {
        server.enqueue(new MockResponse.Builder().code(401).build());
        server.enqueue(json(loginAnswer("tok-2", NOW.plus(Duration.ofHours(1)))));
        server.enqueue(json(NODES));
        try (LersClient lers = client().token("old-token").build()) {
            nodes(lers);
        }
        assertEquals("Bearer old-token", take().getHeaders().get("Authorization"));
        assertEquals("/api/v1/Login", take().getTarget());
        assertEquals("Bearer tok-2", take().getHeaders().get("Authorization"));
    }

    @Test
    void manyThreadsFindingTheTokenExpiredCauseExactlyOneLogin() throws Exception {
        AtomicInteger logins = new AtomicInteger();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) throws InterruptedException {
                if (r.getTarget().equals("/api/v1/Login")) {
                    int n = logins.incrementAndGet();
                    Thread.sleep(50); // a slow login, so the threads pile up behind it
                    return json(loginAnswer("tok-" + n, clock.instant().plus(Duration.ofMinutes(30))));
                }
                return json(NODES);
            }
        });
        int threads = 32;
        try (LersClient lers = client().build()) {
            nodes(lers);
            assertEquals(1, logins.get());
            clock.advance(Duration.ofMinutes(31)); // expired for every thread at once
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<GetNodeListResponseParameters>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<GetNodeListResponseParameters> task = () -> {
                    start.await();
                    return nodes(lers);
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            for (Future<GetNodeListResponseParameters> f : results) {
                assertEquals(1, f.get(20, TimeUnit.SECONDS).getNodes().size());
            }
            pool.shutdown();
        }
        assertEquals(2, logins.get(), "one login at start, exactly one renewal for 32 threads");
    }

    @Test
    void threadsWaitingOnAFailedLoginShareItsFailure() throws Exception {
        AtomicInteger logins = new AtomicInteger();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) throws InterruptedException {
                if (r.getTarget().equals("/api/v1/Login")) {
                    logins.incrementAndGet();
                    Thread.sleep(300); // long enough for every thread to queue behind it
                    return json(422, "{\"errorMessage\":\"Учётная запись заблокирована\",\"errorCode\":2}");
                }
                return json(NODES);
            }
        });
        int threads = 16;
        try (LersClient lers = client().build()) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Throwable>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        nodes(lers);
                        return null;
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            for (Future<Throwable> f : results) {
                Throwable t = f.get(20, TimeUnit.SECONDS);
                assertTrue(t instanceof LersAuthenticationException, String.valueOf(t));
                assertEquals("Учётная запись заблокирована", ((LersAuthenticationException) t).errorMessage().orElseThrow());
            }
            pool.shutdown();
        }
        assertEquals(1, logins.get(), "one failed login for all threads that waited on it");
        assertFalse(server.getRequestCount() > 1);
    }

    @Test
    void anApplicationKeyIsSentInsteadOfLoggingIn() throws Exception {
        server.enqueue(json(NODES));
        server.enqueue(json("{\"version\":\"3.67\"}"));
        server.enqueue(new MockResponse.Builder().code(401).body("key api-key-0123456789 revoked").build());
        try (LersClient lers = LersClient.builder().baseUrl(baseUrl()).apiKey("api-key-0123456789").sleeper(sleeps::add).build()) {
            nodes(lers);
            lers.serverInfo().getVersion().execute();
            LersAuthenticationException e = assertThrows(LersAuthenticationException.class, () -> nodes(lers));
            assertFalse(e.getMessage().contains("api-key-0123456789"), e.getMessage());
            assertFalse(e.body().contains("api-key-0123456789"), e.body());
            assertFalse(lers.toString().contains("api-key"));
        }
        RecordedRequest first = take();
        assertEquals("GET /api/v1/Core/Nodes", first.getMethod() + " " + first.getTarget());
        assertEquals("api-key-0123456789", first.getHeaders().get("x-lers-api-key"));
        assertNull(first.getHeaders().get("Authorization"));
        assertNull(take().getHeaders().get("x-lers-api-key"), "anonymous routes carry no key");
        assertEquals(3, server.getRequestCount(), "no login");
    }

    @Test
    void anApplicationKeyDoesNotMixWithALogin() {
        assertThrows(IllegalStateException.class,
                () -> LersClient.builder().baseUrl(baseUrl()).apiKey("k-123").credentials("a", "b").build());
        assertThrows(IllegalArgumentException.class, () -> LersClient.builder().apiKey(" "));
    }
}
