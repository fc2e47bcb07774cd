package io.lers4j;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how often a request is sent again.
 *
 * <p>Retried: transport failures (refused, reset, timeout) and HTTP 408, 429, 502, 503, 504, plus
 * 500 for idempotent requests. Only idempotent requests are replayed after they may have reached
 * the server (GET, HEAD, PUT, DELETE, and the login); POST and PATCH are sent again only when the
 * connection was never made, so an incident is never created twice. Waits grow exponentially with
 * jitter; a {@code Retry-After} header (seconds or HTTP date) is honoured up to
 * {@link Builder#maxRetryAfter}.
 */
public final class RetryPolicy {

    private static final RetryPolicy DEFAULTS = builder().build();

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final double jitter;
    private final Duration maxRetryAfter;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.jitter = b.jitter;
        this.maxRetryAfter = b.maxRetryAfter;
    }

    /** 3 attempts, waits from 500 ms doubling up to 10 s with 50 % jitter, Retry-After up to 60 s. */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** Every request is sent once. */
    public static RetryPolicy none() {
        return builder().maxAttempts(1).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /** The wait before attempt {@code attempt + 1}, without any Retry-After. */
    Duration backoff(int attempt) {
        long base = initialBackoff.toMillis();
        long max = maxBackoff.toMillis();
        long delay = base;
        for (int i = 1; i < attempt && delay < max; i++) {
            delay = Math.min(max, delay * 2);
        }
        delay = Math.min(max, delay);
        if (jitter > 0) {
            double factor = 1 - jitter * ThreadLocalRandom.current().nextDouble();
            delay = Math.round(delay * factor);
        }
        return Duration.ofMillis(delay);
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff
                + ", maxBackoff=" + maxBackoff + ", jitter=" + jitter + ", maxRetryAfter=" + maxRetryAfter + "]";
    }

    public static final class Builder {
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxBackoff = Duration.ofSeconds(10);
        private double jitter = 0.5;
        private Duration maxRetryAfter = Duration.ofSeconds(60);

        private Builder() {
        }

        /** Attempts in all, the first included; 0 or 1 disables retries. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 0) {
                throw new IllegalArgumentException("maxAttempts must not be negative: " + maxAttempts);
            }
            this.maxAttempts = Math.max(1, maxAttempts);
            return this;
        }

        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = nonNegative(initialBackoff, "initialBackoff");
            return this;
        }

        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = nonNegative(maxBackoff, "maxBackoff");
            return this;
        }

        /** Fraction of each wait that is randomised, 0 (none) to 1; spreads retries of many clients. */
        public Builder jitter(double jitter) {
            if (!(jitter >= 0 && jitter <= 1)) {
                throw new IllegalArgumentException("jitter must be between 0 and 1: " + jitter);
            }
            this.jitter = jitter;
            return this;
        }

        /** The longest Retry-After honoured; longer requests wait this long. */
        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = nonNegative(maxRetryAfter, "maxRetryAfter");
            return this;
        }

        public RetryPolicy build() {
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is shorter than initialBackoff " + initialBackoff);
            }
            return new RetryPolicy(this);
        }

        private static Duration nonNegative(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must not be negative: " + d);
            }
            return d;
        }
    }
}
