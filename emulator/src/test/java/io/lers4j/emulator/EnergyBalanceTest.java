package io.lers4j.emulator;

import io.lers4j.api.MeasurePointConsumptionApi;
import io.lers4j.api.MeasurePointTotalsApi;
import io.lers4j.api.WeatherApi;
import io.lers4j.invoker.ApiClient;
import io.lers4j.model.DataParameter;
import io.lers4j.model.DataParameterValue;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.GetMeasurePointConsumptionResponse;
import io.lers4j.model.MeasurePointDataConsumptionRecord;
import io.lers4j.model.MeasurePointDataTotalsRecord;
import io.lers4j.model.MeasurePointType;
import io.lers4j.model.NodeType;
import io.lers4j.model.SystemType;
import io.lers4j.model.TerritoryOutdoorTemperature;
import io.lers4j.types.LersDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole year (2025) of every kind of point: heat is mass times temperature difference, the
 * heating follows the weather, a boiler house burns gas by the heat it puts out, pumps and make-up
 * water follow its network, hot water peaks mornings and evenings, and hours, days, months and
 * totals agree.
 *
 * <p>Days, months, totals and the weather come through the HTTP API and the generated client. A
 * year of hours of 24 points is 200 MB of JSON, so the hours are read from the data functions the
 * emulator answers from, and {@link #servedHoursAreTheComputedOnes} shows that a week of them is
 * what the API sends.
 *
 * <p>24 points on 4 nodes: a boiler house with two gas inputs and two heat outputs (Moscow), two
 * apartment houses with flat meters (Yekaterinburg, Moscow) and a school (Khabarovsk).
 */
class EnergyBalanceTest {

    private static final Clock CLOCK = Clock.fixed(TestSupport.NOW, ZoneOffset.UTC);
    private static final int POINTS = 24;
    private static final int NODES = 4;
    private static final LocalDate FIRST = LocalDate.of(2025, 1, 1);
    private static final int DAYS = 365;
    /** Gcal per tonne and kelvin: c = 4.1868 kJ/(kg·K) = 1 kcal/(kg·K). */
    private static final double C = 0.001;
    /** Gcal per m3 of gas at standard conditions, the emulator's heating value. */
    private static final double GAS_HEAT_VALUE = 0.008;
    /** Quantities are counted in 1/10000 of their unit, so an hour's value is off by less than this. */
    private static final double UNIT = 1e-4;

    private static LersEmulator lers;
    private static ApiClient client;
    /** The emulator's data, built as the emulator builds it. */
    private static Catalog catalog;
    private static final Map<Integer, Year> YEARS = new LinkedHashMap<>();
    /** Per territory: the daily mean outdoor temperature the weather route reports, from the start of the data. */
    private static final Map<Integer, TreeMap<LocalDate, Double>> WEATHER = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        lers = LersEmulator.builder().clock(CLOCK).measurePoints(POINTS).nodes(NODES).start();
        client = TestSupport.demo(lers);
        catalog = new Catalog(lers.dataSet().seed(), POINTS, NODES, lers.dataSet().dataStart(),
                LocalDateTime.ofInstant(TestSupport.NOW, lers.dataSet().serverOffset()));
        for (DataSet.MeasurePointInfo p : lers.dataSet().measurePoints()) {
            GetMeasurePointConsumptionResponse c = new MeasurePointConsumptionApi(client)
                    .getConsumption(p.id(), LersDateTime.of(FIRST), LersDateTime.of(LocalDateTime.of(2025, 12, 31, 23, 0)))
                    .dataTypes(List.of(DeviceDataType.DAY, DeviceDataType.MONTH)).execute();
            YEARS.put(p.id(), new Year(p, hours(catalog.pointById.get(p.id())), c));
        }
        for (DataSet.TerritoryInfo t : lers.dataSet().territories()) {
            TreeMap<LocalDate, Double> days = new TreeMap<>();
            for (TerritoryOutdoorTemperature w : new WeatherApi(client).get(t.id()).execute()) {
                days.put(w.getDate().toLocalDate(), (double) w.getValue());
            }
            WEATHER.put(t.id(), days);
        }
    }

    /** The 8760 hours of 2025 of a point: one series per parameter, as the hour archive holds them. */
    private static Map<DataParameter, double[]> hours(Catalog.PointEntry p) {
        Map<DataParameter, double[]> out = new LinkedHashMap<>();
        for (DataParameter parameter : p.meter.parameters) {
            out.put(parameter, new double[DAYS * 24]);
        }
        PointData.DayView day = p.data.day(FIRST.toEpochDay());
        for (int d = 0; d < DAYS; d++, day = day.next()) {
            for (int i = 0; i < p.meter.parameters.length; i++) {
                double[] series = out.get(p.meter.parameters[i]);
                for (int h = 0; h < 24; h++) {
                    series[d * 24 + h] = day.hourValue(i, h);
                }
            }
        }
        return out;
    }

    @AfterAll
    static void stop() {
        lers.close();
    }

    // ------------------------------------------------------------------ the year of one point

    /** One point's 2025 as value series by parameter: 8760 hours, 365 days, 12 months. */
    private static final class Year {
        final DataSet.MeasurePointInfo point;
        final Map<DataParameter, double[]> hours;
        final Map<DataParameter, double[]> days;
        final Map<DataParameter, double[]> months;

        Year(DataSet.MeasurePointInfo point, Map<DataParameter, double[]> hours, GetMeasurePointConsumptionResponse c) {
            this.point = point;
            assertEquals(DAYS, c.getDayConsumption().size(), "days of " + point.id());
            assertEquals(12, c.getMonthConsumption().size(), "months of " + point.id());
            this.hours = hours;
            this.days = series(point, c.getDayConsumption());
            this.months = series(point, c.getMonthConsumption());
        }

        private static Map<DataParameter, double[]> series(DataSet.MeasurePointInfo point,
                                                           List<MeasurePointDataConsumptionRecord> records) {
            Map<DataParameter, double[]> out = new LinkedHashMap<>();
            for (DataParameter p : point.parameters()) {
                out.put(p, new double[records.size()]);
            }
            for (int i = 0; i < records.size(); i++) {
                for (DataParameterValue v : records.get(i).getValues()) {
                    out.get(v.getDataParameter())[i] = v.getValue();
                }
            }
            return out;
        }

        double hour(DataParameter p, int day, int hour) {
            return hours.get(p)[day * 24 + hour];
        }

        double day(DataParameter p, int day) {
            return days.get(p)[day];
        }

        int territory() {
            return lers.dataSet().node(point.nodeId()).territoryId();
        }

        boolean inBoilerHouse() {
            return lers.dataSet().node(point.nodeId()).type().equals(NodeType.POWER_SOURCE);
        }
    }

    private static List<Year> years(SystemType system) {
        return YEARS.values().stream().filter(y -> y.point.systemType().equals(system)).collect(Collectors.toList());
    }

    private static List<Year> buildingHeat() {
        return years(SystemType.HEAT).stream().filter(y -> !y.inBoilerHouse()).collect(Collectors.toList());
    }

    private static List<Year> boilerHouse(SystemType system) {
        return years(system).stream().filter(Year::inBoilerHouse).collect(Collectors.toList());
    }

    private static boolean averaged(DataParameter p) {
        return p.getValue().startsWith("T") || p.getValue().startsWith("P");
    }

    private static double outdoor(Year y, int day) {
        return WEATHER.get(y.territory()).get(FIRST.plusDays(day));
    }

    // ------------------------------------------------------------------ the tests

    @Test
    void theDataSetHasEveryKindOfPoint() {
        assertEquals(2, boilerHouse(SystemType.GAS).size());
        assertEquals(2, boilerHouse(SystemType.HEAT).size());
        assertEquals(1, boilerHouse(SystemType.ELECTRICITY).size());
        assertEquals(1, boilerHouse(SystemType.COLD_WATER).size());
        assertEquals(4, buildingHeat().size());
        assertEquals(3, years(SystemType.HOT_WATER).stream().filter(y -> y.point.type().equals(MeasurePointType.REGULAR)).count());
        assertEquals(2, years(SystemType.HOT_WATER).stream().filter(y -> y.point.type().equals(MeasurePointType.COMMUNAL)).count());
        assertEquals(2, years(SystemType.COLD_WATER).stream().filter(y -> y.point.type().equals(MeasurePointType.COMMUNAL)).count());
        assertEquals(4, years(SystemType.ELECTRICITY).size());
    }

    @Test
    void servedHoursAreTheComputedOnes() {
        for (Year y : YEARS.values()) {
            List<MeasurePointDataConsumptionRecord> july = new MeasurePointConsumptionApi(client)
                    .getConsumption(y.point.id(), LersDateTime.of(LocalDate.of(2025, 7, 1)),
                            LersDateTime.of(LocalDateTime.of(2025, 7, 7, 23, 0)))
                    .dataTypes(List.of(DeviceDataType.HOUR)).execute().getHourConsumption();
            assertEquals(7 * 24, july.size());
            int first = 181 * 24;
            for (int i = 0; i < july.size(); i++) {
                assertEquals(LocalDateTime.of(2025, 7, 1, 0, 0).plusHours(i), july.get(i).getDateTime().toLocalDateTime());
                for (DataParameterValue v : july.get(i).getValues()) {
                    assertEquals(y.hours.get(v.getDataParameter())[first + i], v.getValue(), 0,
                            y.point.id() + " " + v.getDataParameter() + " at " + july.get(i).getDateTime());
                }
            }
        }
    }

    @Test
    void hoursSumToDaysAndDaysToMonths() {
        for (Year y : YEARS.values()) {
            for (DataParameter p : y.point.parameters()) {
                for (int d = 0; d < DAYS; d++) {
                    double sum = 0;
                    for (int h = 0; h < 24; h++) {
                        sum += y.hour(p, d, h);
                    }
                    double expected = averaged(p) ? sum / 24 : sum;
                    assertEquals(expected, y.day(p, d), 1e-9 * Math.max(1, Math.abs(expected)),
                            y.point.id() + " " + p + " on " + FIRST.plusDays(d));
                }
                int d = 0;
                for (int m = 0; m < 12; m++) {
                    int length = YearMonth.of(2025, m + 1).lengthOfMonth();
                    double sum = 0;
                    for (int i = 0; i < length; i++) {
                        sum += y.day(p, d++);
                    }
                    double expected = averaged(p) ? sum / length : sum;
                    assertEquals(expected, y.months.get(p)[m], 1e-9 * Math.max(1, Math.abs(expected)),
                            y.point.id() + " " + p + " in month " + (m + 1));
                }
            }
        }
    }

    @Test
    void totalsAreTheIntegralOfConsumption() {
        MeasurePointTotalsApi totals = new MeasurePointTotalsApi(client);
        for (Year y : YEARS.values()) {
            List<Map<DataParameter, Double>> monthStarts = new ArrayList<>();
            for (int m = 0; m <= 12; m++) {
                LersDateTime t = LersDateTime.of(FIRST.plusMonths(m));
                monthStarts.add(readings(totals.getTotals(y.point.id(), t, t).execute().getTotals().get(0)));
            }
            assertFalse(monthStarts.get(0).isEmpty());
            for (int m = 0; m < 12; m++) {
                for (Map.Entry<DataParameter, Double> e : monthStarts.get(m).entrySet()) {
                    double advance = monthStarts.get(m + 1).get(e.getKey()) - e.getValue();
                    assertEquals(y.months.get(e.getKey())[m], advance, 1e-6, y.point.id() + " " + e.getKey() + " in month " + (m + 1));
                }
            }
            // and hour by hour through a summer day
            int day = 195;
            List<MeasurePointDataTotalsRecord> hourly = totals.getTotals(y.point.id(),
                    LersDateTime.of(FIRST.plusDays(day)), LersDateTime.of(FIRST.plusDays(day + 1))).execute().getTotals();
            assertEquals(25, hourly.size());
            for (int h = 0; h < 24; h++) {
                Map<DataParameter, Double> a = readings(hourly.get(h));
                Map<DataParameter, Double> b = readings(hourly.get(h + 1));
                for (DataParameter p : a.keySet()) {
                    assertEquals(y.hour(p, day, h), b.get(p) - a.get(p), 1e-6, y.point.id() + " " + p + " at " + h);
                }
            }
        }
    }

    private static Map<DataParameter, Double> readings(MeasurePointDataTotalsRecord r) {
        Map<DataParameter, Double> out = new LinkedHashMap<>();
        r.getValues().forEach(v -> out.put(v.getDataParameter(), v.getValue()));
        return out;
    }

    /**
     * Q_in = M_in (T_in − T_cw) c and Q_out = M_out (T_out − T_cw) c hour by hour, Q_delta = Q_in − Q_out,
     * V = M / ρ(T), for every heat and hot-water point, with one cold-water temperature T_cw a day.
     * T_cw is not reported by these points: it is solved from the day's sums and must agree with what
     * the territory's cold-water meters read. Tolerance: an hour's Q and M are each off by less than
     * 1e-4 of their unit, so |Q − M ΔT c| < 2e-4 Gcal plus the M error times ΔT c; 3e-4 Gcal is allowed.
     */
    @Test
    void heatIsMassTimesTheTemperatureRiseOverColdWater() {
        List<Year> circuits = new ArrayList<>(years(SystemType.HEAT));
        circuits.addAll(years(SystemType.HOT_WATER).stream().filter(y -> y.point.type().equals(MeasurePointType.REGULAR))
                .collect(Collectors.toList()));
        int checkedDays = 0;
        for (Year y : circuits) {
            for (int d = 0; d < DAYS; d++) {
                String at = y.point.id() + " on " + FIRST.plusDays(d);
                double mass = 0;
                double massTimesT = 0;
                double heatIn = 0;
                double bound = 2 * UNIT / C;
                for (int h = 0; h < 24; h++) {
                    double mIn = y.hour(DataParameter.M_IN, d, h);
                    double tIn = y.hour(DataParameter.T_IN, d, h);
                    mass += mIn;
                    massTimesT += mIn * tIn;
                    heatIn += y.hour(DataParameter.Q_IN, d, h);
                    bound += UNIT * tIn;
                    assertEquals(y.hour(DataParameter.Q_IN, d, h) - y.hour(DataParameter.Q_OUT, d, h),
                            y.hour(DataParameter.Q_DELTA, d, h), 1e-9, at + " Q_delta at " + h);
                    assertTrue(tIn >= y.hour(DataParameter.T_OUT, d, h), at + " supply colder than return at " + h);
                }
                if (mass == 0) {
                    // a standing circuit carries no heat
                    for (DataParameter p : List.of(DataParameter.Q_IN, DataParameter.Q_OUT, DataParameter.Q_DELTA,
                            DataParameter.M_OUT, DataParameter.V_IN, DataParameter.V_OUT)) {
                        assertEquals(0, y.day(p, d), 0, at + " " + p);
                    }
                    continue;
                }
                double coldWater = (massTimesT - heatIn / C) / mass;
                assertTrue(coldWater > 3 && coldWater < 15, at + " cold water at " + coldWater);
                double measured = coldWaterMeterMean(y.territory(), d);
                assertEquals(measured, coldWater, 0.2 + bound / mass, at + ": the reference the cold-water meters read");
                for (int h = 0; h < 24; h++) {
                    double mIn = y.hour(DataParameter.M_IN, d, h);
                    double mOut = y.hour(DataParameter.M_OUT, d, h);
                    double tIn = y.hour(DataParameter.T_IN, d, h);
                    double tOut = y.hour(DataParameter.T_OUT, d, h);
                    assertEquals(mIn * (tIn - coldWater) * C, y.hour(DataParameter.Q_IN, d, h), 3 * UNIT, at + " Q_in at " + h);
                    assertEquals(mOut * (tOut - coldWater) * C, y.hour(DataParameter.Q_OUT, d, h), 3 * UNIT, at + " Q_out at " + h);
                    assertEquals(mIn, y.hour(DataParameter.V_IN, d, h) * Meter.waterDensity(tIn) / 1000, 2 * UNIT, at + " V_in at " + h);
                    assertEquals(mOut, y.hour(DataParameter.V_OUT, d, h) * Meter.waterDensity(tOut) / 1000, 2 * UNIT, at + " V_out at " + h);
                    assertTrue(mOut <= mIn || !y.point.systemType().equals(SystemType.HEAT), at + " return exceeds supply at " + h);
                }
                checkedDays++;
            }
        }
        assertTrue(checkedDays > 2000, "days with flow: " + checkedDays);
    }

    /** The daily mean T_cw of the territory's building-level cold-water meters. */
    private static double coldWaterMeterMean(int territory, int day) {
        double sum = 0;
        int n = 0;
        for (Year c : years(SystemType.COLD_WATER)) {
            if (c.territory() == territory && c.point.type().equals(MeasurePointType.REGULAR)) {
                sum += c.day(DataParameter.T_CW, day);
                n++;
            }
        }
        assertTrue(n > 0, "a cold-water meter in territory " + territory);
        return sum / n;
    }

    /**
     * The heating runs from the day after five days in a row with a reported daily mean below +8 °C
     * to the day after five days in a row above +8 °C, as the weather route reports them: a client
     * can tell the season from the weather alone. Off all summer, on all winter.
     */
    @Test
    void heatingRunsByTheFiveDayRuleOfTheWeather() {
        for (DataSet.TerritoryInfo t : lers.dataSet().territories()) {
            Map<LocalDate, Boolean> season = heatingSeason(WEATHER.get(t.id()));
            for (int d = 0; d < DAYS; d++) {
                LocalDate date = FIRST.plusDays(d);
                int month = date.getMonthValue();
                if (month == 7 || month == 8) {
                    assertFalse(season.get(date), t.name() + " heats on " + date);
                }
                if (month == 1 || month == 2 || month == 12) {
                    assertTrue(season.get(date), t.name() + " does not heat on " + date);
                }
            }
            for (Year y : buildingHeat()) {
                if (y.territory() != t.id()) {
                    continue;
                }
                for (int d = 0; d < DAYS; d++) {
                    LocalDate date = FIRST.plusDays(d);
                    assertEquals(season.get(date), y.day(DataParameter.M_IN, d) > 0, y.point.id() + " flow on " + date);
                    assertEquals(season.get(date), y.day(DataParameter.Q_DELTA, d) > 0, y.point.id() + " heat on " + date);
                }
            }
        }
    }

    /** Whether each day heats by the five-day rule, replayed over every day the weather route has. */
    private static Map<LocalDate, Boolean> heatingSeason(TreeMap<LocalDate, Double> weather) {
        Map<LocalDate, Boolean> out = new LinkedHashMap<>();
        boolean on = true; // the data starts on January 1st
        int below = 0;
        int above = 0;
        for (Map.Entry<LocalDate, Double> e : weather.entrySet()) {
            out.put(e.getKey(), on);
            below = e.getValue() < 8 ? below + 1 : 0;
            above = e.getValue() > 8 ? above + 1 : 0;
            if (below >= 5) {
                on = true;
            } else if (above >= 5) {
                on = false;
            }
        }
        return out;
    }

    /**
     * Supply and return temperatures fall as it gets warmer: in buildings by the 95/70 curve (strong
     * negative correlation of the daily means with the outdoor temperature), at the boiler house by
     * the curve above its 70 °C floor (daily means, binned by outdoor temperature, never rise); both
     * over the heating days.
     */
    @Test
    void supplyAndReturnFollowTheOutdoorTemperature() {
        for (Year y : years(SystemType.HEAT)) {
            List<double[]> days = new ArrayList<>();
            for (int d = 0; d < DAYS; d++) {
                if (y.day(DataParameter.M_IN, d) > 0 && (!y.inBoilerHouse() || heatsOn(y, d))) {
                    days.add(new double[]{outdoor(y, d), y.day(DataParameter.T_IN, d), y.day(DataParameter.T_OUT, d)});
                }
            }
            assertTrue(days.size() > 150, y.point.id() + " heating days " + days.size());
            double supply = correlation(days, 1);
            double back = correlation(days, 2);
            if (y.inBoilerHouse()) {
                assertTrue(supply < -0.5 && back < -0.8, y.point.id() + " correlations " + supply + ", " + back);
            } else {
                assertTrue(supply < -0.95 && back < -0.9, y.point.id() + " correlations " + supply + ", " + back);
            }
            assertNeverRisesAsItWarms(y, days, 1);
            assertNeverRisesAsItWarms(y, days, 2);
        }
    }

    private static boolean heatsOn(Year y, int d) {
        return heatingSeason(WEATHER.get(y.territory())).get(FIRST.plusDays(d));
    }

    /** Means over 4 K bins of outdoor temperature, each no warmer than the colder bin before it (0.5 K noise allowed). */
    private static void assertNeverRisesAsItWarms(Year y, List<double[]> days, int column) {
        TreeMap<Long, double[]> bins = new TreeMap<>();
        for (double[] d : days) {
            double[] b = bins.computeIfAbsent(Math.round(Math.floor(d[0] / 4)), k -> new double[2]);
            b[0] += d[column];
            b[1]++;
        }
        double previous = Double.MAX_VALUE;
        for (Map.Entry<Long, double[]> b : bins.entrySet()) {
            if (b.getValue()[1] < 3) {
                continue;
            }
            double mean = b.getValue()[0] / b.getValue()[1];
            assertTrue(mean <= previous + 0.5, y.point.id() + " column " + column + " rises to " + mean
                    + " at " + 4 * b.getKey() + " °C from " + previous);
            previous = mean;
        }
    }

    private static double correlation(List<double[]> rows, int column) {
        double n = rows.size();
        double mx = rows.stream().mapToDouble(r -> r[0]).sum() / n;
        double my = rows.stream().mapToDouble(r -> r[column]).sum() / n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (double[] r : rows) {
            sxy += (r[0] - mx) * (r[column] - my);
            sxx += (r[0] - mx) * (r[0] - mx);
            syy += (r[column] - my) * (r[column] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /**
     * The boiler house's efficiency, heat put out (Q_delta of its outputs) over the gas's heat
     * (V_std of its inputs × 8 000 kcal/m3), stays within 85–95 % every day and every month, summer
     * (hot water only) included; and the gas follows the heat.
     */
    @Test
    void aBoilerHouseBurnsGasByTheHeatItPutsOut() {
        List<Year> outputs = boilerHouse(SystemType.HEAT);
        List<Year> gas = boilerHouse(SystemType.GAS);
        double lowest = 1;
        double highest = 0;
        List<double[]> daily = new ArrayList<>();
        for (int d = 0; d < DAYS; d++) {
            double heat = 0;
            double burnt = 0;
            for (Year y : outputs) {
                heat += y.day(DataParameter.Q_DELTA, d);
            }
            for (Year y : gas) {
                burnt += y.day(DataParameter.V_STD, d);
            }
            double efficiency = heat / (burnt * GAS_HEAT_VALUE);
            assertTrue(efficiency >= 0.85 && efficiency <= 0.95, "efficiency " + efficiency + " on " + FIRST.plusDays(d));
            lowest = Math.min(lowest, efficiency);
            highest = Math.max(highest, efficiency);
            daily.add(new double[]{heat, burnt});
        }
        for (int m = 0; m < 12; m++) {
            double heat = 0;
            double burnt = 0;
            for (Year y : outputs) {
                heat += y.months.get(DataParameter.Q_DELTA)[m];
            }
            for (Year y : gas) {
                burnt += y.months.get(DataParameter.V_STD)[m];
            }
            double efficiency = heat / (burnt * GAS_HEAT_VALUE);
            assertTrue(efficiency >= 0.85 && efficiency <= 0.95, "efficiency " + efficiency + " in month " + (m + 1));
        }
        assertTrue(correlation(daily, 1) > 0.99, "gas follows heat: " + correlation(daily, 1));
        assertTrue(highest - lowest > 0.005, "the efficiency varies a little: " + lowest + ".." + highest);
        double january = 0;
        double july = 0;
        for (int d = 0; d < 31; d++) {
            january += daily.get(d)[1];
            july += daily.get(181 + d)[1];
        }
        assertTrue(january > 3 * july, "January's gas " + january + " against July's " + july);
    }

    /**
     * Volumes agree with their temperature and pressure hour by hour: gas at working conditions is
     * the standard volume at the hour's temperature and absolute pressure, V = V_std × (1.0332 / P)
     * × (T + 273.15) / 293.15 (compressibility 1); cold water's mass is its volume times the density
     * at T_cw.
     */
    @Test
    void volumesFollowTheirTemperatureAndPressure() {
        for (Year y : years(SystemType.GAS)) {
            for (int i = 0; i < DAYS * 24; i++) {
                double vStd = y.hours.get(DataParameter.V_STD)[i];
                double expected = vStd * (1.0332 / y.hours.get(DataParameter.P)[i])
                        * (y.hours.get(DataParameter.T)[i] + 273.15) / 293.15;
                assertEquals(expected, y.hours.get(DataParameter.V)[i], 2 * UNIT, y.point.id() + " hour " + i);
            }
        }
        for (Year y : years(SystemType.COLD_WATER)) {
            if (!y.point.type().equals(MeasurePointType.REGULAR)) {
                continue;
            }
            for (int i = 0; i < DAYS * 24; i++) {
                double expected = y.hours.get(DataParameter.V_IN)[i] * Meter.waterDensity(y.hours.get(DataParameter.T_CW)[i]) / 1000;
                assertEquals(expected, y.hours.get(DataParameter.M_IN)[i], 2 * UNIT, y.point.id() + " hour " + i);
            }
        }
    }

    /**
     * The boiler house's make-up water is what its network loses (M_in − M_out of the outputs) hour
     * by hour, and its electricity follows the network's flow: more while the heating runs.
     */
    @Test
    void aBoilerHouseMakesUpWhatItsNetworkLosesAndItsPumpsFollowTheFlow() {
        List<Year> outputs = boilerHouse(SystemType.HEAT);
        List<Year> makeUp = boilerHouse(SystemType.COLD_WATER);
        List<Year> power = boilerHouse(SystemType.ELECTRICITY);
        double tolerance = (2 * outputs.size() + makeUp.size()) * UNIT;
        List<double[]> daily = new ArrayList<>();
        double heatingDays = 0;
        double heatingEnergy = 0;
        double summerDays = 0;
        double summerEnergy = 0;
        for (int d = 0; d < DAYS; d++) {
            for (int h = 0; h < 24; h++) {
                double lost = 0;
                for (Year y : outputs) {
                    lost += y.hour(DataParameter.M_IN, d, h) - y.hour(DataParameter.M_OUT, d, h);
                }
                double madeUp = 0;
                for (Year y : makeUp) {
                    madeUp += y.hour(DataParameter.M_IN, d, h);
                }
                assertEquals(lost, madeUp, tolerance, "make-up on " + FIRST.plusDays(d) + " at " + h);
            }
            double flow = 0;
            for (Year y : outputs) {
                flow += y.day(DataParameter.M_IN, d);
            }
            double energy = 0;
            for (Year y : power) {
                energy += y.day(DataParameter.AP, d);
            }
            daily.add(new double[]{flow, energy});
            if (heatsOn(outputs.get(0), d)) {
                heatingDays++;
                heatingEnergy += energy;
            } else {
                summerDays++;
                summerEnergy += energy;
            }
        }
        assertTrue(correlation(daily, 1) > 0.9, "electricity follows the flow: " + correlation(daily, 1));
        assertTrue(heatingEnergy / heatingDays > 2 * summerEnergy / summerDays,
                "a heating day " + heatingEnergy / heatingDays + " kWh, a summer day " + summerEnergy / summerDays);
    }

    /**
     * Hot water runs all year, and in flats its draw peaks in the morning (07:00) and the evening
     * (20:00), well above the night (03:00) and the day's mean, in winter and summer alike. The draw
     * of a building's meter is what the supply brings and the circulation does not take back.
     */
    @Test
    void hotWaterPeaksInTheMorningAndTheEveningAllYear() {
        int checked = 0;
        for (Year y : years(SystemType.HOT_WATER)) {
            boolean building = y.point.type().equals(MeasurePointType.REGULAR);
            for (int d = 0; d < DAYS; d++) {
                double drawn = building ? y.day(DataParameter.V_IN, d) - y.day(DataParameter.V_OUT, d)
                        : y.day(DataParameter.V_IN, d);
                assertTrue(drawn > 0, y.point.id() + " draws nothing on " + FIRST.plusDays(d));
                if (building) {
                    assertTrue(y.day(DataParameter.Q_DELTA, d) > 0, y.point.id() + " no heat on " + FIRST.plusDays(d));
                }
            }
            if (!lers.dataSet().node(y.point.nodeId()).type().equals(NodeType.HOUSE)) {
                continue; // a school draws by day
            }
            for (int month : new int[]{1, 7}) {
                double[] byHour = new double[24];
                int days = 0;
                for (int d = 0; d < DAYS; d++) {
                    LocalDate date = FIRST.plusDays(d);
                    if (date.getMonthValue() != month || date.getDayOfWeek() == DayOfWeek.SATURDAY
                            || date.getDayOfWeek() == DayOfWeek.SUNDAY) {
                        continue;
                    }
                    days++;
                    for (int h = 0; h < 24; h++) {
                        byHour[h] += building ? y.hour(DataParameter.V_IN, d, h) - y.hour(DataParameter.V_OUT, d, h)
                                : y.hour(DataParameter.V_IN, d, h);
                    }
                }
                double mean = java.util.Arrays.stream(byHour).sum() / 24;
                String what = y.point.id() + " in month " + month + " over " + days + " working days";
                assertTrue(byHour[7] > 1.5 * mean && byHour[7] > 4 * byHour[3], what + ": morning " + byHour[7]
                        + ", night " + byHour[3] + ", mean " + mean);
                assertTrue(byHour[20] > 1.5 * mean && byHour[20] > 4 * byHour[3], what + ": evening " + byHour[20]
                        + ", night " + byHour[3] + ", mean " + mean);
                checked++;
            }
        }
        assertEquals(8, checked, "house hot-water points times two months");
    }
}
