package io.lers4j;

import io.lers4j.model.DeviceDataType;

import java.time.LocalDateTime;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
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
    private final int maxRequests;
    private final int measurePointId;
    private final ArchiveQuery query;

    RecordSeries(WindowSource source, int maxRequests, int measurePointId, ArchiveQuery query) {
        this.source = source;
        this.maxRequests = maxRequests;
        this.measurePointId = measurePointId;
        this.query = query;
    }

    ArchiveQuery query() {
        return query;
    }

    public Integer measurePointId() {
        return measurePointId;
    }

    /** The consumption archive ({@code Hour}, {@code Day}...), or null for totals. */
    public DeviceDataType dataType() {
        return query.dataType;
    }

    public LocalDateTime from() {
        return query.from;
    }

    public LocalDateTime to() {
        return query.to;
    }

    public TemporalAmount windowSize() {
        return query.windowSize;
    }

    public boolean includeCalculated() {
        return query.includeCalculated;
    }

    public boolean includeAbsentRecords() {
        return query.includeAbsentRecords;
    }

    /** Requests of this size, e.g. {@code Period.ofDays(7)} or {@code Duration.ofHours(12)}; at least a minute. */
    public RecordSeries withWindowSize(TemporalAmount windowSize) {
        return new RecordSeries(source, maxRequests, measurePointId, query.withWindowSize(windowSize));
    }

    /** Also return values the server calculated ({@code includeCalculated=true}). */
    public RecordSeries withCalculated(boolean includeCalculated) {
        return new RecordSeries(source, maxRequests, measurePointId, query.withCalculated(includeCalculated));
    }

    /** Also return empty records for missing times ({@code includeAbsentRecords=true}). */
    public RecordSeries withAbsentRecords(boolean includeAbsentRecords) {
        return new RecordSeries(source, maxRequests, measurePointId, query.withAbsentRecords(includeAbsentRecords));
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
        return "RecordSeries[measurePoint=" + measurePointId + ", " + query + "]";
    }

    private final class WindowIterator implements Iterator<RecordWindow> {
        private LocalDateTime next = query.from;

        WindowIterator() {
            // checked when iterating, so that withWindowSize can still make a long period reasonable
            query.requireWithinLimit(maxRequests);
        }

        @Override
        public boolean hasNext() {
            return next.isBefore(query.to);
        }

        @Override
        public RecordWindow next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            LocalDateTime windowFrom = next;
            LocalDateTime windowTo = ArchiveQuery.plus(windowFrom, query.windowSize);
            if (windowTo == null || windowTo.isAfter(query.to)) {
                windowTo = query.to;
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
