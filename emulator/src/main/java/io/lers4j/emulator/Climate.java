package io.lers4j.emulator;

import java.time.LocalDate;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Outdoor air temperature of one territory as a pure function of the day and hour, and the heating
 * season that follows from it.
 *
 * <p>The daily mean is the climate norm of the season plus a smooth weather anomaly; the hours add
 * a diurnal cosine (coldest at 03:00, warmest at 15:00) that averages to zero over the day, so the
 * mean of the 24 hours is the daily mean.
 */
final class Climate {

    /** Russian heating rules: the season starts after 5 days with a daily mean below this, ends after 5 above. */
    static final double HEATING_THRESHOLD = 8.0;
    /** Consecutive days on one side of the threshold that switch the heating. */
    static final int SWITCH_DAYS = 5;

    /** cos(2π(h − 15)/24) for every hour: the diurnal shape, computed once. */
    private static final double[] DIURNAL = new double[24];

    static {
        for (int h = 0; h < 24; h++) {
            DIURNAL[h] = StrictMath.cos(2 * Math.PI * (h - 15) / 24.0);
        }
    }

    /** Days per cached block of weather; a block also holds the heating state of its days. */
    private static final int BLOCK_DAYS = 128;
    /** History a block looks back through to find the heating state at its start (a year holds both switches). */
    private static final int LOOK_BACK_DAYS = 366;
    /** Blocks kept before the cache starts over: some 350 years of days, far beyond any data range. */
    private static final int MAX_BLOCKS = 1024;

    private final long seed;
    private final int territoryId;
    private final double[] monthNorm;
    private final double designTemperature;
    private final double phase1;
    private final double phase2;
    private final double phase3;
    private final ConcurrentHashMap<Long, Block> blocks = new ConcurrentHashMap<>();
    private volatile Block lastUsed;

    Climate(long seed, int territoryId, double[] monthNorm, double designTemperature) {
        this.seed = seed;
        this.territoryId = territoryId;
        this.monthNorm = monthNorm.clone();
        this.designTemperature = designTemperature;
        this.phase1 = Noise.unit(seed, territoryId, 1, 901) * 2 * Math.PI;
        this.phase2 = Noise.unit(seed, territoryId, 2, 901) * 2 * Math.PI;
        this.phase3 = Noise.unit(seed, territoryId, 3, 901) * 2 * Math.PI;
    }

    /** The temperature heating systems are designed for (the coldest five-day period). */
    double designTemperature() {
        return designTemperature;
    }

    /** The seasonal norm of the day: monthly norms placed mid-month, interpolated linearly. */
    double norm(long epochDay) {
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        int m = date.getMonthValue() - 1;
        double position = (date.getDayOfMonth() - 0.5) / date.lengthOfMonth();
        if (position < 0.5) {
            return lerp(monthNorm[(m + 11) % 12], monthNorm[m], position + 0.5);
        }
        return lerp(monthNorm[m], monthNorm[(m + 1) % 12], position - 0.5);
    }

    double dailyMean(long epochDay) {
        return block(epochDay).mean[index(epochDay)];
    }

    private double computeDailyMean(long epochDay) {
        double anomaly = 3.0 * StrictMath.sin(2 * Math.PI * epochDay / 5.3 + phase1)
                + 2.5 * StrictMath.sin(2 * Math.PI * epochDay / 11.7 + phase2)
                + 2.0 * StrictMath.sin(2 * Math.PI * epochDay / 29.3 + phase3)
                + 1.2 * Noise.signed(seed, territoryId, epochDay, 902);
        return norm(epochDay) + anomaly;
    }

    /** The daily mean as the weather archive reports it, to 0.1 °C: what the heating rule reads. */
    static double reported(double dailyMean) {
        return Math.round(dailyMean * 10) / 10.0;
    }

    /** Half the day-night difference: about 2 degrees in January, 5 in July. */
    static double diurnalAmplitude(int dayOfYear) {
        return 3.5 - 1.5 * Meter.Day.winterness(dayOfYear);
    }

    static double hourly(int hour, double dailyMean, double amplitude) {
        return dailyMean + amplitude * DIURNAL[hour];
    }

    /**
     * Whether the heating runs on this day, by the Russian rule: it starts on the day after five
     * consecutive days with a reported mean below +8 °C and stops on the day after five consecutive
     * days above +8 °C (a mean of exactly 8.0 breaks both runs). Spring cold snaps can so turn it on
     * again for a while.
     */
    boolean heatingSeason(long epochDay) {
        return block(epochDay).heating[index(epochDay)];
    }

    private static long blockOf(long epochDay) {
        return Math.floorDiv(epochDay, BLOCK_DAYS);
    }

    private static int index(long epochDay) {
        return (int) Math.floorMod(epochDay, BLOCK_DAYS);
    }

    private Block block(long epochDay) {
        Block recent = lastUsed;
        if (recent != null && epochDay >= recent.firstDay && epochDay < recent.firstDay + BLOCK_DAYS) {
            return recent; // walks through days stay in one block for months
        }
        long key = blockOf(epochDay);
        Block b = blocks.get(key);
        if (b == null) {
            if (blocks.size() >= MAX_BLOCKS) {
                blocks.clear();
            }
            b = blocks.computeIfAbsent(key, k -> new Block(k * BLOCK_DAYS));
        }
        lastUsed = b;
        return b;
    }

    /**
     * The daily means and heating states of {@link #BLOCK_DAYS} days. The heating state is a run
     * over the days from {@link #LOOK_BACK_DAYS} before the block, so it depends on the day alone,
     * not on which days were asked for first.
     */
    private final class Block {
        final long firstDay;
        final double[] mean = new double[BLOCK_DAYS];
        final boolean[] heating = new boolean[BLOCK_DAYS];

        Block(long firstDay) {
            this.firstDay = firstDay;
            long from = firstDay - LOOK_BACK_DAYS;
            // start from the norm's side; a year of weather has settled it long before the block
            boolean on = norm(from) < HEATING_THRESHOLD;
            int below = 0;
            int above = 0;
            for (long d = from; d < firstDay + BLOCK_DAYS; d++) {
                double m = computeDailyMean(d);
                if (d >= firstDay) {
                    int i = (int) (d - firstDay);
                    mean[i] = m;
                    heating[i] = on; // today's state follows the days up to yesterday
                }
                double r = reported(m);
                below = r < HEATING_THRESHOLD ? below + 1 : 0;
                above = r > HEATING_THRESHOLD ? above + 1 : 0;
                if (below >= SWITCH_DAYS) {
                    on = true;
                } else if (above >= SWITCH_DAYS) {
                    on = false;
                }
            }
        }
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}
