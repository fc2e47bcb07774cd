package io.lers4j;


import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads the archives of many measure points over one period, several at a time, the way a
 * nightly job reads yesterday for every point of a utility.
 *
 * <ul>
 *   <li>Results are handed to the caller's thread as each point completes, or in the order of the
 *       ids given ({@link #withInputOrder}); the caller's code needs no locking.</li>
 *   <li>One point's failure (422 unknown point, a timeout after retries) is reported in its
 *       {@link PointResult} and the others go on. Retries and token renewal work as for single calls.</li>
 *   <li>Memory is bounded: at most {@code concurrency} points are read at once, and in input order
 *       at most {@code 4 x concurrency} finished points wait for a slow one.</li>
 * </ul>
 *
 * <p>Immutable; {@link #forEach} and {@link #stream} each run the whole read.
 */
public final class BulkRead {

    /** Points done of total, reported on the caller's thread after each point is delivered. */
    @FunctionalInterface
    public interface ProgressListener {
        void onProgress(int done, int total);
    }

    /** What a finished {@link #forEach} did. */
    public static final class Summary {
        private final int succeeded;
        private final int failed;
        private final Duration elapsed;

        Summary(int succeeded, int failed, Duration elapsed) {
            this.succeeded = succeeded;
            this.failed = failed;
            this.elapsed = elapsed;
        }

        public int succeeded() {
            return succeeded;
        }

        public int failed() {
            return failed;
        }

        public Duration elapsed() {
            return elapsed;
        }

        @Override
        public String toString() {
            return succeeded + " points read, " + failed + " failed, in " + elapsed.toMillis() + " ms";
        }
    }

    static final int DEFAULT_CONCURRENCY = 4;
    private static final int ORDERED_LOOKAHEAD = 4;

    private final LersClient client;
    private final List<Integer> ids;
    private final ArchiveQuery query;
    private final int concurrency;
    private final boolean inputOrder;
    private final ProgressListener progress;

    BulkRead(LersClient client, List<Integer> ids, ArchiveQuery query, int concurrency, boolean inputOrder,
             ProgressListener progress) {
        this.client = client;
        this.ids = ids;
        this.query = query;
        this.concurrency = concurrency;
        this.inputOrder = inputOrder;
        this.progress = progress;
    }

    private BulkRead with(ArchiveQuery query) {
        return new BulkRead(client, ids, query, concurrency, inputOrder, progress);
    }

    static List<Integer> checkIds(Collection<Integer> measurePointIds) {
        Objects.requireNonNull(measurePointIds, "measurePointIds");
        List<Integer> out = new ArrayList<>(measurePointIds.size());
        for (Integer id : measurePointIds) {
            Objects.requireNonNull(id, "measurePointIds must not contain null");
            LersClient.requirePositiveId(id, "measurePointId");
            out.add(id);
        }
        return List.copyOf(out);
    }

    /** How many points are read at the same time (default 4, as careful LERS clients do). */
    public BulkRead withConcurrency(int concurrency) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
        }
        return new BulkRead(client, ids, query, concurrency, inputOrder, progress);
    }

    /** Deliver results in the order of the ids given rather than as they complete. */
    public BulkRead withInputOrder(boolean inputOrder) {
        return new BulkRead(client, ids, query, concurrency, inputOrder, progress);
    }

    public BulkRead withProgress(ProgressListener progress) {
        Objects.requireNonNull(progress, "progress");
        return new BulkRead(client, ids, query, concurrency, inputOrder, progress);
    }

    /** Also return values the server calculated ({@code includeCalculated=true}). */
    public BulkRead withCalculated(boolean includeCalculated) {
        return with(query.withCalculated(includeCalculated));
    }

    /** Also return empty records for missing times ({@code includeAbsentRecords=true}), as {@link RecordSeries} does. */
    public BulkRead withAbsentRecords(boolean includeAbsentRecords) {
        return with(query.withAbsentRecords(includeAbsentRecords));
    }

    /** Request size per point; see {@link RecordSeries#withWindowSize}. */
    public BulkRead withWindowSize(TemporalAmount windowSize) {
        return with(query.withWindowSize(windowSize));
    }

    public int concurrency() {
        return concurrency;
    }

    public List<Integer> measurePointIds() {
        return ids;
    }

    /** Reads every point, handing each result to {@code consumer} on this thread; returns when all are done. */
    public Summary forEach(Consumer<PointResult> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        long started = System.nanoTime();
        int ok = 0;
        int failed = 0;
        try (Run run = new Run()) {
            while (run.hasNext()) {
                PointResult r = run.next();
                if (r.isSuccess()) {
                    ok++;
                } else {
                    failed++;
                }
                consumer.accept(r);
            }
        }
        return new Summary(ok, failed, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * The results as a stream, read as it is consumed. Close it (try-with-resources) when stopping
     * early: closing cancels the points still being read.
     */
    public Stream<PointResult> stream() {
        Run run = new Run();
        return StreamSupport.stream(Spliterators.spliterator(run, ids.size(), Spliterator.ORDERED | Spliterator.NONNULL
                | Spliterator.SIZED), false).onClose(run::close);
    }

    private RecordSeries seriesOf(int id) {
        return client.series(id, query);
    }

    /** One execution: a pool of {@code concurrency} threads and the bookkeeping of what to deliver next. */
    private final class Run implements Iterator<PointResult>, AutoCloseable {
        private final ExecutorService pool;
        private final CompletionService<Indexed> completed;
        private final Map<Integer, PointResult> waiting = new HashMap<>();
        private final java.util.Set<Future<Indexed>> running = new java.util.HashSet<>();
        private int submitted;
        private int finished;
        private int delivered;
        private PointResult ready;
        private final long started = System.nanoTime();
        private final AtomicInteger failures = new AtomicInteger();
        private boolean ended;

        Run() {
            // per point, before any is read
            query.requireWithinLimit(client.maxRequestsPerQuery());
            AtomicInteger n = new AtomicInteger();
            ThreadFactory threads = r -> {
                Thread t = new Thread(r, "lers4j-bulk-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            pool = Executors.newFixedThreadPool(Math.min(concurrency, Math.max(1, ids.size())), threads);
            completed = new ExecutorCompletionService<>(pool);
            Loggers.BULK.log(Level.DEBUG, () -> "Bulk read of " + ids.size() + " measure points (" + query + "), "
                    + concurrency + " at a time");
        }

        @Override
        public boolean hasNext() {
            if (ready != null) {
                return true;
            }
            if (delivered == ids.size()) {
                close();
                return false;
            }
            while (ready == null) {
                submitWhatMayRun();
                Indexed done;
                try {
                    Future<Indexed> f = completed.take();
                    running.remove(f); // a finished future holds its records: let them go once delivered
                    done = f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    close();
                    throw new CancellationException("Interrupted while reading measure points");
                } catch (ExecutionException e) {
                    throw new IllegalStateException("Unexpected failure in a bulk read task", e.getCause()); // tasks catch everything
                }
                finished++;
                if (!inputOrder) {
                    ready = done.result;
                } else {
                    waiting.put(done.index, done.result);
                    ready = waiting.remove(delivered);
                }
            }
            return true;
        }

        @Override
        public PointResult next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            PointResult r = ready;
            ready = null;
            delivered++;
            if (progress != null) {
                progress.onProgress(delivered, ids.size());
            }
            if (inputOrder && waiting.containsKey(delivered)) {
                ready = waiting.remove(delivered);
            }
            return r;
        }

        private void submitWhatMayRun() {
            int limit = inputOrder ? delivered + concurrency * ORDERED_LOOKAHEAD : Integer.MAX_VALUE;
            while (submitted < ids.size() && submitted - finished < concurrency && submitted < limit) {
                int index = submitted++;
                int id = ids.get(index);
                running.add(completed.submit(() -> new Indexed(index, read(id))));
            }
        }

        private PointResult read(int id) {
            try {
                return PointResult.success(id, seriesOf(id).toList());
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                Loggers.BULK.log(Level.DEBUG, () -> "Bulk read: measure point " + id + " failed: "
                        + client.redactor().redact(Excerpt.describe(e)));
                return PointResult.failure(id, e);
            }
        }

        @Override
        public void close() {
            if (!ended) {
                ended = true;
                long millis = (System.nanoTime() - started) / 1_000_000;
                int done = delivered;
                Loggers.BULK.log(Level.DEBUG, () -> "Bulk read of " + ids.size() + " measure points "
                        + (done == ids.size() ? "done" : "stopped after " + done) + " in " + millis + " ms, "
                        + failures.get() + " failed");
            }
            for (Future<Indexed> f : running) {
                f.cancel(true);
            }
            running.clear();
            pool.shutdownNow();
        }
    }

    private static final class Indexed {
        final int index;
        final PointResult result;

        Indexed(int index, PointResult result) {
            this.index = index;
            this.result = result;
        }
    }
}
