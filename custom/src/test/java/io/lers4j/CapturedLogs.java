package io.lers4j;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * JUnit 5, registered per test instance: what lers4j logs during a test, caught in
 * java.util.logging, where System.Logger goes when no other LoggerFinder is installed.
 */
final class CapturedLogs implements BeforeEachCallback, AfterEachCallback {

    /** One record: logger, JUL level (System.Logger DEBUG is FINE), message, what it was thrown with. */
    record Entry(String logger, Level level, String message, Throwable thrown) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            synchronized (entries) {
                entries.add(new Entry(r.getLoggerName(), r.getLevel(), String.valueOf(r.getMessage()), r.getThrown()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger root = Logger.getLogger(Loggers.ROOT);
    private Level previousLevel;

    @Override
    public void beforeEach(ExtensionContext context) {
        previousLevel = root.getLevel();
        root.setLevel(Level.ALL);
        root.addHandler(handler);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        root.removeHandler(handler);
        root.setLevel(previousLevel);
    }

    /** Catches another logger's records too, at every level, until closed. */
    AutoCloseable also(String loggerName) {
        Logger other = Logger.getLogger(loggerName);
        Level previous = other.getLevel();
        other.setLevel(Level.ALL);
        other.addHandler(handler);
        return () -> {
            other.removeHandler(handler);
            other.setLevel(previous);
        };
    }

    /** What was logged so far, in order. */
    List<Entry> entries() {
        synchronized (entries) {
            return new ArrayList<>(entries);
        }
    }
}
