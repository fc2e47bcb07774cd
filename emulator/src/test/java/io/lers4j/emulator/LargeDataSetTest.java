package io.lers4j.emulator;

import io.lers4j.api.MeasurePointConsumptionApi;
import io.lers4j.api.MeasurePointLastDataApi;
import io.lers4j.api.MeasurePointsApi;
import io.lers4j.api.NodesApi;
import io.lers4j.invoker.ApiClient;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.MeasurePoint;
import io.lers4j.model.MeasurePointDataConsumptionRecord;
import io.lers4j.model.MeasurePointLastTotals;
import io.lers4j.model.SystemType;
import io.lers4j.types.LersDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark size: 2000 measure points on 1000 nodes, served to concurrent clients. */
class LargeDataSetTest {

    private static LersEmulator lers;
    private static ApiClient client;

    @BeforeAll
    static void start() {
        lers = LersEmulator.builder().measurePoints(2000).nodes(1000)
                .clock(Clock.fixed(TestSupport.NOW, ZoneOffset.UTC)).start();
        client = TestSupport.demo(lers);
    }

    @AfterAll
    static void stop() {
        lers.close();
    }

    @Test
    void everyPointAndNodeIsListed() {
        List<MeasurePoint> points = new MeasurePointsApi(client).getMeasurePoints().execute().getMeasurePoints();
        assertEquals(2000, points.size());
        Set<Integer> ids = new HashSet<>();
        points.forEach(p -> ids.add(p.getId()));
        assertEquals(2000, ids.size(), "ids are unique");
        assertEquals(2000, lers.dataSet().measurePoints().size());
        assertEquals(1000, new NodesApi(client).getNodes().execute().getNodes().size());
        for (SystemType s : List.of(SystemType.HEAT, SystemType.HOT_WATER, SystemType.COLD_WATER, SystemType.GAS,
                SystemType.ELECTRICITY)) {
            assertTrue(!lers.dataSet().measurePoints(s).isEmpty(), "some " + s);
        }
        Map<String, MeasurePointLastTotals> totals = new MeasurePointLastDataApi(client).getMeasurePointListLastTotals().execute();
        assertEquals(2000, totals.size());
        assertTrue(totals.values().stream().allMatch(t -> t != null && !t.getValues().isEmpty()));
    }

    @Test
    void aYearOfHoursOfOnePoint() {
        int heat = lers.dataSet().measurePoints(SystemType.HEAT).get(500).id();
        List<MeasurePointDataConsumptionRecord> year = new MeasurePointConsumptionApi(client)
                .getConsumption(heat, LersDateTime.of(LocalDate.of(2025, 1, 1)), LersDateTime.of(LocalDateTime.of(2025, 12, 31, 23, 0)))
                .dataTypes(List.of(DeviceDataType.HOUR)).execute().getHourConsumption();
        assertEquals(8760, year.size());
        assertEquals(12, year.get(8759).getValues().size());
    }

    @Test
    void concurrentClientsGetTheAnswersASingleClientGets() throws Exception {
        List<Integer> points = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            points.add(lers.dataSet().measurePoints().get((i % 8) * 250).id()); // each point twice at once
        }
        LersDateTime from = LersDateTime.of(LocalDate.of(2024, 12, 1));
        LersDateTime to = LersDateTime.of(LocalDate.of(2024, 12, 31));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int point : points) {
                answers.add(pool.submit(() -> Reply.GSON.toJson(new MeasurePointConsumptionApi(client)
                        .getConsumption(point, from, to).dataTypes(List.of(DeviceDataType.DAY)).execute())));
            }
            for (int i = 0; i < points.size(); i++) {
                String sequential = Reply.GSON.toJson(new MeasurePointConsumptionApi(client)
                        .getConsumption(points.get(i), from, to).dataTypes(List.of(DeviceDataType.DAY)).execute());
                assertNotNull(answers.get(i).get());
                assertEquals(sequential, answers.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
