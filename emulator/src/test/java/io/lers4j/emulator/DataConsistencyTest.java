package io.lers4j.emulator;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.lers4j.api.MeasurePointConsumptionApi;
import io.lers4j.api.MeasurePointLastDataApi;
import io.lers4j.api.MeasurePointTotalsApi;
import io.lers4j.invoker.ApiClient;
import io.lers4j.model.DataParameter;
import io.lers4j.model.DataParameterCategory;
import io.lers4j.model.DataParameterValue;
import io.lers4j.model.DataParametersUnitPair;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.ElectricDataKind;
import io.lers4j.model.GetMeasurePointConsumptionResponse;
import io.lers4j.model.MeasurePointDataConsumptionRecord;
import io.lers4j.model.MeasurePointDataTotalsRecord;
import io.lers4j.model.MeasurePointType;
import io.lers4j.model.NodeType;
import io.lers4j.model.SystemType;
import io.lers4j.model.TotalsRecordAttributes;
import io.lers4j.model.Unit;
import io.lers4j.types.LersDateTime;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The computed archives agree with themselves, follow the seasons and the day, and never reach the future. */
class DataConsistencyTest {

    private static final Clock CLOCK = Clock.fixed(TestSupport.NOW, ZoneOffset.UTC);
    private static LersEmulator lers;
    private static ApiClient client;
    private static String token;

    @BeforeAll
    static void start() {
        lers = LersEmulator.builder().clock(CLOCK).start();
        token = TestSupport.token(lers, "demo", "demo");
        client = TestSupport.anonymous(lers);
        client.addDefaultHeader("Authorization", "Bearer " + token);
    }

    @AfterAll
    static void stop() {
        lers.close();
    }

    private static GetMeasurePointConsumptionResponse consumption(int point, LocalDateTime from, LocalDateTime to,
                                                                  DeviceDataType... types) {
        return new MeasurePointConsumptionApi(client).getConsumption(point, LersDateTime.of(from), LersDateTime.of(to))
                .dataTypes(List.of(types)).execute();
    }

    private static double value(MeasurePointDataConsumptionRecord r, DataParameter p) {
        return valueOf(r.getValues(), p);
    }

    private static double valueOf(List<DataParameterValue> values, DataParameter p) {
        for (DataParameterValue v : values) {
            if (v.getDataParameter().equals(p)) {
                return v.getValue();
            }
        }
        throw new AssertionError("no " + p + " in " + values);
    }

    private static double sum(List<MeasurePointDataConsumptionRecord> records, DataParameter p) {
        double s = 0;
        for (MeasurePointDataConsumptionRecord r : records) {
            s += value(r, p);
        }
        return s;
    }

    private static String raw(String path) throws Exception {
        try (Response r = TestSupport.send(new Request.Builder().url(lers.baseUrl() + path)
                .header("Authorization", "Bearer " + token).build())) {
            assertEquals(200, r.code(), path);
            return r.body().string();
        }
    }

    @Test
    void aDayIsTheSumOfItsHoursAndTheMeanOfItsTemperatures() {
        for (SystemType system : List.of(SystemType.HEAT, SystemType.HOT_WATER, SystemType.COLD_WATER,
                SystemType.ELECTRICITY, SystemType.GAS)) {
            DataSet.MeasurePointInfo point = lers.dataSet().firstMeasurePoint(system);
            GetMeasurePointConsumptionResponse c = consumption(point.id(), LocalDateTime.of(2026, 2, 27, 0, 0),
                    LocalDateTime.of(2026, 3, 1, 23, 0), DeviceDataType.HOUR, DeviceDataType.DAY);
            assertEquals(3 * 24, c.getHourConsumption().size());
            assertEquals(3, c.getDayConsumption().size());
            for (int d = 0; d < 3; d++) {
                List<MeasurePointDataConsumptionRecord> hours = c.getHourConsumption().subList(d * 24, d * 24 + 24);
                MeasurePointDataConsumptionRecord day = c.getDayConsumption().get(d);
                assertEquals(hours.get(0).getDateTime().toLocalDateTime(), day.getDateTime().toLocalDateTime());
                for (DataParameter p : point.parameters()) {
                    Unit unit = unitOf(c.getDataParametersUnit(), p);
                    double expected = unit.equals(Unit.CELSIUS_DEGREE) || unit.equals(Unit.TECHNICAL_AT)
                            ? sum(hours, p) / 24 : sum(hours, p);
                    assertEquals(expected, value(day, p), 1e-6, system + " " + p + " on day " + d);
                }
            }
        }
    }

