package io.lers4j.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * One line on a terminal, redrawn in place: {@code [########------------]  7/14 points  2.3/s  0:03 left}.
 * The rate counts the points of this run only, so a resumed export's skipped points do not inflate it.
 */
final class ProgressBar {

    private static final int WIDTH = 24;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream terminal;
    private final LongSupplier nanoTime;
    private final int total;
    private final int skipped;
    private final long started;
    private long drawn = Long.MIN_VALUE;
    private int lastLength;

    /**
     * @param total   every point of the export
     * @param skipped points already complete before this run
     */
    ProgressBar(PrintStream terminal, LongSupplier nanoTime, int total, int skipped) {
        this.terminal = terminal;
        this.nanoTime = nanoTime;
        this.total = total;
        this.skipped = skipped;
        this.started = nanoTime.getAsLong();
    }

    /** Redraws, at most five times a second and always for the last point. */
    void update(int doneThisRun, int failed) {
        long now = nanoTime.getAsLong();
        if (skipped + doneThisRun < total && drawn != Long.MIN_VALUE && now - drawn < REDRAW_NANOS) {
            return;
        }
        drawn = now;
        String line = line(doneThisRun, failed, now);
        StringBuilder text = new StringBuilder("\r").append(line);
        for (int i = line.length(); i < lastLength; i++) {
            text.append(' ');
        }
        lastLength = line.length();
        terminal.print(text);
        terminal.flush();
    }

    /** Ends the line, so what follows starts on its own. */
    void finish() {
        if (drawn != Long.MIN_VALUE) {
            terminal.println();
        }
    }

    String line(int doneThisRun, int failed, long now) {
        int done = skipped + doneThisRun;
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        StringBuilder line = new StringBuilder("[");
        for (int i = 0; i < WIDTH; i++) {
            line.append(i < filled ? '#' : '-');
        }
        line.append("] ").append(done).append('/').append(total).append(" points");
        if (failed > 0) {
            line.append(", ").append(failed).append(" failed");
        }
        double seconds = (now - started) / 1e9;
        if (doneThisRun > 0 && seconds > 0) {
            double rate = doneThisRun / seconds;
            line.append(String.format(Locale.ROOT, "  %.1f/s", rate));
            if (done < total) {
                line.append("  ").append(clock(Math.round((total - done) / rate))).append(" left");
            } else {
                line.append("  in ").append(clock(Math.round(seconds)));
            }
        }
        return line.toString();
    }

    /** 0:07, 12:30, 1:05:00. */
    static String clock(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
