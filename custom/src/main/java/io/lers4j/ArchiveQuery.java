package io.lers4j;

import io.lers4j.model.DeviceDataType;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.temporal.TemporalAmount;
import java.util.Locale;
import java.util.Objects;

/**
 * What an archive read asks for, the same for one point ({@link RecordSeries}) and many
 * ({@link BulkRead}): the archive (a consumption data type, or totals), the period
 * {@code [from, to)} in server-local time, the window size of each request and the query flags.
 * Immutable; checked when made, and against the request limit when a read starts.
 */
final class ArchiveQuery {

    /** Windows shorter than this are a mistake (a Duration of nanoseconds, say), not a query. */
    static final Duration MIN_WINDOW = Duration.ofMinutes(1);

    final DeviceDataType dataType; // null: totals
    final LocalDateTime from;
    final LocalDateTime to;
    final TemporalAmount windowSize;
    final boolean includeCalculated;
    final boolean includeAbsentRecords;

    private ArchiveQuery(DeviceDataType dataType, LocalDateTime from, LocalDateTime to, TemporalAmount windowSize,
                         boolean includeCalculated, boolean includeAbsentRecords) {
        this.dataType = dataType;
        this.from = from;
        this.to = to;
        this.windowSize = windowSize;
        this.includeCalculated = includeCalculated;
        this.includeAbsentRecords = includeAbsentRecords;
    }

    /** {@code dataType} null for totals; the window is the default for the archive. */
    static ArchiveQuery of(DeviceDataType dataType, LocalDateTime from, LocalDateTime to) {
        return new ArchiveQuery(dataType, from, to, defaultWindow(dataType), false, false);
    }

    ArchiveQuery withWindowSize(TemporalAmount windowSize) {
        requireWindow(windowSize, from);
        return new ArchiveQuery(dataType, from, to, windowSize, includeCalculated, includeAbsentRecords);
    }

    ArchiveQuery withCalculated(boolean includeCalculated) {
        return new ArchiveQuery(dataType, from, to, windowSize, includeCalculated, includeAbsentRecords);
    }

    ArchiveQuery withAbsentRecords(boolean includeAbsentRecords) {
        return new ArchiveQuery(dataType, from, to, windowSize, includeCalculated, includeAbsentRecords);
    }

    boolean isTotals() {
        return dataType == null;
    }

    /** Default window sizes: small enough for a few hundred records per request. */
    static TemporalAmount defaultWindow(DeviceDataType dataType) {
        if (dataType == null || DeviceDataType.HOUR.equals(dataType)) {
            return Period.ofDays(14);
        }
        if (DeviceDataType.DAY.equals(dataType)) {
            return Period.ofYears(1);
        }
        if (DeviceDataType.MONTH.equals(dataType)) {
            return Period.ofYears(10);
        }
        return Period.ofDays(1); // current readings and anything else: possibly many per day
    }

    /** Rejects a window that is not at least {@link #MIN_WINDOW} long at {@code at}. */
    static void requireWindow(TemporalAmount windowSize, LocalDateTime at) {
        Objects.requireNonNull(windowSize, "windowSize");
        LocalDateTime end = plus(at, windowSize);
        if (end == null || end.isBefore(at.plus(MIN_WINDOW))) {
            throw new IllegalArgumentException("windowSize must be at least " + MIN_WINDOW.toMinutes()
                    + " minute and end before year 10000: " + windowSize);
        }
    }

    /**
     * Fails before anything is sent when reading the period in windows of this size would take
     * more than {@code maxRequests} requests (1,000 years of hours is 26,089).
     */
    void requireWithinLimit(int maxRequests) {
        long requests = 0;
        for (LocalDateTime t = from; t.isBefore(to) && requests <= maxRequests; requests++) {
            LocalDateTime next = plus(t, windowSize);
            t = next == null ? to : next;
        }
        if (requests > maxRequests) {
            double seconds = Duration.between(from, to).getSeconds();
            LocalDateTime firstEnd = plus(from, windowSize);
            double perWindow = firstEnd == null ? seconds : Math.max(1, Duration.between(from, firstEnd).getSeconds());
            long estimate = (long) Math.ceil(seconds / perWindow);
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s from %s to %s in windows of %s takes about %,d requests, more than maxRequestsPerQuery (%,d): "
                            + "shorten the period, use larger windows (withWindowSize) or raise "
                            + "LersClient.builder().maxRequestsPerQuery(...)",
                    isTotals() ? "Totals" : dataType.getValue(), from, to, windowSize, estimate, maxRequests));
        }
    }

    /** {@code t + amount}, or null when that is past what LERS stores (year 9999) or past Java's range. */
    static LocalDateTime plus(LocalDateTime t, TemporalAmount amount) {
        try {
            LocalDateTime end = t.plus(amount);
            return end.getYear() > 9999 ? null : end;
        } catch (java.time.DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return (isTotals() ? "Totals" : dataType.getValue()) + ", " + from + " .. " + to + ", window " + windowSize
                + (includeCalculated ? ", calculated" : "") + (includeAbsentRecords ? ", absent records" : "");
    }
}
