package io.lers4j;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.lers4j.model.DataParameter;
import io.lers4j.model.IncidentImportance;
import io.lers4j.model.IncidentType;
import io.lers4j.types.LersDateTime;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The helpers for the frequent writes build the nested models the server expects, and refuse bad input before sending. */
class WriteHelpersTest extends TestSupport {

    private LersClient lers() {
        return LersClient.builder().baseUrl(baseUrl()).token("tok-1").sleeper(sleeps::add).build();
    }

    private static JsonObject body(RecordedRequest r) {
        return JsonParser.parseString(r.getBody().utf8()).getAsJsonObject();
    }

    @Test
    void currentReadingsBecomeOneCurrentRecordWithAValuePerParameter() throws Exception {
        server.enqueue(json(200, ""));
        Map<DataParameter, Number> readings = new LinkedHashMap<>();
        readings.put(DataParameter.T_IN, 71.5);
        readings.put(DataParameter.V_IN, 12);
        LersDateTime at = LersDateTime.of(OffsetDateTime.parse("2026-01-20T12:00:00+03:00"));
        try (LersClient lers = lers()) {
            lers.saveCurrentReadings(39, at, readings);
        }
        RecordedRequest r = take();
        assertEquals("PUT", r.getMethod());
        assertEquals("/api/v1/Data/MeasurePoints/39/Consumption/CurrentArchive", r.getUrl().encodedPath());
        assertNull(r.getUrl().queryParameter("overwriteExisting"), "not asked for, not sent");
        assertEquals("Bearer tok-1", r.getHeaders().get("Authorization"));
        assertTrue(r.getHeaders().get("Content-Type").startsWith("application/json"), r.getHeaders().get("Content-Type"));
        JsonObject data = body(r).getAsJsonObject("data");
        assertEquals("Current", data.get("dataType").getAsString());
        JsonArray records = data.getAsJsonArray("consumption");
        assertEquals(1, records.size());
        JsonObject record = records.get(0).getAsJsonObject();
        assertEquals("2026-01-20T12:00:00+03:00", record.get("dateTime").getAsString());
        JsonArray values = record.getAsJsonArray("values");
        assertEquals(2, values.size());
        assertEquals("T_in", values.get(0).getAsJsonObject().get("dataParameter").getAsString());
        assertEquals(71.5, values.get(0).getAsJsonObject().get("value").getAsDouble());
        assertEquals("V_in", values.get(1).getAsJsonObject().get("dataParameter").getAsString());
        assertEquals(12.0, values.get(1).getAsJsonObject().get("value").getAsDouble());
    }

    @Test
    void overwritingIsAskedForOnTheQuery() throws Exception {
        server.enqueue(json(200, ""));
        try (LersClient lers = lers()) {
            lers.saveCurrentReadings(39, LersDateTime.parse("2026-01-20T12:00:00"), Map.of(DataParameter.T_OUT, 40.0), true);
        }
        RecordedRequest r = take();
        assertEquals("true", r.getUrl().queryParameter("overwriteExisting"));
        assertEquals("2026-01-20T12:00:00", body(r).getAsJsonObject("data").getAsJsonArray("consumption").get(0)
                .getAsJsonObject().get("dateTime").getAsString(), "server-local time stays without offset");
    }

    @Test
    void outdoorTemperaturesAreWrittenAtTheTerritorysMidnight() throws Exception {
        server.enqueue(json("{\"id\":3,\"name\":\"Хабаровск\",\"timeZoneOffset\":10}"));
        server.enqueue(json(200, ""));
        Map<LocalDate, Number> means = new LinkedHashMap<>();
        means.put(LocalDate.of(2026, 1, 19), -21.4);
        means.put(LocalDate.of(2026, 1, 20), -18);
        try (LersClient lers = lers()) {
            lers.saveOutdoorTemperatures(3, means);
        }
        RecordedRequest lookup = take();
        assertEquals("GET", lookup.getMethod());
        assertEquals("/api/v1/Core/Territories/3", lookup.getUrl().encodedPath());
        RecordedRequest put = take();
        assertEquals("PUT", put.getMethod());
        assertEquals("/api/v1/Data/Territories/3/Weather", put.getUrl().encodedPath());
        JsonArray sent = JsonParser.parseString(put.getBody().utf8()).getAsJsonArray();
        assertEquals(2, sent.size());
        assertEquals("2026-01-19T00:00:00+10:00", sent.get(0).getAsJsonObject().get("date").getAsString());
        assertEquals(-21.4f, sent.get(0).getAsJsonObject().get("value").getAsFloat());
        assertEquals("2026-01-20T00:00:00+10:00", sent.get(1).getAsJsonObject().get("date").getAsString());
    }