    private static Unit unitOf(List<DataParametersUnitPair> units, DataParameter p) {
        DataParameterCategory category = Catalog.categoryOf(p);
        return units.stream().filter(u -> u.getDataParameterCategory().equals(category)).findFirst().orElseThrow().getUnit();
    }

    @Test
    void aMonthIsTheSumOfItsDays() {
        int point = lers.dataSet().firstMeasurePoint(SystemType.HEAT).id();
        GetMeasurePointConsumptionResponse c = consumption(point, LocalDateTime.of(2026, 2, 1, 0, 0),
                LocalDateTime.of(2026, 2, 28, 0, 0), DeviceDataType.DAY, DeviceDataType.MONTH);
        assertEquals(28, c.getDayConsumption().size());
        assertEquals(1, c.getMonthConsumption().size());
        MeasurePointDataConsumptionRecord month = c.getMonthConsumption().get(0);
        assertEquals(sum(c.getDayConsumption(), DataParameter.Q_DELTA), value(month, DataParameter.Q_DELTA), 1e-6);
        assertEquals(sum(c.getDayConsumption(), DataParameter.T_IN) / 28, value(month, DataParameter.T_IN), 1e-6);
        assertEquals(28 * 24, value(month, DataParameter.NORMAL_OPERATION_DURATION), 1e-9);
    }

    @Test
    void totalsAdvanceByExactlyTheConsumptionBetween() {
        LocalDateTime t1 = LocalDateTime.of(2026, 3, 1, 0, 0);
        LocalDateTime t2 = LocalDateTime.of(2026, 3, 8, 5, 0);
        for (SystemType system : List.of(SystemType.HEAT, SystemType.ELECTRICITY, SystemType.GAS, SystemType.HOT_WATER)) {
            int point = lers.dataSet().firstMeasurePoint(system).id();
            MeasurePointTotalsApi totals = new MeasurePointTotalsApi(client);
            MeasurePointDataTotalsRecord first = totals.getTotals(point, LersDateTime.of(t1), LersDateTime.of(t1)).execute()
                    .getTotals().get(0);
            MeasurePointDataTotalsRecord second = totals.getTotals(point, LersDateTime.of(t2), LersDateTime.of(t2)).execute()
                    .getTotals().get(0);
            assertTrue(first.getAttributes().contains(TotalsRecordAttributes.DAY_TOTALS));
            assertTrue(first.getAttributes().contains(TotalsRecordAttributes.MONTH_TOTALS));
            List<MeasurePointDataConsumptionRecord> hours = consumption(point, t1, t2.minusHours(1), DeviceDataType.HOUR)
                    .getHourConsumption();
            assertEquals(7 * 24 + 5, hours.size());
            assertFalse(first.getValues().isEmpty());
            for (DataParameterValue v : first.getValues()) {
                DataParameter p = v.getDataParameter();
                assertEquals(sum(hours, p), valueOf(second.getValues(), p) - v.getValue(), 1e-6, system + " " + p);
            }
        }
    }

