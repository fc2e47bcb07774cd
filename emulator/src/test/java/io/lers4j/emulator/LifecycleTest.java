package io.lers4j.emulator;

import io.lers4j.api.ServerInfoApi;
import io.lers4j.api.TerritoriesApi;
import io.lers4j.invoker.ApiException;
import io.lers4j.model.MeasurePointType;
import io.lers4j.model.NodeType;
import io.lers4j.model.SystemType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starting, the default data set, and stopping. */
class LifecycleTest {

    @Test
    void theDefaultDataSetHasEverySystemInThreeTimeZones() {
        try (LersEmulator lers = LersEmulator.builder().clock(Clock.fixed(TestSupport.NOW, ZoneOffset.UTC)).start()) {
            DataSet ds = lers.dataSet();
            assertEquals(14, ds.measurePoints().size());
            assertEquals(4, ds.nodes().size());
            assertEquals(LocalDate.of(2023, 1, 1), ds.dataStart());
            assertEquals(List.of(3, 5, 10), ds.territories().stream().map(DataSet.TerritoryInfo::timeZoneOffset)
                    .collect(Collectors.toList()));
            Set<SystemType> systems = ds.measurePoints().stream().map(DataSet.MeasurePointInfo::systemType)
                    .collect(Collectors.toSet());
            assertEquals(Set.of(SystemType.HEAT, SystemType.HOT_WATER, SystemType.COLD_WATER, SystemType.ELECTRICITY,
                    SystemType.GAS), systems);
            assertTrue(ds.measurePoints().stream().anyMatch(p -> p.type().equals(MeasurePointType.COMMUNAL)));
            assertTrue(ds.nodes().stream().anyMatch(n -> n.type().equals(NodeType.HOUSE)));
            assertEquals(List.of("V_in", "M_in", "T_cw", "P_cw"), ds.firstMeasurePoint(SystemType.COLD_WATER).parameters()
                    .stream().map(p -> p.getValue()).collect(Collectors.toList()));
            assertFalse(ds.equipment().isEmpty());
            assertFalse(ds.initialIncidentIds().isEmpty());
        }
    }

    @Test
    void aChosenPortAndAnIdempotentClose() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        LersEmulator lers = LersEmulator.builder().port(port).start();
        assertEquals(port, lers.port());
        assertEquals("http://127.0.0.1:" + port, lers.baseUrl());
        assertEquals("3.67", new ServerInfoApi(TestSupport.anonymous(lers)).getVersion().execute().getVersion());
        lers.close();
        lers.close();
        ApiException e = assertThrows(ApiException.class,
                () -> new TerritoriesApi(TestSupport.anonymous(lers)).getList().execute());
        assertInstanceOf(IOException.class, e.getCause(), "nothing listens any more");
    }
}