    @Test
    void aGivenOffsetNeedsNoLookupAndATerritoryWithoutOneGetsServerLocalMidnight() throws Exception {
        server.enqueue(json(200, ""));
        server.enqueue(json("{\"id\":4,\"name\":\"no offset\"}"));
        server.enqueue(json(200, ""));
        try (LersClient lers = lers()) {
            lers.saveOutdoorTemperatures(3, Map.of(LocalDate.of(2026, 1, 19), 1.5), ZoneOffset.ofHours(3));
            lers.saveOutdoorTemperatures(4, Map.of(LocalDate.of(2026, 1, 19), 1.5));
        }
        RecordedRequest first = take();
        assertEquals("/api/v1/Data/Territories/3/Weather", first.getUrl().encodedPath());
        assertEquals("2026-01-19T00:00:00+03:00", JsonParser.parseString(first.getBody().utf8()).getAsJsonArray()
                .get(0).getAsJsonObject().get("date").getAsString());
        take(); // the lookup
        RecordedRequest second = take();
        assertEquals("2026-01-19T00:00:00", JsonParser.parseString(second.getBody().utf8()).getAsJsonArray()
                .get(0).getAsJsonObject().get("date").getAsString());
    }

    @Test
    void anIncidentIsCreatedAndItsIdReturned() throws Exception {
        server.enqueue(json(201, "{\"id\":5521,\"dateTime\":\"2026-01-20T12:00:01.1234567+03:00\"}"));
        Integer id;
        try (LersClient lers = lers()) {
            id = lers.createIncident(12, 39, IncidentType.CUSTOM, IncidentImportance.WARNING, "Датчик T_in снят для поверки");
        }
        assertEquals(5521, id);
        RecordedRequest r = take();
        assertEquals("POST", r.getMethod());
        assertEquals("/api/v1/Incidents", r.getUrl().encodedPath());
        JsonObject sent = body(r);
        assertEquals(12, sent.get("nodeId").getAsInt());
        assertEquals(39, sent.get("measurePointId").getAsInt());
        assertEquals("Custom", sent.get("incidentType").getAsString());
        assertEquals("Warning", sent.get("importance").getAsString());
        assertEquals("Датчик T_in снят для поверки", sent.get("description").getAsString());
    }

    @Test
    void anIncidentOfTheNodeItselfSendsNoMeasurePoint() throws Exception {
        server.enqueue(json(201, "{}"));
        try (LersClient lers = lers()) {
            assertNull(lers.createIncident(12, null, IncidentType.CUSTOM, IncidentImportance.INFORMATION, "Плановые работы"));
        }
        assertFalse(body(take()).has("measurePointId"));
    }

    @Test
    void badInputFailsBeforeAnythingIsSent() {
        LersDateTime at = LersDateTime.parse("2026-01-20T12:00:00");
        Map<DataParameter, Number> nan = new LinkedHashMap<>();
        nan.put(DataParameter.T_IN, Double.NaN);
        Map<DataParameter, Number> missing = new LinkedHashMap<>();
        missing.put(DataParameter.T_IN, null);
        Map<LocalDate, Number> tooCold = Map.of(LocalDate.of(2026, 1, 1), 1e300);
        try (LersClient lers = lers()) {
            assertMessage("measurePointId must be positive: 0", () -> lers.saveCurrentReadings(0, at, Map.of(DataParameter.T_IN, 1)));
            assertMessage("measurePointId is required", () -> lers.saveCurrentReadings(null, at, Map.of(DataParameter.T_IN, 1)));
            assertMessage("readings must name at least one parameter", () -> lers.saveCurrentReadings(1, at, Map.of()));
            assertMessage("the reading of T_in is not a finite number: NaN", () -> lers.saveCurrentReadings(1, at, nan));
            assertMessage("the reading of T_in is missing", () -> lers.saveCurrentReadings(1, at, missing));
            assertThrows(NullPointerException.class, () -> lers.saveCurrentReadings(1, null, Map.of(DataParameter.T_IN, 1)));
            assertMessage("the temperature of 2026-01-01 is out of range: 1.0E300",
                    () -> lers.saveOutdoorTemperatures(1, tooCold));
            assertMessage("dailyMeans must hold at least one day", () -> lers.saveOutdoorTemperatures(1, Map.of(), ZoneOffset.UTC));
            assertMessage("territoryId must be positive: -2",
                    () -> lers.saveOutdoorTemperatures(-2, Map.of(LocalDate.of(2026, 1, 1), 1)));
            assertMessage("an incident needs a description",
                    () -> lers.createIncident(1, null, IncidentType.CUSTOM, IncidentImportance.WARNING, " "));
            assertMessage("nodeId is required",
                    () -> lers.createIncident(null, null, IncidentType.CUSTOM, IncidentImportance.WARNING, "x"));
        }
        assertEquals(0, server.getRequestCount());
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }
}
