package io.lers4j.emulator;

import io.lers4j.model.DataParameter;

/** The meters of each engineering system: heat, hot water, cold water, electricity, gas. */
final class Meters {

    private Meters() {
    }

    /** Who uses the building: it shapes the day (flats peak mornings and evenings, a school works by day). */
    enum Usage { RESIDENTIAL, DAYTIME, PLANT }

    /** Relative hourly use of water in flats, working days and weekends. */
    static final double[] FLATS_WATER_WEEKDAY = {0.35, 0.25, 0.2, 0.2, 0.25, 0.5, 1.2, 1.9, 1.7, 1.3, 1.0, 0.95,
            1.0, 0.95, 0.85, 0.85, 0.95, 1.15, 1.45, 1.7, 1.75, 1.6, 1.2, 0.7};
    static final double[] FLATS_WATER_WEEKEND = {0.45, 0.3, 0.22, 0.2, 0.2, 0.25, 0.45, 0.85, 1.35, 1.7, 1.6, 1.4,
            1.25, 1.15, 1.0, 0.95, 1.0, 1.15, 1.4, 1.6, 1.65, 1.55, 1.25, 0.8};
    static final double[] DAYTIME_WATER_WEEKDAY = {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.15, 0.6, 1.6, 1.8, 1.8, 1.8,
            1.9, 1.9, 1.6, 1.6, 1.6, 1.0, 0.5, 0.15, 0.15, 0.15, 0.15, 0.1};
    static final double[] DAYTIME_WATER_WEEKEND = {0.12, 0.12, 0.12, 0.12, 0.12, 0.12, 0.12, 0.12, 0.14, 0.16, 0.16,
            0.16, 0.16, 0.16, 0.16, 0.16, 0.14, 0.12, 0.12, 0.12, 0.12, 0.12, 0.12, 0.12};
    static final double[] PLANT_FLAT = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};

    static final double[] FLATS_POWER_WEEKDAY = {0.55, 0.45, 0.42, 0.4, 0.42, 0.5, 0.8, 1.1, 1.05, 0.9, 0.85, 0.85,
            0.9, 0.9, 0.88, 0.9, 1.0, 1.25, 1.5, 1.7, 1.75, 1.6, 1.25, 0.85};
    static final double[] FLATS_POWER_WEEKEND = {0.6, 0.5, 0.45, 0.42, 0.42, 0.45, 0.55, 0.75, 0.95, 1.1, 1.15, 1.1,
            1.1, 1.05, 1.0, 1.0, 1.05, 1.25, 1.5, 1.65, 1.7, 1.6, 1.3, 0.9};
    static final double[] DAYTIME_POWER_WEEKDAY = {0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.35, 0.8, 1.8, 1.8, 1.8, 1.8,
            1.8, 1.8, 1.8, 1.8, 1.8, 1.2, 0.8, 0.4, 0.4, 0.4, 0.35, 0.3};
    static final double[] DAYTIME_POWER_WEEKEND = {0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.32, 0.35, 0.35, 0.35,
            0.35, 0.35, 0.35, 0.35, 0.32, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3};
    static final double[] PLANT_POWER = {0.92, 0.92, 0.92, 0.92, 0.92, 0.92, 0.92, 1.05, 1.05, 1.05, 1.05, 1.05,
            1.05, 1.05, 1.05, 1.05, 1.05, 1.05, 1.05, 1.05, 1.05, 1.05, 1.05, 0.95};

    static final double[] STOVES = {0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.4, 1.2, 1.3, 0.8, 0.6, 0.6,
            1.1, 1.2, 0.6, 0.6, 0.6, 1.0, 1.6, 1.8, 1.4, 0.8, 0.4, 0.15};

    /** Three-zone tariff: 1 peak 07-10 and 17-21, 2 night 23-07, 3 half-peak the rest. */
    static int tariffZone(int hour) {
        if (hour >= 23 || hour < 7) {
            return 2;
        }
        if ((hour >= 7 && hour < 10) || (hour >= 17 && hour < 21)) {
            return 1;
        }
        return 3;
    }

    static double[] waterProfile(Usage usage, boolean weekend) {
        switch (usage) {
            case RESIDENTIAL:
                return weekend ? FLATS_WATER_WEEKEND : FLATS_WATER_WEEKDAY;
            case DAYTIME:
                return weekend ? DAYTIME_WATER_WEEKEND : DAYTIME_WATER_WEEKDAY;
            default:
                return PLANT_FLAT;
        }
    }

    static double[] powerProfile(Usage usage, boolean weekend) {
        switch (usage) {
            case RESIDENTIAL:
                return weekend ? FLATS_POWER_WEEKEND : FLATS_POWER_WEEKDAY;
            case DAYTIME:
                return weekend ? DAYTIME_POWER_WEEKEND : DAYTIME_POWER_WEEKDAY;
            default:
                return PLANT_POWER;
        }
    }

    static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    private static double weekFactor(Usage usage, boolean weekend) {
        if (!weekend) {
            return 1.0;
        }
        return usage == Usage.RESIDENTIAL ? 1.08 : usage == Usage.DAYTIME ? 0.12 : 1.0;
    }

    /**
     * Heating: constant flow, supply and return temperatures following the 95/70 schedule of the
     * outdoor temperature, heat consumed rising as it gets colder. Summer leaves a small circulation.
     */
    static final class Heat extends Meter {
        static final int FLOW = 0;
        static final int RETURN = 1;
        static final int HEAT = 2;
        static final int TIME = 3;

        private final double designLoad;
        private final double flowDesign;
        private final double leak;
        private final double pressureIn;
        private final double pressureOut;

        Heat(long seed, int pointId, Climate climate, double designLoad) {
            super(seed, pointId, climate, layout());
            this.designLoad = designLoad;
            this.flowDesign = designLoad * 1000 / 25;
            this.leak = 0.002 + 0.008 * random(1);
            this.pressureIn = 5.6 + 0.8 * random(2);
            this.pressureOut = 3.6 + 0.6 * random(3);
            initialiseReadings();
        }

        private static Layout layout() {
            Layout l = new Layout();
            int mIn = l.channel(FLOW);
            int vIn = l.channel(FLOW);
            int mOut = l.channel(RETURN);
            int vOut = l.channel(RETURN);
            int qOut = l.channel(RETURN);
            int qDelta = l.channel(HEAT);
            int time = l.channel(TIME);
            return l.intensive(DataParameter.T_IN).intensive(DataParameter.T_OUT)
                    .quantity(DataParameter.M_IN, mIn).quantity(DataParameter.M_OUT, mOut)
                    .quantity(DataParameter.V_IN, vIn).quantity(DataParameter.V_OUT, vOut)
                    .quantity(DataParameter.Q_IN, qOut, qDelta).quantity(DataParameter.Q_OUT, qOut)
                    .quantity(DataParameter.Q_DELTA, qDelta)
                    .intensive(DataParameter.P_IN).intensive(DataParameter.P_OUT)
                    .quantity(DataParameter.NORMAL_OPERATION_DURATION, time);
        }

        /** Heat load at the design outdoor temperature, Gcal/h. */
        double designLoad() {
            return designLoad;
        }

        private double load(double outdoor) {
            double x = (18 - outdoor) / (18 - climate.designTemperature());
            return Math.max(0, Math.min(1.25, x));
        }

        private static double supply(double load, boolean heating) {
            return heating ? Math.max(55, 18 + 77 * load) : 60;
        }

        private static double back(double load, boolean heating) {
            return heating ? Math.max(40, 18 + 52 * load) : 47;
        }

        @Override
        void dayAmounts(Day day, double[] out) {
            double x = load(day.outdoorMean);
            double tIn = supply(x, day.heating);
            double tOut = back(x, day.heating);
            double mIn = flowDesign * 24 * (day.heating ? 1.0 : 0.06) * (1 + 0.01 * dayNoise(day, 21));
            double mOut = mIn * (1 - leak);
            out[0] = mIn;
            out[1] = mIn * 1000 / waterDensity(tIn);
            out[2] = mOut;
            out[3] = mOut * 1000 / waterDensity(tOut);
            out[4] = mOut * tOut * 1e-3;
            out[5] = mIn * tIn * 1e-3 - out[4];
            out[6] = 24;
        }

        @Override
        void weights(Day day, int group, double[] out) {
            for (int h = 0; h < 24; h++) {
                switch (group) {
                    case FLOW:
                    case RETURN:
                        out[h] = 1 + 0.02 * hourNoise(day, h, 22);
                        break;
                    case HEAT:
                        out[h] = day.heating ? Math.max(0.5, 18 - day.outdoor(h)) * (1 + 0.03 * hourNoise(day, h, 23))
                                : 1 + 0.05 * hourNoise(day, h, 23);
                        break;
                    default:
                        out[h] = 1;
                }
            }
        }

        @Override
        void intensive(Day day, int hour, double[] out) {
            double x = load(day.outdoor(hour));
            out[0] = round2(supply(x, day.heating) + 0.3 * hourNoise(day, hour, 24));
            out[1] = round2(back(x, day.heating) + 0.3 * hourNoise(day, hour, 25));
            out[2] = round2(pressureIn + 0.04 * hourNoise(day, hour, 26));
            out[3] = round2(pressureOut + 0.04 * hourNoise(day, hour, 27));
        }
    }

    /** Hot water with circulation: supply = circulation + draw (peaks morning and evening), return = circulation. */
    static final class HotWater extends Meter {
        static final int IN = 0;
        static final int OUT = 1;
        private static final double T_SUPPLY = 61.5;
        private static final double T_RETURN = 49;

        private final Usage usage;
        private final double circulation;
        private final double draw;

        HotWater(long seed, int pointId, Climate climate, Usage usage, double drawPerDay) {
            super(seed, pointId, climate, layout());
            this.usage = usage;
            this.draw = drawPerDay;
            this.circulation = drawPerDay * (0.02 + 0.02 * random(1));
            initialiseReadings();
        }

        private static Layout layout() {
            Layout l = new Layout();
            int vIn = l.channel(IN);
            int mIn = l.channel(IN);
            int qDelta = l.channel(IN);
            int vOut = l.channel(OUT);
            int mOut = l.channel(OUT);
            int qOut = l.channel(OUT);
            return l.intensive(DataParameter.T_IN).intensive(DataParameter.T_OUT)
                    .quantity(DataParameter.V_IN, vIn).quantity(DataParameter.V_OUT, vOut)
                    .quantity(DataParameter.M_IN, mIn).quantity(DataParameter.M_OUT, mOut)
                    .quantity(DataParameter.Q_IN, qOut, qDelta).quantity(DataParameter.Q_OUT, qOut)
                    .quantity(DataParameter.Q_DELTA, qDelta);
        }

        private double drawOf(Day day) {
            return draw * weekFactor(usage, day.weekend) * (1 + 0.08 * day.winterness());
        }

        @Override
        void dayAmounts(Day day, double[] out) {
            double vIn = 24 * circulation + drawOf(day) * (1 + 0.05 * dayNoise(day, 31));
            double vOut = 24 * circulation * (0.985 + 0.005 * dayNoise(day, 32));
            double mIn = vIn * waterDensity(T_SUPPLY) / 1000;
            double mOut = vOut * waterDensity(T_RETURN) / 1000;
            double qOut = mOut * T_RETURN * 1e-3;
            out[0] = vIn;
            out[1] = mIn;
            out[2] = mIn * T_SUPPLY * 1e-3 - qOut;
            out[3] = vOut;
            out[4] = mOut;
            out[5] = qOut;
        }

        @Override
        void weights(Day day, int group, double[] out) {
            if (group == IN) {
                double[] profile = waterProfile(usage, day.weekend);
                double perUnit = drawOf(day) / sum(profile);
                for (int h = 0; h < 24; h++) {
                    out[h] = circulation * (1 + 0.02 * hourNoise(day, h, 33))
                            + perUnit * profile[h] * (1 + 0.15 * hourNoise(day, h, 34));
                }
            } else {
                for (int h = 0; h < 24; h++) {
                    out[h] = 1 + 0.02 * hourNoise(day, h, 35);
                }
            }
        }

        @Override
        void intensive(Day day, int hour, double[] out) {
            out[0] = round2(T_SUPPLY + 1.2 * hourNoise(day, hour, 36));
            out[1] = round2(T_RETURN + 1.5 * hourNoise(day, hour, 37));
        }
    }

    /** Cold water input of a building: volume and mass by the day's usage, temperature following the season. */
    static final class ColdWater extends Meter {
        private final Usage usage;
        private final double use;
        private final double pressure;

        ColdWater(long seed, int pointId, Climate climate, Usage usage, double usePerDay) {
            super(seed, pointId, climate, layout());
            this.usage = usage;
            this.use = usePerDay;
            this.pressure = 3.2 + 0.6 * random(1);
            initialiseReadings();
        }

        private static Layout layout() {
            Layout l = new Layout();
            int vIn = l.channel(0);
            int mIn = l.channel(0);
            return l.quantity(DataParameter.V_IN, vIn).quantity(DataParameter.M_IN, mIn)
                    .intensive(DataParameter.T_CW).intensive(DataParameter.P_CW);
        }

        private static double waterTemperature(Day day) {
            return 9 - 5 * StrictMath.cos(2 * Math.PI * (day.dayOfYear - 30) / 365.25);
        }

        @Override
        void dayAmounts(Day day, double[] out) {
            double v = use * weekFactor(usage, day.weekend) * (1 - 0.06 * day.winterness())
                    * (1 + 0.06 * dayNoise(day, 41));
            out[0] = v;
            out[1] = v * waterDensity(waterTemperature(day)) / 1000;
        }

        @Override
        void weights(Day day, int group, double[] out) {
            double[] profile = waterProfile(usage, day.weekend);
            for (int h = 0; h < 24; h++) {
                out[h] = profile[h] * (1 + 0.15 * hourNoise(day, h, 42));
            }
        }

        @Override
        void intensive(Day day, int hour, double[] out) {
            double[] profile = waterProfile(usage, day.weekend);
            out[0] = round2(waterTemperature(day) + 0.2 * hourNoise(day, hour, 43));
            out[1] = round2(pressure - 0.12 * profile[hour] + 0.04 * hourNoise(day, hour, 44));
        }
    }

    /** A flat's water meter read through a pulse counter: volume only. */
    static final class ApartmentWater extends Meter {
        private final double use;

        ApartmentWater(long seed, int pointId, Climate climate, double usePerDay) {
            super(seed, pointId, climate, layout());
            this.use = usePerDay;
            initialiseReadings();
        }

        private static Layout layout() {
            Layout l = new Layout();
            return l.quantity(DataParameter.V_IN, l.channel(0));
        }

        @Override
        void dayAmounts(Day day, double[] out) {
            out[0] = use * (day.weekend ? 1.15 : 1.0) * (1 + 0.25 * dayNoise(day, 51));
        }

        @Override
        void weights(Day day, int group, double[] out) {
            double[] profile = waterProfile(Usage.RESIDENTIAL, day.weekend);
            for (int h = 0; h < 24; h++) {
                out[h] = profile[h] * (1 + 0.4 * hourNoise(day, h, 52));
            }
        }

        @Override
        void intensive(Day day, int hour, double[] out) {
            // volume only
        }
    }

    /**
     * Electricity: active energy split into the three tariff zones (Ap = Ap1 + Ap2 + Ap3), reactive
     * energy following the load, lower at night and at weekends.
     */
    static final class Electricity extends Meter {
        static final int PEAK = 0;
        static final int NIGHT = 1;
        static final int HALF_PEAK = 2;
        static final int PROFILE = 3;
        static final int FLAT = 4;

        private final Usage usage;
        private final double energy;
        private final double reactiveShare;

        Electricity(long seed, int pointId, Climate climate, Usage usage, double kWhPerDay) {
            super(seed, pointId, climate, layout());
            this.usage = usage;
            this.energy = kWhPerDay;
            this.reactiveShare = 0.25 + 0.2 * random(1);
            initialiseReadings();
        }

        private static Layout layout() {
            Layout l = new Layout();
            int ap1 = l.channel(PEAK);
            int ap2 = l.channel(NIGHT);
            int ap3 = l.channel(HALF_PEAK);
            int an = l.channel(FLAT);
            int rp = l.channel(PROFILE);
            int rn = l.channel(FLAT);
            return l.quantity(DataParameter.AP, ap1, ap2, ap3).quantity(DataParameter.AN, an)
                    .quantity(DataParameter.RP, rp).quantity(DataParameter.RN, rn)
                    .quantity(DataParameter.AP1, ap1).quantity(DataParameter.AP2, ap2)
                    .quantity(DataParameter.AP3, ap3);
        }

        private double zoneShare(double[] profile, int zone) {
            double inZone = 0;
            for (int h = 0; h < 24; h++) {
                if (tariffZone(h) == zone) {
                    inZone += profile[h];
                }
            }
            return inZone / sum(profile);
        }

        @Override
        void dayAmounts(Day day, double[] out) {
            double weekend = day.weekend ? (usage == Usage.DAYTIME ? 0.45 : usage == Usage.RESIDENTIAL ? 0.92 : 1.0) : 1.0;
            double e = energy * weekend * (1 + 0.15 * day.winterness()) * (1 + 0.04 * dayNoise(day, 61));
            double[] profile = powerProfile(usage, day.weekend);
            out[0] = e * zoneShare(profile, 1);
            out[1] = e * zoneShare(profile, 2);
            out[2] = e * zoneShare(profile, 3);
            out[3] = 0;
            out[4] = e * reactiveShare;
            out[5] = e * 0.012;
        }

        @Override
        void weights(Day day, int group, double[] out) {
            double[] profile = powerProfile(usage, day.weekend);
            for (int h = 0; h < 24; h++) {
                switch (group) {
                    case PEAK:
                        out[h] = tariffZone(h) == 1 ? profile[h] : 0;
                        break;
                    case NIGHT:
                        out[h] = tariffZone(h) == 2 ? profile[h] : 0;
                        break;
                    case HALF_PEAK:
                        out[h] = tariffZone(h) == 3 ? profile[h] : 0;
                        break;
                    case PROFILE:
                        out[h] = profile[h];
                        break;
                    default:
                        out[h] = 1;
                }
            }
        }

        @Override
        void intensive(Day day, int hour, double[] out) {
            // energies only
        }
    }

    /**
     * Gas with a volume corrector: working volume V and volume at standard conditions V_std, gas
     * temperature and absolute pressure. A boiler house burns gas by the heat load; flats cook.
     */
    static final class Gas extends Meter {
        private final boolean boiler;
        private final double scale;
        private final double pressure;

        /** @param scale design heat load in Gcal/h for a boiler house, else m3 per day */
        Gas(long seed, int pointId, Climate climate, boolean boiler, double scale) {
            super(seed, pointId, climate, layout());
            this.boiler = boiler;
            this.scale = scale;
            this.pressure = boiler ? 1.2 + 0.1 * random(1) : 1.035 + 0.01 * random(1);
            initialiseReadings();
        }

        private static Layout layout() {
            Layout l = new Layout();
            int v = l.channel(0);
            int vStd = l.channel(0);
            return l.quantity(DataParameter.V, v).quantity(DataParameter.V_STD, vStd)
                    .intensive(DataParameter.T).intensive(DataParameter.P);
        }

        private static double gasTemperature(double outdoor) {
            return Math.max(1, 0.4 * outdoor + 8);
        }

        @Override
        void dayAmounts(Day day, double[] out) {
            double standard;
            if (boiler) {
                double load = (18 - day.outdoorMean) / (18 - climate.designTemperature());
                double heat = scale * 24 * (day.heating ? Math.max(0.15, Math.min(1.25, load)) : 0.12);
                standard = heat * 1000 / (8.0 * 0.92) * (1 + 0.02 * dayNoise(day, 71));
            } else {
                standard = scale * (day.weekend ? 1.2 : 1.0) * (1 + 0.08 * dayNoise(day, 71));
            }
            double ratio = (1.0332 / pressure) * ((gasTemperature(day.outdoorMean) + 273.15) / 293.15);
            out[0] = standard * ratio;
            out[1] = standard;
        }

        @Override
        void weights(Day day, int group, double[] out) {
            for (int h = 0; h < 24; h++) {
                if (boiler) {
                    out[h] = day.heating ? Math.max(0.5, 18 - day.outdoor(h)) * (1 + 0.03 * hourNoise(day, h, 72))
                            : 1 + 0.05 * hourNoise(day, h, 72);
                } else {
                    out[h] = STOVES[h] * (1 + 0.2 * hourNoise(day, h, 72));
                }
            }
        }

        @Override
        void intensive(Day day, int hour, double[] out) {
            out[0] = round2(gasTemperature(day.outdoor(hour)) + 0.2 * hourNoise(day, hour, 73));
            out[1] = Math.round((pressure + 0.005 * hourNoise(day, hour, 74)) * 1000) / 1000.0;
        }
    }
}