    @Test
    void activeEnergyIsTheSumOfItsTariffZones() {
        int point = lers.dataSet().firstMeasurePoint(SystemType.ELECTRICITY).id();
        for (MeasurePointDataConsumptionRecord h : consumption(point, LocalDateTime.of(2026, 3, 9, 0, 0),
                LocalDateTime.of(2026, 3, 9, 23, 0), DeviceDataType.HOUR).getHourConsumption()) {
            double ap1 = value(h, DataParameter.AP1);
            double ap2 = value(h, DataParameter.AP2);
            double ap3 = value(h, DataParameter.AP3);
            assertEquals(value(h, DataParameter.AP), ap1 + ap2 + ap3, 1e-9);
            int hour = h.getDateTime().toLocalDateTime().getHour();
            assertEquals(hour >= 23 || hour < 7, ap2 > 0, "night zone at " + hour);
            assertEquals((hour >= 7 && hour < 10) || (hour >= 17 && hour < 21), ap1 > 0, "peak zone at " + hour);
        }
    }

    @Test
    void nothingIsInTheFuture() {
        assertEquals(LocalDateTime.of(2026, 3, 15, 12, 0), lers.lastCompletedHour());
        int point = lers.dataSet().firstMeasurePoint(SystemType.COLD_WATER).id();
        GetMeasurePointConsumptionResponse c = consumption(point, LocalDateTime.of(2026, 1, 1, 0, 0),
                LocalDateTime.of(2026, 12, 31, 23, 0), DeviceDataType.HOUR, DeviceDataType.DAY, DeviceDataType.MONTH);
        List<MeasurePointDataConsumptionRecord> hours = c.getHourConsumption();
        MeasurePointDataConsumptionRecord lastHour = hours.get(hours.size() - 1);
        assertEquals(lers.lastCompletedHour(), lastHour.getDateTime().toLocalDateTime());
        assertFalse(lastHour.getDateTime().hasOffset(), "archive times are server local, without offset");
        List<MeasurePointDataConsumptionRecord> days = c.getDayConsumption();
        assertEquals(LocalDate.of(2026, 3, 14), days.get(days.size() - 1).getDateTime().toLocalDate());
        List<MeasurePointDataConsumptionRecord> months = c.getMonthConsumption();
        assertEquals(LocalDate.of(2026, 2, 1), months.get(months.size() - 1).getDateTime().toLocalDate());
        List<MeasurePointDataTotalsRecord> totals = new MeasurePointTotalsApi(client).getTotals(point,
                LersDateTime.of(LocalDate.of(2026, 3, 15)), LersDateTime.of(LocalDate.of(2026, 4, 1))).execute().getTotals();
        assertEquals(LocalDateTime.of(2026, 3, 15, 13, 0), totals.get(totals.size() - 1).getDateTime().toLocalDateTime());
        assertEquals(lers.lastCompletedHour(), new MeasurePointLastDataApi(client).getMeasurePointLastConsumption(point)
                .execute().getDateTime().toLocalDateTime());
        assertEquals(LocalDateTime.of(2026, 3, 15, 13, 0), new MeasurePointLastDataApi(client)
                .getMeasurePointLastTotals(point).execute().getDateTime().toLocalDateTime());
        assertTrue(consumption(point, LocalDateTime.of(2026, 3, 16, 0, 0), LocalDateTime.of(2026, 3, 20, 0, 0),
                DeviceDataType.HOUR).getHourConsumption().isEmpty());
    }

    @Test
    void theSameSeedGivesTheSameDataAndAnotherSeedOther() throws Exception {
        String path = "/api/v1/Data/MeasurePoints/1002/Consumption/2025-06-01/2025-06-03?dataTypes=Hour&dataTypes=Day";
        String totals = "/api/v1/Data/MeasurePoints/1003/Totals/2024-06-01/2024-06-02";
        try (LersEmulator twin = LersEmulator.builder().clock(CLOCK).start();
             LersEmulator other = LersEmulator.builder().clock(CLOCK).seed(7).start()) {
            for (String p : List.of(path, totals, "/api/v1/Core/Nodes?getAttributes=true", "/api/v1/Core/MeasurePoints")) {
                assertEquals(raw(p), rawFrom(twin, p), p);
            }
            assertNotEquals(raw(path), rawFrom(other, path));
        }
    }

    private static String rawFrom(LersEmulator other, String path) throws Exception {
        try (Response r = TestSupport.send(new Request.Builder().url(other.baseUrl() + path)
                .header("Authorization", "Bearer " + TestSupport.token(other, "demo", "demo")).build())) {
            return r.body().string();
        }
    }

