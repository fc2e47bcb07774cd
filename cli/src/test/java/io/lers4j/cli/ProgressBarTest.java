package io.lers4j.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bar's line, on a clock the test moves. */
class ProgressBarTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void showsPointsDoneRateAndTimeLeft() {
        AtomicLong now = new AtomicLong(5 * SECOND);
        ProgressBar bar = new ProgressBar(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                now::get, 40, 0);
        assertEquals("[------------------------] 0/40 points", bar.line(0, 0, now.get()));
        assertEquals("[######------------------] 10/40 points  2.0/s  0:15 left", bar.line(10, 0, 10 * SECOND));
        assertEquals("[##################------] 30/40 points, 2 failed  0.5/s  0:20 left", bar.line(30, 2, 65 * SECOND));
        assertEquals("[########################] 40/40 points  0.0/s  in 1:06:40", bar.line(40, 0, 4005 * SECOND));
    }

    @Test
    void aResumedExportCountsItsSkippedPointsAsDoneButNotInTheRate() {
        ProgressBar bar = new ProgressBar(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                () -> 0L, 100, 90);
        assertEquals("[#####################---] 90/100 points", bar.line(0, 0, 0));
        assertEquals("[######################--] 95/100 points  1.0/s  0:05 left", bar.line(5, 0, 5 * SECOND));
    }

    @Test
    void redrawsInPlaceAtMostFiveTimesASecondAndAlwaysTheLastPoint() {
        AtomicLong now = new AtomicLong();
        ByteArrayOutputStream terminal = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(terminal, true, StandardCharsets.UTF_8), now::get, 3, 0);
        now.set(SECOND);
        bar.update(1, 0);
        now.set(SECOND + SECOND / 10);
        bar.update(2, 1); // too soon: not drawn
        now.set(SECOND + SECOND / 5);
        bar.update(3, 1);
        bar.finish();
        assertEquals("\r[########----------------] 1/3 points  1.0/s  0:02 left"
                + "\r[########################] 3/3 points, 1 failed  2.5/s  in 0:01\n",
                terminal.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void clockReadsHoursMinutesAndSeconds() {
        assertEquals("0:07", ProgressBar.clock(7));
        assertEquals("12:30", ProgressBar.clock(750));
        assertEquals("1:05:00", ProgressBar.clock(3900));
    }
}
