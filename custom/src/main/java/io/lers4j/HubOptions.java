package io.lers4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the client's real-time hub ({@link LersClient#hub()}), given to
 * {@link LersClient.Builder#hubOptions(HubOptions)}. The defaults are those of the SignalR server
 * LERS runs on and of the vendor's own .NET client; what is not known about a server version
 * (where its hub is, whether it has an unsubscribe method) can be set here without a new release.
 */
public final class HubOptions {

    /** Where the hub of the LERS servers of 2020–2022 is, relative to the base URL. */
    public static final String DEFAULT_PATH = "api/v0.1/rpc/serverHub";

    private static final HubOptions DEFAULTS = builder().build();

    private final String path;
    private final String unsubscribeMethod;
    private final Duration keepAliveInterval;
    private final Duration serverTimeout;
    private final Duration handshakeTimeout;
    private final Duration invocationTimeout;
    private final List<Duration> reconnectDelays;
    private final int eventBufferSize;
    private final int maxMessageSize;

    private HubOptions(Builder b) {
        this.path = b.path;
        this.unsubscribeMethod = b.unsubscribeMethod;
        this.keepAliveInterval = b.keepAliveInterval;
        this.serverTimeout = b.serverTimeout;
        this.handshakeTimeout = b.handshakeTimeout;
        this.invocationTimeout = b.invocationTimeout;
        this.reconnectDelays = Collections.unmodifiableList(new ArrayList<>(b.reconnectDelays));
        this.eventBufferSize = b.eventBufferSize;
        this.maxMessageSize = b.maxMessageSize;
    }

    public static HubOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The hub's path relative to the base URL, without a leading slash. */
    public String path() {
        return path;
    }

    /** The server's hub method that ends a subscription; empty: none is known, subscriptions end locally only. */
    public java.util.Optional<String> unsubscribeMethod() {
        return java.util.Optional.ofNullable(unsubscribeMethod);
    }

    public Duration keepAliveInterval() {
        return keepAliveInterval;
    }

    public Duration serverTimeout() {
        return serverTimeout;
    }

    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    public Duration invocationTimeout() {
        return invocationTimeout;
    }

    /** Waits before each reconnect attempt; the last is repeated for as long as attempts fail. */
    public List<Duration> reconnectDelays() {
        return reconnectDelays;
    }

    public int eventBufferSize() {
        return eventBufferSize;
    }

    public int maxMessageSize() {
        return maxMessageSize;
    }

    /** The wait before reconnect attempt {@code attempt} (1 for the first). */
    Duration reconnectDelay(int attempt) {
        return reconnectDelays.get(Math.min(attempt, reconnectDelays.size()) - 1);
    }

    @Override
    public String toString() {
        return "HubOptions[path=" + path + ", unsubscribeMethod=" + (unsubscribeMethod == null ? "none" : unsubscribeMethod)
                + ", keepAliveInterval=" + keepAliveInterval + ", serverTimeout=" + serverTimeout
                + ", handshakeTimeout=" + handshakeTimeout + ", invocationTimeout=" + invocationTimeout
                + ", reconnectDelays=" + reconnectDelays + ", eventBufferSize=" + eventBufferSize
                + ", maxMessageSize=" + maxMessageSize + "]";
    }

    public static final class Builder {
        /** SubmissionPublisher's own upper bound is far higher; beyond this a buffer is a memory problem. */
        private static final int MAX_EVENT_BUFFER = 1 << 16;
        private static final int MAX_MESSAGE_LIMIT = 64 << 20;

        private String path = DEFAULT_PATH;
        private String unsubscribeMethod;
        private Duration keepAliveInterval = Duration.ofSeconds(15);
        private Duration serverTimeout = Duration.ofSeconds(30);
        private Duration handshakeTimeout = Duration.ofSeconds(15);
        private Duration invocationTimeout = Duration.ofSeconds(30);
        private List<Duration> reconnectDelays = List.of(Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(10),
                Duration.ofSeconds(30));
        private int eventBufferSize = 256;
        private int maxMessageSize = 256 * 1024;

        private Builder() {
        }

        /**
         * The hub's path relative to the base URL (default {@value #DEFAULT_PATH}, where the LERS
         * servers of 2020–2022 have it; where newer versions have it is not known). Path segments
         * only: no scheme, host, query or {@code ..}, so the hub is always on the configured origin.
         */
        public Builder path(String path) {
            Objects.requireNonNull(path, "path");
            String p = path.trim();
            while (p.startsWith("/")) {
                p = p.substring(1);
            }
            while (p.endsWith("/")) {
                p = p.substring(0, p.length() - 1);
            }
            if (p.isEmpty()) {
                throw new IllegalArgumentException("hub path must not be empty");
            }
            if (p.contains("://") || p.contains("?") || p.contains("#") || p.contains("\\")) {
                throw new IllegalArgumentException("hub path must be a path relative to the base URL, without scheme, "
                        + "host, query or fragment: " + Excerpt.of(path));
            }
            for (String segment : p.split("/")) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    throw new IllegalArgumentException("hub path must not have empty, '.' or '..' segments: " + Excerpt.of(path));
                }
            }
            this.path = p;
            return this;
        }

        /**
         * The hub method that ends a subscription on the server, called with the same arguments as
         * {@code Subscribe}. Default: none, since no evidence names one; a closed subscription then
         * only stops delivering, and the server goes on sending its events until the connection ends.
         */
        public Builder unsubscribeMethod(String method) {
            Objects.requireNonNull(method, "method");
            if (!method.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException("unsubscribeMethod must be a hub method name (letters, digits, _): "
                        + Excerpt.of(method));
            }
            this.unsubscribeMethod = method;
            return this;
        }

        /** How often the client pings the server (default 15 s; the server drops clients silent for 30 s). */
        public Builder keepAliveInterval(Duration interval) {
            this.keepAliveInterval = positive(interval, "keepAliveInterval");
            return this;
        }

        /** Silence from the server after which the connection counts as lost and is made anew (default 30 s). */
        public Builder serverTimeout(Duration timeout) {
            this.serverTimeout = positive(timeout, "serverTimeout");
            return this;
        }

        /** How long to wait for the server's answer to the protocol handshake (default 15 s). */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = positive(timeout, "handshakeTimeout");
            return this;
        }

        /** How long {@link ServerHub#subscribe} waits for the server to confirm (default 30 s). */
        public Builder invocationTimeout(Duration timeout) {
            this.invocationTimeout = positive(timeout, "invocationTimeout");
            return this;
        }

        /**
         * Waits before the reconnect attempts after a connection was lost (default 0, 2, 10 and 30 s,
         * as the .NET client does); the last is repeated for as long as attempts fail.
         */
        public Builder reconnectDelays(Duration... delays) {
            Objects.requireNonNull(delays, "delays");
            if (delays.length == 0) {
                throw new IllegalArgumentException("reconnectDelays needs at least one delay");
            }
            List<Duration> out = new ArrayList<>();
            for (Duration d : delays) {
                Objects.requireNonNull(d, "delay");
                if (d.isNegative()) {
                    throw new IllegalArgumentException("reconnect delays must not be negative: " + d);
                }
                out.add(d);
            }
            this.reconnectDelays = out;
            return this;
        }

        /**
         * Events held for each consumer that has not taken them yet (default 256; the JDK's
         * {@link java.util.concurrent.SubmissionPublisher} rounds it up to a power of two). When a
         * consumer's buffer is full, a new event is dropped for that consumer and counted.
         */
        public Builder eventBufferSize(int events) {
            if (events < 1 || events > MAX_EVENT_BUFFER) {
                throw new IllegalArgumentException("eventBufferSize must be between 1 and " + MAX_EVENT_BUFFER + ": " + events);
            }
            this.eventBufferSize = events;
            return this;
        }

        /**
         * The largest hub message accepted, in bytes on the wire and in characters of one record
         * (default 256 KiB). A server that sends more loses the connection, which is then made anew. A
         * consumer holds at most {@link #eventBufferSize} events of this size.
         */
        public Builder maxMessageSize(int bytes) {
            if (bytes < 1024 || bytes > MAX_MESSAGE_LIMIT) {
                throw new IllegalArgumentException("maxMessageSize must be between 1024 and " + MAX_MESSAGE_LIMIT + ": " + bytes);
            }
            this.maxMessageSize = bytes;
            return this;
        }

        public HubOptions build() {
            if (serverTimeout.compareTo(keepAliveInterval) <= 0) {
                throw new IllegalArgumentException("serverTimeout " + serverTimeout + " must be longer than keepAliveInterval "
                        + keepAliveInterval);
            }
            return new HubOptions(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }
    }
}
