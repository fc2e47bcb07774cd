package io.lers4j;

import io.lers4j.emulator.DataSet;
import io.lers4j.emulator.LersEmulator;
import io.lers4j.model.DataParameter;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.Incident;
import io.lers4j.model.IncidentImportance;
import io.lers4j.model.IncidentType;
import io.lers4j.model.SystemType;
import io.lers4j.model.TerritoryOutdoorTemperature;
import io.lers4j.types.LersDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the write helpers send is what the server stores and gives back. */
class WriteHelpersEmulatorTest {

    private static LersEmulator server;

    @BeforeAll
    static void start() {
        server = LersEmulator.builder().measurePoints(10).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static LersClient lers() {
        return LersClient.builder().baseUrl(server.baseUrl())
                .credentials(LersEmulator.DEFAULT_LOGIN, LersEmulator.DEFAULT_PASSWORD).build();
    }

    @Test
    void savedCurrentReadingsAreReadBack() {
        DataSet.MeasurePointInfo cold = server.dataSet().firstMeasurePoint(SystemType.COLD_WATER);
        LocalDateTime at = LocalDateTime.of(2026, 3, 15, 13, 15);
        try (LersClient lers = lers()) {
            lers.saveCurrentReadings(cold.id(), LersDateTime.of(at), Map.of(DataParameter.T_CW, 6.5, DataParameter.P_CW, 3.9), true);
            List<MeterRecord> currents = lers.consumption(cold.id(), DeviceDataType.CURRENT, at.minusHours(1), at.plusHours(1)).toList();
            assertEquals(1, currents.size());
            assertEquals(at, currents.get(0).dateTime().toLocalDateTime());
            assertEquals(6.5, currents.get(0).value(DataParameter.T_CW).getAsDouble());
            assertEquals(3.9, currents.get(0).value(DataParameter.P_CW).getAsDouble());
        }
    }

    @Test
    void savedTemperaturesAreReadBackForTheirDays() {
        DataSet.TerritoryInfo territory = server.dataSet().territories().get(0);
        LocalDate day = LocalDate.of(2026, 2, 3);
        try (LersClient lers = lers()) {
            lers.saveOutdoorTemperatures(territory.id(), Map.of(day, -27.5, day.plusDays(1), -25));
            List<TerritoryOutdoorTemperature> back = lers.weather().get(territory.id()).execute();
            Map<LocalDate, Float> byDay = new java.util.HashMap<>();
            back.forEach(t -> byDay.put(t.getDate().toLocalDateTime().toLocalDate(), t.getValue()));
            assertEquals(-27.5f, byDay.get(day));
            assertEquals(-25f, byDay.get(day.plusDays(1)));
        }
    }

    @Test
    void aCreatedIncidentIsActiveOnItsMeasurePoint() {
        DataSet.MeasurePointInfo heat = server.dataSet().firstMeasurePoint(SystemType.HEAT);
        try (LersClient lers = lers()) {
            Integer id = lers.createIncident(heat.nodeId(), heat.id(), IncidentType.CUSTOM, IncidentImportance.WARNING,
                    "Снят расходомер подачи");
            assertNotNull(id);
            List<Incident> active = lers.incidents().getActiveByMeasurePoint(heat.id()).execute();
            assertTrue(active.stream().anyMatch(i -> id.equals(i.getId()) && "Снят расходомер подачи".equals(i.getDescription())),
                    String.valueOf(active));
        }
    }
}