    @Test
    void heatFollowsTheColdAndWaterAndPowerFollowTheDay() {
        int heat = lers.dataSet().firstMeasurePoint(SystemType.HEAT).id();
        double january = sum(consumption(heat, LocalDateTime.of(2025, 1, 1, 0, 0), LocalDateTime.of(2025, 1, 31, 0, 0),
                DeviceDataType.DAY).getDayConsumption(), DataParameter.Q_DELTA);
        double july = sum(consumption(heat, LocalDateTime.of(2025, 7, 1, 0, 0), LocalDateTime.of(2025, 7, 31, 0, 0),
                DeviceDataType.DAY).getDayConsumption(), DataParameter.Q_DELTA);
        assertTrue(january > 5 * july, "January " + january + " vs July " + july);

        DataSet.MeasurePointInfo flatsWater = lers.dataSet().measurePoints(SystemType.COLD_WATER).stream()
                .filter(p -> p.type().equals(MeasurePointType.REGULAR)
                        && lers.dataSet().node(p.nodeId()).type().equals(NodeType.HOUSE)).findFirst().orElseThrow();
        List<MeasurePointDataConsumptionRecord> water = consumption(flatsWater.id(), LocalDateTime.of(2025, 11, 3, 0, 0),
                LocalDateTime.of(2025, 11, 30, 23, 0), DeviceDataType.HOUR).getHourConsumption();
        assertTrue(meanAt(water, DataParameter.V_IN, 8) > 3 * meanAt(water, DataParameter.V_IN, 3), "morning peak");
        assertTrue(meanAt(water, DataParameter.V_IN, 20) > 3 * meanAt(water, DataParameter.V_IN, 3), "evening peak");

        int power = lers.dataSet().firstMeasurePoint(SystemType.ELECTRICITY).id();
        List<MeasurePointDataConsumptionRecord> energy = consumption(power, LocalDateTime.of(2025, 11, 3, 0, 0),
                LocalDateTime.of(2025, 11, 30, 23, 0), DeviceDataType.HOUR).getHourConsumption();
        assertTrue(meanAt(energy, DataParameter.AP, 3) < meanAt(energy, DataParameter.AP, 12), "lower at night");

        DataSet.MeasurePointInfo school = lers.dataSet().measurePoints(SystemType.ELECTRICITY).stream()
                .filter(p -> lers.dataSet().node(p.nodeId()).title().startsWith("Школа")).findFirst().orElseThrow();
        List<MeasurePointDataConsumptionRecord> days = consumption(school.id(), LocalDateTime.of(2025, 11, 3, 0, 0),
                LocalDateTime.of(2025, 11, 30, 0, 0), DeviceDataType.DAY).getDayConsumption();
        double weekdays = 0;
        double weekends = 0;
        for (MeasurePointDataConsumptionRecord d : days) {
            DayOfWeek dow = d.getDateTime().toLocalDate().getDayOfWeek();
            if (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) {
                weekends += value(d, DataParameter.AP) / 8;
            } else {
                weekdays += value(d, DataParameter.AP) / 20;
            }
        }
        assertTrue(weekends < 0.7 * weekdays, "a school uses less at weekends");
    }

    private static double meanAt(List<MeasurePointDataConsumptionRecord> hours, DataParameter p, int hour) {
        return hours.stream().filter(h -> h.getDateTime().toLocalDateTime().getHour() == hour)
                .mapToDouble(h -> value(h, p)).average().orElseThrow();
    }

