package io.lers4j;

import com.google.gson.JsonObject;
import io.lers4j.model.DataParameter;
import io.lers4j.v01.model.EntityType;
import io.lers4j.v01.model.Operation;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.lers4j.FakeHub.HUB;
import static io.lers4j.FakeHub.RS;
import static io.lers4j.FakeHub.notification;
import static io.lers4j.FakeHub.request;
import static io.lers4j.FakeHub.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hub client against a SignalR hub on MockWebServer, asserting what goes over the wire. */
class ServerHubTest extends TestSupport {

    private static final Operation SAVE = Operation.SAVE_CURRENT_DATA;
    private static final EntityType SESSION = EntityType.POLL_SESSION;
    private static final Duration WAIT = Duration.ofSeconds(10);

    private FakeHub fake;
    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final Logger julLogger = Logger.getLogger("io.lers4j");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logLines.add(String.valueOf(record.getMessage()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void startHub() {
        fake = new FakeHub(clock);
        server.setDispatcher(fake);
        julLogger.addHandler(capture);
        julLogger.setLevel(java.util.logging.Level.ALL);
    }

    @AfterEach
    void stopCapture() {
        julLogger.removeHandler(capture);
        julLogger.setLevel(null);
    }

    private static HubOptions.Builder options() {
        return HubOptions.builder().invocationTimeout(WAIT).handshakeTimeout(WAIT);
    }

    private LersClient lers(HubOptions.Builder options) {
        return client().hubOptions(options.build()).build();
    }

    private static HubEvent next(HubSubscription s) {
        return s.next(WAIT).orElseThrow(() -> new AssertionError("expected an event of " + s));
    }

    /** The records the client sent on a connection: the handshake, then one Subscribe. */
    private static JsonObject handshakeAndSubscribe(FakeHub.Socket socket) throws InterruptedException {
        assertEquals("{\"protocol\":\"json\",\"version\":1}", socket.nextRecord());
        JsonObject subscribe = socket.nextInvocation();
        assertEquals("Subscribe", subscribe.get("target").getAsString());
        return subscribe;
    }

    @Test
    void connectsLazilyNegotiatesAndSubscribesOnTheWire() throws Exception {
        try (LersClient lers = lers(options())) {
            ServerHub hub = lers.hub();
            assertEquals(HubState.DISCONNECTED, hub.state());
            assertEquals(0, server.getRequestCount(), "nothing is sent before the first subscription");

            HubSubscription s = hub.subscribe(SAVE, SESSION, 175091);
            assertEquals(HubState.CONNECTED, hub.state());
            assertTrue(s.isActive());

            request(fake.logins, "the login");
            RecordedRequest negotiate = request(fake.negotiations, "negotiate");
            assertEquals("POST", negotiate.getMethod());
            assertEquals(HUB + "/negotiate?negotiateVersion=1", negotiate.getTarget());
            assertEquals("Bearer " + token(1), negotiate.getHeaders().get("Authorization"));
            assertEquals(0, negotiate.getBodySize());

            RecordedRequest upgrade = request(fake.upgrades, "the upgrade");
            assertEquals("GET", upgrade.getMethod());
            assertEquals(HUB + "?id=ct-1", upgrade.getTarget(), "the connection token, no access_token");
            assertEquals("Bearer " + token(1), upgrade.getHeaders().get("Authorization"));
            assertEquals("websocket", upgrade.getHeaders().get("Upgrade"));
            assertNull(upgrade.getHeaders().get("Sec-WebSocket-Extensions"), "no compression: it could inflate past the limit");
            assertEquals("lers4j", upgrade.getHeaders().get("User-Agent"));

            FakeHub.Socket socket = fake.nextSocket();
            assertEquals("{\"protocol\":\"json\",\"version\":1}" + RS, socket.messages.poll(10, TimeUnit.SECONDS));
            assertEquals("{\"type\":1,\"invocationId\":\"1\",\"target\":\"Subscribe\",\"arguments\":[\"SAVE_CURRENT_DATA\","
                    + "\"PollSession\",175091]}" + RS, socket.messages.poll(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void framingHandshakeReplyWithANotifySeveralRecordsInOneMessageAndOneSplitOverTwo() throws Exception {
        fake.afterHandshake = notification("SAVE_CURRENT_DATA", "PollSession", 7, "{\"n\":0}");
        try (LersClient lers = lers(options())) {
            HubSubscription s = lers.hub().subscribe(SAVE, SESSION, 7);
            assertEquals("{\"n\":0}", next(s).jsonData(), "the Notify in the handshake reply's message");
            FakeHub.Socket socket = fake.nextSocket();
            handshakeAndSubscribe(socket);

            socket.send(notification("SAVE_CURRENT_DATA", "PollSession", 7, "{\"n\":1}") + "{\"type\":6}" + RS
                    + notification("SAVE_CURRENT_DATA", "PollSession", 7, "{\"n\":2}"));
            String split = notification("SAVE_CURRENT_DATA", "PollSession", 7, "{\"n\":3}");
            socket.send(split.substring(0, 25));
            socket.send(split.substring(25, 60));
            socket.send(split.substring(60));
            assertEquals("{\"n\":1}", next(s).jsonData());
            assertEquals("{\"n\":2}", next(s).jsonData());
            assertEquals("{\"n\":3}", next(s).jsonData());
        }
    }

    @Test
    void eventsAreTypedAndRawAndWhatDoesNotReadIsSkippedOrKeptRaw() throws Exception {
        try (LersClient lers = lers(options())) {
            ServerHub hub = lers.hub();
            HubSubscription current = hub.subscribe(SAVE, EntityType.EMPTY, 0); // any entity of any type
            HubSubscription changes = hub.subscribe(Operation.ENTITY_CHANGED, EntityType.MEASURE_POINT, 0);
            HubSubscription online = hub.subscribe(Operation.DEVICE_ONLINE_CHANGED, EntityType.EQUIPMENT, 55);
            HubSubscription log = hub.subscribe(Operation.NOTIFY_POLL_LOG_MESSAGE, SESSION, 9);
            FakeHub.Socket socket = fake.nextSocket();

            socket.send("not json at all" + RS + "{\"type\":1,\"target\":\"Notify\",\"arguments\":[{\"x\":1}]}" + RS
                    + "{\"type\":1,\"target\":\"SomethingElse\",\"arguments\":[]}" + RS + "{\"type\":42}" + RS);
            socket.send(notification("SAVE_CURRENT_DATA", "PollSession", 175091, HubProtocolTest.CURRENT_2022));
            socket.send(notification("SAVE_CURRENT_DATA", "MeasurePoint", 1003, HubProtocolTest.CURRENT_2020));
            socket.send(notification("SAVE_CURRENT_DATA", "PollSession", 175091, "{\"measurePointId\":1002,\"consumption\":"));
            socket.send(notification("ENTITY_CHANGED", "MeasurePoint", 1002, "{\"entityType\":\"MeasurePoint\",\"entityId\":1002,"
                    + "\"operation\":\"Deleted\"}"));
            socket.send(notification("DEVICE_ONLINE_CHANGED", "Equipment", 56, "{\"equipmentId\":56,\"isOnline\":true}"));
            socket.send(notification("DEVICE_ONLINE_CHANGED", "Equipment", 55, "{\"equipmentId\":55,\"isOnline\":false}"));
            socket.send(notification("NOTIFY_POLL_LOG_MESSAGE", "PollSession", 9, "{\"message\":\"Опрос начат\"}"));

            SavedCurrentData d2022 = next(current).savedCurrentData().orElseThrow();
            assertEquals(1002, d2022.measurePointId());
            assertEquals(71.5, d2022.record().value(DataParameter.T_IN).getAsDouble());
            HubEvent e2020 = next(current);
            assertEquals(EntityType.MEASURE_POINT, e2020.entityType());
            assertEquals(65.25, e2020.savedCurrentData().orElseThrow().record().value(DataParameter.T_IN).getAsDouble());
            HubEvent broken = next(current);
            assertTrue(broken.savedCurrentData().isEmpty(), "a payload that does not read has no typed view");
            assertEquals("{\"measurePointId\":1002,\"consumption\":", broken.jsonData(), "and is kept raw");

            assertEquals("Deleted", next(changes).entityChanged().orElseThrow().getOperation().getValue());
            HubEvent offline = next(online);
            assertEquals(55, offline.entityId(), "the event of equipment 56 went elsewhere");
            assertFalse(offline.deviceOnlineChanged().orElseThrow().getIsOnline());
            assertEquals("{\"message\":\"Опрос начат\"}", next(log).jsonData());
            assertEquals(HubState.CONNECTED, hub.state());
        }
    }

    @Test
    void anOversizeMessageDropsTheConnectionAndTheHubReconnects() throws Exception {
        try (LersClient lers = lers(options().maxMessageSize(4096))) {
            HubSubscription s = lers.hub().subscribe(SAVE, SESSION, 7);
            FakeHub.Socket first = fake.nextSocket();
            handshakeAndSubscribe(first);
            // one record longer than the limit, in a message the wire allows
            first.send(notification("SAVE_CURRENT_DATA", "PollSession", 7, "{\"big\":\"" + "x".repeat(10_000) + "\"}"));
            FakeHub.Socket second = fake.nextSocket();
            handshakeAndSubscribe(second);
            // a message far longer than the limit on the wire: refused while it is read
            second.send(notification("SAVE_CURRENT_DATA", "PollSession", 7, "{\"huge\":\"" + "y".repeat(2_000_000) + "\"}"));
            FakeHub.Socket third = fake.nextSocket();
            handshakeAndSubscribe(third);
            third.send(notification("SAVE_CURRENT_DATA", "PollSession", 7, "{\"n\":1}"));
            assertEquals("{\"n\":1}", next(s).jsonData(), "neither oversize message was delivered");
            assertEquals(3, fake.negotiations.size());
        }
    }

    @Test
    void reconnectsAfterTheServerDropsTheSocketAndSubscribesAgain() throws Exception {
        try (LersClient lers = lers(options())) {
            ServerHub hub = lers.hub();
            HubSubscription s = hub.subscribe(SAVE, SESSION, 175091);
            request(fake.negotiations, "negotiate");
            assertEquals(HUB + "?id=ct-1", request(fake.upgrades, "the upgrade").getTarget());
            FakeHub.Socket first = fake.nextSocket();
            JsonObject subscribe = handshakeAndSubscribe(first);

            first.drop();
            request(fake.negotiations, "a new negotiate after the drop");
            assertEquals(HUB + "?id=ct-2", request(fake.upgrades, "the new upgrade").getTarget());
            FakeHub.Socket second = fake.nextSocket();
            JsonObject again = handshakeAndSubscribe(second);
            assertEquals(subscribe.get("arguments"), again.get("arguments"), "the same subscription, on the new connection");
            assertNotSame(subscribe.get("invocationId").getAsString(), again.get("invocationId").getAsString());

            second.send(notification("SAVE_CURRENT_DATA", "PollSession", 175091, "{\"after\":\"reconnect\"}"));
            assertEquals("{\"after\":\"reconnect\"}", next(s).jsonData());
            assertEquals(HubState.CONNECTED, hub.state());
            assertEquals(List.of(), sleeps, "the first reconnect is at once");
        }
    }

    @Test
    void anErrorWhileConnectingReachesTheSubscriberAndAnErrorWhileReconnectingEndsTheHub() throws Exception {
        // what mismatched OkHttp and okio jars throw from inside OkHttp, here from an interceptor on negotiate
        AtomicInteger failNegotiate = new AtomicInteger(1);
        okhttp3.OkHttpClient http = new okhttp3.OkHttpClient.Builder().addInterceptor(chain -> {
            if (chain.request().url().encodedPath().endsWith("/negotiate") && failNegotiate.getAndDecrement() > 0) {
                throw new NoSuchMethodError("'okio.Socket okio.Okio.socket(java.net.Socket)'");
            }
            return chain.proceed(chain.request());
        }).build();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try (LersClient lers = client().httpClient(http).hubOptions(options().build()).build()) {
            ServerHub hub = lers.hub();
            Future<HubSubscription> first = caller.submit(() -> hub.subscribe(SAVE, SESSION, 1));
            java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> first.get(10, TimeUnit.SECONDS), "the subscriber gets the error rather than waiting forever");
            assertTrue(e.getCause() instanceof NoSuchMethodError, String.valueOf(e.getCause()));
            assertEquals(HubState.DISCONNECTED, hub.state());

            HubSubscription s = hub.subscribe(SAVE, SESSION, 1);
            FakeHub.Socket socket = fake.nextSocket();
            handshakeAndSubscribe(socket);
            failNegotiate.set(1);
            socket.drop();
            LersHubException ended = assertThrows(LersHubException.class, () -> s.next(WAIT));
            assertTrue(ended.getMessage().contains("NoSuchMethodError"), ended.getMessage());
            assertEquals(HubState.CLOSED, hub.state());
            assertTrue(hub.failure().orElseThrow().getCause() instanceof NoSuchMethodError);
        } finally {
            caller.shutdownNow();
        }
    }

    @Test
    void pingsAndReconnectsWhenTheServerGoesSilent() throws Exception {
        try (LersClient lers = lers(options().keepAliveInterval(Duration.ofMillis(50)).serverTimeout(Duration.ofMillis(500)))) {
            HubSubscription s = lers.hub().subscribe(SAVE, SESSION, 7);
            FakeHub.Socket first = fake.nextSocket();
            handshakeAndSubscribe(first);
            assertEquals("{\"type\":6}", first.pings.poll(10, TimeUnit.SECONDS));
            assertEquals("{\"type\":6}", first.pings.poll(10, TimeUnit.SECONDS));
            // the fake hub answers nothing to pings: after the server timeout the client connects anew
            FakeHub.Socket second = fake.nextSocket();
            handshakeAndSubscribe(second);
            assertTrue(first.closing.await(10, TimeUnit.SECONDS), "the silent connection was given up");
            second.send(notification("SAVE_CURRENT_DATA", "PollSession", 7, "{\"n\":1}"));
            assertEquals("{\"n\":1}", next(s).jsonData());
        }
    }

    @Test
    void aServerCloseThatAllowsReconnectIsReconnected() throws Exception {
        try (LersClient lers = lers(options())) {
            HubSubscription s = lers.hub().subscribe(SAVE, SESSION, 7);
            FakeHub.Socket first = fake.nextSocket();
            handshakeAndSubscribe(first);
            first.send("{\"type\":7,\"error\":\"Server restarting\",\"allowReconnect\":true}" + RS);
            assertTrue(first.closing.await(10, TimeUnit.SECONDS));
            FakeHub.Socket second = fake.nextSocket();
            handshakeAndSubscribe(second);
            second.send(notification("SAVE_CURRENT_DATA", "PollSession", 7, "{\"n\":1}"));
            assertEquals("{\"n\":1}", next(s).jsonData());
            assertTrue(s.isActive());
        }
    }

    @Test
    void aServerCloseWithoutReconnectEndsTheHubAndEverySubscription() throws Exception {
        try (LersClient lers = lers(options())) {
            ServerHub hub = lers.hub();
            AtomicReference<LersException> ended = new AtomicReference<>();
            CountDownLatch end = new CountDownLatch(1);
            HubSubscription withListener = hub.subscribe(SAVE, SESSION, 7, new HubListener() {
                @Override
                public void onEvent(HubEvent event) {
                }

                @Override
                public void onEnd(LersException failure) {
                    ended.set(failure);
                    end.countDown();
                }
            });
            HubSubscription pulled = hub.subscribe(SAVE, SESSION, 8);
            FakeHub.Socket socket = fake.nextSocket();
            socket.send(notification("SAVE_CURRENT_DATA", "PollSession", 8, "{\"last\":true}")
                    + "{\"type\":7,\"error\":\"Connection closed with an error.\"}" + RS);

            assertTrue(end.await(10, TimeUnit.SECONDS));
            LersHubException why = (LersHubException) ended.get();
            assertEquals("Connection closed with an error.", why.serverError().orElseThrow());
            assertEquals(HubState.CLOSED, hub.state());
            assertEquals(why, hub.failure().orElseThrow());
            assertEquals("{\"last\":true}", next(pulled).jsonData(), "what came before the close is still delivered");
            LersHubException thrown = assertThrows(LersHubException.class, () -> pulled.next(WAIT));
            assertEquals("Connection closed with an error.", thrown.serverError().orElseThrow());
            assertFalse(withListener.isActive());
            assertTrue(socket.closing.await(10, TimeUnit.SECONDS), "the client closed the WebSocket");
            assertThrows(IllegalStateException.class, () -> hub.subscribe(SAVE, SESSION, 9));
            assertEquals(1, fake.negotiations.size(), "closed, so never reconnected");
            assertNotSame(hub, lers.hub(), "a closed hub is replaced by a new one");
            assertEquals(HubState.DISCONNECTED, lers.hub().state());
        }
    }

    @Test
    void theReconnectAfterTheTokenExpiredUsesTheRenewedToken() throws Exception {
        try (LersClient lers = lers(options())) {
            HubSubscription s = lers.hub().subscribe(SAVE, SESSION, 7);
            assertEquals("Bearer " + token(1), request(fake.negotiations, "negotiate").getHeaders().get("Authorization"));
            assertEquals("Bearer " + token(1), request(fake.upgrades, "the upgrade").getHeaders().get("Authorization"));
            FakeHub.Socket first = fake.nextSocket();
            handshakeAndSubscribe(first);

            clock.advance(Duration.ofHours(2)); // a long connection: the token has expired meanwhile
            first.drop();
            request(fake.logins, "the first login");
            request(fake.logins, "a new login for the reconnect");
            assertEquals("Bearer " + token(2), request(fake.negotiations, "negotiate").getHeaders().get("Authorization"));
            assertEquals("Bearer " + token(2), request(fake.upgrades, "the upgrade").getHeaders().get("Authorization"));
            FakeHub.Socket second = fake.nextSocket();
            handshakeAndSubscribe(second);
            second.send(notification("SAVE_CURRENT_DATA", "PollSession", 7, "{\"n\":1}"));
            assertEquals("{\"n\":1}", next(s).jsonData());
        }
    }

    @Test
    void aRefusedHeaderFallsBackToTheQueryFormOnceAndKeepsIt() throws Exception {
        fake.upgradeRefusal = r -> r.getHeaders().get("Authorization") != null ? new MockResponse.Builder().code(401).build() : null;
        try (LersClient lers = lers(options())) {
            HubSubscription s = lers.hub().subscribe(SAVE, SESSION, 7);
            assertEquals("Bearer " + token(1), request(fake.upgrades, "the upgrade").getHeaders().get("Authorization"));
            RecordedRequest renewed = request(fake.upgrades, "the upgrade with a renewed token");
            assertEquals("Bearer " + token(2), renewed.getHeaders().get("Authorization"));
            assertEquals(2, fake.logins.size(), "the token was renewed once");
            RecordedRequest query = request(fake.upgrades, "the upgrade in the query form");
            assertNull(query.getHeaders().get("Authorization"));
            assertEquals(HUB + "?id=ct-1&access_token=" + token(2), query.getTarget());
            FakeHub.Socket first = fake.nextSocket();
            handshakeAndSubscribe(first);

            first.drop();
            RecordedRequest negotiate = request(fake.negotiations, "negotiate");
            negotiate = request(fake.negotiations, "the reconnect's negotiate");
            assertEquals("Bearer " + token(2), negotiate.getHeaders().get("Authorization"), "negotiate took the header");
            RecordedRequest again = request(fake.upgrades, "the reconnect's upgrade");
            assertEquals(HUB + "?id=ct-2&access_token=" + token(2), again.getTarget(), "straight to the query form");
            assertNull(again.getHeaders().get("Authorization"));
            FakeHub.Socket second = fake.nextSocket();
            handshakeAndSubscribe(second);
            second.send(notification("SAVE_CURRENT_DATA", "PollSession", 7, "{\"n\":1}"));
            assertEquals("{\"n\":1}", next(s).jsonData());
        }
        assertTrue(logLines.stream().anyMatch(l -> l.contains("access_token query parameter")), String.valueOf(logLines));
        for (String line : logLines) {
            assertFalse(line.contains("eyJ") || line.contains("access_token=") || line.contains("ct-"), line);
        }
    }

    @Test
    void anUpgradeRefusedInEveryFormFailsWithoutQuotingTheToken() throws Exception {
        fake.upgradeRefusal = r -> new MockResponse.Builder().code(401).body("token " + r.getUrl().queryParameter("access_token")
                + " rejected").build();
        try (LersClient lers = lers(options())) {
            ServerHub hub = lers.hub();
            LersAuthenticationException e = assertThrows(LersAuthenticationException.class, () -> hub.subscribe(SAVE, SESSION, 7));
            assertEquals(401, e.statusCode());
            assertEquals("GET " + HUB, e.operation());
            for (String text : new String[]{e.getMessage(), e.toString(), e.body()}) {
                assertFalse(text.contains("eyJ") || text.contains("access_token=") || text.contains("ct-1"), text);
            }
            assertEquals(3, fake.upgrades.size(), "header, header with the renewed token, query form");
            assertEquals(HubState.DISCONNECTED, hub.state(), "a later subscription tries again");
        }
    }

    @Test
    void eightSubscribersAtOnceShareOneConnectionAndEachGetsItsOwnEvents() throws Exception {
        int n = 8;
        try (LersClient lers = lers(options())) {
            ServerHub hub = lers.hub();
            List<List<HubEvent>> received = new ArrayList<>();
            List<CountDownLatch> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                received.add(new CopyOnWriteArrayList<>());
                done.add(new CountDownLatch(2));
            }
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(n);
            List<Future<HubSubscription>> subscriptions = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int me = i;
                subscriptions.add(threads.submit(() -> {
                    start.await();
                    return hub.subscribe(SAVE, SESSION, 100 + me, e -> {
                        received.get(me).add(e);
                        done.get(me).countDown();
                    });
                }));
            }
            start.countDown();
            for (Future<HubSubscription> f : subscriptions) {
                assertTrue(f.get(20, TimeUnit.SECONDS).isActive());
            }
            threads.shutdown();
            assertEquals(1, fake.negotiations.size(), "one connection for all");
            FakeHub.Socket socket = fake.nextSocket();
            socket.nextRecord(); // the handshake
            List<Integer> subscribed = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                subscribed.add(socket.nextInvocation().get("arguments").getAsJsonArray().get(2).getAsInt());
            }
            subscribed.sort(null);
            assertEquals(List.of(100, 101, 102, 103, 104, 105, 106, 107), subscribed);

            StringBuilder frame = new StringBuilder();
            for (int i = 0; i < n; i++) {
                frame.append(notification("SAVE_CURRENT_DATA", "PollSession", 100 + i, "{\"for\":" + i + "}"));
            }
            for (int i = 0; i < n; i++) {
                frame.append(notification("SAVE_CURRENT_DATA", "PollSession", 100 + i, "{\"end\":" + i + "}"));
            }
            socket.send(frame.toString());
            for (int i = 0; i < n; i++) {
                assertTrue(done.get(i).await(10, TimeUnit.SECONDS), "subscriber " + i);
                List<String> data = new ArrayList<>();
                received.get(i).forEach(e -> data.add(e.jsonData()));
                // every event routed to it came before its own second one: nothing of the others' is among them
                assertEquals(List.of("{\"for\":" + i + "}", "{\"end\":" + i + "}"), data);
            }
        }
    }

    @Test
    void aSlowSubscriberLosesEventsThatAreCountedAndTheOthersGetThemAll() throws Exception {
        int events = 30;
        try (LersClient lers = lers(options().eventBufferSize(4))) {
            ServerHub hub = lers.hub();
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger slowGot = new AtomicInteger();
            HubSubscription slow = hub.subscribe(SAVE, SESSION, 7, e -> {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
                slowGot.incrementAndGet();
            });
            Semaphore arrived = new Semaphore(0);
            List<HubEvent> fastGot = new CopyOnWriteArrayList<>();
            HubSubscription fast = hub.subscribe(SAVE, SESSION, 7, e -> {
                fastGot.add(e);
                arrived.release();
            });
            AtomicInteger throwingGot = new AtomicInteger();
            HubSubscription throwing = hub.subscribe(SAVE, SESSION, 7, e -> {
                throwingGot.incrementAndGet();
                throw new IllegalStateException("a listener's own bug");
            });
            FakeHub.Socket socket = fake.nextSocket();
            for (int i = 0; i < events; i++) {
                socket.send(notification("SAVE_CURRENT_DATA", "PollSession", 7, "{\"n\":" + i + "}"));
                assertTrue(arrived.tryAcquire(10, TimeUnit.SECONDS), "event " + i + " reached the fast subscriber");
            }
            assertEquals(events, fastGot.size());
            assertEquals(0, fast.droppedEvents());
            release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((slowGot.get() + slow.droppedEvents() < events || throwingGot.get() + throwing.droppedEvents() < events)
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(events, slowGot.get() + slow.droppedEvents(), "each event delivered or counted");
            assertTrue(slow.droppedEvents() >= events - 4 - 2, "dropped: " + slow.droppedEvents());
            assertEquals(events, throwingGot.get() + throwing.droppedEvents(), "a listener that throws goes on receiving");
            assertTrue(throwingGot.get() > 1);
            assertEquals(slow.droppedEvents() + throwing.droppedEvents(), hub.droppedEvents());
            assertTrue(logLines.stream().anyMatch(l -> l.contains("a listener's own bug")));
            assertEquals(HubState.CONNECTED, hub.state());
        }
    }

    @Test
    void closeIsCleanAndTheClientClosesItsHub() throws Exception {
        LersClient lers = lers(options());
        ServerHub hub = lers.hub();
        CountDownLatch listenerEnded = new CountDownLatch(1);
        AtomicReference<LersException> endedWith = new AtomicReference<>(new LersHubException("not ended", "", null, false, null));
        HubSubscription s = hub.subscribe(SAVE, SESSION, 7, new HubListener() {
            @Override
            public void onEvent(HubEvent event) {
            }

            @Override
            public void onEnd(LersException failure) {
                endedWith.set(failure);
                listenerEnded.countDown();
            }
        });
        CountDownLatch completed = new CountDownLatch(2);
        Flow.Subscriber<HubEvent> subscriber = new Flow.Subscriber<HubEvent>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(HubEvent item) {
            }

            @Override
            public void onError(Throwable throwable) {
            }

            @Override
            public void onComplete() {
                completed.countDown();
            }
        };
        s.events().subscribe(subscriber);
        hub.events().subscribe(subscriber);
        FakeHub.Socket socket = fake.nextSocket();
        handshakeAndSubscribe(socket);
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("lers4j-hub")) {
                assertTrue(t.isDaemon(), t.getName());
            }
        }

        lers.close();
        assertTrue(socket.closing.await(10, TimeUnit.SECONDS));
        assertEquals(1000, socket.closeCode, "a normal close frame");
        assertTrue(listenerEnded.await(10, TimeUnit.SECONDS));
        assertNull(endedWith.get(), "closed, not failed");
        assertTrue(completed.await(10, TimeUnit.SECONDS), "the publishers completed");
        assertEquals(HubState.CLOSED, hub.state());
        assertFalse(s.isActive());
        assertThrows(IllegalStateException.class, lers::hub);
        assertThrows(IllegalStateException.class, () -> hub.subscribe(SAVE, SESSION, 8));
        assertTrue(hub.failure().isEmpty());
    }

