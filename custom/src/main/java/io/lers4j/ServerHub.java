package io.lers4j;

import com.google.gson.JsonArray;
import io.lers4j.v01.model.EntityType;
import io.lers4j.v01.model.Operation;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server's real-time hub (SignalR, JSON protocol, over a WebSocket): notifications of saved
 * current data, changed entities, devices going on- and offline, and every other operation the
 * server notifies of, as {@link HubEvent}s.
 *
 * <pre>{@code
 * ManualPoll poll = lers.pollNow().currents(List.of(pointId));
 * try (HubSubscription s = lers.hub().subscribe(Operation.SAVE_CURRENT_DATA, EntityType.POLL_SESSION, poll.pollSessionId())) {
 *     Optional<HubEvent> e = s.next(Duration.ofMinutes(2));
 *     e.flatMap(HubEvent::savedCurrentData).ifPresent(d -> System.out.println(d.record().value(DataParameter.T_IN)));
 * }
 * }</pre>
 *
 * <p>It connects on the first subscription, with the client's token (renewed when it expires or
 * is refused) or API key, sent to the configured origin only; pings every
 * {@link HubOptions#keepAliveInterval()}; counts a server silent for
 * {@link HubOptions#serverTimeout()} as gone; and after a lost connection connects anew with
 * backoff ({@link HubOptions#reconnectDelays()}) and subscribes again to everything still
 * subscribed. A server that refuses the client (its credentials, the protocol, a Close without
 * reconnect) ends the hub: {@link #state()} is {@link HubState#CLOSED} and every subscription has
 * failed. Thread-safe; {@link #close()} (or the client's) ends it.
 */
public final class ServerHub implements AutoCloseable {

    private static final System.Logger LOG = Loggers.HUB;
    /** Bytes of a message beyond its characters that the socket may read: frame headers, control frames, read-ahead. */
    private static final int WIRE_SLACK = 64 * 1024;
    private static final AtomicInteger HUB_NUMBERS = new AtomicInteger();

    private final LersClient lers;
    private final HubOptions options;
    private final HttpUrl base;
    private final HttpUrl hubUrl;
    private final Redactor redactor;
    private final ErrorMapper errors;
    private final HubNegotiation negotiation;
    private final OkHttpClient socketClient;
    private final Duration upgradeTimeout;
    private final ExecutorService connector;
    private final ScheduledExecutorService timers;
    private final ExecutorService delivery;
    private final ExecutorService socketThreads;
    private final SubmissionPublisher<HubEvent> allEvents;
    private final AtomicLong invocationIds = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean allEventsDropLogged = new AtomicBoolean();

    private final Object lock = new Object();
    /** The server-side subscriptions, one per distinct filter, each with its local subscriptions. */
    private final Map<String, Topic> topics = new ConcurrentHashMap<>();
    private volatile HubState state = HubState.DISCONNECTED;
    private HubConnection current;
    private CompletableFuture<Void> firstConnect;
    /** The server refused the token in the header and took it as {@code access_token}: kept for the hub's life, per step. */
    private volatile boolean negotiateByQuery;
    private volatile boolean upgradeByQuery;
    private volatile LersException failure;

    ServerHub(LersClient lers, HubOptions options) {
        this.lers = lers;
        this.options = options;
        this.base = lers.httpBaseUrl();
        this.hubUrl = base.newBuilder().addPathSegments(options.path()).build();
        this.redactor = lers.redactor();
        this.errors = new ErrorMapper(redactor, base);
        this.negotiation = new HubNegotiation(base, lers.pipeline(), lers.unauthenticatedPipeline(), lers.tokens(), redactor);
        int number = HUB_NUMBERS.incrementAndGet();
        this.connector = Executors.newSingleThreadExecutor(daemon("lers4j-hub-" + number + "-connect"));
        this.timers = Executors.newSingleThreadScheduledExecutor(daemon("lers4j-hub-" + number + "-timer"));
        this.delivery = Executors.newCachedThreadPool(daemon("lers4j-hub-" + number + "-delivery"));
        this.socketThreads = Executors.newCachedThreadPool(daemon("lers4j-hub-" + number + "-socket"));
        this.allEvents = new SubmissionPublisher<>(delivery, options.eventBufferSize());

        OkHttpClient plain = lers.plainHttp();
        OkHttpClient.Builder b = plain.newBuilder();
        // the upgrade passes through application interceptors with its credential in it: none but ours
        b.interceptors().clear();
        b.networkInterceptors().clear();
        b.addInterceptor(chain -> {
            // no permessage-deflate: a compressed message could inflate past every limit
            Request request = chain.request().newBuilder().header("User-Agent", LersClient.USER_AGENT)
                    .removeHeader("Sec-WebSocket-Extensions").build();
            Response response = chain.proceed(request);
            return response.newBuilder().removeHeader("Sec-WebSocket-Extensions").build();
        });
        b.dispatcher(new Dispatcher(socketThreads)); // OkHttp's reader runs on these: daemon threads
        b.pingInterval(Duration.ZERO);
        this.socketClient = b.build();
        long millis = (long) plain.connectTimeoutMillis() + plain.readTimeoutMillis() + plain.writeTimeoutMillis();
        this.upgradeTimeout = Duration.ofMillis(plain.callTimeoutMillis() > 0 ? plain.callTimeoutMillis() : Math.max(millis, 10_000));
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Where the connection is now. */
    public HubState state() {
        return state;
    }

    /** Events dropped for consumers too slow to take them, over all subscriptions and {@link #events()} since the hub began. */
    public long droppedEvents() {
        return dropped.get();
    }

    /** Why the hub closed, when the server or its failures closed it (not {@link #close()}). */
    public java.util.Optional<LersException> failure() {
        return java.util.Optional.ofNullable(failure);
    }

    /**
     * Every event the server sends, whether a subscription asked for it or not (after a
     * subscription is closed the server may go on sending its events: no unsubscribe method is
     * known). Each subscriber has its own buffer of {@link HubOptions#eventBufferSize()} events;
     * when it is full a new event is dropped for that subscriber and counted. Does not connect by itself.
     */
    public Flow.Publisher<HubEvent> events() {
        return subscriber -> {
            Objects.requireNonNull(subscriber, "subscriber");
            allEvents.subscribe(new HubSubscription.FailureAtEnd<>(subscriber, () -> failure));
        };
    }

    /**
     * Subscribes to the events of {@code operation} about an entity, delivered to {@code listener};
     * returns once the server has confirmed, connecting first if the hub is not connected yet.
     * {@code entityId} 0 or less means any entity, {@code EntityType.EMPTY} any type.
     *
     * @throws LersHubException the server refused the subscription or did not confirm it within
     *                          {@link HubOptions#invocationTimeout()}
     * @throws LersException    the connection could not be made (authentication, transport, ...)
     * @throws IllegalStateException the hub is closed
     */
    public HubSubscription subscribe(Operation operation, EntityType entityType, Integer entityId, HubListener listener) {
        Objects.requireNonNull(listener, "listener");
        return subscribe(operation, entityType, entityId, listener, true);
    }

    /**
     * As {@link #subscribe(Operation, EntityType, Integer, HubListener)}, the events held for
     * {@link HubSubscription#next(Duration)} (up to {@link HubOptions#eventBufferSize()} not yet taken).
     */
    public HubSubscription subscribe(Operation operation, EntityType entityType, Integer entityId) {
        return subscribe(operation, entityType, entityId, null, false);
    }

    private HubSubscription subscribe(Operation operation, EntityType entityType, Integer entityId, HubListener listener,
                                      boolean withListener) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(entityType, "entityType");
        if (entityId == null) {
            throw new IllegalArgumentException("entityId is required: an id, or 0 for any entity");
        }
        if (withListener) {
            Objects.requireNonNull(listener, "listener");
        }
        lers.requireOpen();
        if (state == HubState.CLOSED) {
            throw new IllegalStateException(closedMessage());
        }
        HubSubscription subscription;
        try {
            subscription = new HubSubscription(this, operation, entityType, entityId, listener, delivery,
                    options.eventBufferSize());
        } catch (RejectedExecutionException closedMeanwhile) {
            throw new IllegalStateException(closedMessage());
        }
        String key = key(subscription);
        Topic topic;
        CompletableFuture<Void> connecting = null;
        HubConnection sendOn = null;
        synchronized (lock) {
            if (state == HubState.CLOSED) {
                subscription.end(null);
                throw new IllegalStateException(closedMessage());
            }
            Topic existing = topics.get(key);
            topic = existing != null ? existing : new Topic(operation, entityType, subscription.entityId());
            topic.locals.add(subscription);
            if (existing == null) {
                topics.put(key, topic);
                sendOn = current; // null while (re)connecting: the connection subscribes to every topic once it is up
            }
            connecting = startConnecting();
        }
        if (sendOn != null) {
            sendSubscribe(sendOn, topic);
        }
        try {
            if (connecting != null) {
                await(connecting, null);
            }
            await(topic.confirmed, options.invocationTimeout());
        } catch (RuntimeException e) {
            subscription.end(e instanceof LersException ? (LersException) e : null);
            unsubscribed(subscription);
            if (e instanceof TimeoutRuntime) {
                throw new LersHubException("The hub server did not confirm Subscribe(" + topic + ") within "
                        + options.invocationTimeout() + " (HubOptions.invocationTimeout)", "GET " + hubUrl.encodedPath(),
                        null, false, null);
            }
            throw e;
        }
        return subscription;
    }

    /** Under {@link #lock}: a first connection started if none is under way; its future while connecting, else null. */
    private CompletableFuture<Void> startConnecting() {
        if (state == HubState.DISCONNECTED) {
            state = HubState.CONNECTING;
            firstConnect = new CompletableFuture<>();
            CompletableFuture<Void> f = firstConnect;
            try {
                connector.execute(() -> connectFirst(f));
            } catch (RejectedExecutionException e) {
                f.completeExceptionally(new IllegalStateException(closedMessage()));
            }
        }
        return state == HubState.CONNECTING ? firstConnect : null;
    }

    /**
     * Connects as the first subscription would, without subscribing to anything, for a caller that
     * is about to subscribe and cannot afford to lose the time of connecting then. The future is
     * done at once when the hub is connected or reconnecting (a subscription made then is sent
     * once it is back), and fails as {@link #subscribe} would when the connection cannot be made.
     *
     * @throws IllegalStateException the hub is closed
     */
    CompletableFuture<Void> connection() {
        lers.requireOpen();
        synchronized (lock) {
            if (state == HubState.CLOSED) {
                throw new IllegalStateException(closedMessage());
            }
            CompletableFuture<Void> connecting = startConnecting();
            return connecting != null ? connecting : CompletableFuture.completedFuture(null);
        }
    }

    /** Marks a wait that ran out. */
    private static final class TimeoutRuntime extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TimeoutRuntime() {
            super(null, null, false, false);
        }
    }

    private static void await(CompletableFuture<Void> future, Duration timeout) {
        try {
            if (timeout == null) {
                future.get();
            } else {
                future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new LersHubException("Connecting to the hub failed: " + Excerpt.describe(cause), "", null, false, cause);
        } catch (TimeoutException e) {
            throw new TimeoutRuntime();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LersHubException("Interrupted while waiting for the hub", "", null, false, e);
        }
    }

    /** A closed local subscription: the topic goes when its last one does (and the server is told, if it can be). */
    void unsubscribed(HubSubscription subscription) {
        String key = key(subscription);
        Topic topic;
        HubConnection connection;
        synchronized (lock) {
            topic = topics.get(key);
            if (topic == null || !topic.locals.remove(subscription) || !topic.locals.isEmpty()) {
                return;
            }
            topics.remove(key);
            connection = current;
        }
        String method = options.unsubscribeMethod().orElse(null);
        if (method != null && connection != null && topic.confirmed.isDone() && !topic.confirmed.isCompletedExceptionally()) {
            connection.invoke(nextInvocationId(), method, topic.arguments(), options.invocationTimeout())
                    .whenComplete((ok, e) -> {
                        if (e != null) {
                            LOG.log(Level.WARNING, () -> "The hub server did not confirm " + method + "(" + topic + "): "
                                    + redact(Excerpt.describe(unwrap(e))) + "; check HubOptions.unsubscribeMethod");
                        }
                    });
        }
    }

    private static String key(HubSubscription s) {
        return s.operation().getValue() + "\u0000" + s.entityType().getValue() + "\u0000" + s.entityId();
    }

    private String nextInvocationId() {
        return Long.toString(invocationIds.incrementAndGet());
    }

    private void sendSubscribe(HubConnection connection, Topic topic) {
        connection.invoke(nextInvocationId(), "Subscribe", topic.arguments(), options.invocationTimeout())
                .whenComplete((ok, e) -> {
                    if (e == null) {
                        topic.confirmed.complete(null);
                        return;
                    }
                    Throwable why = unwrap(e);
                    if (why instanceof LersHubException && ((LersHubException) why).serverError().isPresent()) {
                        String error = ((LersHubException) why).serverError().get();
                        failTopic(topic, new LersHubException(connection.operation + ": the hub server refused Subscribe("
                                + topic + "): " + error, connection.operation, error, true, null));
                    } else if (why instanceof TimeoutException && topic.confirmed.isDone()) {
                        LOG.log(Level.WARNING, () -> "The hub server did not confirm Subscribe(" + topic + ") again after "
                                + "reconnecting; its events may still come");
                    }
                    // a lost connection: the next one subscribes again
                });
    }

    private void failTopic(Topic topic, LersHubException why) {
        synchronized (lock) {
            topics.remove(topic.key(), topic);
        }
        topic.confirmed.completeExceptionally(why);
        for (HubSubscription s : topic.locals) {
            s.end(why);
        }
        LOG.log(Level.WARNING, () -> redact(why.getMessage()));
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    // ---- connection

    private void connectFirst(CompletableFuture<Void> done) {
        try {
            connect();
            done.complete(null);
        } catch (RuntimeException | Error e) {
            // an Error too (a NoSuchMethodError from mismatched OkHttp and okio jars): the subscriber waits on done
            synchronized (lock) {
                if (state == HubState.CONNECTING) {
                    state = HubState.DISCONNECTED;
                }
            }
            done.completeExceptionally(e);
        }
    }

    /** Negotiates, opens the WebSocket, shakes hands and subscribes to every topic; throws when any step fails. */
    private void connect() {
        java.net.Proxy proxy = socketClient.proxy();
        if (proxy != null && proxy.type() == java.net.Proxy.Type.SOCKS) {
            // OkHttp opens a SOCKS connection itself, past the socket factory that bounds a message
            throw new LersHubException("The hub is not reached through a SOCKS proxy: the size of a message could not be bounded",
                    "POST " + hubUrl.encodedPath() + "/negotiate", null, true, null);
        }
        HubNegotiation.Result negotiated = negotiation.negotiate(hubUrl, negotiateByQuery);
        if (negotiated.queryForm && !negotiateByQuery) {
            negotiateByQuery = true;
            logQueryForm("negotiate");
        }
        HubConnection connection = open(negotiated);
        try {
            connection.handshake(options.handshakeTimeout());
            List<Topic> subscribed;
            synchronized (lock) {
                if (state == HubState.CLOSED || closed.get()) {
                    throw new IllegalStateException(closedMessage());
                }
                if (connection.isLost()) {
                    LersException why = connection.lostReason();
                    throw why != null ? why : new LersTransportException(connection.operation + ": lost at once",
                            connection.operation, 1, null);
                }
                current = connection;
                state = HubState.CONNECTED;
                subscribed = new ArrayList<>(topics.values());
            }
            startTimers(connection);
            LOG.log(Level.DEBUG, () -> connection.operation + ": connected to the hub, " + subscribed.size() + " subscriptions");
            for (Topic t : subscribed) {
                sendSubscribe(connection, t);
            }
        } catch (InterruptedException e) {
            connection.abandon();
            Thread.currentThread().interrupt();
            throw new LersHubException("Interrupted while connecting to the hub", connection.operation, null, false, e);
        } catch (RuntimeException e) {
            connection.abandon();
            throw e;
        }
    }

    private void logQueryForm(String step) {
        LOG.log(Level.WARNING, () -> "The hub at " + hubUrl.encodedPath() + " refused the token in the Authorization "
                + "header of its " + step + " and accepted it as the access_token query parameter; it is sent that way "
                + "from now on, and may appear in the server's or a proxy's access log");
    }

    /**
     * Opens the WebSocket with the credential: the redirect's own token, the API key, or the
     * client's token in the header; after a 401 the token renewed once, then the query form.
     */
    private HubConnection open(HubNegotiation.Result negotiated) {
        HttpUrl url = negotiated.hubUrl.newBuilder().addQueryParameter("id", negotiated.connectionToken).build();
        String operation = "GET " + negotiated.hubUrl.encodedPath();
        if (negotiated.accessToken != null) {
            return opened(attempt(url, operation, "Authorization", "Bearer " + negotiated.accessToken), operation, negotiated);
        }
        String apiKey = lers.apiKey();
        if (apiKey != null) {
            return opened(attempt(url, operation, ApiKeyHeader.HEADER, apiKey), operation, negotiated);
        }
        TokenManager tokens = lers.tokens();
        String token = tokens.token();
        if (!upgradeByQuery) {
            Attempt a = attempt(url, operation, "Authorization", "Bearer " + token);
            if (a.connection != null || a.failure.status != 401) {
                return opened(a, operation, negotiated);
            }
            if (tokens.canLogIn()) {
                token = tokens.renewAfterRejection(token);
                a = attempt(url, operation, "Authorization", "Bearer " + token);
                if (a.connection != null || a.failure.status != 401) {
                    return opened(a, operation, negotiated);
                }
            }
        }
        Attempt a = attempt(url.newBuilder().addQueryParameter("access_token", token).build(), operation, null, null);
        if (a.connection != null && !upgradeByQuery) {
            upgradeByQuery = true;
            logQueryForm("WebSocket upgrade");
        }
        return opened(a, operation, negotiated);
    }

    private static final class Attempt {
        final HubConnection connection;
        final HubConnection.UpgradeFailure failure;

        Attempt(HubConnection connection, HubConnection.UpgradeFailure failure) {
            this.connection = connection;
            this.failure = failure;
        }
    }

    /** One upgrade request; the credential header only to the configured origin. */
    private Attempt attempt(HttpUrl url, String operation, String header, String value) {
        MessageSizeGuard guard = new MessageSizeGuard(socketClient.socketFactory(), (long) options.maxMessageSize() + WIRE_SLACK);
        OkHttpClient client = socketClient.newBuilder().socketFactory(guard).build();
        HubConnection connection = new HubConnection(operation, guard, options.maxMessageSize(), new Handler(), redactor);
        Request.Builder request = new Request.Builder().url(url);
        if (header != null && Routes.sameOrigin(base, url)) {
            request.header(header, value);
        }
        WebSocket socket = client.newWebSocket(request.build(), connection);
        connection.attach(socket);
        try {
            connection.awaitOpen(upgradeTimeout);
            return new Attempt(connection, null);
        } catch (HubConnection.UpgradeFailure f) {
            connection.abandon();
            return new Attempt(null, f);
        } catch (InterruptedException e) {
            connection.abandon();
            Thread.currentThread().interrupt();
            throw new LersHubException("Interrupted while connecting to the hub", operation, null, false, e);
        }
    }

    /** The attempt's connection, or its failure as a typed exception; never quotes the URL (it may hold the token). */
    private HubConnection opened(Attempt a, String operation, HubNegotiation.Result negotiated) {
        if (a.connection != null) {
            return a.connection;
        }
        HubConnection.UpgradeFailure f = a.failure;
        if (f.status == 0) {
            Throwable cause = f.getCause();
            throw new LersTransportException(redact(operation + ": the WebSocket connection failed ("
                    + (cause == null ? "no answer" : Excerpt.describe(cause)) + ")"), operation, 1, cause);
        }
        if (f.status == 404) {
            throw new LersHubException(operation + ": HTTP 404: no hub at " + negotiated.hubUrl.encodedPath()
                    + " (where LERS servers of 2020-2022 have it; set HubOptions.path for yours)", operation, null, false, null);
        }
        if (f.status >= 200 && f.status < 300) {
            throw new LersHubException(operation + ": HTTP " + f.status + " instead of switching to WebSocket (101): is "
                    + negotiated.hubUrl.encodedPath() + " a hub? (HubOptions.path)", operation, null, false, null);
        }
        String note = f.status != 401 ? null : negotiated.accessToken == null && lers.apiKey() == null
                ? "the hub refused the token in the Authorization header, renewed, and as the access_token query parameter"
                : "the hub refused the credential";
        throw errors.map(operation, 1, f.status, f.headers == null ? Map.of() : f.headers.toMultimap(), f.body, false, note,
                negotiated.hubUrl);
    }

    private void startTimers(HubConnection connection) {
        long keepAlive = options.keepAliveInterval().toMillis();
        long silence = options.serverTimeout().toNanos();
        long tick = Math.max(10, Math.min(1000, options.serverTimeout().toMillis() / 4));
        try {
            connection.pinger = timers.scheduleAtFixedRate(() -> {
                try {
                    connection.ping();
                } catch (RuntimeException e) {
                    LOG.log(Level.DEBUG, () -> "hub ping failed: " + redact(Excerpt.describe(e)));
                }
            }, keepAlive, keepAlive, TimeUnit.MILLISECONDS);
            connection.watchdog = timers.scheduleWithFixedDelay(() -> {
                if (connection.nanosSinceLastMessage() > silence) {
                    connection.lose(new LersTransportException(connection.operation + ": the hub server sent nothing for "
                            + options.serverTimeout() + " (HubOptions.serverTimeout)", connection.operation, 1, null));
                }
            }, tick, tick, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closedMeanwhile) {
            connection.abandon();
        }
    }

    /** What connections report. */
    private final class Handler implements HubConnection.Handler {
        @Override
        public void onEvent(HubEvent event) {
            route(event);
        }

        @Override
        public void onServerClose(HubConnection connection, String error, boolean allowReconnect) {
            String message = connection.operation + ": the hub server closed the connection"
                    + (error == null ? "" : ": " + error) + (allowReconnect ? "; reconnecting" : ", not to be reconnected");
            LersHubException why = new LersHubException(message, connection.operation, error, !allowReconnect, null);
            connection.closeCleanly(why);
            lost(connection, why);
        }

        @Override
        public void onLost(HubConnection connection, LersException why) {
            lost(connection, why);
        }
    }

    private void route(HubEvent event) {
        try {
            allEvents.offer(event, (subscriber, e) -> {
                countDrop();
                if (allEventsDropLogged.compareAndSet(false, true)) {
                    LOG.log(Level.WARNING, () -> "A subscriber of ServerHub.events() is slower than events arrive: events "
                            + "are dropped for it once its buffer is full; droppedEvents() counts them");
                }
                return false;
            });
        } catch (RuntimeException closedMeanwhile) {
            // the hub is closing
        }
        for (Topic topic : topics.values()) {
            for (HubSubscription s : topic.locals) {
                if (s.matches(event)) {
                    s.offer(event);
                }
            }
        }
    }

    private void lost(HubConnection connection, LersException why) {
        boolean reconnect = !permanent(why);
        synchronized (lock) {
            if (connection != current) {
                return; // one being set up: connect() sees it lost by itself
            }
            current = null;
            if (state == HubState.CLOSED) {
                return;
            }
            state = reconnect ? HubState.RECONNECTING : HubState.CLOSED;
        }
        if (!reconnect) {
            shutdown(why);
            return;
        }
        LOG.log(Level.WARNING, () -> redact(why.getMessage()) + "; reconnecting");
        try {
            connector.execute(this::reconnect);
        } catch (RejectedExecutionException closedMeanwhile) {
            // close() is under way
        }
    }

    private static boolean permanent(LersException e) {
        return e instanceof LersAuthenticationException || e instanceof LersAccessDeniedException
                || (e instanceof LersHubException && ((LersHubException) e).isPermanent());
    }

    /** Tries until connected, the hub closed, or the server refuses for good; waits by the client's {@link Sleeper}. */
    private void reconnect() {
        for (int attempt = 1; !closed.get(); attempt++) {
            Duration delay = options.reconnectDelay(attempt);
            try {
                if (!delay.isZero()) {
                    lers.sleeper().sleep(delay);
                }
            } catch (InterruptedException e) {
                return; // close()
            }
            if (closed.get()) {
                return;
            }
            try {
                connect();
                int attempts = attempt;
                LOG.log(Level.INFO, () -> "Reconnected to the hub at " + hubUrl.encodedPath() + " (attempt " + attempts + ")");
                return;
            } catch (LersException e) {
                if (closed.get()) {
                    return;
                }
                if (permanent(e)) {
                    synchronized (lock) {
                        state = HubState.CLOSED;
                    }
                    shutdown(e);
                    return;
                }
                int attempts = attempt;
                Duration next = options.reconnectDelay(attempt + 1);
                LOG.log(Level.WARNING, () -> "Reconnecting to the hub failed (attempt " + attempts + "): "
                        + redact(e.getMessage()) + "; next attempt in " + next);
            } catch (RuntimeException e) {
                if (closed.get()) {
                    return;
                }
                int attempts = attempt;
                LOG.log(Level.WARNING, () -> "Reconnecting to the hub failed (attempt " + attempts + "): "
                        + redact(Excerpt.describe(e)));
            } catch (Error e) {
                // trying again cannot cure it: end every subscription with it rather than leave them waiting
                synchronized (lock) {
                    state = HubState.CLOSED;
                }
                shutdown(new LersHubException("Reconnecting to the hub failed: " + redact(Excerpt.describe(e)),
                        "GET " + hubUrl.encodedPath(), null, true, e));
                throw e;
            }
        }
    }

    // ---- end

    /** Closes the connection with a close frame, ends every subscription and publisher, and stops the hub's threads. */
    @Override
    public void close() {
        HubConnection connection;
        synchronized (lock) {
            if (closed.get()) {
                return;
            }
            state = HubState.CLOSED;
            connection = current;
            current = null;
        }
        if (connection != null) {
            connection.closeCleanly(new LersHubException("The hub was closed", connection.operation, null, true, null));
        }
        shutdown(null);
    }

    /** Ends everything; {@code why} null for a close by the caller. */
    private void shutdown(LersException why) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (why != null) {
            failure = why;
            LOG.log(Level.WARNING, () -> "The hub at " + hubUrl.encodedPath() + " is closed: " + redact(why.getMessage()));
        }
        CompletableFuture<Void> connecting;
        List<Topic> ended;
        synchronized (lock) {
            state = HubState.CLOSED;
            connecting = firstConnect;
            ended = new ArrayList<>(topics.values());
            topics.clear();
        }
        LersException ending = why != null ? why
                : new LersHubException("The hub was closed", "GET " + hubUrl.encodedPath(), null, true, null);
        if (connecting != null) {
            connecting.completeExceptionally(ending);
        }
        for (Topic t : ended) {
            t.confirmed.completeExceptionally(ending);
            for (HubSubscription s : t.locals) {
                s.end(why);
            }
        }
        allEvents.close();
        connector.shutdownNow();
        timers.shutdownNow();
        delivery.shutdown(); // after the publishers' close: what they still hold is delivered
        socketThreads.shutdown(); // the reader goes on until the server answers the close frame
    }

    boolean isClosed() {
        return closed.get();
    }

    void countDrop() {
        dropped.incrementAndGet();
    }

    String redact(String text) {
        return redactor.redact(text);
    }

    private String closedMessage() {
        LersException f = failure;
        return "This hub is closed" + (f == null ? "" : " (" + redact(f.getMessage()) + ")")
                + "; LersClient.hub() gives a new one";
    }

    @Override
    public String toString() {
        return "ServerHub[" + hubUrl.encodedPath() + ", " + state + ", " + topics.size() + " subscriptions]";
    }

    /** One filter the server is subscribed to, and the local subscriptions that share it. */
    private static final class Topic {
        final Operation operation;
        final EntityType entityType;
        final int entityId;
        final List<HubSubscription> locals = new CopyOnWriteArrayList<>();
        /** Completed when the server first confirms; failed when it refuses. */
        final CompletableFuture<Void> confirmed = new CompletableFuture<>();

        Topic(Operation operation, EntityType entityType, int entityId) {
            this.operation = operation;
            this.entityType = entityType;
            this.entityId = entityId;
        }

        String key() {
            return operation.getValue() + "\u0000" + entityType.getValue() + "\u0000" + entityId;
        }

        /** {@code [operation, entityType, entityId]} as the vendor's client sends them: enum names, an int. */
        JsonArray arguments() {
            JsonArray a = new JsonArray();
            a.add(operation.getValue());
            a.add(entityType.getValue());
            a.add(entityId);
            return a;
        }

        @Override
        public String toString() {
            return Excerpt.of(operation.getValue()) + ", " + Excerpt.of(entityType.getValue()) + ", " + entityId;
        }
    }
}