    /**
     * As production, records carry {@code intervalSeconds} and values {@code dataParameterId} (the
     * emulator's fixed numbering), neither in the v1 models; the generated client still reads them.
     */
    @Test
    void recordsCarryTheirIntervalAndValuesTheirParameterId() throws Exception {
        int heat = lers.dataSet().firstMeasurePoint(SystemType.HEAT).id();
        String text = raw("/api/v1/Data/MeasurePoints/" + heat + "/Consumption/2025-02-01/2025-03-01"
                + "?dataTypes=Hour&dataTypes=Day&dataTypes=Month&withSummary=true");
        JsonObject c = JsonParser.parseString(text).getAsJsonObject();
        assertIntervals(c.getAsJsonArray("hourConsumption"), 28 * 24 + 1, 3600);
        assertIntervals(c.getAsJsonArray("dayConsumption"), 29, 86_400);
        com.google.gson.JsonArray months = c.getAsJsonArray("monthConsumption");
        assertEquals(2, months.size());
        assertEquals(28 * 86_400, months.get(0).getAsJsonObject().get("intervalSeconds").getAsInt(), "February 2025");
        assertEquals(31 * 86_400, months.get(1).getAsJsonObject().get("intervalSeconds").getAsInt(), "March 2025");
        JsonObject summary = c.getAsJsonObject("summary");
        assertEquals(86_400, summary.getAsJsonObject("day").getAsJsonObject("2025-02-01").get("intervalSeconds").getAsInt());
        assertEquals(3600, summary.getAsJsonObject("day").getAsJsonObject("2025-03-01").get("intervalSeconds").getAsInt(),
                "a summary spans the hours it sums");
        assertEquals((28 * 24 + 1) * 3600, summary.getAsJsonObject("footer").get("intervalSeconds").getAsInt());

        java.util.Map<String, Integer> ids = java.util.Map.ofEntries(java.util.Map.entry("T_in", 1),
                java.util.Map.entry("T_out", 2), java.util.Map.entry("M_in", 5), java.util.Map.entry("M_out", 6),
                java.util.Map.entry("V_in", 7), java.util.Map.entry("V_out", 8), java.util.Map.entry("Q_in", 9),
                java.util.Map.entry("Q_out", 10), java.util.Map.entry("Q_delta", 11), java.util.Map.entry("P_in", 12),
                java.util.Map.entry("P_out", 13), java.util.Map.entry("NormalOperationDuration", 15));
        for (com.google.gson.JsonElement r : c.getAsJsonArray("hourConsumption")) {
            com.google.gson.JsonArray values = r.getAsJsonObject().getAsJsonArray("values");
            assertEquals(12, values.size());
            for (com.google.gson.JsonElement v : values) {
                JsonObject value = v.getAsJsonObject();
                assertEquals(ids.get(value.get("dataParameter").getAsString()), value.get("dataParameterId").getAsInt(),
                        value.toString());
            }
        }

        GetMeasurePointConsumptionResponse read = io.lers4j.invoker.JSON.deserialize(text, GetMeasurePointConsumptionResponse.class);
        assertEquals(28 * 24 + 1, read.getHourConsumption().size());
        assertEquals(c.getAsJsonArray("hourConsumption").get(5).getAsJsonObject().getAsJsonArray("values").get(0)
                .getAsJsonObject().get("value").getAsDouble(), read.getHourConsumption().get(5).getValues().get(0).getValue());

        int power = lers.dataSet().firstMeasurePoint(SystemType.ELECTRICITY).id();
        JsonObject totals = JsonParser.parseString(raw("/api/v1/Data/MeasurePoints/" + power + "/Totals/2025-02-01/2025-02-01T02:00"))
                .getAsJsonObject();
        assertIntervals(totals.getAsJsonArray("totals"), 3, 3600);
        JsonObject ap = totals.getAsJsonArray("totals").get(0).getAsJsonObject().getAsJsonArray("values").get(0).getAsJsonObject();
        assertEquals("Ap", ap.get("dataParameter").getAsString());
        assertEquals(36, ap.get("dataParameterId").getAsInt());
    }

    private static void assertIntervals(com.google.gson.JsonArray records, int count, int seconds) {
        assertEquals(count, records.size());
        for (com.google.gson.JsonElement r : records) {
            assertEquals(seconds, r.getAsJsonObject().get("intervalSeconds").getAsInt(), r.getAsJsonObject().get("dateTime").toString());
        }
    }

