package io.lers4j.emulator;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;

/**
 * The archive of one measure point, computed on demand from its {@link Meter}.
 *
 * <p>Every quantity is kept as a running integral since the start of the data, counted in whole
 * {@link #UNITS}ths. The count at the start of hour {@code k} of a day is
 * {@code floor((dayStart + dayAmount * share_k) * UNITS)}, where {@code share_k} is the part of the
 * day's amount used before that hour. Hour, day and month values are differences of these counts,
 * and totals are the counts plus the initial reading, so a day is exactly the sum of its hours, a
 * month the sum of its days, and {@code totals(t2) - totals(t1)} exactly the consumption between.
 *
 * <p>Day starts are prefix sums of day amounts (each at most one pass over the day's hours); the
 * sums at month starts are cached, so a running total costs at most a month of day amounts plus
 * one day of hourly weights.
 */
final class PointData {

    /** Quantities are whole multiples of 1/UNITS of their unit (0.1 litre, 0.1 Wh, 0.0001 Gcal). */
    static final double UNITS = 10_000;
    private static final int MAX_MONTHS = 12 * 200;

    final Meter meter;
    final long startDay;
    private final YearMonth startMonth;
    private final Object lock = new Object();
    private double[][] monthStarts; // raw integrals at the first day of each month since the start
    private int monthStartCount;

    PointData(Meter meter, LocalDate start) {
        this.meter = meter;
        this.startMonth = YearMonth.from(start);
        this.startDay = startMonth.atDay(1).toEpochDay();
        this.monthStarts = new double[64][];
        this.monthStarts[0] = new double[meter.channelCount];
        this.monthStartCount = 1;
    }

    /** The raw integrals at midnight starting {@code epochDay} (>= startDay). */
    double[] integralsAt(long epochDay) {
        LocalDate date = LocalDate.ofEpochDay(epochDay);
        int index = (int) startMonth.until(YearMonth.from(date), java.time.temporal.ChronoUnit.MONTHS);
        double[] sums = monthStart(index).clone();
        double[] amounts = new double[meter.channelCount];
        for (long d = date.withDayOfMonth(1).toEpochDay(); d < epochDay; d++) {
            addDay(d, sums, amounts);
        }
        return sums;
    }

    private void addDay(long epochDay, double[] sums, double[] amounts) {
        meter.dayAmounts(Meter.Day.of(meter.climate, epochDay), amounts);
        for (int c = 0; c < sums.length; c++) {
            sums[c] += amounts[c];
        }
    }

    private double[] monthStart(int index) {
        if (index < 0 || index >= MAX_MONTHS) {
            throw new IllegalArgumentException("month out of the data range: " + index);
        }
        synchronized (lock) {
            while (monthStartCount <= index) {
                if (monthStartCount == monthStarts.length) {
                    monthStarts = Arrays.copyOf(monthStarts, monthStarts.length * 2);
                }
                YearMonth month = startMonth.plusMonths(monthStartCount - 1L);
                double[] sums = monthStarts[monthStartCount - 1].clone();
                double[] amounts = new double[meter.channelCount];
                for (long d = month.atDay(1).toEpochDay(); d <= month.atEndOfMonth().toEpochDay(); d++) {
                    addDay(d, sums, amounts);
                }
                monthStarts[monthStartCount++] = sums;
            }
            return monthStarts[index];
        }
    }

    /** One day of the archive; {@link #next()} walks on without recomputing the prefix. */
    DayView day(long epochDay) {
        if (epochDay < startDay) {
            throw new IllegalArgumentException("before the start of the data");
        }
        return new DayView(epochDay, integralsAt(epochDay));
    }

    final class DayView {
        final long epochDay;
        final Meter.Day day;
        private final double[] integrals;
        private final double[] amounts;
        private double[][] shares; // [group][0..24], shares[g][24] == 1
        private double[][] intensive; // [hour][index]

        private DayView(long epochDay, double[] integrals) {
            this.epochDay = epochDay;
            this.day = Meter.Day.of(meter.climate, epochDay);
            this.integrals = integrals;
            this.amounts = new double[meter.channelCount];
            meter.dayAmounts(day, amounts);
        }

        DayView next() {
            double[] sums = integrals.clone();
            for (int c = 0; c < sums.length; c++) {
                sums[c] += amounts[c];
            }
            return new DayView(epochDay + 1, sums);
        }

        private double share(int group, int hour) {
            if (hour == 0) {
                return 0;
            }
            if (hour == 24) {
                return 1;
            }
            if (shares == null) {
                double[][] s = new double[meter.groupCount][25];
                double[] w = new double[24];
                for (int g = 0; g < meter.groupCount; g++) {
                    meter.weights(day, g, w);
                    double total = 0;
                    for (double x : w) {
                        total += x;
                    }
                    double running = 0;
                    for (int h = 0; h < 24; h++) {
                        running += total > 0 ? w[h] : 1;
                        s[g][h + 1] = Math.min(1, running / (total > 0 ? total : 24));
                    }
                    s[g][24] = 1;
                }
                shares = s;
            }
            return shares[group][hour];
        }

        /** The integral count of a channel at the start of hour {@code k} (0..24) of this day. */
        long units(int channel, int k) {
            double raw = integrals[channel] + amounts[channel] * share(meter.groupOf[channel], k);
            return (long) Math.floor(raw * UNITS + 1e-3);
        }

        /** The count of a parameter (the sum of its channels) at the start of hour k; no initial reading. */
        long parameterUnits(int parameter, int k) {
            long sum = 0;
            for (int c : meter.channelsOf[parameter]) {
                sum += units(c, k);
            }
            return sum;
        }

        /** A totals reading at the start of hour k: initial reading plus the integral. */
        long readingUnits(int parameter, int k) {
            long sum = 0;
            for (int c : meter.channelsOf[parameter]) {
                sum += meter.baseUnits[c] + units(c, k);
            }
            return sum;
        }

        double intensive(int index, int hour) {
            if (intensive == null) {
                double[][] values = new double[24][meter.intensiveCount];
                for (int h = 0; h < 24; h++) {
                    meter.intensive(day, h, values[h]);
                }
                intensive = values;
            }
            return intensive[hour][index];
        }

        double intensiveMean(int index) {
            double sum = 0;
            for (int h = 0; h < 24; h++) {
                sum += intensive(index, h);
            }
            return sum / 24;
        }

        /** The value of a parameter over hour {@code hour}: a quantity used, or the hour's temperature/pressure. */
        double hourValue(int parameter, int hour) {
            if (meter.channelsOf[parameter] == null) {
                return intensive(meter.intensiveOf[parameter], hour);
            }
            return (parameterUnits(parameter, hour + 1) - parameterUnits(parameter, hour)) / UNITS;
        }

        /** The whole day: quantities summed, temperatures and pressures averaged. */
        double dayValue(int parameter) {
            if (meter.channelsOf[parameter] == null) {
                return intensiveMean(meter.intensiveOf[parameter]);
            }
            return (parameterUnits(parameter, 24) - parameterUnits(parameter, 0)) / UNITS;
        }
    }
}