    @Test
    void aVersion0AnswerAndASameOriginRedirectAreFollowed() throws Exception {
        fake.negotiateAnswer = n -> n == 1
                ? json("{\"url\":\"" + server.url(HUB + "?shard=2") + "\",\"accessToken\":\"redirect-access-token-0123\"}")
                : json("{\"connectionId\":\"legacy-id\",\"availableTransports\":[{\"transport\":\"WebSockets\","
                + "\"transferFormats\":[\"Text\"]}]}");
        try (LersClient lers = lers(options())) {
            lers.hub().subscribe(SAVE, SESSION, 7);
            assertEquals("Bearer " + token(1), request(fake.negotiations, "negotiate").getHeaders().get("Authorization"));
            RecordedRequest redirected = request(fake.negotiations, "the redirect's negotiate");
            assertEquals(HUB + "/negotiate?shard=2&negotiateVersion=1", redirected.getTarget());
            assertEquals("Bearer redirect-access-token-0123", redirected.getHeaders().get("Authorization"));
            RecordedRequest upgrade = request(fake.upgrades, "the upgrade");
            assertEquals(HUB + "?shard=2&id=legacy-id", upgrade.getTarget(), "version 0: connectionId is the id");
            assertEquals("Bearer redirect-access-token-0123", upgrade.getHeaders().get("Authorization"));
        }
    }

