package io.lers4j.emulator;

import java.time.LocalDate;

/**
 * Outdoor air temperature of one territory as a pure function of the day and hour.
 *
 * <p>The daily mean is the climate norm of the season plus a smooth weather anomaly; the hours add
 * a diurnal cosine (coldest at 03:00, warmest at 15:00) that averages to zero over the day, so the
 * mean of the 24 hours is the daily mean.
 */
final class Climate {

    /** LERS and Russian heating rules: heating runs while the mean outdoor temperature is below this. */
    static final double HEATING_THRESHOLD = 8.0;

    private final long seed;
    private final int territoryId;
    private final double[] monthNorm;
    private final double designTemperature;
    private final double phase1;
    private final double phase2;
    private final double phase3;

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
        double anomaly = 3.0 * StrictMath.sin(2 * Math.PI * epochDay / 5.3 + phase1)
                + 2.5 * StrictMath.sin(2 * Math.PI * epochDay / 11.7 + phase2)
                + 2.0 * StrictMath.sin(2 * Math.PI * epochDay / 29.3 + phase3)
                + 1.2 * Noise.signed(seed, territoryId, epochDay, 902);
        return norm(epochDay) + anomaly;
    }

    /** Half the day-night difference: about 2 degrees in January, 5 in July. */
    double diurnalAmplitude(long epochDay) {
        return 3.5 - 1.5 * StrictMath.cos(2 * Math.PI * (LocalDate.ofEpochDay(epochDay).getDayOfYear() - 15) / 365.25);
    }

    double hourly(long epochDay, int hour, double dailyMean, double amplitude) {
        return dailyMean + amplitude * StrictMath.cos(2 * Math.PI * (hour - 15) / 24.0);
    }

    double hourly(long epochDay, int hour) {
        return hourly(epochDay, hour, dailyMean(epochDay), diurnalAmplitude(epochDay));
    }

    /** Heating season by the climate norm, so the season does not flicker with the weather. */
    boolean heatingSeason(long epochDay) {
        return norm(epochDay) < HEATING_THRESHOLD;
    }

    private static double lerp(double a, double b, double t) {
        return a + (b - a) * t;
    }
}
