package io.lers4j;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A SignalR hub as LERS serves it, on a MockWebServer: answers the login, negotiate and the
 * WebSocket upgrade, shakes hands and confirms invocations by itself (each can be switched off),
 * and records everything the client sends, record by record.
 */
final class FakeHub extends Dispatcher {

    static final String HUB = "/api/v0.1/rpc/serverHub";
    static final char RS = '\u001e';

    final BlockingQueue<RecordedRequest> logins = new LinkedBlockingQueue<>();
    final BlockingQueue<RecordedRequest> negotiations = new LinkedBlockingQueue<>();
    final BlockingQueue<RecordedRequest> upgrades = new LinkedBlockingQueue<>();
    final BlockingQueue<Socket> sockets = new LinkedBlockingQueue<>();
    private final AtomicInteger loginCount = new AtomicInteger();
    private final AtomicInteger negotiateCount = new AtomicInteger();
    private final Clock clock;

    /** The negotiate answer for the n-th negotiate (1 for the first). */
    volatile Function<Integer, MockResponse> negotiateAnswer = FakeHub::negotiated;
    /** An upgrade answer other than the WebSocket, or null to accept it. */
    volatile Function<RecordedRequest, MockResponse> upgradeRefusal = r -> null;
    volatile boolean answerHandshake = true;
    /** The answer to an invocation the client sent (null: none); by default its Completion. */
    volatile Function<JsonObject, String> invocationReply = m -> "{\"type\":3,\"invocationId\":\""
            + m.get("invocationId").getAsString() + "\"}" + RS;
    /** Sent right after the handshake reply, in the same WebSocket message. */
    volatile String afterHandshake = "";

    FakeHub(Clock clock) {
        this.clock = clock;
    }

    @Override
    public MockResponse dispatch(RecordedRequest r) {
        String path = r.getUrl().encodedPath();
        if (path.equals("/api/v1/Login")) {
            logins.add(r);
            return TestSupport.json(TestSupport.loginAnswer(token(loginCount.incrementAndGet()),
                    clock.instant().plus(Duration.ofMinutes(30))));
        }
        if (path.equals(HUB + "/negotiate") && r.getMethod().equals("POST")) {
            negotiations.add(r);
            return negotiateAnswer.apply(negotiateCount.incrementAndGet());
        }
        if (path.equals(HUB) && r.getMethod().equals("GET")) {
            upgrades.add(r);
            MockResponse refusal = upgradeRefusal.apply(r);
            if (refusal != null) {
                return refusal;
            }
            Socket socket = new Socket();
            sockets.add(socket);
            return new MockResponse.Builder().webSocketUpgrade(socket).build();
        }
        return new MockResponse.Builder().code(404).build();
    }

    /** A version 1 answer, as ASP.NET Core gives it: connection n. */
    static MockResponse negotiated(int n) {
        return TestSupport.json("{\"negotiateVersion\":1,\"connectionId\":\"id-" + n + "\",\"connectionToken\":\"ct-" + n
                + "\",\"availableTransports\":[{\"transport\":\"WebSockets\",\"transferFormats\":[\"Text\",\"Binary\"]},"
                + "{\"transport\":\"LongPolling\",\"transferFormats\":[\"Text\",\"Binary\"]}]}");
    }

    /** The n-th token the fake login issues: long enough to be masked, as real ones are. */
    static String token(int n) {
        return "eyJhbGciOiJIUzI1NiJ9.token-" + n + ".c2lnbmF0dXJl";
    }

    Socket nextSocket() throws InterruptedException {
        Socket s = sockets.poll(10, TimeUnit.SECONDS);
        assertNotNull(s, "expected a WebSocket connection");
        return s;
    }

    static RecordedRequest request(BlockingQueue<RecordedRequest> queue, String what) throws InterruptedException {
        RecordedRequest r = queue.poll(10, TimeUnit.SECONDS);
        assertNotNull(r, "expected " + what);
        return r;
    }

    /** A server's Notify record. */
    static String notification(String operation, String entityType, int entityId, String jsonData) {
        JsonObject parameters = new JsonObject();
        parameters.addProperty("entityId", entityId);
        parameters.addProperty("entityType", entityType);
        parameters.addProperty("jsonData", jsonData);
        JsonArray arguments = new JsonArray();
        arguments.add(operation);
        arguments.add(parameters);
        JsonObject m = new JsonObject();
        m.addProperty("type", 1);
        m.addProperty("target", "Notify");
        m.add("arguments", arguments);
        return m.toString() + RS;
    }

    /** The server side of one WebSocket: what the client sent, record by record, and a way to answer. */
    final class Socket extends WebSocketListener {
        final BlockingQueue<String> records = new LinkedBlockingQueue<>();
        /** Every WebSocket message as it came, separators included. */
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<String> pings = new LinkedBlockingQueue<>();
        final CountDownLatch closing = new CountDownLatch(1);
        final CountDownLatch open = new CountDownLatch(1);
        volatile int closeCode;
        volatile WebSocket webSocket;
        private boolean handshakeSeen;

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            this.webSocket = webSocket;
            open.countDown();
        }

        @Override
        public synchronized void onMessage(WebSocket webSocket, String text) {
            this.webSocket = webSocket;
            messages.add(text);
            for (String record : text.split(String.valueOf(RS))) {
                if (record.isEmpty()) {
                    continue;
                }
                if (!handshakeSeen) {
                    handshakeSeen = true;
                    records.add(record);
                    if (answerHandshake) {
                        webSocket.send("{}" + RS + afterHandshake);
                    }
                    continue;
                }
                JsonObject m = JsonParser.parseString(record).getAsJsonObject();
                if (m.get("type").getAsInt() == 6) {
                    pings.add(record);
                    continue;
                }
                records.add(record);
                String reply = m.has("invocationId") ? invocationReply.apply(m) : null;
                if (reply != null) {
                    webSocket.send(reply);
                }
            }
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            closeCode = code;
            closing.countDown();
            webSocket.close(1000, null);
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            closing.countDown();
        }

        String nextRecord() throws InterruptedException {
            String r = records.poll(10, TimeUnit.SECONDS);
            assertNotNull(r, "expected a record from the client");
            return r;
        }

        /** The next Subscribe (or other invocation) the client sent, as JSON. */
        JsonObject nextInvocation() throws InterruptedException {
            return JsonParser.parseString(nextRecord()).getAsJsonObject();
        }

        void send(String text) throws InterruptedException {
            if (!open.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the server side did not open");
            }
            if (!webSocket.send(text)) {
                throw new AssertionError("could not send");
            }
        }

        /**
         * Ends the WebSocket without a SignalR Close message, as a server restart or a proxy does
         * (MockWebServer's side of a WebSocket cannot be cut without a close frame).
         */
        void drop() throws InterruptedException {
            if (!open.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the server side did not open");
            }
            webSocket.close(1011, "going away");
        }

        List<String> drain() {
            List<String> out = new ArrayList<>();
            records.drainTo(out);
            return out;
        }
    }
}
