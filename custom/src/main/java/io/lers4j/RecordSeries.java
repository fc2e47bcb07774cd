package io.lers4j;

import io.lers4j.model.DeviceDataType;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The records of one measure point over a period {@code [from, to)}, fetched lazily window by
 * window: LERS v1 has no paging, an archive is bounded only by its dates, and a year of hours is
 * 8,760 records. Memory holds one window at a time; no record is lost or repeated at window edges
 * (each record belongs to the window whose {@code [from, to)} holds its time).
 *
 * <p>Immutable: the {@code with...} methods return a new series. Nothing is requested until it is
 * iterated; every iteration requests again.
 */
public final class RecordSeries implements Iterable<MeterRecord> {

    /** Fetches the records of one window; implemented by {@link LersClient}. */
    interface WindowSource {
        List<MeterRecord> fetch(RecordSeries series, LocalDateTime from, LocalDateTime to);
    }

    private final WindowSource source;
    private final int measurePointId;
    private final DeviceDataType dataType; // null: totals
    private final LocalDateTime from;
    private final LocalDateTime to;
    private final TemporalAmount windowSize;
    private final boolean includeCalculated;
    private final boolean includeAbsentRecords;
    private final int maxRequests;

    /** Windows shorter than this are a mistake (a Duration of nanoseconds, say), not a query. */
    static final Duration MIN_WINDOW = Duration.ofMinutes(1);

    RecordSeries(WindowSource source, int maxRequests, int measurePointId, DeviceDataType dataType, LocalDateTime from,
                 LocalDateTime to, TemporalAmount windowSize, boolean includeCalculated, boolean includeAbsentRecords) {
        this.maxRequests = maxRequests;
        this.source = source;
        this.measurePointId = measurePointId;
        this.dataType = dataType;
        this.from = from;
        this.to = to;
        this.windowSize = windowSize;
        this.includeCalculated = includeCalculated;
        this.includeAbsentRecords = includeAbsentRecords;
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
     * Fails before anything is sent (a series checks when its iteration starts) when reading {@code [from, to)} in windows of {@code window}
     * would take more than {@code maxRequests} requests (1,000 years of hours is 26,089).
     */
    static void requireWithinLimit(DeviceDataType dataType, LocalDateTime from, LocalDateTime to, TemporalAmount window,
                                   int maxRequests) {
        long requests = 0;
        for (LocalDateTime t = from; t.isBefore(to) && requests <= maxRequests; requests++) {
            LocalDateTime next = plus(t, window);
            t = next == null ? to : next;
        }
        if (requests > maxRequests) {
            double seconds = Duration.between(from, to).getSeconds();
            LocalDateTime firstEnd = plus(from, window);
            double perWindow = firstEnd == null ? seconds : Math.max(1, Duration.between(from, firstEnd).getSeconds());
            long estimate = (long) Math.ceil(seconds / perWindow);
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "%s from %s to %s in windows of %s takes about %,d requests, more than maxRequestsPerQuery (%,d): "
                            + "shorten the period, use larger windows (withWindowSize) or raise "
                            + "LersClient.builder().maxRequestsPerQuery(...)",
                    dataType == null ? "Totals" : dataType.getValue(), from, to, window, estimate, maxRequests));
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

    public int measurePointId() {
        return measurePointId;
    }

    /** The consumption archive ({@code Hour}, {@code Day}...), or null for totals. */
    public DeviceDataType dataType() {
        return dataType;
    }

    public LocalDateTime from() {
        return from;
    }

    public LocalDateTime to() {
        return to;
    }

    public TemporalAmount windowSize() {
        return windowSize;
    }

    public boolean includeCalculated() {
        return includeCalculated;
    }

    public boolean includeAbsentRecords() {
        return includeAbsentRecords;
    }

    /** Requests of this size, e.g. {@code Period.ofDays(7)} or {@code Duration.ofHours(12)}. */
    public RecordSeries withWindowSize(TemporalAmount windowSize) {
        requireWindow(windowSize, from);
        return new RecordSeries(source, maxRequests, measurePointId, dataType, from, to, windowSize, includeCalculated, includeAbsentRecords);
    }

    /** Also return values the server calculated ({@code includeCalculated=true}). */
    public RecordSeries withCalculated(boolean includeCalculated) {
        return new RecordSeries(source, maxRequests, measurePointId, dataType, from, to, windowSize, includeCalculated, includeAbsentRecords);
    }

    /** Also return empty records for missing times ({@code includeAbsentRecords=true}). */
    public RecordSeries withAbsentRecords(boolean includeAbsentRecords) {
        return new RecordSeries(source, maxRequests, measurePointId, dataType, from, to, windowSize, includeCalculated, includeAbsentRecords);
    }

    /** The windows, each fetched when the iteration reaches it. */
    public Iterable<RecordWindow> windows() {
        return WindowIterator::new;
    }

    @Override
    public Iterator<MeterRecord> iterator() {
        return new Iterator<>() {
            private final Iterator<RecordWindow> windows = new WindowIterator();
            private Iterator<MeterRecord> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && windows.hasNext()) {
                    current = windows.next().records().iterator();
                }
                return current.hasNext();
            }

            @Override
            public MeterRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /** A sequential stream fetching window by window as it is consumed. */
    public Stream<MeterRecord> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Every record in memory at once; prefer {@link #stream()} for long periods. */
    public List<MeterRecord> toList() {
        List<MeterRecord> all = new ArrayList<>();
        forEach(all::add);
        return all;
    }

    @Override
    public String toString() {
        return "RecordSeries[measurePoint=" + measurePointId + ", " + (dataType == null ? "Totals" : dataType)
                + ", " + from + " .. " + to + ", window " + windowSize + "]";
    }

    private final class WindowIterator implements Iterator<RecordWindow> {
        private LocalDateTime next = from;

        WindowIterator() {
            // checked when iterating, so that withWindowSize can still make a long period reasonable
            requireWithinLimit(dataType, from, to, windowSize, maxRequests);
        }

        @Override
        public boolean hasNext() {
            return next.isBefore(to);
        }

        @Override
        public RecordWindow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            LocalDateTime windowFrom = next;
            LocalDateTime windowTo = plus(windowFrom, windowSize);
            if (windowTo == null || windowTo.isAfter(to)) {
                windowTo = to;
            }
            next = windowTo;
            List<MeterRecord> fetched = source.fetch(RecordSeries.this, windowFrom, windowTo);
            List<MeterRecord> inside = new ArrayList<>(fetched.size());
            for (MeterRecord r : fetched) {
                // the server's end may be inclusive: a record at windowTo belongs to the next window
                if (r.dateTime() != null) {
                    LocalDateTime t = r.dateTime().toLocalDateTime();
                    if (!t.isBefore(windowFrom) && t.isBefore(windowTo)) {
                        inside.add(r);
                    }
                }
            }
            inside.sort((a, b) -> a.dateTime().toLocalDateTime().compareTo(b.dateTime().toLocalDateTime()));
            return new RecordWindow(windowFrom, windowTo, inside);
        }
    }
}
