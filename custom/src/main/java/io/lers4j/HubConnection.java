package io.lers4j;

import com.google.gson.JsonArray;
import okhttp3.Headers;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One WebSocket session with the hub: the upgrade's outcome, the protocol handshake, the
 * invocations awaiting their Completion, and the messages read, handed to the {@link Handler}.
 * Runs on OkHttp's reader thread; nothing the server sends makes it throw.
 */
final class HubConnection extends WebSocketListener {

    private static final System.Logger LOG = Loggers.HUB;

    /** What the hub does with what a connection reads. */
    interface Handler {
        void onEvent(HubEvent event);

        /** The server sent Close. */
        void onServerClose(HubConnection connection, String error, boolean allowReconnect);

        /** The connection is gone (once per connection). */
        void onLost(HubConnection connection, LersException why);
    }

    /** The upgrade failed: the server's status (0: no answer) and what it said. */
    static final class UpgradeFailure extends Exception {
        private static final long serialVersionUID = 1L;

        final int status;
        final transient Headers headers;
        final String body;

        UpgradeFailure(int status, Headers headers, String body, Throwable cause) {
            super(cause == null ? "HTTP " + status : cause.getClass().getSimpleName(), cause);
            this.status = status;
            this.headers = headers;
            this.body = body;
        }
    }

    final String operation;
    private final MessageSizeGuard guard;
    private final HubProtocol.RecordReader records;
    private final Handler handler;
    private final Redactor redactor;
    private final CompletableFuture<WebSocket> opened = new CompletableFuture<>();
    private final CompletableFuture<Void> handshake = new CompletableFuture<>();
    private final Map<String, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean lost = new AtomicBoolean();
    private volatile boolean handshakeDone;
    private volatile WebSocket socket;
    private volatile long lastReceivedNanos = System.nanoTime();
    private volatile LersException lostReason;
    volatile ScheduledFuture<?> pinger;
    volatile ScheduledFuture<?> watchdog;

    HubConnection(String operation, MessageSizeGuard guard, int maxMessageSize, Handler handler, Redactor redactor) {
        this.operation = operation;
        this.guard = guard;
        this.records = new HubProtocol.RecordReader(maxMessageSize);
        this.handler = handler;
        this.redactor = redactor;
    }

    void attach(WebSocket webSocket) {
        this.socket = webSocket;
    }

    /** Waits for the upgrade; the socket, or the failure. */
    void awaitOpen(Duration timeout) throws UpgradeFailure, InterruptedException {
        try {
            opened.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof UpgradeFailure ? (UpgradeFailure) e.getCause()
                    : new UpgradeFailure(0, null, "", e.getCause());
        } catch (TimeoutException e) {
            cancel();
            throw new UpgradeFailure(0, null, "", new java.net.SocketTimeoutException(
                    "no answer to the WebSocket upgrade within " + timeout));
        }
    }

    /** Sends the handshake and waits for the server's answer. */
    void handshake(Duration timeout) throws InterruptedException {
        if (!socket.send(HubProtocol.HANDSHAKE)) {
            throw lostOr(new LersTransportException(operation + ": the connection closed before the handshake", operation, 1, null));
        }
        try {
            handshake.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof LersException ? (LersException) e.getCause()
                    : new LersTransportException(operation + ": the handshake failed", operation, 1, e.getCause());
        } catch (TimeoutException e) {
            cancel();
            throw new LersTransportException(operation + ": the hub server did not answer the handshake within " + timeout,
                    operation, 1, null);
        }
    }

