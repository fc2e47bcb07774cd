package io.lers4j;

import com.google.gson.stream.JsonReader;
import io.lers4j.invoker.ApiClient;
import io.lers4j.invoker.ApiServices;
import io.lers4j.invoker.OwnRequests;
import io.lers4j.model.DeviceDataType;
import io.lers4j.v01.api.V01Services;
import io.lers4j.types.LersDateTime;
import okhttp3.Authenticator;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The LERS client: logs in by itself, keeps its token fresh, retries what is safe to retry,
 * reads archives window by window, and reports failures as typed {@link LersException}s.
 *
 * <pre>{@code
 * try (LersClient lers = LersClient.builder()
 *         .baseUrl("http://lers.example:10000")
 *         .credentials("api1", password)
 *         .build()) {
 *     lers.consumption(39, DeviceDataType.HOUR, LocalDate.of(2026, 1, 13), LocalDate.of(2026, 1, 20))
 *         .forEach(hour -> System.out.println(hour.dateTime() + " " + hour.value(DataParameter.Q_DELTA)));
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe: build one per server and share it. Every generated API is
 * available through {@link #call(Class, ApiCall)} (typed errors) or {@link #api(Class)}.
 */
public final class LersClient extends ApiServices implements AutoCloseable {

    static final String USER_AGENT = "lers4j";
    /** Default {@link Builder#maxResponseSize}: 32 MiB. */
    public static final long DEFAULT_MAX_RESPONSE_SIZE = 32L * 1024 * 1024;
    /** Default {@link Builder#maxRequestsPerQuery}. */
    public static final int DEFAULT_MAX_REQUESTS_PER_QUERY = 2_000;

    /** The {@code (ApiClient)} constructor of each generated API class, looked up once; null if none. */
    private static final ClassValue<Constructor<?>> API_CONSTRUCTORS = new ClassValue<>() {
        @Override
        protected Constructor<?> computeValue(Class<?> type) {
            try {
                return type.getConstructor(ApiClient.class);
            } catch (NoSuchMethodException e) {
                return null;
            }
        }
    };

    private final HttpUrl baseUrl;
    private final OkHttpClient http;
    private final boolean ownsHttpResources;
    private final LersApiClient apiClient;
    private final V01Services v01;
    private final Redactor redactor;
    private final ErrorMapper errors;
    private final Pipeline pipeline;
    private final Duration callTimeout;
    private final int maxRequestsPerQuery;
    private final String login;
    private final Clock clock;
    private final Sleeper sleeper;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Without lers4j's authentication, retries or redirect rules: what the hub's WebSocket is built on. */
    private final OkHttpClient plainHttp;
    /** The token of this client; null with an API key. */
    private final TokenManager tokens;
    private final String apiKey;
    /** The login's pipeline, which adds no credential: the hub's negotiate with the token as a query parameter. */
    private final Pipeline unauthenticatedPipeline;
    private final HubOptions hubOptions;
    private final Object hubLock = new Object();
    private ServerHub hub;
    /** The server's offset and until when it is kept; null before the first ask. */
    private volatile KeptOffset serverOffset;

    /** How long {@link #serverOffset()} keeps what the server said. */
    static final Duration SERVER_OFFSET_KEPT = Duration.ofHours(1);

    private static final class KeptOffset {
        final ZoneOffset offset;
        final java.time.Instant until;

        KeptOffset(ZoneOffset offset, java.time.Instant until) {
            this.offset = offset;
            this.until = until;
        }
    }

    private LersClient(Builder b) {
        this.baseUrl = b.baseUrl;
        this.login = b.login;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.maxRequestsPerQuery = b.maxRequestsPerQuery;
        this.redactor = new Redactor();
        redactor.addSecret(b.password);
        this.errors = new ErrorMapper(redactor, baseUrl);

        this.ownsHttpResources = b.httpClient == null;
        OkHttpClient base = b.httpClient == null ? new OkHttpClient() : b.httpClient;
        OkHttpClient.Builder plain = base.newBuilder()
                // every re-send is RetryPolicy's decision: none of OkHttp's own follow-ups
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .authenticator(Authenticator.NONE);
        if (b.httpClient == null || b.timeoutsSet) {
            plain.connectTimeout(b.connectTimeout).readTimeout(b.readTimeout)
                    .writeTimeout(b.writeTimeout).callTimeout(b.callTimeout);
        }
        if (b.sslSocketFactory != null) {
            plain.sslSocketFactory(b.sslSocketFactory, b.trustManager);
        } else if (!b.trustedCertificates.isEmpty() || b.trustStore != null) {
            X509TrustManager trust = TlsSupport.trusting(b.trustedCertificates, b.trustStore, b.clock);
            plain.sslSocketFactory(TlsSupport.socketFactory(trust), trust);
        }
        plain.addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("User-Agent", USER_AGENT).build()));
        plain.addNetworkInterceptor(new FollowUpGuard());
        OkHttpClient shared = plain.build();
        this.plainHttp = shared;
        this.apiKey = b.apiKey;
        this.hubOptions = b.hubOptions;
        this.callTimeout = Duration.ofMillis(shared.callTimeoutMillis());

        RetryInterceptor retry = new RetryInterceptor(b.retryPolicy, b.sleeper, b.clock, baseUrl, b.maxResponseSize);
        SameOriginRedirects redirects = new SameOriginRedirects(baseUrl);
        OkHttpClient.Builder authenticated = shared.newBuilder();
        authenticated.addInterceptor(retry).addInterceptor(redirects);
        if (b.apiKey != null) {
            redactor.addSecret(b.apiKey);
            authenticated.addNetworkInterceptor(new ApiKeyHeader(b.apiKey, baseUrl));
            this.tokens = null;
            this.unauthenticatedPipeline = null;
        } else {
            // the login goes through the same retries and redirect rules but, of course, without authentication
            OkHttpClient loginHttp = shared.newBuilder().addInterceptor(retry).addInterceptor(redirects).build();
            Pipeline loginPipeline = new Pipeline(loginHttp, retry, errors, callTimeout, null);
            this.tokens = new TokenManager(new LersApiClient(loginHttp, loginPipeline, apiBasePath(baseUrl)),
                    b.login, b.password, b.application, b.token, loginPipeline, b.clock, b.tokenRenewalSkew, redactor);
            this.unauthenticatedPipeline = loginPipeline;
            authenticated.addInterceptor(new AuthInterceptor(tokens, baseUrl))
                    .addNetworkInterceptor(new AuthInterceptor.BearerHeader(baseUrl));
        }
        this.http = authenticated.build();
        this.pipeline = new Pipeline(http, retry, errors, callTimeout, new PathIdCheck(baseUrl));
        this.apiClient = new LersApiClient(http, pipeline, apiBasePath(baseUrl));
        this.v01 = new V01Services(apiClient);
    }

    /** The generated client's base path: the base URL without its closing slash. */
    private static String apiBasePath(HttpUrl baseUrl) {
        String basePath = baseUrl.toString();
        return basePath.substring(0, basePath.length() - 1);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The server's base URL, ending with a slash. */
    public URI baseUrl() {
        return baseUrl.uri();
    }

    /**
     * A generated API bound to this client, found by reflection.
     *
     * @deprecated use the typed accessor instead, e.g. {@code lers.nodes()} for {@code NodesApi}:
     * the same API, whose failures are typed {@link LersException}s either way.
     */
    @Deprecated
    public <T> T api(Class<T> apiClass) {
        Objects.requireNonNull(apiClass, "apiClass");
        Constructor<?> constructor = API_CONSTRUCTORS.get(apiClass);
        if (constructor == null) {
            throw new IllegalArgumentException(apiClass.getName() + " is not a generated LERS API class "
                    + "(no constructor taking io.lers4j.invoker.ApiClient)");
        }
        try {
            return apiClass.cast(constructor.newInstance(apiClient()));
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalArgumentException("Cannot create " + apiClass.getName() + ": " + e, e);
        }
    }

    /**
     * Calls a generated API: {@code lers.call(NodesApi.class, api -> api.getNodes().execute())}.
     *
     * @deprecated call the operation on its typed accessor, {@code lers.nodes().getNodes().execute()}:
     * every generated call fails with the {@link LersException} family by itself now.
     */
    @Deprecated
    public <A, R> R call(Class<A> apiClass, ApiCall<A, R> call) {
        Objects.requireNonNull(call, "call");
        A api = api(apiClass);
        try {
            return call.call(api); // typed errors already: Pipeline maps them, ApiException is an IllegalArgumentException
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new LersException(redactor.redact(Excerpt.describe(e)), "", 0, e);
        }
    }

    /**
     * {@link #call} for operations without a result.
     *
     * @deprecated call the operation on its typed accessor:
     * {@code lers.weather().set(1).body(temperatures).execute()}.
     */
    @Deprecated
    public <A> void run(Class<A> apiClass, ApiAction<A> action) {
        Objects.requireNonNull(action, "action");
        call(apiClass, api -> {
            action.run(api);
            return null;
        });
    }

    /**
     * The generated client underneath, bound to this client's authentication, retries and limits;
     * every API of the accessors is built on it.
     */
    @Override
    public ApiClient apiClient() {
        ensureOpen();
        return apiClient;
    }

    /**
     * The v0.1 API ({@code /api/v0.1/...}: polling, reports, notifications, administration), generated
     * from {@code api-spec/lers-v0.1.swagger.json} into {@code io.lers4j.v01}: the same token, retries,
     * limits and typed errors as the v1 accessors of this client, e.g.
     * {@code lers.v01().pollSessions().getPollSession(id).execute()}.
     */
    public V01Services v01() {
        ensureOpen();
        return v01;
    }

    /** Manual polls of measure points, awaited until their sessions end (v0.1 API). */
    public PollNow pollNow() {
        ensureOpen();
        return new PollNow(this);
    }

    /**
     * Polls the current values of the points now and returns each point's current record, in the
     * record model of the archives ({@link MeterRecord}, data type {@code Current}), or why it has none:
     *
     * <pre>{@code
     * CurrentValues now = lers.currentValuesNow(List.of(1001, 1002, 1003, 1004, 1005), Duration.ofMinutes(2));
     * now.points().forEach((id, v) -> System.out.println(id + " " + v.record()
     *         .map(r -> r.dateTime() + " T_in=" + r.valueOr(DataParameter.T_IN, Double.NaN))
     *         .orElse(v.status() + ": " + v.error().map(Throwable::getMessage).orElse(""))));
     * }</pre>
     *
     * <ol>
     *   <li>One manual poll of currents for all points ({@link PollNow#currents(Collection)}); the hub
     *       connects meanwhile. A start the server refuses fails the call ({@link LersPollException}),
     *       as does bad input, before anything is sent.</li>
     *   <li>{@code SAVE_CURRENT_DATA} of the named session is subscribed as soon as the start answers,
     *       then that of every other session of the poll's task as its session list shows them. A
     *       point's record from such an event wins ({@link CurrentValue.Status#RECEIVED}).</li>
     *   <li>The wait ends when every point has its record, when all sessions have ended, or after
     *       {@code timeout}. Events sent before a subscription reached the server are lost, and a
     *       server without a hub sends none: for every point still without a record, the poll is
     *       awaited for the time left and the point's newest current record since the poll started is
     *       read from the archive ({@link CurrentValue.Status#READ}). A point whose session failed is
     *       {@link CurrentValue.Status#POLL_FAILED} with the {@code PollError}; one the archive holds
     *       nothing for is {@code NO_DATA}, or {@code TIMED_OUT} while its session still runs.</li>
     * </ol>
     *
     * Once the poll has started, a point's failure is in its {@link CurrentValue}, never thrown. The
     * hub's own timeouts ({@link HubOptions}) bound its connection and each subscription; the hub
     * stays connected for later calls.
     *
     * @param timeout how long to wait for the points' values, at most a day
     * @throws LersException when the poll cannot be started
     */
    public CurrentValues currentValuesNow(Collection<Integer> measurePointIds, Duration timeout) {
        ensureOpen();
        return new CurrentValuesRead(this, measurePointIds, timeout, id -> {
        }).run();
    }

    /** Report forms, reports exported to files and their download (v0.1 API). */
    public ReportFiles reportFiles() {
        ensureOpen();
        return new ReportFiles(this);
    }

    /** The account's notifications: of a period, unread counts, marking read (v0.1 API). */
    public NotificationCentre notificationCentre() {
        ensureOpen();
        return new NotificationCentre(this);
    }

    /**
     * Node jobs not completed yet ({@code GET /api/v0.1/Core/NodeJobs?incomplete=true}), never null; the
     * full answer, with the accounts, nodes and incidents they refer to, is
     * {@code v01().nodeJobs().getList().incomplete(true).execute()}.
     */
    public List<io.lers4j.v01.model.NodeJob> incompleteNodeJobs() {
        io.lers4j.v01.model.GetNodeJobResponseParameters answer = v01().nodeJobs().getList().incomplete(true).execute();
        List<io.lers4j.v01.model.NodeJob> jobs = new ArrayList<>();
        if (answer != null && answer.getNodeJobList() != null) {
            answer.getNodeJobList().stream().filter(Objects::nonNull).forEach(jobs::add);
        }
        return java.util.Collections.unmodifiableList(jobs);
    }

    /** How many poll ports are free, busy and blocked ({@code GET /api/v0.1/Poll/PollPorts/Status}). */
    public io.lers4j.v01.model.PollPortStatus pollPortStatus() {
        io.lers4j.v01.model.PollPortStatus status = v01().pollPorts().getStatus().execute();
        if (status == null) {
            throw new LersResponseException("The server answered the poll port status with no body",
                    "GET /api/v0.1/Poll/PollPorts/Status", 1, 200, null);
        }
        return status;
    }

    /**
     * The server's real-time hub: notifications as they happen ({@code SAVE_CURRENT_DATA} of a
     * poll session, changed entities, devices on- and offline...), with this client's token or key.
     * One per client, connected on its first subscription; after it has closed, a new one.
     * {@link #close()} closes it.
     */
    public ServerHub hub() {
        ensureOpen();
        synchronized (hubLock) {
            if (hub == null || hub.isClosed()) {
                hub = new ServerHub(this, hubOptions);
            }
            return hub;
        }
    }

    Clock clock() {
        return clock;
    }

    void requireOpen() {
        ensureOpen();
    }

    OkHttpClient plainHttp() {
        return plainHttp;
    }

    TokenManager tokens() {
        return tokens;
    }

    String apiKey() {
        return apiKey;
    }

    Pipeline unauthenticatedPipeline() {
        return unauthenticatedPipeline;
    }

    Redactor redactor() {
        return redactor;
    }

    Sleeper sleeper() {
        return sleeper;
    }

    Pipeline pipeline() {
        return pipeline;
    }

    HttpUrl httpBaseUrl() {
        return baseUrl;
    }

    /**
     * The server's UTC offset, from the {@code serverTime} of {@code GET /api/v1/ServerInfo}. LERS
     * writes archive times in its local time without offset; with this offset,
     * {@code record.dateTime().toInstant(lers.serverOffset())} gives the instant. Asked once and
     * kept for an hour (by the client's clock): a server's offset changes only when it is
     * reconfigured, and the first call after the hour asks again.
     */
    public ZoneOffset serverOffset() {
        ensureOpen();
        KeptOffset kept = serverOffset;
        java.time.Instant now = clock.instant();
        if (kept != null && now.isBefore(kept.until)) {
            return kept.offset;
        }
        ZoneOffset offset = askServerOffset();
        serverOffset = new KeptOffset(offset, now.plus(SERVER_OFFSET_KEPT));
        return offset;
    }

    private ZoneOffset askServerOffset() {
        Request request = OwnRequests.serverInfo(apiClient);
        String operation = Routes.operation(request);
        LersDateTime serverTime = pipeline.execute(request, response -> {
            com.google.gson.JsonElement json = com.google.gson.JsonParser.parseReader(response.body().charStream());
            com.google.gson.JsonElement time = json.isJsonObject() ? json.getAsJsonObject().get("serverTime") : null;
            if (time == null || !time.isJsonPrimitive()) {
                throw new IllegalStateException("no serverTime in the answer");
            }
            return LersDateTime.parse(time.getAsString());
        }, false);
        return serverTime.offset().orElseThrow(() -> new LersResponseException(
                "The server time " + Excerpt.of(serverTime.toString()) + " carries no UTC offset", operation, 1, 200, null));
    }

    /**
     * The API document the server publishes, {@code GET /api/swagger/{version}/swagger.json}, as
     * text: {@code "v1"} or {@code "v0.1"}. Sent with the client's authentication when it has an
     * account (some servers publish the document to signed-in users only), read within
     * {@link Builder#maxResponseSize}, retried like any read.
     */
    public String apiDocument(String version) {
        Objects.requireNonNull(version, "version");
        if (!version.matches("v[0-9]+(\\.[0-9]+)*")) {
            throw new IllegalArgumentException("version must look like v1 or v0.1: " + Excerpt.of(version));
        }
        ensureOpen();
        Request request = new Request.Builder()
                .url(baseUrl.newBuilder().addPathSegments("api/swagger").addPathSegment(version)
                        .addPathSegment("swagger.json").build())
                .get().header("Accept", "application/json").build();
        return pipeline.execute(request, response -> response.body().string(), false);
    }

    /**
     * Consumption records of a measure point in {@code [from, to)}, server-local time, fetched
     * lazily window by window ({@code HOUR}: 14 days per request, {@code DAY}: a year,
     * {@code MONTH}: ten years; see {@link RecordSeries#withWindowSize}).
     */
    public RecordSeries consumption(Integer measurePointId, DeviceDataType dataType, LocalDateTime from, LocalDateTime to) {
        Objects.requireNonNull(dataType, "dataType");
        checkPeriod(measurePointId, from, to);
        ensureOpen();
        return series(measurePointId, ArchiveQuery.of(dataType, from, to));
    }

    /** {@link #consumption(Integer, DeviceDataType, LocalDateTime, LocalDateTime)} from midnight to midnight. */
    public RecordSeries consumption(Integer measurePointId, DeviceDataType dataType, LocalDate from, LocalDate to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return consumption(measurePointId, dataType, from.atStartOfDay(), to.atStartOfDay());
    }

    /** Totals (cumulative meter readings) of a measure point in {@code [from, to)}, window by window. */
    public RecordSeries totals(Integer measurePointId, LocalDateTime from, LocalDateTime to) {
        checkPeriod(measurePointId, from, to);
        ensureOpen();
        return series(measurePointId, ArchiveQuery.of(null, from, to));
    }

    public RecordSeries totals(Integer measurePointId, LocalDate from, LocalDate to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return totals(measurePointId, from.atStartOfDay(), to.atStartOfDay());
    }

    /**
     * Consumption of many measure points over one period, {@code concurrency} points at a time
     * (default 4), each point's result delivered as it completes; see {@link BulkRead}.
     */
    public BulkRead bulkConsumption(Collection<Integer> measurePointIds, DeviceDataType dataType,
                                    LocalDateTime from, LocalDateTime to) {
        Objects.requireNonNull(dataType, "dataType");
        List<Integer> ids = BulkRead.checkIds(measurePointIds);
        checkPeriod(1, from, to);
        ensureOpen();
        return new BulkRead(this, ids, ArchiveQuery.of(dataType, from, to), BulkRead.DEFAULT_CONCURRENCY, false, null);
    }

    public BulkRead bulkConsumption(Collection<Integer> measurePointIds, DeviceDataType dataType, LocalDate from, LocalDate to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return bulkConsumption(measurePointIds, dataType, from.atStartOfDay(), to.atStartOfDay());
    }

    /** Totals of many measure points over one period; see {@link BulkRead}. */
    public BulkRead bulkTotals(Collection<Integer> measurePointIds, LocalDateTime from, LocalDateTime to) {
        List<Integer> ids = BulkRead.checkIds(measurePointIds);
        checkPeriod(1, from, to);
        ensureOpen();
        return new BulkRead(this, ids, ArchiveQuery.of(null, from, to), BulkRead.DEFAULT_CONCURRENCY, false, null);
    }

    /** The series of one point, checked against the request limit when it is read. */
    RecordSeries series(int measurePointId, ArchiveQuery query) {
        return new RecordSeries(this::fetchWindow, maxRequestsPerQuery, measurePointId, query);
    }

    int maxRequestsPerQuery() {
        return maxRequestsPerQuery;
    }

    /** LERS (.NET) stores dates of years 1 to 9999; anything else is a mistake, found before sending. */
    private static final LocalDateTime EARLIEST = LocalDateTime.of(1, 1, 1, 0, 0);
    private static final LocalDateTime LATEST = LocalDateTime.of(9999, 12, 31, 23, 59, 59);

    private static void checkPeriod(Integer measurePointId, LocalDateTime from, LocalDateTime to) {
        if (measurePointId == null) {
            throw new IllegalArgumentException("measurePointId is required");
        }
        requirePositiveId(measurePointId, "measurePointId");
        checkPeriod(from, to);
    }

    /** A period the server can be asked for: both ends given, in order, within the years LERS stores. */
    static void checkPeriod(LocalDateTime from, LocalDateTime to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
        if (from.isBefore(EARLIEST) || to.isAfter(LATEST)) {
            throw new IllegalArgumentException("the period " + from + " .. " + to
                    + " is outside the dates LERS stores (years 1 to 9999)");
        }
    }

    static void requirePositiveId(int id, String name) {
        if (id <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + id);
        }
    }

    List<MeterRecord> fetchWindow(RecordSeries series, LocalDateTime from, LocalDateTime to) {
        ensureOpen();
        boolean totals = series.dataType() == null;
        LersDateTime start = pathDate(from);
        LersDateTime end = pathDate(to);
        // the generated operation builds the request; the answer is read by the streaming record decoder
        Request request = totals
                ? OwnRequests.totals(apiClient, series.measurePointId(), start, end,
                        series.includeCalculated(), series.includeAbsentRecords())
                : OwnRequests.consumption(apiClient, series.measurePointId(), start, end, series.dataType(),
                        series.includeCalculated(), series.includeAbsentRecords());
        String array = totals ? "totals" : archiveArrayName(series.dataType());
        return pipeline.execute(request, response -> {
            try (JsonReader reader = new JsonReader(response.body().charStream())) {
                return RecordDecoder.readArchive(reader, array, series.dataType());
            }
        }, false);
    }

    /** Whole seconds, server-local time without offset, as LERS expects in paths. */
    static LersDateTime pathDate(LocalDateTime t) {
        return LersDateTime.of(t.truncatedTo(ChronoUnit.SECONDS));
    }

    static String archiveArrayName(DeviceDataType dataType) {
        String v = dataType.getValue();
        return Character.toLowerCase(v.charAt(0)) + v.substring(1) + "Consumption";
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("This LersClient is closed");
        }
    }

    /** Releases the connection pool and threads this client created; a client built on your OkHttpClient leaves it alone. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ServerHub open;
        synchronized (hubLock) {
            open = hub;
        }
        if (open != null) {
            open.close();
        }
        if (ownsHttpResources) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    @Override
    public String toString() {
        return "LersClient[" + baseUrl + (login != null ? ", login=" + login : ", pre-issued credential") + "]";
    }

    /** Builds a {@link LersClient}; {@link #baseUrl} and either {@link #credentials} or {@link #token} are required. */
    public static final class Builder {
        /** OkHttp keeps timeouts in int milliseconds. */
        private static final Duration MAX_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

        private HttpUrl baseUrl;
        private String login;
        private String password;
        private String application = "lers4j";
        private String token;
        private String apiKey;
        private boolean anonymous;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(60);
        private Duration writeTimeout = Duration.ofSeconds(60);
        private Duration callTimeout = Duration.ofMinutes(5);
        private boolean timeoutsSet;
        private long maxResponseSize = DEFAULT_MAX_RESPONSE_SIZE;
        private int maxRequestsPerQuery = DEFAULT_MAX_REQUESTS_PER_QUERY;
        private OkHttpClient httpClient;
        private Clock clock = Clock.systemUTC();
        private Duration tokenRenewalSkew = Duration.ofSeconds(60);
        private RetryPolicy retryPolicy = RetryPolicy.defaults();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private final List<X509Certificate> trustedCertificates = new ArrayList<>();
        private KeyStore trustStore;
        private SSLSocketFactory sslSocketFactory;
        private X509TrustManager trustManager;
        private HubOptions hubOptions = HubOptions.defaults();

        private Builder() {
        }

        /** {@code http://server:10000} or {@code https://host/lers/}: http or https, with or without trailing slash. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = parseBaseUrl(baseUrl);
            return this;
        }

        public Builder baseUrl(URI baseUrl) {
            return baseUrl(Objects.requireNonNull(baseUrl, "baseUrl").toString());
        }

        /** Login and password of a LERS account; the client logs in when it first needs a token and again when it expires. */
        public Builder credentials(String login, String password) {
            Objects.requireNonNull(login, "login");
            Objects.requireNonNull(password, "password");
            if (login.isBlank()) {
                throw new IllegalArgumentException("login must not be blank");
            }
            this.login = login;
            this.password = password;
            return this;
        }

        /** Name written by the server to its action log for every login (default {@code lers4j}). */
        public Builder application(String application) {
            this.application = Objects.requireNonNull(application, "application");
            return this;
        }

        /**
         * A pre-issued token (e.g. from {@code POST /api/v1/Login/{login}} with a long expiry). With
         * credentials as well, the client logs in when the token is rejected; without, it reports it.
         */
        /**
         * A client without an account, for what a server answers without one: {@code ServerInfo},
         * {@link LersClient#apiDocument(String) the API document} (where the server publishes it
         * openly) and downloads. Any other call fails with {@link LersAuthenticationException}
         * before it is sent.
         */
        public Builder anonymous() {
            this.anonymous = true;
            return this;
        }

        public Builder token(String token) {
            Objects.requireNonNull(token, "token");
            if (token.isBlank()) {
                throw new IllegalArgumentException("token must not be blank");
            }
            this.token = token;
            return this;
        }

        /**
         * An application key, sent as {@code x-lers-api-key} on every request instead of a login.
         * Field reports say LERS 3.6x issues such keys on the account card ("Приложения"); the
         * vendor's 2022 API document does not mention them. A rejected key is reported, not renewed.
         */
        public Builder apiKey(String apiKey) {
            Objects.requireNonNull(apiKey, "apiKey");
            if (apiKey.isBlank()) {
                throw new IllegalArgumentException("apiKey must not be blank");
            }
            this.apiKey = apiKey;
            return this;
        }

        /** Connection timeout (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout(timeout, "connectTimeout");
            return this;
        }

        /** Longest silence while reading an answer (default 60 s). */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout(timeout, "readTimeout");
            return this;
        }

        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = timeout(timeout, "writeTimeout");
            return this;
        }

        /**
         * Limit for a whole call: connecting, sending, the answer read to its end, retries and the
         * waits between them (default 5 min; zero: none). A wait that would end after it is not
         * started: the call fails at once and says how many attempts were sent.
         */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = timeout(timeout, "callTimeout");
            return this;
        }

        /**
         * The largest answer read, in bytes (default 32 MiB; {@link #DEFAULT_MAX_RESPONSE_SIZE}),
         * and with it the JSON objects and arrays it may hold (one per 48 bytes of the limit).
         * Answers are streamed, never held whole, but a server that sends more fails the call with
         * {@link LersResponseTooLargeException} instead of filling the heap. The largest legitimate
         * answers are far below the default (see the README).
         */
        public Builder maxResponseSize(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxResponseSize must be at least 1024 bytes: " + bytes);
            }
            this.maxResponseSize = bytes;
            return this;
        }

        /**
         * The most requests one archive query ({@link #consumption}, {@link #totals}, per point of a
         * bulk read) may need (default {@value #DEFAULT_MAX_REQUESTS_PER_QUERY}): a query over a
         * longer period fails before sending anything and says how many it would need.
         */
        public Builder maxRequestsPerQuery(int requests) {
            if (requests < 1) {
                throw new IllegalArgumentException("maxRequestsPerQuery must be positive: " + requests);
            }
            this.maxRequestsPerQuery = requests;
            return this;
        }

        /**
         * Your OkHttpClient (proxy, pool, interceptors, event listener); lers4j derives its own from
         * it and leaves it open on {@link LersClient#close()}. Its timeouts are kept unless set here.
         */
        public Builder httpClient(OkHttpClient httpClient) {
            this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
            return this;
        }

        /** Clock for token expiry, Retry-After dates and the validity of trusted certificates; tests inject a fixed one. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Renew the token this long before the server says it expires (default 60 s). */
        public Builder tokenRenewalSkew(Duration skew) {
            Objects.requireNonNull(skew, "tokenRenewalSkew");
            if (skew.isNegative()) {
                throw new IllegalArgumentException("tokenRenewalSkew must not be negative: " + skew);
            }
            this.tokenRenewalSkew = skew;
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /** How waits between attempts are made; tests inject one that does not sleep. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Also trust the certificates (CA or server) in this PEM file, for servers with their own CA.
         * {@link #build()} refuses one that is expired or not yet valid by the {@link #clock(Clock)}; at each
         * handshake the chain up to it must be valid too.
         */
        public Builder trustCertificates(Path pemFile) {
            Objects.requireNonNull(pemFile, "pemFile");
            trustedCertificates.addAll(TlsSupport.readPem(pemFile));
            return this;
        }

        /** As {@link #trustCertificates(Path)}. */
        public Builder trustCertificates(X509Certificate... certificates) {
            for (X509Certificate c : Objects.requireNonNull(certificates, "certificates")) {
                trustedCertificates.add(Objects.requireNonNull(c, "certificate"));
            }
            return this;
        }

        /**
         * Also trust the certificates of this key store; at each handshake the one the chain leads to,
         * and the chain up to it, must be valid by the {@link #clock(Clock)}.
         */
        public Builder trustStore(KeyStore trustStore) {
            this.trustStore = Objects.requireNonNull(trustStore, "trustStore");
            return this;
        }

        /** Full control of TLS; replaces {@link #trustCertificates} and {@link #trustStore}. */
        public Builder sslSocketFactory(SSLSocketFactory socketFactory, X509TrustManager trustManager) {
            this.sslSocketFactory = Objects.requireNonNull(socketFactory, "socketFactory");
            this.trustManager = Objects.requireNonNull(trustManager, "trustManager");
            return this;
        }

        /** Settings of {@link LersClient#hub()}: its path, an unsubscribe method, keep-alive and reconnect timing, buffers. */
        public Builder hubOptions(HubOptions options) {
            this.hubOptions = Objects.requireNonNull(options, "hubOptions");
            return this;
        }

        public LersClient build() {
            if (baseUrl == null) {
                throw new IllegalStateException("baseUrl is required, e.g. builder().baseUrl(\"http://lers-server:10000\")");
            }
            if (anonymous && (login != null || token != null || apiKey != null)) {
                throw new IllegalStateException("anonymous() is for a client without an account: do not combine it with "
                        + "credentials, token or apiKey");
            }
            if (!anonymous && login == null && token == null && apiKey == null) {
                throw new IllegalStateException("credentials(login, password), token(token) or apiKey(key) is required "
                        + "(or anonymous(), for the server's public routes only)");
            }
            if (apiKey != null && (login != null || token != null)) {
                throw new IllegalStateException("apiKey(key) replaces the login: do not combine it with credentials or token");
            }
            if (sslSocketFactory == null) {
                // here, not in trustCertificates: clock(...) may come after it
                TlsSupport.requireValidNow(trustedCertificates, clock);
            }
            return new LersClient(this);
        }

        private Duration timeout(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + d);
            }
            if (d.compareTo(MAX_TIMEOUT) > 0) {
                throw new IllegalArgumentException(name + " must be at most " + MAX_TIMEOUT.toDays() + " days: " + d);
            }
            timeoutsSet = true;
            return d;
        }

        static HttpUrl parseBaseUrl(String raw) {
            Objects.requireNonNull(raw, "baseUrl");
            String s = raw.trim();
            if (s.isEmpty()) {
                throw new IllegalArgumentException("baseUrl must not be blank");
            }
            String shown = Excerpt.of(withoutUserInfo(s));
            int colon = s.indexOf(':');
            String scheme = colon < 0 ? "" : s.substring(0, colon).toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("baseUrl must start with http:// or https://, got: " + shown);
            }
            // HttpUrl, unlike java.net.URI, takes intranet host names with underscores (lers_srv)
            HttpUrl url = HttpUrl.parse(s);
            if (url == null) {
                throw new IllegalArgumentException("baseUrl is not a valid URL (host or port): " + shown);
            }
            if (!url.username().isEmpty() || !url.password().isEmpty()) {
                throw new IllegalArgumentException("baseUrl must not contain a user or password; use credentials(login, password)");
            }
            if (url.encodedQuery() != null || url.encodedFragment() != null) {
                throw new IllegalArgumentException("baseUrl must not have a query or fragment: " + shown);
            }
            return url.encodedPath().endsWith("/") ? url : url.newBuilder().addPathSegment("").build();
        }

        /**
         * The URL as typed with everything between {@code //} and the last {@code @} masked: it may
         * be a password, which may itself hold {@code /} or {@code @}.
         */
        static String withoutUserInfo(String url) {
            int start = url.indexOf("//");
            int at = url.lastIndexOf('@');
            return start >= 0 && at > start ? url.substring(0, start + 2) + Redactor.MASK + url.substring(at) : url;
        }
    }
}