    @Test
    void dataTypesComeRepeatedOrAsFlagsAndOnlyThoseArchivesAreFilled() throws Exception {
        JsonObject flags = JsonParser.parseString(raw("/api/v1/Data/MeasurePoints/1005/Consumption/2026-03-01/2026-03-02"
                + "?dataTypes=Hour,%20Day")).getAsJsonObject();
        assertEquals(25, flags.getAsJsonArray("hourConsumption").size(), "start and end are inclusive");
        assertEquals(2, flags.getAsJsonArray("dayConsumption").size());
        assertEquals(0, flags.getAsJsonArray("monthConsumption").size(), "[] as production sends it");
        assertEquals(0, flags.getAsJsonArray("currentConsumption").size(), "[] as production sends it");
        assertTrue(flags.get("summary").isJsonNull());
        JsonObject repeated = JsonParser.parseString(raw("/api/v1/Data/MeasurePoints/1005/Consumption/2026-03-01/2026-03-02"
                + "?dataTypes=Day&DataTypes=month")).getAsJsonObject();
        assertEquals(0, repeated.getAsJsonArray("hourConsumption").size(), "[] as production sends it");
        assertEquals(2, repeated.getAsJsonArray("dayConsumption").size());
        assertEquals(0, repeated.getAsJsonArray("monthConsumption").size(), "no month starts in the period");
    }

    @Test
    void pathDatesAreServerLocalWhateverTheirForm() throws Exception {
        String plain = raw("/api/v1/Data/MeasurePoints/1005/Consumption/2026-03-01/2026-03-01T05:00:00?dataTypes=Hour");
        assertEquals(plain, raw("/api/v1/Data/MeasurePoints/1005/Consumption/2026-03-01T00%3A00%3A00%2B05%3A00/"
                + "2026-03-01T05:00:00Z?dataTypes=Hour"));
        assertEquals(plain, raw("/api/v1/Data/MeasurePoints/1005/Consumption/2026-03-01T00:00/2026-03-01T05:00:00.0000000"
                + "?dataTypes=Hour"));
        assertEquals(6, JsonParser.parseString(plain).getAsJsonObject().getAsJsonArray("hourConsumption").size());
    }

    @Test
    void absentRecordsFillTheTimeBeforeTheData() {
        LocalDateTime start = lers.dataSet().dataStart().atStartOfDay();
        int point = lers.dataSet().firstMeasurePoint(SystemType.HEAT).id();
        List<MeasurePointDataConsumptionRecord> hours = new MeasurePointConsumptionApi(client)
                .getConsumption(point, LersDateTime.of(start.minusHours(2)), LersDateTime.of(start.plusHours(1)))
                .dataTypes(List.of(DeviceDataType.HOUR)).includeAbsentRecords(true).execute().getHourConsumption();
        assertEquals(4, hours.size());
        assertTrue(hours.get(0).getIsEmpty());
        assertTrue(hours.get(1).getValues().isEmpty());
        assertFalse(hours.get(2).getIsEmpty());
        assertEquals(start, hours.get(2).getDateTime().toLocalDateTime());
        assertEquals(2, consumption(point, start.minusHours(2), start.plusHours(1), DeviceDataType.HOUR)
                .getHourConsumption().size(), "without the flag only records with data");
    }

    @Test
    void theSummarySumsDaysAndMonthsOfTheHours() {
        int point = lers.dataSet().firstMeasurePoint(SystemType.HOT_WATER).id();
        GetMeasurePointConsumptionResponse c = new MeasurePointConsumptionApi(client)
                .getConsumption(point, LersDateTime.of(LocalDate.of(2026, 2, 27)), LersDateTime.of(LocalDateTime.of(2026, 3, 1, 23, 0)))
                .dataTypes(List.of(DeviceDataType.HOUR)).withSummary(true).execute();
        assertEquals(3, c.getSummary().getDay().size());
        assertEquals(List.of("2026-02", "2026-03"), List.copyOf(c.getSummary().getMonth().keySet()));
        MeasurePointDataConsumptionRecord firstDay = c.getSummary().getDay().get("2026-02-27");
        assertEquals(sum(c.getHourConsumption().subList(0, 24), DataParameter.V_IN), value(firstDay, DataParameter.V_IN), 1e-6);
        assertEquals(sum(c.getHourConsumption(), DataParameter.V_IN), value(c.getSummary().getFooter(), DataParameter.V_IN), 1e-6);
        assertEquals(sum(c.getHourConsumption(), DataParameter.T_IN) / 72, value(c.getSummary().getFooter(), DataParameter.T_IN),
                1e-6);
    }