    /**
     * Sends an invocation; the future completes with its Completion, or fails with a
     * {@link LersHubException} holding the server's error, or when the connection is lost or
     * {@code timeout} passes first.
     */
    CompletableFuture<Void> invoke(String invocationId, String target, JsonArray arguments, Duration timeout) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        pending.put(invocationId, done);
        done.whenComplete((ok, e) -> pending.remove(invocationId));
        if (lost.get() || !socket.send(HubProtocol.invocation(invocationId, target, arguments))) {
            done.completeExceptionally(lostOr(new LersTransportException(operation + ": the connection is closed",
                    operation, 1, null)));
            return done;
        }
        done.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return done;
    }

    void ping() {
        WebSocket s = socket;
        if (s != null && !lost.get()) {
            s.send(HubProtocol.PING_RECORD);
        }
    }

    long nanosSinceLastMessage() {
        return System.nanoTime() - lastReceivedNanos;
    }

    boolean isLost() {
        return lost.get();
    }

    LersException lostReason() {
        return lostReason;
    }

    /** Ends the connection with a close frame, as a client leaving does. */
    void closeCleanly(LersException why) {
        markLost(why);
        WebSocket s = socket;
        if (s != null) {
            s.close(1000, null);
        }
    }

    /** Drops the connection at once and reports why. */
    void lose(LersException why) {
        cancel();
        reportLost(why);
    }

    private void reportLost(LersException why) {
        if (markLost(why)) {
            handler.onLost(this, why);
        }
    }

    /** Gives up a connection still being set up: nothing is reported. */
    void abandon() {
        markLost(new LersTransportException(operation + ": abandoned", operation, 1, null));
        cancel();
    }

    private void cancel() {
        WebSocket s = socket;
        if (s != null) {
            s.cancel();
        }
    }

    private boolean markLost(LersException why) {
        if (!lost.compareAndSet(false, true)) {
            return false;
        }
        lostReason = why;
        ScheduledFuture<?> p = pinger;
        ScheduledFuture<?> w = watchdog;
        if (p != null) {
            p.cancel(false);
        }
        if (w != null) {
            w.cancel(false);
        }
        opened.completeExceptionally(new UpgradeFailure(0, null, "", why));
        handshake.completeExceptionally(why);
        for (CompletableFuture<Void> f : pending.values()) {
            f.completeExceptionally(why);
        }
        return true;
    }

    private LersException lostOr(LersException fallback) {
        LersException why = lostReason;
        return why != null ? why : fallback;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        socket = webSocket;
        opened.complete(webSocket);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        guard.messageDelivered();
        lastReceivedNanos = System.nanoTime();
        try {
            List<String> complete;
            try {
                complete = records.feed(text);
            } catch (LersHubException tooLarge) {
                lose(new LersHubException(operation + ": " + tooLarge.getMessage(), operation, null, false, null));
                return;
            }
            for (String record : complete) {
                if (lost.get()) {
                    return;
                }
                handle(record);
            }
        } catch (RuntimeException e) {
            // a fault of this client's own: the reader must go on
            LOG.log(Level.WARNING, () -> operation + ": a hub message could not be handled: " + redactor.redact(Excerpt.describe(e)));
        }
    }

    @Override
    public void onMessage(WebSocket webSocket, ByteString bytes) {
        onMessage(webSocket, bytes.utf8()); // the JSON protocol uses text frames; a binary one is read the same
    }

    private void handle(String record) {
        if (!handshakeDone) {
            handshakeDone = true;
            String error = HubProtocol.handshakeError(record);
            if (error == null) {
                handshake.complete(null);
            } else {
                String shown = redactor.redact(Excerpt.of(error));
                handshake.completeExceptionally(new LersHubException(operation + ": the hub server refused the handshake: "
                        + shown, operation, shown, true, null));
            }
            return;
        }
        HubProtocol.Message m = HubProtocol.parse(record);
        if (m == null) {
            LOG.log(Level.WARNING, () -> operation + ": skipped a hub message that is not a SignalR message ("
                    + record.length() + " characters)");
            return;
        }
        switch (m.type) {
            case HubProtocol.INVOCATION:
                if ("Notify".equalsIgnoreCase(m.target)) {
                    HubEvent event = HubEvent.fromNotify(m.arguments);
                    if (event == null) {
                        LOG.log(Level.WARNING, () -> operation + ": skipped a Notify whose arguments are not "
                                + "[operation, {entityId, entityType, jsonData}] (" + record.length() + " characters)");
                    } else {
                        handler.onEvent(event);
                    }
                } else {
                    LOG.log(Level.DEBUG, () -> operation + ": ignored a call of the client method "
                            + Excerpt.of(String.valueOf(m.target)) + ", which lers4j does not know");
                }
                break;
            case HubProtocol.COMPLETION:
                CompletableFuture<Void> waiting = m.invocationId == null ? null : pending.get(m.invocationId);
                if (waiting != null) {
                    if (m.error == null) {
                        waiting.complete(null);
                    } else {
                        String shown = redactor.redact(Excerpt.of(m.error));
                        waiting.completeExceptionally(new LersHubException(shown, operation, shown, true, null));
                    }
                }
                break;
            case HubProtocol.CLOSE:
                handler.onServerClose(this, m.error == null ? null : redactor.redact(Excerpt.of(m.error)), m.allowReconnect);
                break;
            default:
                // Ping only proves the server is there; stream messages are not asked for; later types are ignored
                break;
        }
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        webSocket.close(1000, null); // the answering close frame; OkHttp then ends the connection
        reportLost(new LersTransportException(operation + ": the hub server closed the WebSocket (code " + code + ")",
                operation, 1, null));
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        reportLost(new LersTransportException(operation + ": the WebSocket is closed (code " + code + ")", operation, 1, null));
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        if (!opened.isDone()) {
            int status = response == null ? 0 : response.code();
            String body = "";
            if (response != null) {
                try {
                    body = response.peekBody(BodyLimit.MAX_ERROR_BODY_BYTES).string();
                } catch (java.io.IOException | RuntimeException e) {
                    body = "";
                }
            }
            opened.completeExceptionally(new UpgradeFailure(status, response == null ? null : response.headers(), body, t));
            markLost(new LersTransportException(operation + ": the upgrade failed", operation, 1, null));
            return;
        }
        String what = t instanceof MessageSizeGuard.TooLargeException ? t.getMessage() + " (HubOptions.maxMessageSize)"
                : "the connection failed (" + Excerpt.describe(t) + ")";
        lose(new LersTransportException(redactor.redact(operation + ": " + what), operation, 1, t));
    }
}
