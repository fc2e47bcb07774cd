package io.lers4j.emulator;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.lers4j.model.MeasurePointDataConsumptionRecord;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real-time hub at {@code /api/v0.1/rpc/serverHub}: an ASP.NET Core SignalR hub speaking the
 * JSON hub protocol over WebSockets. Clients negotiate, connect with their token (the
 * {@code Authorization} header, or {@code ?access_token=} as browsers do), shake hands, call
 * {@code Subscribe(operation, entityType, entityId)} and receive
 * {@code Notify(operation, {entityId, entityType, jsonData})} for what they subscribed to: the
 * current data a poll session saved ({@code SAVE_CURRENT_DATA}, one per measure point) and
 * entities changed through the API ({@code ENTITY_CHANGED}). Like ASP.NET's default HubOptions it
 * pings every keep-alive interval and closes a connection the client has left silent for the
 * client timeout; a token that expires later does not end a connection, only the next one.
 * Tests and benchmarks reach it through {@link LersEmulator#hub()}; its faults are in
 * {@link Faults}.
 */
public final class Hub {

    private static final System.Logger LOG = System.getLogger(Hub.class.getName());
    static final String PATH = "api/v0.1/rpc/serverHub";
    /** The record separator that ends every message of the hub protocol. */
    static final char RS = '\u001e';
    /** A negotiated connection token nobody connects with is forgotten after this. */
    private static final Duration NEGOTIATED_LIFETIME = Duration.ofMinutes(2);
    /** Messages queued to one connection before a send waits for the socket, as a transport's pipe does. */
    private static final int MAX_QUEUED_SENDS = 1024;
    /** ASP.NET's MaximumReceiveMessageSize default: a larger message from a client closes its connection. */
    static final int MAX_RECEIVE_MESSAGE = 32 * 1024;

    private final Accounts accounts;
    private final Faults faults;
    private final RequestStats stats;
    private final DataView data;
    private final Runnable settle;
    private final Duration keepAlive;
    private final Duration clientTimeout;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Negotiated> negotiated = new ConcurrentHashMap<>();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;
    private final AtomicLong eventsSent = new AtomicLong();

    /** A connection negotiated and not connected yet: whose it is, and until when it may connect. */
    private static final class Negotiated {
        final String login;
        final long deadlineNanos;

        Negotiated(String login, long deadlineNanos) {
            this.login = login;
            this.deadlineNanos = deadlineNanos;
        }
    }

    /** What a client subscribed to; {@code Empty} and ids of 0 or less match any, as LERS's own filter does. */
    private static final class Subscription {
        final String operation;
        final String entityType;
        final int entityId;

        Subscription(String operation, String entityType, int entityId) {
            this.operation = operation;
            this.entityType = entityType;
            this.entityId = entityId;
        }

        boolean matches(String op, String type, int id) {
            return operation.equalsIgnoreCase(op)
                    && (entityType.equalsIgnoreCase("Empty") || entityType.equalsIgnoreCase(type))
                    && (entityId <= 0 || entityId == id);
        }
    }

    Hub(Accounts accounts, Faults faults, RequestStats stats, DataView data, Runnable settle, Duration keepAlive,
        Duration clientTimeout, String threadName) {
        this.accounts = accounts;
        this.faults = faults;
        this.stats = stats;
        this.data = data;
        this.settle = settle;
        this.keepAlive = keepAlive;
        this.clientTimeout = clientTimeout;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        // Poll sessions end when their time is up, but only settle() ends them; with clients
        // waiting on the hub, it has to run without a request to trigger it.
        timer.scheduleWithFixedDelay(this::tick, 100, 100, TimeUnit.MILLISECONDS);
    }

    // ---------------------------------------------------------------- public: what tests and benchmarks use

    /** Hub connections open now (handshake done or not). */
    public int connections() {
        return connections.size();
    }

    /** Subscriptions of every open connection. */
    public int subscriptions() {
        int n = 0;
        for (Connection c : connections) {
            n += c.subscriptions.size();
        }
        return n;
    }

    /** Notify messages sent so far, to all connections. */
    public long eventsSent() {
        return eventsSent.get();
    }

    /**
     * Fault: closes every hub connection at once, without a close message, as a network failure or
     * a restarted server would. Returns how many were open.
     */
    public int dropConnections() {
        int n = 0;
        for (Connection c : connections) {
            c.drop();
            n++;
        }
        return n;
    }

    /**
     * Sends {@code Notify(operation, {entityId, entityType, jsonData})} to every connection subscribed
     * to it, as the server does for its own events; a send waits while a connection has
     * {@value #MAX_QUEUED_SENDS} messages queued. Returns how many connections it went to.
     *
     * @param jsonData the payload as a JSON text, sent as a JSON string (as LERS does); may be null
     */
    public int publish(String operation, String entityType, int entityId, String jsonData) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(entityType, "entityType");
        List<Connection> targets = new ArrayList<>();
        for (Connection c : connections) {
            if (c.subscribed(operation, entityType, entityId)) {
                targets.add(c);
            }
        }
        if (targets.isEmpty()) {
            return 0;
        }
        String message = notify(operation, entityType, entityId, jsonData);
        Duration delay = faults.hubEventDelay();
        for (Connection c : targets) {
            if (delay.isZero()) {
                c.sendEvent(message);
            } else {
                timer.schedule(() -> c.sendEvent(message), delay.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
        return targets.size();
    }

    // ---------------------------------------------------------------- events of the emulated server

    /** A poll session ended: a successful one that read currents saved them, one notification per point. */
    void pollSessionEnded(PollSessions.Session session) {
        if (!"None".equals(session.resultCode()) || !session.archives.contains("Current")) {
            return;
        }
        LocalDateTime at = LocalDateTime.ofInstant(session.due, Catalog.SERVER_OFFSET);
        for (Catalog.PointEntry p : session.points) {
            List<MeasurePointDataConsumptionRecord> saved = data.archive.currents(p, at, at, false);
            if (saved.isEmpty()) {
                continue;
            }
            JsonObject payload = new JsonObject();
            payload.addProperty("measurePointId", p.id);
            payload.add("consumption", Reply.GSON.toJsonTree(saved.get(saved.size() - 1)));
            publish("SAVE_CURRENT_DATA", "PollSession", session.id, payload.toString());
        }
    }

    /** An entity written through the API: {@code ENTITY_CHANGED} with EntityChangedNotifyParameters. */
    void entityChanged(String entityType, int entityId, String operation, Object entity) {
        JsonObject payload = new JsonObject();
        payload.addProperty("entityType", entityType);
        payload.addProperty("entityId", entityId);
        payload.addProperty("operation", operation);
        payload.addProperty("entity", entity == null ? null : Reply.GSON.toJson(entity));
        payload.add("additionalData", com.google.gson.JsonNull.INSTANCE);
        publish("ENTITY_CHANGED", entityType, entityId, payload.toString());
    }

    // ---------------------------------------------------------------- negotiate and upgrade

    /** {@code POST <hub>/negotiate[?negotiateVersion=1]}, after the front checked the token. */
    Reply negotiate(Call call) {
        Faults.HubRefusal refusal = faults.nextHubNegotiateRefusal();
        if (refusal != null) {
            return Reply.text(refusal.status, Front.reason(refusal.status));
        }
        long now = System.nanoTime();
        negotiated.values().removeIf(n -> n.deadlineNanos - now < 0);
        String version = call.queryValue("negotiateVersion");
        int negotiateVersion = version != null && version.trim().equals("1") ? 1 : 0;
        String connectionId = newId();
        String connectionToken = negotiateVersion == 1 ? newId() : connectionId;
        negotiated.put(connectionToken, new Negotiated(call.session.account.login, now + NEGOTIATED_LIFETIME.toNanos()));
        JsonObject out = new JsonObject();
        if (negotiateVersion == 1) {
            out.addProperty("negotiateVersion", 1);
        }
        out.addProperty("connectionId", connectionId);
        if (negotiateVersion == 1) {
            out.addProperty("connectionToken", connectionToken);
        }
        JsonArray transports = new JsonArray();
        // production lists ServerSentEvents and LongPolling too; the emulator serves WebSockets only
        transports.add(transport("WebSockets", "Text", "Binary"));
        out.add("availableTransports", transports);
        return Reply.bytes(200, Reply.JSON_TYPE, out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The WebSocket upgrade: the token from the header (unless a fault strips it, as some proxies
     * do) or from {@code access_token}; the connection id from negotiate, or none, as a client that
     * skips negotiation sends. Answers 401, 404 or 403 as ASP.NET does and returns null then.
     */
    Object upgrade(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        stats.record("GET", Front.decodePath(request.getHttpURI().getPath()));
        Fields query = Request.extractQueryParameters(request);
        String header = faults.hubHeaderTokenIgnored() ? null : request.getHeaders().get(HttpHeader.AUTHORIZATION);
        String queryToken = query.getValue("access_token");
        String authorization = header != null && !header.isBlank() ? header
                : queryToken != null && !queryToken.isBlank() ? "Bearer " + queryToken : null;
        Accounts.Session[] session = new Accounts.Session[1];
        Accounts.Check check = accounts.check(authorization, session);
        if (check != Accounts.Check.OK) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, check == Accounts.Check.MISSING ? "Bearer"
                    : "Bearer error=\"invalid_token\"");
            return refuse(response, callback, 401, null);
        }
        String id = query.getValue("id");
        if (id != null) {
            Negotiated n = negotiated.remove(id);
            if (n == null || n.deadlineNanos - System.nanoTime() < 0) {
                return refuse(response, callback, 404, "No Connection with that ID");
            }
            if (!n.login.equalsIgnoreCase(session[0].account.login)) {
                return refuse(response, callback, 403, null);
            }
        }
        return new Connection(session[0].account.login);
    }

    private static Object refuse(ServerUpgradeResponse response, Callback callback, int status, String text) {
        response.setStatus(status);
        byte[] body = text == null ? new byte[0] : text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (text != null) {
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
        }
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return null;
    }

    /** Stops the timer and closes every connection; the server stops after. */
    void close() {
        timer.shutdownNow();
        for (Connection c : connections) {
            c.drop();
        }
    }

    // ---------------------------------------------------------------- one connection

    /**
     * One client's WebSocket: handshake, invocations in, pings and notifications out. Public only
     * because Jetty calls the listener methods through public method handles; only the hub makes one.
     */
    public final class Connection implements Session.Listener.AutoDemanding {
        private final String login;
        private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
        private final StringBuilder pending = new StringBuilder();
        private final Semaphore queued = new Semaphore(MAX_QUEUED_SENDS);
        private volatile Session socket;
        private volatile boolean handshakeDone;
        private volatile long lastReceivedNanos = System.nanoTime();
        private volatile long lastSentNanos = System.nanoTime();

        private Connection(String login) {
            this.login = login;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            this.socket = session;
            connections.add(this);
        }

        @Override
        public void onWebSocketText(String text) {
            lastReceivedNanos = System.nanoTime();
            pending.append(text);
            if (pending.length() > MAX_RECEIVE_MESSAGE && pending.indexOf(String.valueOf(RS)) < 0) {
                closeWithError("Connection closed with an error.");
                return;
            }
            int end;
            while ((end = pending.indexOf(String.valueOf(RS))) >= 0) {
                String message = pending.substring(0, end);
                pending.delete(0, end + 1);
                if (!receive(message)) {
                    return;
                }
            }
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, org.eclipse.jetty.websocket.api.Callback callback) {
            callback.succeed();
            closeWithError("Connection closed with an error."); // the json protocol is text only
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            connections.remove(this);
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            connections.remove(this);
        }

        /** Handles one message; false once the connection is being closed. */
        private boolean receive(String message) {
            JsonObject m;
            try {
                JsonElement tree = JsonParser.parseString(message);
                if (!tree.isJsonObject()) {
                    throw new JsonParseException("not an object");
                }
                m = tree.getAsJsonObject();
            } catch (JsonParseException | IllegalStateException e) {
                if (!handshakeDone) {
                    sendRaw("{\"error\":\"An unexpected error occurred during connection handshake.\"}" + RS);
                    socket.close();
                } else {
                    closeWithError("Connection closed with an error.");
                }
                return false;
            }
            if (!handshakeDone) {
                return handshake(m);
            }
            int type = m.has("type") && m.get("type").isJsonPrimitive() ? m.get("type").getAsInt() : -1;
            switch (type) {
                case 1:
                    invoke(m);
                    return true;
                case 6:
                    return true;
                case 7:
                    socket.close();
                    return false;
                default:
                    closeWithError("Connection closed with an error.");
                    return false;
            }
        }

        private boolean handshake(JsonObject m) {
            String protocol = m.has("protocol") && m.get("protocol").isJsonPrimitive()
                    ? m.get("protocol").getAsString() : null;
            if (!"json".equals(protocol)) {
                sendRaw("{\"error\":\"The protocol '" + protocol + "' is not supported.\"}" + RS);
                socket.close();
                return false;
            }
            int version = m.has("version") && m.get("version").isJsonPrimitive() ? m.get("version").getAsInt() : -1;
            if (version != 1) {
                sendRaw("{\"error\":\"The server does not support version " + version
                        + " of the 'json' protocol.\"}" + RS);
                socket.close();
                return false;
            }
            handshakeDone = true;
            sendRaw("{}" + RS);
            return true;
        }

        private void invoke(JsonObject m) {
            String invocationId = m.has("invocationId") && m.get("invocationId").isJsonPrimitive()
                    ? m.get("invocationId").getAsString() : null;
            String target = m.has("target") && m.get("target").isJsonPrimitive() ? m.get("target").getAsString() : "";
            JsonArray args = m.has("arguments") && m.get("arguments").isJsonArray() ? m.getAsJsonArray("arguments")
                    : new JsonArray();
            String error = null;
            if (!target.equalsIgnoreCase("Subscribe")) {
                error = "Failed to invoke '" + target + "' due to an error on the server. HubException: Method does not exist.";
            } else if (args.size() != 3) {
                error = "Failed to invoke 'Subscribe' due to an error on the server. InvalidDataException: Invocation provides "
                        + args.size() + " argument(s) but target expects 3.";
            } else {
                String operation = name(args.get(0));
                String entityType = name(args.get(1));
                Integer id = integer(args.get(2));
                if (operation == null || entityType == null) {
                    error = "Failed to invoke 'Subscribe' due to an error on the server. InvalidDataException: Error binding arguments.";
                } else {
                    subscriptions.add(new Subscription(operation, entityType, id == null ? 0 : id));
                }
            }
            if (invocationId != null) {
                JsonObject completion = new JsonObject();
                completion.addProperty("type", 3);
                completion.addProperty("invocationId", invocationId);
                if (error != null) {
                    completion.addProperty("error", error);
                } else {
                    completion.add("result", com.google.gson.JsonNull.INSTANCE);
                }
                send(completion.toString() + RS);
            }
        }

        boolean subscribed(String operation, String entityType, int entityId) {
            if (!handshakeDone) {
                return false;
            }
            for (Subscription s : subscriptions) {
                if (s.matches(operation, entityType, entityId)) {
                    return true;
                }
            }
            return false;
        }

        void sendEvent(String message) {
            if (send(message)) {
                eventsSent.incrementAndGet();
            }
        }

        /** Sends unless the hub is silenced by a fault; waits while too much is queued. */
        private boolean send(String message) {
            if (faults.hubSilent()) {
                return false;
            }
            return sendRaw(message);
        }

        private boolean sendRaw(String message) {
            Session s = socket;
            if (s == null || !s.isOpen()) {
                return false;
            }
            try {
                if (!queued.tryAcquire(10, TimeUnit.SECONDS)) {
                    LOG.log(System.Logger.Level.WARNING, "hub client of " + login + " reads nothing; dropping it");
                    drop();
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            lastSentNanos = System.nanoTime();
            s.sendText(message, org.eclipse.jetty.websocket.api.Callback.from(queued::release, x -> queued.release()));
            return true;
        }

        private void closeWithError(String error) {
            sendRaw("{\"type\":7,\"error\":\"" + error + "\",\"allowReconnect\":true}" + RS);
            Session s = socket;
            if (s != null) {
                s.close();
            }
        }

        void drop() {
            connections.remove(this);
            Session s = socket;
            if (s != null) {
                s.disconnect();
            }
        }

        void tick(long now) {
            if (!handshakeDone || faults.hubSilent()) {
                return;
            }
            if (now - lastReceivedNanos > clientTimeout.toNanos()) {
                closeWithError("Server timeout elapsed without receiving a message from the client.");
                connections.remove(this);
                return;
            }
            if (now - lastSentNanos >= keepAlive.toNanos()) {
                sendRaw("{\"type\":6}" + RS);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private void tick() {
        try {
            if (connections.isEmpty()) {
                return;
            }
            settle.run();
            long now = System.nanoTime();
            for (Connection c : connections) {
                c.tick(now);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "hub timer", e);
        }
    }

    private static String notify(String operation, String entityType, int entityId, String jsonData) {
        JsonObject parameters = new JsonObject();
        parameters.addProperty("entityId", entityId);
        parameters.addProperty("entityType", entityType);
        parameters.addProperty("jsonData", jsonData);
        JsonArray arguments = new JsonArray();
        arguments.add(operation);
        arguments.add(parameters);
        JsonObject message = new JsonObject();
        message.addProperty("type", 1);
        message.addProperty("target", "Notify");
        message.add("arguments", arguments);
        return message.toString() + RS;
    }

    private static JsonObject transport(String name, String... formats) {
        JsonObject t = new JsonObject();
        t.addProperty("transport", name);
        JsonArray f = new JsonArray();
        for (String format : formats) {
            f.add(format);
        }
        t.add("transferFormats", f);
        return t;
    }

    private String newId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** An enum argument as a name; a number is kept as its digits (the numbers are unknown, so never mapped). */
    private static String name(JsonElement e) {
        if (e == null || !e.isJsonPrimitive()) {
            return null;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        String s = p.getAsString().trim();
        return s.isEmpty() ? null : s;
    }

    private static Integer integer(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        try {
            return e.getAsInt();
        } catch (RuntimeException x) {
            return null;
        }
    }
}
