package io.lers4j.emulator;

import io.lers4j.model.DataParameter;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The physics of one measure point: which parameters it has and how they behave, as pure
 * functions of (point, day, hour).
 *
 * <p>Quantities (volumes, masses, heat, energy, operating time) are <em>channels</em>. A channel
 * has an amount per day, computed from day-level inputs (outdoor temperature, weekday, season) and
 * at most one pass over the day's hours, and a split of that amount over the 24 hours (the day's
 * <em>weights</em>). Where a quantity follows hourly flows and temperatures (heat = mass × ΔT × c),
 * the weights are the hourly amounts themselves and the day's amount is their sum, so each hour
 * holds exactly its own physics. Working per day keeps running totals over years cheap; see
 * {@link PointData}. A parameter is either one channel, the sum of several (Ap = Ap1 + Ap2 + Ap3,
 * Q_in = Q_out + Q_delta), or an <em>intensive</em> value (temperature, pressure) computed per hour.
 */
abstract class Meter {

    final long seed;
    final int pointId;
    final Climate climate;

    final DataParameter[] parameters;
    /** Per parameter: the channels it sums, or null for an intensive parameter. */
    final int[][] channelsOf;
    /** Per parameter: its index among the intensive values, or -1. */
    final int[] intensiveOf;
    /** Per channel: the group whose weights split its daily amount. */
    final int[] groupOf;
    final int groupCount;
    final int channelCount;
    final int intensiveCount;
    /** Per channel: the reading at the start of the data, in {@link PointData#UNITS} units. */
    final long[] baseUnits;
    /** {@code Noise.key(seed, pointId)}: the noise of every hour starts from it. */
    private final long noiseKey;

    Meter(long seed, int pointId, Climate climate, Layout layout) {
        this.seed = seed;
        this.pointId = pointId;
        this.climate = climate;
        this.noiseKey = Noise.key(seed, pointId);
        int n = layout.parameters.size();
        this.parameters = layout.parameters.toArray(new DataParameter[0]);
        this.channelsOf = new int[n][];
        this.intensiveOf = new int[n];
        for (int i = 0; i < n; i++) {
            channelsOf[i] = layout.sums.get(i);
            intensiveOf[i] = layout.intensive.get(i);
        }
        this.channelCount = layout.groups.size();
        this.groupOf = layout.groups.stream().mapToInt(Integer::intValue).toArray();
        int groups = 0;
        for (int g : groupOf) {
            groups = Math.max(groups, g + 1);
        }
        this.groupCount = groups;
        this.intensiveCount = layout.intensiveCount;
        this.baseUnits = new long[channelCount];
    }

    /** Sets the initial readings: some hundreds to thousands of days of typical use. */
    final void initialiseReadings() {
        double[] typical = new double[channelCount];
        dayAmounts(Day.of(climate, LocalDate.of(2021, 1, 15).toEpochDay()), typical);
        for (int c = 0; c < channelCount; c++) {
            double days = 100 + 900 * random(100 + c);
            double value = typical[c] > 0 ? typical[c] * days : 50 * random(200 + c);
            baseUnits[c] = (long) Math.floor(value * PointData.UNITS);
        }
    }

    /** The amount of each channel over the whole day; all values >= 0. */
    abstract void dayAmounts(Day day, double[] out);

    /** Relative weights of the 24 hours for a group (>= 0; need not sum to 1). */
    abstract void weights(Day day, int group, double[] out);

    /** The intensive values of one hour. */
    abstract void intensive(Day day, int hour, double[] out);

    /** A fixed per-point random number in [0, 1). */
    final double random(int key) {
        return Noise.unit(seed, pointId, key, 11);
    }

    final double dayNoise(Day day, int tag) {
        return Noise.signed(noiseKey, day.epochDay, tag);
    }

    final double hourNoise(Day day, int hour, int tag) {
        return Noise.signed(noiseKey, day.epochDay * 24 + hour, tag);
    }

    /** A hash of the hour holding three noise values, taken with {@link Noise#part}. */
    final long hourHash(Day day, int hour, int tag) {
        return Noise.hash(noiseKey, day.epochDay * 24 + hour, tag);
    }

    /** Density of water, kg/m3 (Thiesen's formula). */
    static double waterDensity(double celsius) {
        return 1000 * (1 - (celsius + 288.9414) / (508929.2 * (celsius + 68.12963))
                * (celsius - 3.9863) * (celsius - 3.9863));
    }