    @Test
    void aRedirectToAnotherOriginIsRefusedAndNothingIsSentThere() throws Exception {
        try (MockWebServer other = new MockWebServer()) {
            other.start();
            fake.negotiateAnswer = n -> json("{\"url\":\"" + other.url("/serverHub") + "\",\"accessToken\":\"elsewhere-token\"}");
            try (LersClient lers = lers(options())) {
                ServerHub hub = lers.hub();
                LersHubException e = assertThrows(LersHubException.class, () -> hub.subscribe(SAVE, SESSION, 7));
                assertTrue(e.getMessage().contains("another origin"), e.getMessage());
                assertEquals(0, other.getRequestCount());
                assertEquals(0, fake.upgrades.size());
                assertEquals(HubState.DISCONNECTED, hub.state());
            }
        }
    }

    @Test
    void aNegotiateErrorARefusedSubscribeAndAMissingHubAreTypedFailures() throws Exception {
        fake.negotiateAnswer = n -> n == 1 ? json("{\"error\":\"Negotiate version not supported\"}") : FakeHub.negotiated(n);
        fake.invocationReply = m -> {
            String id = m.get("invocationId").getAsString();
            int entity = m.get("arguments").getAsJsonArray().get(2).getAsInt();
            return entity == 666 ? "{\"type\":3,\"invocationId\":\"" + id + "\",\"error\":\"Failed to invoke 'Subscribe' due "
                    + "to an error on the server.\"}" + RS : "{\"type\":3,\"invocationId\":\"" + id + "\",\"result\":null}" + RS;
        };
        try (LersClient lers = lers(options())) {
            ServerHub hub = lers.hub();
            LersHubException refused = assertThrows(LersHubException.class, () -> hub.subscribe(SAVE, SESSION, 7));
            assertEquals("Negotiate version not supported", refused.serverError().orElseThrow());
            assertEquals("POST " + HUB + "/negotiate", refused.operation());

            LersHubException subscribe = assertThrows(LersHubException.class, () -> hub.subscribe(SAVE, SESSION, 666));
            assertTrue(subscribe.serverError().orElseThrow().startsWith("Failed to invoke 'Subscribe'"));
            assertEquals(HubState.CONNECTED, hub.state(), "one refused subscription leaves the connection");
            assertTrue(hub.subscribe(SAVE, SESSION, 7).isActive());
        }
        try (LersClient lers = lers(options().path("/lers/hub/"))) {
            LersHubException missing = assertThrows(LersHubException.class, () -> lers.hub().subscribe(SAVE, SESSION, 7));
            assertTrue(missing.getMessage().contains("HubOptions.path"), missing.getMessage());
            assertEquals("POST /lers/hub/negotiate", missing.operation());
        }
    }

