package io.lers4j.emulator;

import org.eclipse.jetty.http.pathmap.RegexPathSpec;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An in-process LERS UCHET REST server for tests and benchmarks, on a loopback port.
 *
 * <p>It answers every operation of both API documents ({@code api-spec/lers-v1.swagger.json} and
 * {@code api-spec/lers-v0.1.swagger.json}, also served at {@code /api/swagger/v1/swagger.json} and
 * {@code /api/swagger/v0.1/swagger.json}) over one deterministic data set; the v0.1 operations
 * field clients call (manual polls and their sessions, reports, notifications, node jobs, nodes and
 * points) with behaviour, the rest with schema-valid samples. The data set: nodes (buildings) in three territories with heat, hot water, cold water, electricity
 * and gas measure points, equipment, organisations, incidents. Archive data is computed from
 * (seed, point, hour) when asked, so thousands of points over years cost no memory: hours follow
 * daily and weekly cycles and the outdoor temperature, days and months are sums (means for
 * temperatures and pressures) of their hours, and totals are running integrals, exactly
 * consistent with consumption. Data exists from {@link DataSet#dataStart()} up to the last
 * completed hour of the clock, in server local time ({@link #SERVER_OFFSET}, no offset written).
 *
 * <p>Like LERS it wants {@code Authorization: Bearer <token>} from {@code POST /api/v1/Login} (or
 * v0.1's, the same token) everywhere the documents do not have anonymous; answers
 * 401 for a missing, unknown or expired token, 403 when the account lacks the permission, and
 * 422 {@code {errorMessage, errorCode, data}} for bad input. Writes are kept in memory and read
 * back. The real-time hub at {@code /api/v0.1/rpc/serverHub} ({@link #hub()}) pushes
 * {@code SAVE_CURRENT_DATA} as poll sessions end and {@code ENTITY_CHANGED} on writes.
 * {@link #faults()} injects latency, error statuses, throttling, HTML error pages, connections
 * dropped mid-body, failing manual polls and hub failures.
 *
 * <pre>{@code
 * try (LersEmulator lers = LersEmulator.start()) {
 *     ApiClient client = new ApiClient(new OkHttpClient());
 *     client.setBasePath(lers.baseUrl());
 *     ...
 * }
 * }</pre>
 */
public final class LersEmulator implements AutoCloseable {

    /** An account with every permission, an administrator. */
    public static final String DEFAULT_LOGIN = "demo";
    public static final String DEFAULT_PASSWORD = "demo";
    /**
     * An account that may read everything but lacks saveData, editNode, editEquipment,
     * createIncident, editOutdoorTemperature (and the other edit rights): writes answer 403.
     */
    public static final String VIEWER_LOGIN = "viewer";
    public static final String VIEWER_PASSWORD = "viewer";
    /** The emulated server's time zone (Moscow): archive times are local times in it. */
    public static final ZoneOffset SERVER_OFFSET = Catalog.SERVER_OFFSET;

    private final Server server;
    private final ServerConnector connector;
    /** The port listened on, kept after close so that a closed emulator's URL still names it. */
    private final int port;
    private final Hub hub;
    private final Context context;
    private final Router router;
    private final Routes routes;
    private final PollSessions polls;
    private final Faults faults;
    private final RequestStats stats;
    private final DataSet dataSet;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LersEmulator(Builder b) {
        Clock clock = b.clock;
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), SERVER_OFFSET);
        LocalDate dataStart = LocalDate.of(now.getYear() - 3, 1, 1);
        int nodes = b.nodes > 0 ? b.nodes : Math.max(1, (int) Math.ceil(b.measurePoints / 3.5));
        Catalog catalog = new Catalog(b.seed, b.measurePoints, nodes, dataStart, now);
        Accounts accounts = new Accounts(clock, b.tokenLifetime);
        accounts.add(DEFAULT_LOGIN, DEFAULT_PASSWORD, "Администратор (demo)", true, Accounts.ALL_PERMISSIONS);
        accounts.add(VIEWER_LOGIN, VIEWER_PASSWORD, "Наблюдатель (viewer)", false, Accounts.VIEWER_PERMISSIONS);
        for (String[] a : b.accounts) {
            accounts.add(a[0], a[1], a[0], false, Arrays.asList(a).subList(2, a.length));
        }
        this.context = new Context(catalog, new State(), accounts, clock);
        this.faults = new Faults();
        this.stats = new RequestStats();
        DataView data = new DataView(context);
        Notifications notifications = new Notifications();
        Writes writes = new Writes(context, notifications);
        this.polls = new PollSessions(data, writes, faults, b.pollDuration);
        this.router = new Router();
        this.routes = new Routes(router);
        AccountRoutes accountRoutes = new AccountRoutes(data, accounts);
        accountRoutes.register(routes);
        CoreRoutes core = new CoreRoutes(data, writes);
        core.register(routes);
        DataRoutes records = new DataRoutes(data, writes, polls);
        records.register(routes);
        IncidentRoutes incidents = new IncidentRoutes(data, writes);
        incidents.register(routes);
        incidents.seedInitial();
        FileRoutes files = new FileRoutes(data, writes);
        files.register(routes);
        V01Answers v01 = new V01Answers(data);
        new V01CoreRoutes(data, accounts, v01, core, accountRoutes, records, incidents).register(routes);
        new V01PollRoutes(data, polls).register(routes);
        new V01ReportRoutes(data, writes, v01, files).register(routes);
        new V01NotificationRoutes(data, notifications, v01).register(routes);
        new SampleRoutes(v01.samples).register(routes);
        this.dataSet = new DataSet(catalog, context.state.incidentIds());
        QueuedThreadPool threads = new QueuedThreadPool(b.threads + 4, 2);
        threads.setName("lers-emulator");
        threads.setDaemon(true);
        threads.setReservedThreads(0);
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(b.host.getHostAddress());
        connector.setPort(b.port);
        connector.setAcceptQueueSize(256);
        server.addConnector(connector);
        this.hub = new Hub(accounts, faults, stats, data, polls::settle, b.hubKeepAlive, b.hubClientTimeout,
                "lers-emulator-hub");
        polls.addListener(hub::pollSessionEnded);
        writes.onChange(hub::entityChanged);
        routes.extra("POST", Hub.PATH + "/negotiate", Router.Access.AUTHENTICATED, hub::negotiate);
        Front front = new Front(router, accounts, faults, stats, polls::settle);
        WebSocketUpgradeHandler sockets = WebSocketUpgradeHandler.from(server, container -> {
            // SignalR keeps the connection alive with its own pings and timeouts
            container.setIdleTimeout(Duration.ofMinutes(30));
            container.setMaxTextMessageSize(Hub.MAX_RECEIVE_MESSAGE * 4L);
            container.addMapping(new RegexPathSpec("^(?i)/" + Hub.PATH.replace(".", "\\.") + "$"), hub::upgrade);
        });
        sockets.setHandler(front);
        server.setHandler(sockets);
        try {
            server.start();
        } catch (Exception e) {
            hub.close();
            try {
                server.stop();
            } catch (Exception ignored) {
                // nothing more to release
            }
            if (e instanceof IOException) {
                throw new UncheckedIOException("cannot listen on port " + b.port, (IOException) e);
            }
            throw new IllegalStateException("cannot start the emulator on port " + b.port, e);
        }
        this.port = connector.getLocalPort();
    }

    /** A builder for an emulator with a chosen size, seed, clock, port or extra accounts. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts an emulator with the small default data set (14 points on 4 nodes) on a free port. */
    public static LersEmulator start() {
        return builder().start();
    }

    /**
     * {@code http://127.0.0.1:<port>}, without a trailing slash: the generated client's base path. On every
     * interface ({@code host("0.0.0.0")}) it is the loopback address's URL too.
     */
    public String baseUrl() {
        String host = connector.getHost();
        return "http://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + port();
    }

    public int port() {
        return port;
    }

    /** The real-time hub at {@code /api/v0.1/rpc/serverHub}: its connections, a publisher, the drop fault. */
    public Hub hub() {
        return hub;
    }

    public DataSet dataSet() {
        return dataSet;
    }

    public Faults faults() {
        return faults;
    }

    /**
     * Issues an application key of the account, as LERS does on the account card («Приложения»):
     * requests carrying it in {@code x-lers-api-key} act with that account's permissions, without
     * logging in.
     *
     * @throws IllegalArgumentException for an account the emulator does not have
     */
    public String issueApiKey(String login) {
        String key = context.accounts.issueApiKey(login);
        if (key == null) {
            throw new IllegalArgumentException("no account " + login);
        }
        return key;
    }

    /** Revokes an application key: requests with it answer 401 from now on. False if it was not issued. */
    public boolean revokeApiKey(String key) {
        return context.accounts.revokeApiKey(key);
    }

    /** Makes every token issued so far expired: the next call with one answers 401. New logins work. */
    public void expireAllTokens() {
        context.accounts.expireAll();
    }

    /** The start of the newest hour record (the last completed hour), server local time. */
    public LocalDateTime lastCompletedHour() {
        return context.currentHour().minusHours(1);
    }

    /** Requests received so far (since {@link #resetRequestCounts()}), on every route, faulted ones included. */
    public long requestCount() {
        return stats.total();
    }

    /**
     * Requests with this method whose path starts with these segments, ignoring case:
     * {@code requestCount("POST", "/api/v1/Login")} counts logins (and the other Login routes).
     */
    public long requestCount(String method, String pathPrefix) {
        return stats.count(Objects.requireNonNull(method, "method"), Objects.requireNonNull(pathPrefix, "pathPrefix"));
    }

    /**
     * Starts every request count from zero ({@link #requestCount()} and by path), as
     * {@link LersEmulatorExtension} does before each test. A request in flight meanwhile may count
     * on either side.
     */
    public void resetRequestCounts() {
        stats.reset();
    }

    /** The routing table; tests add routes to it. */
    Router router() {
        return router;
    }

    /** The registrar by operationId; tests add routes with it. */
    Routes routes() {
        return routes;
    }

    /** The manual polls started so far. */
    PollSessions pollSessions() {
        return polls;
    }

    /** The operationIds of one document the emulator routes, in registration order. */
    List<String> operationIds(Api api) {
        List<String> out = new ArrayList<>();
        for (Router.Route r : router.routes()) {
            if (r.api == api && r.operationId != null) {
                out.add(r.operationId);
            }
        }
        return out;
    }

    /** Stops the server and its threads; calling it again does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            hub.close();
            try {
                server.stop();
            } catch (Exception e) {
                // stopping frees the port whatever went wrong in a handler
            }
        }
    }

    /** Configures an emulator; every setting has a default. */
    public static final class Builder {
        private InetAddress host = InetAddress.getLoopbackAddress();
        private int port;
        private int measurePoints = 14;
        private int nodes;
        private long seed = 20_250_101L;
        private Clock clock = Clock.systemUTC();
        private Duration tokenLifetime = Duration.ofHours(1);
        private int threads = 16;
        private Duration pollDuration = Duration.ofSeconds(2);
        private Duration hubKeepAlive = Duration.ofSeconds(15);
        private Duration hubClientTimeout = Duration.ofSeconds(30);
        private final List<String[]> accounts = new ArrayList<>();

        private Builder() {
        }

        /** The port to listen on; 0 (default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The IPv4 address to listen on (default the loopback address, 127.0.0.1): {@code 0.0.0.0} listens on
         * every interface, for clients on other machines or in containers. An address, not a host name, so
         * nothing is looked up.
         */
        public Builder host(String ipv4Address) {
            Objects.requireNonNull(ipv4Address, "ipv4Address");
            String[] parts = ipv4Address.split("\\.", -1);
            byte[] bytes = new byte[4];
            boolean valid = parts.length == 4;
            for (int i = 0; valid && i < 4; i++) {
                valid = parts[i].matches("[0-9]{1,3}") && Integer.parseInt(parts[i]) <= 255;
                bytes[i] = valid ? (byte) Integer.parseInt(parts[i]) : 0;
            }
            if (!valid) {
                throw new IllegalArgumentException("not an IPv4 address: " + ipv4Address);
            }
            try {
                this.host = InetAddress.getByAddress(bytes);
            } catch (java.net.UnknownHostException e) {
                throw new AssertionError("four bytes are an IPv4 address", e);
            }
            return this;
        }

        /** How many measure points (default 14); thousands work. */
        public Builder measurePoints(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("at least one measure point");
            }
            this.measurePoints = count;
            return this;
        }

        /** How many nodes carry the points; by default about one per 3.5 points. */
        public Builder nodes(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("at least one node");
            }
            this.nodes = count;
            return this;
        }

        /** The seed of every generated value: the same seed and clock give the same data. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** "Now" for token expiry, the newest data and the start of the data (default: the system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How long issued tokens live (default 1 hour), measured by the clock. */
        public Builder tokenLifetime(Duration lifetime) {
            Objects.requireNonNull(lifetime, "lifetime");
            if (lifetime.isNegative() || lifetime.isZero()) {
                throw new IllegalArgumentException("token lifetime must be positive");
            }
            this.tokenLifetime = lifetime;
            return this;
        }

        /**
         * How long a manual poll session runs before it ends (default 2 seconds), measured by the
         * clock from the session's start stamp; zero ends sessions as they start. With a fixed clock
         * sessions run until the clock moves past their end.
         */
        public Builder pollDuration(Duration duration) {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("poll duration must not be negative");
            }
            this.pollDuration = duration;
            return this;
        }

        /**
         * How often the hub pings a connection it has sent nothing else to (default 15 s) and how
         * long a client may stay silent before the hub closes its connection (default 30 s):
         * ASP.NET's KeepAliveInterval and ClientTimeoutInterval.
         */
        public Builder hubTimings(Duration keepAliveInterval, Duration clientTimeout) {
            Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
            Objects.requireNonNull(clientTimeout, "clientTimeout");
            if (keepAliveInterval.isNegative() || keepAliveInterval.isZero() || clientTimeout.compareTo(keepAliveInterval) <= 0) {
                throw new IllegalArgumentException("the keep-alive interval must be positive and shorter than the client timeout");
            }
            this.hubKeepAlive = keepAliveInterval;
            this.hubClientTimeout = clientTimeout;
            return this;
        }

        /** Request threads (default 16); latency faults hold a thread while they wait. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("at least one thread");
            }
            this.threads = threads;
            return this;
        }

        /**
         * Adds an account with these permissions, camelCase as LERS sends them ({@code "viewData"},
         * {@code "saveData"}); {@code "SaveData"} is accepted too. Not an administrator.
         */
        public Builder account(String login, String password, String... permissions) {
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(password, "password");
            if (login.equalsIgnoreCase(DEFAULT_LOGIN) || login.equalsIgnoreCase(VIEWER_LOGIN)) {
                throw new IllegalArgumentException("login " + login + " is built in");
            }
            String[] entry = new String[permissions.length + 2];
            entry[0] = login;
            entry[1] = password;
            System.arraycopy(permissions, 0, entry, 2, permissions.length);
            accounts.add(entry);
            return this;
        }

        /** Builds the data set and starts listening. */
        public LersEmulator start() {
            return new LersEmulator(this);
        }
    }
}
