package io.lers4j;

import io.lers4j.model.DataParameter;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.MeasurePointDataConsumptionRecord;
import io.lers4j.invoker.JSON;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordSeriesTest extends TestSupport {

    private final List<String> paths = new CopyOnWriteArrayList<>();

    /** Answers hourly records for [start, end], the end inclusive or not, like a LERS server would. */
    private void serveHours(boolean endInclusive) {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                paths.add(r.getTarget());
                List<String> segments = r.getUrl().pathSegments();
                LocalDateTime start = LocalDateTime.parse(segments.get(6));
                LocalDateTime end = LocalDateTime.parse(segments.get(7));
                StringBuilder body = new StringBuilder("{\"pressureType\":\"Gauge\",\"dayConsumption\":null,\"hourConsumption\":[");
                boolean first = true;
                for (LocalDateTime t = start; t.isBefore(end) || (endInclusive && t.equals(end)); t = t.plusHours(1)) {
                    if (!first) {
                        body.append(',');
                    }
                    first = false;
                    double v = t.getHour() + t.getDayOfYear() / 1000.0;
                    body.append("{\"resourceKind\":\"Water\",\"isEmpty\":false,\"dateTime\":\"").append(t)
                            .append(":00\",\"attributes\":[],\"values\":[{\"dataParameter\":\"V_in\",\"value\":").append(v)
                            .append(",\"isBad\":false,\"isCalc\":false,\"isInterpolated\":false,\"isReset\":false},")
                            .append("{\"dataParameter\":\"Q_future\",\"value\":1.5}]}");
                }
                return json(body.append("]}").toString());
            }
        });
    }

    private LersClient lers() {
        return LersClient.builder().baseUrl(baseUrl()).token("tok-1").sleeper(sleeps::add).build();
    }

    private void assertAYearOfHours(boolean endInclusive) {
        serveHours(endInclusive);
        LocalDateTime from = LocalDateTime.of(2025, 1, 1, 0, 0);
        LocalDateTime to = LocalDateTime.of(2026, 1, 1, 0, 0);
        try (LersClient lers = lers()) {
            RecordSeries year = lers.consumption(5001, DeviceDataType.HOUR, from, to);
            LocalDateTime expected = from;
            int count = 0;
            for (MeterRecord hour : year) {
                assertEquals(expected, hour.dateTime().toLocalDateTime(), "record " + count);
                expected = expected.plusHours(1);
                count++;
            }
            assertEquals(8760, count);
            assertEquals(to, expected);
        }
        assertEquals(27, paths.size(), "365 days = 26 windows of 14 days and one of 1 day");
        assertEquals("/api/v1/Data/MeasurePoints/5001/Consumption/2025-01-01T00:00:00/2025-01-15T00:00:00?dataTypes=Hour", paths.get(0));
        assertEquals("/api/v1/Data/MeasurePoints/5001/Consumption/2025-12-31T00:00:00/2026-01-01T00:00:00?dataTypes=Hour",
                paths.get(26));
    }

    @Test
    void aYearOfHoursInWindowsLosesAndRepeatsNothingWhenTheServerEndIsInclusive() {
        assertAYearOfHours(true);
    }

    @Test
    void aYearOfHoursInWindowsLosesAndRepeatsNothingWhenTheServerEndIsExclusive() {
        assertAYearOfHours(false);
    }

    @Test
    void windowsAreFetchedLazilyAndHoldOneWindowEach() {
        serveHours(true);
        LocalDateTime from = LocalDateTime.of(2025, 3, 1, 12, 0);
        try (LersClient lers = lers()) {
            RecordSeries series = lers.consumption(7, DeviceDataType.HOUR, from, from.plusDays(3))
                    .withWindowSize(Duration.ofHours(12)).withCalculated(true);
            assertEquals(0, paths.size(), "describing a series sends nothing");
            assertEquals(10, series.stream().limit(10).count());
            assertEquals(1, paths.size(), "ten hours need one window");
            okhttp3.HttpUrl first = okhttp3.HttpUrl.get("http://x" + paths.get(0));
            assertEquals("/api/v1/Data/MeasurePoints/7/Consumption/2025-03-01T12:00:00/2025-03-02T00:00:00",
                    first.encodedPath(), "raw colons, as LERS's own clients send");
            assertEquals(List.of("dataTypes", "includeCalculated"), List.copyOf(new java.util.TreeSet<>(first.queryParameterNames())));
            assertEquals("Hour", first.queryParameter("dataTypes"));
            assertEquals("true", first.queryParameter("includeCalculated"));

            List<RecordWindow> windows = new ArrayList<>();
            series.windows().forEach(windows::add);
            assertEquals(6, windows.size());
            for (RecordWindow w : windows) {
                assertEquals(12, w.records().size());
                assertEquals(w.from(), w.records().get(0).dateTime().toLocalDateTime());
                assertEquals(w.to().minusHours(1), w.records().get(11).dateTime().toLocalDateTime());
            }
        }
    }

    @Test
    void valuesAreReadByParameterIncludingUnknownOnes() {
        serveHours(false);
        try (LersClient lers = lers()) {
            MeterRecord hour = lers.consumption(7, DeviceDataType.HOUR, LocalDateTime.of(2025, 2, 1, 5, 0),
                    LocalDateTime.of(2025, 2, 1, 6, 0)).toList().get(0);
            assertEquals(5.032, hour.value(DataParameter.V_IN).getAsDouble(), 1e-9);
            assertEquals(1.5, hour.value(DataParameter.fromValue("Q_future")).getAsDouble());
            assertFalse(hour.value(DataParameter.Q_DELTA).isPresent());
            assertEquals(-1, hour.valueOr(DataParameter.Q_DELTA, -1));
            assertEquals(DeviceDataType.HOUR, hour.dataType());
            assertEquals("Water", hour.resourceKind());
            assertFalse(hour.parameter(DataParameter.V_IN).orElseThrow().isBad());
        }
    }

    @Test
    void dailyAndTotalsUseTheirOwnArraysAndRoutes() {
        server.enqueue(json("{\"dayConsumption\":[{\"dateTime\":\"2026-01-01T00:00:00\",\"values\":[{\"dataParameter\":\"Q_delta\",\"value\":2.5}]}],"
                + "\"hourConsumption\":[{\"dateTime\":\"2026-01-01T00:00:00\",\"values\":[]}]}"));
        server.enqueue(json("{\"totals\":[{\"dateTime\":\"2026-01-01T00:00:00+03:00\",\"attributes\":[\"DayTotals\"],"
                + "\"values\":[{\"dataParameter\":\"V_in\",\"value\":12345.678}]}]}"));
        try (LersClient lers = lers()) {
            List<MeterRecord> days = lers.consumption(7, DeviceDataType.DAY, LocalDateTime.of(2026, 1, 1, 0, 0),
                    LocalDateTime.of(2026, 1, 2, 0, 0)).toList();
            assertEquals(1, days.size());
            assertEquals(2.5, days.get(0).value(DataParameter.Q_DELTA).getAsDouble());
            List<MeterRecord> totals = lers.totals(7, LocalDateTime.of(2026, 1, 1, 0, 0), LocalDateTime.of(2026, 1, 2, 0, 0)).toList();
            assertEquals(List.of("DayTotals"), totals.get(0).attributes());
            assertEquals(12345.678, totals.get(0).value(DataParameter.V_IN).getAsDouble());
        }
        RecordedRequest day = takeUnchecked();
        assertEquals("/api/v1/Data/MeasurePoints/7/Consumption/2026-01-01T00:00:00/2026-01-02T00:00:00?dataTypes=Day", day.getTarget());
        assertEquals("/api/v1/Data/MeasurePoints/7/Totals/2026-01-01T00:00:00/2026-01-02T00:00:00", takeUnchecked().getTarget());
    }

    private RecordedRequest takeUnchecked() {
        try {
            return take();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void the2020RecordShapeIsReadToo() {
        server.enqueue(json("{\"hourConsumption\":[{\"dateTime\":\"2020-06-01T10:00:00+03:00\",\"attributes\":\"ExternalData, IncompleteData\","
                + "\"dataParameters\":[{\"dataParameter\":\"T_in\",\"value\":64.2,\"isBad\":true}]}]}"));
        try (LersClient lers = lers()) {
            MeterRecord r = lers.consumption(7, DeviceDataType.HOUR, LocalDateTime.of(2020, 6, 1, 0, 0),
                    LocalDateTime.of(2020, 6, 2, 0, 0)).toList().get(0);
            assertEquals(List.of("ExternalData", "IncompleteData"), r.attributes());
            assertEquals(64.2, r.value(DataParameter.T_IN).getAsDouble());
            assertTrue(r.parameter(DataParameter.T_IN).orElseThrow().isBad());
        }
    }

    @Test
    void generatedRecordsGetTheSameTypedAccess() {
        MeasurePointDataConsumptionRecord generated = JSON.getGson().fromJson(
                "{\"dateTime\":\"2026-01-13T00:00:00\",\"values\":[{\"dataParameter\":\"M_in\",\"value\":250.1,\"isCalc\":true},"
                        + "{\"dataParameter\":\"New_Param\",\"value\":3}]}", MeasurePointDataConsumptionRecord.class);
        MeterRecord r = MeterRecord.of(generated);
        assertEquals(250.1, r.value(DataParameter.M_IN).getAsDouble());
        assertTrue(r.parameter(DataParameter.M_IN).orElseThrow().isCalculated());
        assertEquals(3.0, r.value(DataParameter.fromValue("New_Param")).getAsDouble());
        assertEquals(LocalDateTime.of(2026, 1, 13, 0, 0), r.dateTime().toLocalDateTime());
    }

    @Test
    void lastValuesFromGeneratedCallsReadLikeSeriesRecords() throws Exception {
        String record = "{\"dataType\":\"Hour\",\"dateTime\":\"2026-01-13T05:00:00\",\"attributes\":[\"DayTotals\",\"NewFlag\"],"
                + "\"values\":[{\"dataParameter\":\"Q_delta\",\"value\":1.25,\"isBad\":true,\"isReset\":true},"
                + "{\"dataParameter\":\"T_in\",\"value\":null}],\"unknownField\":7}";
        server.enqueue(json("{\"hourConsumption\":[" + record + "]}"));
        server.enqueue(json(record));
        try (LersClient lers = lers()) {
            MeterRecord fromSeries = lers.consumption(7, DeviceDataType.HOUR, LocalDateTime.of(2026, 1, 13, 0, 0),
                    LocalDateTime.of(2026, 1, 14, 0, 0)).toList().get(0);
            MeterRecord last = MeterRecord.of(lers.measurePointLastData().getMeasurePointLastConsumption(7).execute());
            assertEquals(fromSeries.dateTime(), last.dateTime());
            assertEquals(DeviceDataType.HOUR, last.dataType());
            assertEquals(List.of("DayTotals", "NewFlag"), last.attributes());
            assertEquals(fromSeries.attributes(), last.attributes());
            assertEquals(fromSeries.values(), last.values());
            assertTrue(last.parameter(DataParameter.Q_DELTA).orElseThrow().isBad());
            assertTrue(last.parameter(DataParameter.Q_DELTA).orElseThrow().isReset());
            assertTrue(last.value(DataParameter.T_IN).isEmpty(), "a null value is no value");
        }
    }

    @Test
    void lastTotalsOfEveryPointAreKeyedByIdAsANumber() throws Exception {
        server.enqueue(json("{\"1002\":{\"dateTime\":\"2026-01-13T05:00:00\",\"values\":[{\"dataParameter\":\"V_in\",\"value\":812.5}]},"
                + "\"7\":{\"dateTime\":\"2026-01-13T06:00:00\",\"values\":[]},\"summary\":{\"dateTime\":\"2026-01-13T06:00:00\"}}"));
        try (LersClient lers = lers()) {
            java.util.Map<Integer, io.lers4j.model.MeasurePointLastTotals> last = lers.getMeasurePointListLastTotalsById();
            assertEquals(List.of(1002, 7), List.copyOf(last.keySet()));
            assertEquals(812.5, MeterRecord.of(last.get(1002)).value(DataParameter.V_IN).getAsDouble());
        }
        assertEquals("/api/v1/Data/MeasurePoints/Totals/Last", take().getTarget());
    }

    @Test
    void onlyArchiveRecordsAreRecords() {
        assertThrows(IllegalArgumentException.class, () -> MeterRecord.of(new io.lers4j.model.Node()));
        assertThrows(NullPointerException.class, () -> MeterRecord.of(null));
    }

    @Test
    void monthlyWindowsFollowTheCalendar() {
        List<String> seen = new CopyOnWriteArrayList<>();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                seen.add(r.getUrl().pathSegments().get(6) + "/" + r.getUrl().pathSegments().get(7));
                return json("{}");
            }
        });
        try (LersClient lers = lers()) {
            Iterator<MeterRecord> it = lers.consumption(7, DeviceDataType.MONTH, LocalDateTime.of(2020, 1, 1, 0, 0),
                    LocalDateTime.of(2026, 1, 1, 0, 0)).withWindowSize(Period.ofYears(2)).iterator();
            assertFalse(it.hasNext());
        }
        assertEquals(List.of("2020-01-01T00:00:00/2022-01-01T00:00:00", "2022-01-01T00:00:00/2024-01-01T00:00:00",
                "2024-01-01T00:00:00/2026-01-01T00:00:00"), seen);
        assertEquals(LocalDateTime.of(2020, 1, 1, 0, 0).truncatedTo(ChronoUnit.DAYS), LocalDateTime.of(2020, 1, 1, 0, 0));
    }
}