    @Test
    void badCallerInputFailsBeforeAnythingIsSent() {
        try (LersClient lers = lers(options())) {
            ServerHub hub = lers.hub();
            assertThrows(NullPointerException.class, () -> hub.subscribe(null, SESSION, 7));
            assertThrows(NullPointerException.class, () -> hub.subscribe(SAVE, null, 7));
            IllegalArgumentException noId = assertThrows(IllegalArgumentException.class, () -> hub.subscribe(SAVE, SESSION, null));
            assertTrue(noId.getMessage().contains("entityId"));
            assertThrows(NullPointerException.class, () -> hub.subscribe(SAVE, SESSION, 7, null));
        }
        try (LersClient anonymous = LersClient.builder().baseUrl(baseUrl()).anonymous().build()) {
            assertThrows(LersAuthenticationException.class, () -> anonymous.hub().subscribe(SAVE, SESSION, 7));
        }
        // through a SOCKS proxy OkHttp bypasses the sockets that bound a message: refused before anything is sent
        okhttp3.OkHttpClient socks = new okhttp3.OkHttpClient.Builder().proxy(new java.net.Proxy(java.net.Proxy.Type.SOCKS,
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 9))).build();
        try (LersClient viaSocks = LersClient.builder().baseUrl(baseUrl()).token("tok-1").httpClient(socks).build()) {
            LersHubException e = assertThrows(LersHubException.class, () -> viaSocks.hub().subscribe(SAVE, SESSION, 7));
            assertTrue(e.getMessage().contains("SOCKS"), e.getMessage());
        }
        assertEquals(0, server.getRequestCount());
        assertThrows(IllegalArgumentException.class, () -> HubOptions.builder().path("https://elsewhere.example/hub"));
        assertThrows(IllegalArgumentException.class, () -> HubOptions.builder().path("api/../../admin"));
        assertThrows(IllegalArgumentException.class, () -> HubOptions.builder().path("hub?access_token=x"));
        assertThrows(IllegalArgumentException.class, () -> HubOptions.builder().path(" / "));
        assertThrows(IllegalArgumentException.class, () -> HubOptions.builder().unsubscribeMethod("Un subscribe"));
        assertThrows(IllegalArgumentException.class, () -> HubOptions.builder().eventBufferSize(0));
        assertThrows(IllegalArgumentException.class, () -> HubOptions.builder().maxMessageSize(100));
        assertThrows(IllegalArgumentException.class, () -> HubOptions.builder().reconnectDelays());
        assertThrows(IllegalArgumentException.class, () -> HubOptions.builder().reconnectDelays(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> HubOptions.builder().keepAliveInterval(Duration.ZERO));
        assertThrows(IllegalArgumentException.class,
                () -> HubOptions.builder().keepAliveInterval(Duration.ofSeconds(40)).build(), "longer than the server timeout");
        assertEquals("api/v0.1/rpc/serverHub", HubOptions.defaults().path());
        assertEquals(List.of(Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30)),
                HubOptions.defaults().reconnectDelays());
        assertEquals(Duration.ofSeconds(30), HubOptions.defaults().reconnectDelay(9), "the last delay repeats");
    }

    @Test
    void anApiKeyGoesInItsOwnHeaderOnNegotiateAndUpgrade() throws Exception {
        String key = "app-key-0123456789abcdef";
        try (LersClient lers = LersClient.builder().baseUrl(baseUrl()).apiKey(key).hubOptions(options().build()).build()) {
            lers.hub().subscribe(SAVE, SESSION, 7);
            RecordedRequest negotiate = request(fake.negotiations, "negotiate");
            assertEquals(key, negotiate.getHeaders().get(ApiKeyHeader.HEADER));
            assertNull(negotiate.getHeaders().get("Authorization"));
            RecordedRequest upgrade = request(fake.upgrades, "the upgrade");
            assertEquals(key, upgrade.getHeaders().get(ApiKeyHeader.HEADER));
            assertNull(upgrade.getHeaders().get("Authorization"));
            assertEquals(HUB + "?id=ct-1", upgrade.getTarget());
            assertEquals(0, fake.logins.size());
        }
    }

    @Test
    void aClosedSubscriptionStopsLocallyAndTheConfiguredUnsubscribeIsSent() throws Exception {
        try (LersClient lers = lers(options())) {
            ServerHub hub = lers.hub();
            HubSubscription closed = hub.subscribe(SAVE, SESSION, 7);
            HubSubscription sameFilter = hub.subscribe(SAVE, SESSION, 7);
            FakeHub.Socket socket = fake.nextSocket();
            handshakeAndSubscribe(socket);
            closed.close();
            assertFalse(closed.isActive());
            assertEquals(Optional.empty(), closed.next(WAIT), "a closed subscription has nothing more");
            socket.send(notification("SAVE_CURRENT_DATA", "PollSession", 7, "{\"n\":1}"));
            assertEquals("{\"n\":1}", next(sameFilter).jsonData(), "the other subscription of the filter still gets it");
            sameFilter.close();
            hub.subscribe(SAVE, SESSION, 8);
            JsonObject nextSent = socket.nextInvocation();
            assertEquals("Subscribe", nextSent.get("target").getAsString(), "no Unsubscribe is known by default");
        }
        try (LersClient lers = lers(options().unsubscribeMethod("Unsubscribe"))) {
            ServerHub hub = lers.hub();
            HubSubscription s = hub.subscribe(SAVE, SESSION, 7);
            FakeHub.Socket socket = fake.nextSocket();
            handshakeAndSubscribe(socket);
            s.close();
            assertEquals("{\"type\":1,\"invocationId\":\"2\",\"target\":\"Unsubscribe\",\"arguments\":[\"SAVE_CURRENT_DATA\","
                    + "\"PollSession\",7]}", socket.nextRecord());
        }
    }
}