    @Test
    void rawElectricityIsDividedByTheTransformerRatio() {
        DataSet.MeasurePointInfo boiler = lers.dataSet().measurePoints(SystemType.ELECTRICITY).stream()
                .filter(p -> lers.dataSet().node(p.nodeId()).type().equals(NodeType.POWER_SOURCE)).findFirst().orElseThrow();
        LersDateTime t = LersDateTime.of(LocalDateTime.of(2026, 3, 3, 10, 0));
        MeasurePointDataConsumptionRecord real = new MeasurePointConsumptionApi(client).getConsumption(boiler.id(), t, t)
                .dataTypes(List.of(DeviceDataType.HOUR)).execute().getHourConsumption().get(0);
        MeasurePointDataConsumptionRecord raw = new MeasurePointConsumptionApi(client).getConsumption(boiler.id(), t, t)
                .dataTypes(List.of(DeviceDataType.HOUR)).electricDataKind(ElectricDataKind.RAW).execute()
                .getHourConsumption().get(0);
        assertEquals(value(real, DataParameter.AP) / 40, value(raw, DataParameter.AP), 1e-9);
    }

    @Test
    void everyDeviceHasPollSettingsAsProductionSendsThem() {
        List<Integer> ids = lers.dataSet().equipment().stream().map(DataSet.EquipmentInfo::id).collect(java.util.stream.Collectors.toList());
        List<io.lers4j.model.Equipment> list = new io.lers4j.api.EquipmentApi(TestSupport.demo(lers)).getEquipmentList()
                .id(ids).execute().getList();
        assertEquals(ids.size(), list.size());
        for (io.lers4j.model.Equipment e : list) {
            // clients walk pollSettings.connections without a guard
            assertTrue(e.getPollSettings() != null && e.getPollSettings().getConnections() != null, "device " + e.getId());
        }
        assertTrue(list.stream().anyMatch(e -> !e.getPollSettings().getConnections().isEmpty()), "meters behind modems");
    }

    @Test
    void answersCarryUnitsAndPressureType() {
        GetMeasurePointConsumptionResponse heat = consumption(lers.dataSet().firstMeasurePoint(SystemType.HEAT).id(),
                LocalDateTime.of(2026, 3, 1, 0, 0), LocalDateTime.of(2026, 3, 1, 0, 0), DeviceDataType.HOUR);
        assertEquals(Unit.GIGA_CALORIE, unitOf(heat.getDataParametersUnit(), DataParameter.Q_DELTA));
        assertEquals(Unit.TON, unitOf(heat.getDataParametersUnit(), DataParameter.M_IN));
        assertEquals("Gauge", heat.getPressureType().getValue());
        assertEquals(List.of(), heat.getDayConsumption(), "production sends [] for an archive not asked for");
        GetMeasurePointConsumptionResponse gas = consumption(lers.dataSet().firstMeasurePoint(SystemType.GAS).id(),
                LocalDateTime.of(2026, 3, 1, 0, 0), LocalDateTime.of(2026, 3, 1, 0, 0), DeviceDataType.HOUR);
        assertEquals("Absolute", gas.getPressureType().getValue());
        MeasurePointDataConsumptionRecord h = gas.getHourConsumption().get(0);
        assertNotNull(h.getResourceKind());
        assertEquals("Gas", h.getResourceKind().getValue());
        assertTrue(value(h, DataParameter.V) > value(h, DataParameter.V_STD) * 0.5);
    }
}
