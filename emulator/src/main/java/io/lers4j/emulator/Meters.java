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

    // ---------------------------------------------------------------- heat physics

    /**
     * Heat carried by water, Gcal per tonne and kelvin: c = 4.1868 kJ/(kg·K), which is exactly
     * 1 kcal/(kg·K), so Q[Gcal] = M[t] × ΔT[K] × 0.001. Heat calculators use enthalpy tables; the
     * difference is a fraction of a percent.
     */
    static final double GCAL_PER_TONNE_KELVIN = 0.001;
    /** Indoor temperature heating keeps, and the outdoor temperature at which it needs no heat. */
    static final double INDOOR = 20;
    static final double DESIGN_SUPPLY = 95;
    static final double DESIGN_RETURN = 70;
    /** The heating curve's exponent, 1/(1 + n) with n = 0.25 for radiators. */
    private static final double RADIATOR_EXPONENT = 0.8;
    /** Colder than design: the load is capped here (the curve is extrapolated up to it). */
    private static final double MAX_LOAD = 1.3;
    /** Steps of x per unit in the table of the curve's mean head. */
    private static final int HEAD_STEPS = 1024;
    /** (T_mean − T_indoor) at x = i / HEAD_STEPS; interpolated, as pow per hour would cost more than the rest of the hour. */
    private static final double[] MEAN_HEAD = meanHeads();
    /** A boiler house's network never supplies below this, so the buildings can still make hot water. */
    static final double NETWORK_MIN_SUPPLY = 70;
    /** The network's return when it carries hot water only. */
    static final double NETWORK_MIN_RETURN = 40;
    /** The relative load below which the network supply stays at {@link #NETWORK_MIN_SUPPLY}. */
    static final double BREAK_LOAD = breakLoad();
    /** Lower heating value of natural gas at standard conditions, Gcal per m3 (8 000 kcal/m3). */
    static final double GAS_HEAT_VALUE = 0.008;
    /** Standard conditions of gas volume: 20 °C and 101.325 kPa (1.0332 kgf/cm2 absolute). */
    static final double STANDARD_KELVIN = 293.15;
    static final double STANDARD_PRESSURE = 1.0332;
    /** {@link #coldWaterTemperature} by day of the year. */
    private static final double[] COLD_WATER = new double[367];

    static {
        for (int d = 1; d <= 366; d++) {
            COLD_WATER[d] = 9 - 5 * StrictMath.cos(2 * Math.PI * (d - 30) / 365.25);
        }
    }

    /** The seasonal temperature of cold water in the mains: 4 °C at the end of January, 14 °C at the end of July. */
    static double coldWaterTemperature(Meter.Day day) {
        return COLD_WATER[day.dayOfYear];
    }

    /** The relative load one kelvin colder than indoors adds: 1 / (T_indoor − T_design). */
    static double loadPerKelvin(Climate climate) {
        return 1 / (INDOOR - climate.designTemperature());
    }

    /** The heating load relative to the design load: 0 at the indoor temperature, 1 at the design temperature. */
    static double heatingLoad(double loadPerKelvin, double outdoor) {
        return Math.max(0, Math.min(MAX_LOAD, (INDOOR - outdoor) * loadPerKelvin));
    }

    /**
     * The 95/70 heating curve of radiators (quality regulation, constant flow): supply and return
     * at relative load x. The difference is 25 x, so the heat at the design flow is the design load times x.
     */
    static double curveSupply(double x) {
        return INDOOR + meanHead(x) + (DESIGN_SUPPLY - DESIGN_RETURN) / 2 * x;
    }

    static double curveReturn(double x) {
        return INDOOR + meanHead(x) - (DESIGN_SUPPLY - DESIGN_RETURN) / 2 * x;
    }

    /** The radiators' mean temperature above the indoor one: (82.5 − 20) x^0.8. */
    private static double meanHead(double x) {
        double position = x * HEAD_STEPS;
        int i = Math.min((int) position, MEAN_HEAD.length - 2);
        return MEAN_HEAD[i] + (MEAN_HEAD[i + 1] - MEAN_HEAD[i]) * (position - i);
    }

    private static double[] meanHeads() {
        double[] heads = new double[(int) Math.ceil(MAX_LOAD * HEAD_STEPS) + 2];
        for (int i = 0; i < heads.length; i++) {
            heads[i] = ((DESIGN_SUPPLY + DESIGN_RETURN) / 2 - INDOOR)
                    * StrictMath.pow((double) i / HEAD_STEPS, RADIATOR_EXPONENT);
        }
        return heads;
    }

    /** A boiler house's network supply: the curve, but never below 70 °C, which hot water needs. */
    static double networkSupply(double x) {
        return Math.max(NETWORK_MIN_SUPPLY, curveSupply(x));
    }

    /** The network's return: the curve above the break; below it, down to 40 °C as the heating load goes. */
    static double networkReturn(double x) {
        if (x >= BREAK_LOAD) {
            return curveReturn(x);
        }
        return NETWORK_MIN_RETURN + (curveReturn(BREAK_LOAD) - NETWORK_MIN_RETURN) * x / BREAK_LOAD;
    }

    private static double breakLoad() {
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (curveSupply(mid) < NETWORK_MIN_SUPPLY) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }

    /**
     * One day of a two-pipe water circuit, hour by hour: the mass through the supply (in) and the
     * return (out) pipe, their reported temperatures and the cold-water reference of the day. Every
     * quantity of a heat or hot-water meter follows from these, hour by hour:
     * <ul>
     * <li>V = M / ρ(T), with the density at the pipe's temperature;</li>
     * <li>Q_in = M_in (T_in − T_cw) c: the heat the supply brings above cold water;</li>
     * <li>Q_out = M_out (T_out − T_cw) c: the heat the return takes back;</li>
     * <li>Q_delta = Q_in − Q_out = M_in (T_in − T_out) c + (M_in − M_out)(T_out − T_cw) c: the heat
     * used, including that of the water drawn or lost (the Russian metering rules' formula).</li>
     * </ul>
     */
    static final class CircuitDay {
        final double[] massIn = new double[24];
        final double[] massOut = new double[24];
        final double[] tIn = new double[24];
        final double[] tOut = new double[24];
        final double coldWater;

        CircuitDay(double coldWater) {
            this.coldWater = coldWater;
        }

        double heatIn(int h) {
            return massIn[h] * (tIn[h] - coldWater) * GCAL_PER_TONNE_KELVIN;
        }

        double heatOut(int h) {
            return massOut[h] * (tOut[h] - coldWater) * GCAL_PER_TONNE_KELVIN;
        }

        /** The heat used over hour h (Q_delta), Gcal. */
        double heatUsed(int h) {
            return Math.max(0, heatIn(h) - heatOut(h));
        }

        double volumeIn(int h) {
            return massIn[h] * Meter.volumePerTonne(tIn[h]);
        }

        double volumeOut(int h) {
            return massOut[h] * Meter.volumePerTonne(tOut[h]);
        }

        /** The same circuit with the flows scaled: one of several meters sharing it. */
        CircuitDay share(double share) {
            CircuitDay c = new CircuitDay(coldWater);
            for (int h = 0; h < 24; h++) {
                c.massIn[h] = massIn[h] * share;
                c.massOut[h] = massOut[h] * share;
                c.tIn[h] = tIn[h];
                c.tOut[h] = tOut[h];
            }
            return c;
        }
    }

    /**
     * A meter on a two-pipe water circuit (heating, hot water). Each quantity is one channel whose
     * weights are its hourly amounts, so the day's amount is their sum and every hour of the archive
     * holds what {@link CircuitDay} says of that hour.
     */
    abstract static class TwoPipeMeter extends Meter {
        static final int M_IN = 0;
        static final int V_IN = 1;
        static final int M_OUT = 2;
        static final int V_OUT = 3;
        static final int Q_OUT = 4;
        static final int Q_DELTA = 5;
        static final int CIRCUIT_CHANNELS = 6;

        TwoPipeMeter(long seed, int pointId, Climate climate, Layout layout) {
            super(seed, pointId, climate, layout);
        }

        /** Declares the circuit channels first, each its own group, so channel and group numbers are the constants above. */
        static Layout circuitLayout() {
            Layout l = new Layout();
            for (int c = 0; c < CIRCUIT_CHANNELS; c++) {
                l.channel(c);
            }
            return l;
        }

        abstract CircuitDay computeCircuit(Day day);

        final CircuitDay circuit(Day day) {
            return day.derived(this::computeCircuit);
        }

        /** The amount of one channel over hour h. */
        static double hourAmount(CircuitDay c, int channel, int h) {
            switch (channel) {
                case M_IN:
                    return c.massIn[h];
                case V_IN:
                    return c.volumeIn(h);
                case M_OUT:
                    return c.massOut[h];
                case V_OUT:
                    return c.volumeOut(h);
                case Q_OUT:
                    return Math.max(0, c.heatOut(h));
                case Q_DELTA:
                    return c.heatUsed(h);
                default:
                    throw new IllegalArgumentException("no circuit channel " + channel);
            }
        }

        @Override
        void dayAmounts(Day day, double[] out) {
            // one pass over the hours, the same terms as hourAmount: prefix sums over years run through here
            CircuitDay c = circuit(day);
            double mIn = 0;
            double vIn = 0;
            double mOut = 0;
            double vOut = 0;
            double qOut = 0;
            double qDelta = 0;
            for (int h = 0; h < 24; h++) {
                mIn += c.massIn[h];
                vIn += c.volumeIn(h);
                mOut += c.massOut[h];
                vOut += c.volumeOut(h);
                qOut += Math.max(0, c.heatOut(h));
                qDelta += c.heatUsed(h);
            }
            out[M_IN] = mIn;
            out[V_IN] = vIn;
            out[M_OUT] = mOut;
            out[V_OUT] = vOut;
            out[Q_OUT] = qOut;
            out[Q_DELTA] = qDelta;
        }

        @Override
        void weights(Day day, int group, double[] out) {
            CircuitDay c = circuit(day);
            for (int h = 0; h < 24; h++) {
                out[h] = hourAmount(c, group, h);
            }
        }
    }

    /**
     * Heating: in a building, the 95/70 curve of the outdoor temperature at a constant flow while
     * the heating season lasts, and a standing circuit (no flow, pipes at room temperature) outside
     * it. The output of a boiler house is its network instead (see {@link BoilerHouse}).
     */
    static final class Heat extends TwoPipeMeter {
        static final int TIME = CIRCUIT_CHANNELS;

        private final BoilerHouse plant;
        private final double designLoad;
        private final double loadPerKelvin;
        private final double flowDesign;
        private final double leak;
        private final double returnDeviation;
        private final double pressureIn;
        private final double pressureOut;

        /** A building's heating of {@code designLoad} Gcal/h at the design outdoor temperature. */
        Heat(long seed, int pointId, Climate climate, double designLoad) {
            this(seed, pointId, climate, null, designLoad);
        }

        /** One output of a boiler house: an equal share of its network. */
        Heat(long seed, int pointId, BoilerHouse plant) {
            this(seed, pointId, plant.climate, plant, plant.heatingLoad / plant.outputs);
        }

        private Heat(long seed, int pointId, Climate climate, BoilerHouse plant, double designLoad) {
            super(seed, pointId, climate, layout());
            this.plant = plant;
            this.designLoad = designLoad;
            this.loadPerKelvin = loadPerKelvin(climate);
            this.flowDesign = designLoad / ((DESIGN_SUPPLY - DESIGN_RETURN) * GCAL_PER_TONNE_KELVIN);
            this.leak = 0.002 + 0.008 * random(1);
            this.pressureIn = 5.6 + 0.8 * random(2);
            this.pressureOut = 3.6 + 0.6 * random(3);
            this.returnDeviation = 3 * (random(4) - 0.5);
            initialiseReadings();
        }

        private static Layout layout() {
            Layout l = circuitLayout();
            int time = l.channel(TIME);
            return l.intensive(DataParameter.T_IN).intensive(DataParameter.T_OUT)
                    .quantity(DataParameter.M_IN, M_IN).quantity(DataParameter.M_OUT, M_OUT)
                    .quantity(DataParameter.V_IN, V_IN).quantity(DataParameter.V_OUT, V_OUT)
                    .quantity(DataParameter.Q_IN, Q_OUT, Q_DELTA).quantity(DataParameter.Q_OUT, Q_OUT)
                    .quantity(DataParameter.Q_DELTA, Q_DELTA)
                    .intensive(DataParameter.P_IN).intensive(DataParameter.P_OUT)
                    .quantity(DataParameter.NORMAL_OPERATION_DURATION, time);
        }

        /** Heat load at the design outdoor temperature, Gcal/h. */
        double designLoad() {
            return designLoad;
        }

        @Override
        CircuitDay computeCircuit(Day day) {
            if (plant != null) {
                return plant.network(day).share(1.0 / plant.outputs);
            }
            CircuitDay c = new CircuitDay(coldWaterTemperature(day));
            double flow = flowDesign * (1 + 0.01 * dayNoise(day, 21));
            for (int h = 0; h < 24; h++) {
                double tIn;
                double tOut;
                long noise = hourHash(day, h, 22);
                if (day.heating) {
                    double x = heatingLoad(loadPerKelvin, day.outdoor(h));
                    double mean = INDOOR + meanHead(x);
                    double halfDrop = (DESIGN_SUPPLY - DESIGN_RETURN) / 2 * x;
                    tIn = round2(mean + halfDrop + 0.3 * Noise.part(noise, 0));
                    // a building runs a little over or under its curve, more so the more it is loaded
                    tOut = round2(mean - halfDrop + returnDeviation * x + 0.3 * Noise.part(noise, 1));
                    c.massIn[h] = flow * (1 + 0.02 * Noise.part(noise, 2));
                    c.massOut[h] = c.massIn[h] * (1 - leak);
                } else {
                    tIn = round2(INDOOR + 0.15 * (day.outdoor(h) - 15) + 0.3 * Noise.part(noise, 0));
                    tOut = round2(tIn - 0.4 + 0.2 * Noise.part(noise, 1));
                }
                c.tIn[h] = tIn;
                c.tOut[h] = Math.min(tIn, tOut);
            }
            return c;
        }

        @Override
        void dayAmounts(Day day, double[] out) {
            super.dayAmounts(day, out);
            out[TIME] = 24;
        }

        @Override
        void weights(Day day, int group, double[] out) {
            if (group == TIME) {
                java.util.Arrays.fill(out, 1);
            } else {
                super.weights(day, group, out);
            }
        }

        @Override
        void intensive(Day day, int hour, double[] out) {
            CircuitDay c = circuit(day);
            out[0] = c.tIn[hour];
            out[1] = c.tOut[hour];
            if (c.massIn[hour] > 0) {
                out[2] = round2(pressureIn + 0.04 * hourNoise(day, hour, 26));
                out[3] = round2(pressureOut + 0.04 * hourNoise(day, hour, 27));
            } else {
                // pumps stopped: both pipes at the static pressure of the system
                double still = pressureOut - 0.5;
                out[2] = round2(still + 0.03 * hourNoise(day, hour, 26));
                out[3] = round2(still + 0.03 * hourNoise(day, hour, 27));
            }
        }
    }

    /**
     * Hot water with circulation, all year: the supply carries circulation plus what is drawn (peaks
     * mornings and evenings in flats, by day in schools and offices), the return carries the
     * circulation back.
     */
    static final class HotWater extends TwoPipeMeter {
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
            return circuitLayout().intensive(DataParameter.T_IN).intensive(DataParameter.T_OUT)
                    .quantity(DataParameter.V_IN, V_IN).quantity(DataParameter.V_OUT, V_OUT)
                    .quantity(DataParameter.M_IN, M_IN).quantity(DataParameter.M_OUT, M_OUT)
                    .quantity(DataParameter.Q_IN, Q_OUT, Q_DELTA).quantity(DataParameter.Q_OUT, Q_OUT)
                    .quantity(DataParameter.Q_DELTA, Q_DELTA);
        }

        @Override
        CircuitDay computeCircuit(Day day) {
            CircuitDay c = new CircuitDay(coldWaterTemperature(day));
            double[] profile = waterProfile(usage, day.weekend);
            double drawn = draw * weekFactor(usage, day.weekend) * (1 + 0.08 * day.winterness())
                    * (1 + 0.05 * dayNoise(day, 31));
            double perUnit = drawn / sum(profile);
            double circulationBack = circulation * (0.985 + 0.005 * dayNoise(day, 32));
            for (int h = 0; h < 24; h++) {
                long temperatures = hourHash(day, h, 36);
                long flows = hourHash(day, h, 33);
                c.tIn[h] = round2(T_SUPPLY + 1.2 * Noise.part(temperatures, 0));
                c.tOut[h] = Math.min(c.tIn[h], round2(T_RETURN + 1.5 * Noise.part(temperatures, 1)));
                double volumeIn = circulation * (1 + 0.02 * Noise.part(flows, 0))
                        + perUnit * profile[h] * (1 + 0.15 * Noise.part(flows, 1));
                double volumeOut = circulationBack * (1 + 0.02 * Noise.part(flows, 2));
                c.massIn[h] = volumeIn * reportedDensity(c.tIn[h]) / 1000;
                c.massOut[h] = volumeOut * reportedDensity(c.tOut[h]) / 1000;
            }
            return c;
        }

        @Override
        void intensive(Day day, int hour, double[] out) {
            CircuitDay c = circuit(day);
            out[0] = c.tIn[hour];
            out[1] = c.tOut[hour];
        }
    }

    /**
     * Cold water input of a building, by the day's usage, or a boiler house's make-up water, which
     * replaces what its network loses. Mass is volume times the density at the hour's temperature.
     */
    static final class ColdWater extends Meter {
        private static final int VOLUME = 0;
        private static final int MASS = 1;

        private final BoilerHouse plant;
        private final Usage usage;
        private final double use;
        private final double pressure;

        /** A building's input of {@code usePerDay} m3 on a working day. */
        ColdWater(long seed, int pointId, Climate climate, Usage usage, double usePerDay) {
            this(seed, pointId, climate, null, usage, usePerDay);
        }

        /** One make-up input of a boiler house: an equal share of its network's losses. */
        ColdWater(long seed, int pointId, BoilerHouse plant) {
            this(seed, pointId, plant.climate, plant, Usage.PLANT, 0);
        }

        private ColdWater(long seed, int pointId, Climate climate, BoilerHouse plant, Usage usage, double usePerDay) {
            super(seed, pointId, climate, layout());
            this.plant = plant;
            this.usage = usage;
            this.use = usePerDay;
            this.pressure = 3.2 + 0.6 * random(1);
            initialiseReadings();
        }

        private static Layout layout() {
            Layout l = new Layout();
            int vIn = l.channel(VOLUME);
            int mIn = l.channel(MASS);
            return l.quantity(DataParameter.V_IN, vIn).quantity(DataParameter.M_IN, mIn)
                    .intensive(DataParameter.T_CW).intensive(DataParameter.P_CW);
        }

        /** Per hour: [0] volume, m3; [1] temperature, °C. */
        private double[][] computeFlow(Day day) {
            double[][] f = new double[2][24];
            double[] volume = f[0];
            double[] temperature = f[1];
            double seasonal = coldWaterTemperature(day);
            for (int h = 0; h < 24; h++) {
                temperature[h] = round2(seasonal + 0.2 * hourNoise(day, h, 43));
            }
            if (plant != null) {
                CircuitDay network = plant.network(day);
                for (int h = 0; h < 24; h++) {
                    double lost = network.massIn[h] - network.massOut[h];
                    volume[h] = lost / plant.makeUpInputs * volumePerTonne(temperature[h]);
                }
            } else {
                double[] profile = waterProfile(usage, day.weekend);
                double v = use * weekFactor(usage, day.weekend) * (1 - 0.06 * day.winterness())
                        * (1 + 0.06 * dayNoise(day, 41));
                double total = 0;
                for (int h = 0; h < 24; h++) {
                    volume[h] = profile[h] * (1 + 0.15 * hourNoise(day, h, 42));
                    total += volume[h];
                }
                for (int h = 0; h < 24; h++) {
                    volume[h] *= v / total;
                }
            }
            return f;
        }

        private double[][] flow(Day day) {
            return day.derived(this::computeFlow);
        }

        private static double hourAmount(double[][] flow, int channel, int h) {
            return channel == VOLUME ? flow[0][h] : flow[0][h] * reportedDensity(flow[1][h]) / 1000;
        }

        @Override
        void dayAmounts(Day day, double[] out) {
            double[][] f = flow(day);
            for (int channel = VOLUME; channel <= MASS; channel++) {
                double sum = 0;
                for (int h = 0; h < 24; h++) {
                    sum += hourAmount(f, channel, h);
                }
                out[channel] = sum;
            }
        }

        @Override
        void weights(Day day, int group, double[] out) {
            double[][] f = flow(day);
            for (int h = 0; h < 24; h++) {
                out[h] = hourAmount(f, group, h);
            }
        }

        @Override
        void intensive(Day day, int hour, double[] out) {
            double[][] f = flow(day);
            double[] profile = waterProfile(usage, day.weekend);
            out[0] = f[1][hour];
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
     * energy following the load. A building's is lower at night and at weekends; a boiler house's
     * follows its pumps and burners (see {@link BoilerHouse#operation}).
     */
    static final class Electricity extends Meter {
        static final int PEAK = 0;
        static final int NIGHT = 1;
        static final int HALF_PEAK = 2;
        static final int PROFILE = 3;
        static final int FLAT = 4;

        private final BoilerHouse plant;
        private final Usage usage;
        private final double energy;
        private final double reactiveShare;

        /** A building's supply of about {@code kWhPerDay} on a working day. */
        Electricity(long seed, int pointId, Climate climate, Usage usage, double kWhPerDay) {
            this(seed, pointId, climate, null, usage, kWhPerDay);
        }

        /** A boiler house's supply: {@code kWhPerDesignDay} on a day at the design outdoor temperature. */
        Electricity(long seed, int pointId, BoilerHouse plant, double kWhPerDesignDay) {
            this(seed, pointId, plant.climate, plant, Usage.PLANT, kWhPerDesignDay);
        }

        private Electricity(long seed, int pointId, Climate climate, BoilerHouse plant, Usage usage, double energy) {
            super(seed, pointId, climate, layout());
            this.plant = plant;
            this.usage = usage;
            this.energy = energy;
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

        /** Active energy of every hour of the day, kWh. */
        private double[] computeHours(Day day) {
            double[] hours = new double[24];
            if (plant != null) {
                CircuitDay network = plant.network(day);
                for (int h = 0; h < 24; h++) {
                    hours[h] = energy / 24 * plant.operation(day, network, h) * (1 + 0.03 * hourNoise(day, h, 62));
                }
                return hours;
            }
            double weekend = day.weekend ? (usage == Usage.DAYTIME ? 0.45 : usage == Usage.RESIDENTIAL ? 0.92 : 1.0) : 1.0;
            double e = energy * weekend * (1 + 0.15 * day.winterness()) * (1 + 0.04 * dayNoise(day, 61));
            double[] profile = powerProfile(usage, day.weekend);
            double total = sum(profile);
            for (int h = 0; h < 24; h++) {
                hours[h] = e * profile[h] / total;
            }
            return hours;
        }

        private double[] hours(Day day) {
            return day.derived(this::computeHours);
        }

        @Override
        void dayAmounts(Day day, double[] out) {
            double[] hours = hours(day);
            double[] zones = new double[4];
            for (int h = 0; h < 24; h++) {
                zones[tariffZone(h)] += hours[h];
            }
            double e = zones[1] + zones[2] + zones[3];
            out[0] = zones[1];
            out[1] = zones[2];
            out[2] = zones[3];
            out[3] = 0;
            out[4] = e * reactiveShare;
            out[5] = e * 0.012;
        }

        @Override
        void weights(Day day, int group, double[] out) {
            double[] hours = hours(day);
            for (int h = 0; h < 24; h++) {
                switch (group) {
                    case PEAK:
                        out[h] = tariffZone(h) == 1 ? hours[h] : 0;
                        break;
                    case NIGHT:
                        out[h] = tariffZone(h) == 2 ? hours[h] : 0;
                        break;
                    case HALF_PEAK:
                        out[h] = tariffZone(h) == 3 ? hours[h] : 0;
                        break;
                    case PROFILE:
                        out[h] = hours[h];
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
     * A boiler house's gas with a volume corrector: the gas burnt is the heat the boiler house puts
     * out divided by the boilers' efficiency and the gas's heating value, hour by hour. V_std is the
     * volume at standard conditions, V the working volume at the hour's gas temperature and absolute
     * pressure (V = V_std × P_std / P × T / T_std, compressibility taken as 1).
     */
    static final class Gas extends Meter {
        private static final int WORKING = 0;
        private static final int STANDARD = 1;

        private final BoilerHouse plant;
        private final double pressure;

        /** One gas input of a boiler house: an equal share of what it burns. */
        Gas(long seed, int pointId, BoilerHouse plant) {
            super(seed, pointId, plant.climate, layout());
            this.plant = plant;
            this.pressure = 1.2 + 0.1 * random(1);
            initialiseReadings();
        }

        private static Layout layout() {
            Layout l = new Layout();
            int v = l.channel(WORKING);
            int vStd = l.channel(STANDARD);
            return l.quantity(DataParameter.V, v).quantity(DataParameter.V_STD, vStd)
                    .intensive(DataParameter.T).intensive(DataParameter.P);
        }

        private static double gasTemperature(double outdoor) {
            return Math.max(1, 0.4 * outdoor + 8);
        }

        /** Per hour: [0] working volume, [1] standard volume, m3; [2] temperature, °C; [3] pressure, kgf/cm2. */
        private double[][] computeHours(Day day) {
            double[][] g = new double[4][24];
            CircuitDay network = plant.network(day);
            double heat = 0;
            double[] weights = new double[24];
            double totalWeight = 0;
            for (int h = 0; h < 24; h++) {
                heat += network.heatUsed(h);
                // burners lag and lead the load a little within the day
                weights[h] = network.heatUsed(h) * (1 + 0.01 * hourNoise(day, h, 72));
                totalWeight += weights[h];
            }
            double standard = heat / plant.efficiency(day) / GAS_HEAT_VALUE / plant.gasInputs;
            for (int h = 0; h < 24; h++) {
                long noise = hourHash(day, h, 73);
                double t = round2(gasTemperature(day.outdoor(h)) + 0.2 * Noise.part(noise, 0));
                double p = Math.rint((pressure + 0.005 * Noise.part(noise, 1)) * 1000) / 1000.0;
                double vStd = totalWeight > 0 ? standard * weights[h] / totalWeight : 0;
                g[0][h] = vStd * (STANDARD_PRESSURE / p) * ((t + 273.15) / STANDARD_KELVIN);
                g[1][h] = vStd;
                g[2][h] = t;
                g[3][h] = p;
            }
            return g;
        }

        private double[][] hours(Day day) {
            return day.derived(this::computeHours);
        }

        @Override
        void dayAmounts(Day day, double[] out) {
            double[][] g = hours(day);
            out[WORKING] = sum(g[0]);
            out[STANDARD] = sum(g[1]);
        }

        @Override
        void weights(Day day, int group, double[] out) {
            System.arraycopy(hours(day)[group == WORKING ? 0 : 1], 0, out, 0, 24);
        }

        @Override
        void intensive(Day day, int hour, double[] out) {
            double[][] g = hours(day);
            out[0] = g[2][hour];
            out[1] = g[3][hour];
        }
    }

    /**
     * A boiler house and the two-pipe network it feeds: heating for the buildings while the heating
     * season lasts and their hot water all year. It is no meter itself; its heat outputs, gas inputs,
     * make-up water and electricity are the meters that read it, each an equal share of what they
     * measure, so that the node's meters agree with each other:
     * <ul>
     * <li>heat put out = heating (design load × relative load of the hour's outdoor temperature) +
     * hot water (its mean load, shaped by the flats' day and the cold water's temperature);</li>
     * <li>network supply and return by {@link #networkSupply} and {@link #networkReturn}, the flow
     * what carries that heat: M_in = Q / (((T_in − T_cw) − (1 − leak)(T_out − T_cw)) c);</li>
     * <li>gas = heat put out / (efficiency × heating value), the efficiency 0.88–0.93 day by day;</li>
     * <li>make-up water = the network's loss, M_in − M_out;</li>
     * <li>electricity: controls, the day shift, pumps by the flow and burner fans by the heat.</li>
     * </ul>
     */
    static final class BoilerHouse {
        final long seed;
        final int nodeId;
        final Climate climate;
        /** Gcal/h of heating at the design outdoor temperature. */
        final double heatingLoad;
        /** Mean Gcal/h of hot water, with cold water at 9 °C. */
        final double hotWaterLoad;
        final double leak;
        final double meanEfficiency;
        final int outputs;
        final int gasInputs;
        final int makeUpInputs;
        private final double loadPerKelvin;
        private final long noiseKey;

        /**
         * @param outputs heat meters on the network, gasInputs gas meters, makeUpInputs make-up water
         *                meters; each meter measures an equal share (a count of 0 is taken as 1, unmetered)
         */
        BoilerHouse(long seed, int nodeId, Climate climate, double heatingLoad, int outputs, int gasInputs,
                    int makeUpInputs) {
            this.seed = seed;
            this.nodeId = nodeId;
            this.climate = climate;
            this.noiseKey = Noise.key(seed, -nodeId);
            this.loadPerKelvin = loadPerKelvin(climate);
            this.heatingLoad = heatingLoad;
            this.hotWaterLoad = heatingLoad * (0.10 + 0.05 * random(1));
            this.leak = 0.003 + 0.005 * random(2);
            this.meanEfficiency = 0.895 + 0.02 * random(3);
            this.outputs = Math.max(1, outputs);
            this.gasInputs = Math.max(1, gasInputs);
            this.makeUpInputs = Math.max(1, makeUpInputs);
        }

        // keyed by the negative node id, so a boiler house never shares noise with a measure point
        private double random(int key) {
            return Noise.unit(seed, -nodeId, key, 11);
        }

        private double dayNoise(Meter.Day day, int tag) {
            return Noise.signed(noiseKey, day.epochDay, tag);
        }

        /** The boilers' efficiency over the day: within 0.01 of the boiler house's mean. */
        double efficiency(Meter.Day day) {
            return meanEfficiency + 0.01 * dayNoise(day, 81);
        }

        /** The whole network over one day; callers keep it with their day. */
        CircuitDay network(Meter.Day day) {
            CircuitDay c = new CircuitDay(coldWaterTemperature(day));
            double[] profile = waterProfile(Usage.RESIDENTIAL, day.weekend);
            double hotWater = hotWaterLoad * 24 * weekFactor(Usage.RESIDENTIAL, day.weekend)
                    * (60 - c.coldWater) / (60 - 9) * (1 + 0.03 * dayNoise(day, 82)) / sum(profile);
            for (int h = 0; h < 24; h++) {
                long noise = Noise.hash(noiseKey, day.epochDay * 24 + h, 83);
                double x = day.heating ? heatingLoad(loadPerKelvin, day.outdoor(h)) : 0;
                double heat = (heatingLoad * x + hotWater * profile[h]) * (1 + 0.01 * Noise.part(noise, 0));
                c.tIn[h] = Meter.round2(networkSupply(x) + 0.3 * Noise.part(noise, 1));
                c.tOut[h] = Math.min(c.tIn[h] - 1, Meter.round2(networkReturn(x) + 0.3 * Noise.part(noise, 2)));
                double perTonne = ((c.tIn[h] - c.coldWater) - (1 - leak) * (c.tOut[h] - c.coldWater))
                        * GCAL_PER_TONNE_KELVIN;
                c.massIn[h] = heat / perTonne;
                c.massOut[h] = c.massIn[h] * (1 - leak);
            }
            return c;
        }

        /**
         * How hard the boiler house works in hour h, about 1 on a design day: controls and water
         * treatment all the time, the day shift's workshop, offices and lighting on working days,
         * network pumps by the flow and burner fans by the heat.
         */
        double operation(Meter.Day day, CircuitDay network, int h) {
            double designFlow = heatingLoad / ((DESIGN_SUPPLY - DESIGN_RETURN) * GCAL_PER_TONNE_KELVIN);
            return 0.08 + 0.1 * powerProfile(Usage.DAYTIME, day.weekend)[h] + 0.55 * network.massIn[h] / designFlow
                    + 0.25 * network.heatUsed(h) / heatingLoad;
        }
    }
}
