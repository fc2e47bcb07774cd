package io.lers4j.emulator;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests served, in total and by method and path.
 *
 * <p>Paths are counted exactly for the first {@link #MAX_PATHS} distinct (method, path) pairs;
 * beyond that, new pairs only count in the total, so a long benchmark cannot exhaust memory.
 */
final class RequestStats {

    static final int MAX_PATHS = 100_000;

    private final LongAdder total = new LongAdder();
    private final Map<String, Map<String, LongAdder>> byMethod = new ConcurrentHashMap<>();
    private final LongAdder distinct = new LongAdder();

    void record(String method, List<String> segments) {
        total.increment();
        String path = normalise(segments);
        Map<String, LongAdder> paths = byMethod.computeIfAbsent(method.toUpperCase(Locale.ROOT),
                k -> new ConcurrentHashMap<>());
        LongAdder counter = paths.get(path);
        if (counter == null) {
            if (distinct.sum() >= MAX_PATHS) {
                return;
            }
            counter = paths.computeIfAbsent(path, k -> {
                distinct.increment();
                return new LongAdder();
            });
        }
        counter.increment();
    }

    long total() {
        return total.sum();
    }

    /** Starts counting from zero; a request served meanwhile may be counted before or after. */
    void reset() {
        byMethod.clear();
        distinct.reset();
        total.reset();
    }

    /** Requests with this method whose path starts with these segments (case-insensitive). */
    long count(String method, String pathPrefix) {
        Map<String, LongAdder> paths = byMethod.get(method.toUpperCase(Locale.ROOT));
        if (paths == null) {
            return 0;
        }
        String prefix = normalise(Front.decodePath(pathPrefix));
        long n = 0;
        for (Map.Entry<String, LongAdder> e : paths.entrySet()) {
            String p = e.getKey();
            if (prefix.equals("/") || p.equals(prefix) || p.startsWith(prefix + "/")) {
                n += e.getValue().sum();
            }
        }
        return n;
    }

    private static String normalise(List<String> segments) {
        StringBuilder s = new StringBuilder();
        for (String segment : segments) {
            s.append('/').append(segment.toLowerCase(Locale.ROOT));
        }
        return s.length() == 0 ? "/" : s.toString();
    }
}