    /** Reported water temperatures 0.00 to 150.00 °C, in hundredths: the range of the tables below. */
    private static final int REPORTED_HUNDREDTHS = 15_001;
    /** kg/m3 and m3/t at each reported temperature: a table, as divisions would cost more than the rest of an hour. */
    private static final double[] DENSITY = new double[REPORTED_HUNDREDTHS];
    private static final double[] VOLUME_PER_TONNE = new double[REPORTED_HUNDREDTHS];

    static {
        for (int i = 0; i < REPORTED_HUNDREDTHS; i++) {
            DENSITY[i] = waterDensity(i / 100.0);
            VOLUME_PER_TONNE[i] = 1000 / DENSITY[i];
        }
    }

    /** {@link #waterDensity} at a temperature reported to 0.01 °C (round2), kg/m3. */
    static double reportedDensity(double celsius) {
        int i = (int) Math.rint(celsius * 100);
        return i >= 0 && i < REPORTED_HUNDREDTHS ? DENSITY[i] : waterDensity(celsius);
    }

    /** m3 per tonne of water at a temperature reported to 0.01 °C. */
    static double volumePerTonne(double celsius) {
        int i = (int) Math.rint(celsius * 100);
        return i >= 0 && i < REPORTED_HUNDREDTHS ? VOLUME_PER_TONNE[i] : 1000 / waterDensity(celsius);
    }

    /** To 0.01, as meters report temperatures and pressures (rint: a quarter of Math.round's cost, ties to even). */
    static double round2(double v) {
        return Math.rint(v * 100) / 100.0;
    }

    /**
     * Day-level inputs shared by every channel of the day, and what the meter derives from them for
     * all 24 hours at once (flows, temperatures), kept here so that amounts, weights and intensive
     * values of the day compute it once. A day belongs to one meter's computation.
     */
    static final class Day {
        /** {@link #winterness()} by day of the year, computed once: every meter asks for it every day. */
        private static final double[] WINTERNESS = new double[367];

        static {
            for (int d = 1; d <= 366; d++) {
                WINTERNESS[d] = StrictMath.cos(2 * Math.PI * (d - 15) / 365.25);
            }
        }

        final long epochDay;
        final double outdoorMean;
        final double outdoorAmplitude;
        final boolean heating;
        final boolean weekend;
        final int dayOfYear;
        private Object derived;

        private Day(long epochDay, double outdoorMean, double outdoorAmplitude, boolean heating, boolean weekend,
                    int dayOfYear) {
            this.epochDay = epochDay;
            this.outdoorMean = outdoorMean;
            this.outdoorAmplitude = outdoorAmplitude;
            this.heating = heating;
            this.weekend = weekend;
            this.dayOfYear = dayOfYear;
        }

        static Day of(Climate climate, long epochDay) {
            LocalDate date = LocalDate.ofEpochDay(epochDay);
            DayOfWeek dow = date.getDayOfWeek();
            int dayOfYear = date.getDayOfYear();
            return new Day(epochDay, climate.dailyMean(epochDay), Climate.diurnalAmplitude(dayOfYear),
                    climate.heatingSeason(epochDay), dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY, dayOfYear);
        }

        double outdoor(int hour) {
            return Climate.hourly(hour, outdoorMean, outdoorAmplitude);
        }

        /** 1 in mid-winter, -1 in mid-summer. */
        double winterness() {
            return winterness(dayOfYear);
        }

        static double winterness(int dayOfYear) {
            return WINTERNESS[dayOfYear];
        }

        /** What {@code compute} derives from this day, computed on the first call only. */
        @SuppressWarnings("unchecked")
        <T> T derived(Function<Day, T> compute) {
            if (derived == null) {
                derived = compute.apply(this);
            }
            return (T) derived;
        }
    }

    /** Declares a meter's channels and parameters, in the order records list them. */
    static final class Layout {
        private final List<DataParameter> parameters = new ArrayList<>();
        private final List<int[]> sums = new ArrayList<>();
        private final List<Integer> intensive = new ArrayList<>();
        private final List<Integer> groups = new ArrayList<>();
        private int intensiveCount;

        int channel(int group) {
            groups.add(group);
            return groups.size() - 1;
        }

        Layout quantity(DataParameter parameter, int... channels) {
            parameters.add(parameter);
            sums.add(channels.clone());
            intensive.add(-1);
            return this;
        }

        Layout intensive(DataParameter parameter) {
            parameters.add(parameter);
            sums.add(null);
            intensive.add(intensiveCount++);
            return this;
        }
    }
}
