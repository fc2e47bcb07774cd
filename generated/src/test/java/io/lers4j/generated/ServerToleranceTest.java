package io.lers4j.generated;

import com.google.gson.JsonParseException;
import io.lers4j.api.MeasurePointConsumptionApi;
import io.lers4j.api.MeasurePointsApi;
import io.lers4j.api.NodesApi;
import io.lers4j.invoker.JSON;
import io.lers4j.model.DataParameter;
import io.lers4j.model.DataParameterValue;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.GetMeasurePointConsumptionResponse;
import io.lers4j.model.GetNodeListResponseParameters;
import io.lers4j.model.MeasurePoint;
import io.lers4j.model.MeasurePointDataConsumptionRecord;
import io.lers4j.model.SystemType;
import io.lers4j.types.LersDateTime;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What real LERS servers send that the document does not promise, read through the generated API. */
class ServerToleranceTest extends WireTestSupport {

    private GetMeasurePointConsumptionResponse consumptionAnswering(String json) {
        respondJson(json);
        return new MeasurePointConsumptionApi(client)
                .getConsumption(1, LersDateTime.of(LocalDate.of(2026, 1, 1)), LersDateTime.of(LocalDate.of(2026, 1, 2)))
                .execute();
    }

    @Test
    void unknownFieldsAreSkippedAtEveryLevel() {
        GetMeasurePointConsumptionResponse c = consumptionAnswering("""
                {"pressureType":"Gauge","newTopLevel":{"a":[1,2]},
                 "hourConsumption":[{"dateTime":"2026-01-01T01:00:00","intervalSeconds":3600,"values":[
                    {"dataParameter":"V_in","value":1.25,"dataParameterId":8,"quality":{"x":true}}]}]}""");
        assertEquals(1.25, c.getHourConsumption().get(0).getValues().get(0).getValue());
    }

    @Test
    void anUnlistedEnumValueIsKeptAsSentAndWrittenBackUnchanged() {
        GetMeasurePointConsumptionResponse c = consumptionAnswering("""
                {"pressureType":"Hydrostatic","hourConsumption":[{"dateTime":"2026-01-01T01:00:00","resourceKind":"Heat",
                  "attributes":["None","EstimatedBySchedule"],
                  "values":[{"dataParameter":"Q_loss","value":0.5},{"dataParameter":"T_in","value":70.1}]}]}""");
        MeasurePointDataConsumptionRecord record = c.getHourConsumption().get(0);
        DataParameter newParameter = record.getValues().get(0).getDataParameter();
        assertEquals("Q_loss", newParameter.getValue());
        assertFalse(newParameter.isKnown());
        assertEquals(DataParameter.fromValue("Q_loss"), newParameter);
        assertSame(DataParameter.T_IN, record.getValues().get(1).getDataParameter());
        assertTrue(DataParameter.T_IN.isKnown());
        assertEquals("Hydrostatic", c.getPressureType().getValue());
        assertEquals("EstimatedBySchedule", record.getAttributes().get(1).getValue());
        assertEquals("{\"dataParameter\":\"Q_loss\",\"value\":0.5}", JSON.serialize(record.getValues().get(0)));
    }

    @Test
    void flagsEnumStringsAreReadAsSets() {
        respondJson("""
                {"nodes":[],"suppliers":[{"id":4,"title":"ТГК","systemTypes":"Heat, HotWater, Steam"},
                                         {"id":5,"title":"Водоканал","systemTypes":"ColdWater"},
                                         {"id":6,"title":"Новая","systemTypes":"Heat, Cooling"}]}""");
        GetNodeListResponseParameters nodes = new NodesApi(client).getNodes().execute();
        assertEquals(Set.of(SystemType.HEAT, SystemType.HOT_WATER, SystemType.STEAM), nodes.getSuppliers().get(0).getSystemTypes().flags());
        assertEquals(Set.of(SystemType.COLD_WATER), nodes.getSuppliers().get(1).getSystemTypes().flags());
        assertEquals(Set.of(SystemType.HEAT, SystemType.fromValue("Cooling")), nodes.getSuppliers().get(2).getSystemTypes().flags());
        assertEquals("Heat, HotWater", SystemType.ofFlags(List.of(SystemType.HEAT, SystemType.HOT_WATER)).getValue());
        assertEquals("Hour, Day, Month", DeviceDataType.fromValue("Hour, Day, Month").getValue());
        assertEquals(List.of(DeviceDataType.HOUR, DeviceDataType.DAY, DeviceDataType.MONTH),
                List.copyOf(DeviceDataType.fromValue("Hour, Day, Month").flags()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2026-01-13T10:00:00+03:00,          2026-01-13T10:00,              +03:00",
            "2026-01-13T10:00:00Z,               2026-01-13T10:00,              Z",
            "2026-01-13T10:00:00,                2026-01-13T10:00,              ''",
            "2026-01-13T10:00:00.1,              2026-01-13T10:00:00.1,         ''",
            "2026-01-13T10:00:00.12+05:00,       2026-01-13T10:00:00.12,        +05:00",
            "2026-01-13T10:00:00.123,            2026-01-13T10:00:00.123,       ''",
            "2026-01-13T10:00:00.1234Z,          2026-01-13T10:00:00.1234,      Z",
            "2026-01-13T10:00:00.12345-02:30,    2026-01-13T10:00:00.12345,     -02:30",
            "2026-01-13T10:00:00.123456,         2026-01-13T10:00:00.123456,    ''",
            "2026-01-13T10:00:00.1234567,        2026-01-13T10:00:00.1234567,   ''",
            "2026-01-13T10:00:00.1234567+03:00,  2026-01-13T10:00:00.1234567,   +03:00",
            "0001-01-01T00:00:00,                0001-01-01T00:00,              ''",
            "2026-01-13,                         2026-01-13T00:00,              ''",
    })
    void dateTimesParseWithOrWithoutOffsetAndUpToSevenFractionDigits(String sent, String local, String offset) {
        GetMeasurePointConsumptionResponse c = consumptionAnswering(
                "{\"dayConsumption\":[{\"dateTime\":\"" + sent + "\",\"values\":[]}]}");
        LersDateTime parsed = c.getDayConsumption().get(0).getDateTime();
        // the wall-clock time is exactly what the server wrote, whatever the offset
        assertEquals(LocalDateTime.parse(local), parsed.toLocalDateTime());
        if (offset.isEmpty()) {
            assertFalse(parsed.hasOffset(), "no offset was sent, none may be invented");
            assertEquals(LocalDateTime.parse(local).atOffset(ZoneOffset.ofHours(7)), parsed.atOffsetIfAbsent(ZoneOffset.ofHours(7)));
        } else {
            assertEquals(ZoneOffset.of(offset), parsed.offset().orElseThrow());
            assertEquals(LocalDateTime.parse(local).atOffset(ZoneOffset.of(offset)), parsed.atOffsetIfAbsent(ZoneOffset.ofHours(7)));
        }
    }

    @Test
    void pathDatesGoOutAsLocalSecondsFromLocalDateAndLocalDateTime() throws Exception {
        respondJson("{}");
        new MeasurePointConsumptionApi(client)
                .getConsumption(39, LersDateTime.of(LocalDate.of(2026, 1, 13)), LersDateTime.of(LocalDateTime.of(2026, 1, 19, 23, 30)))
                .execute();
        RecordedRequest r = recorded();
        assertEquals(List.of("api", "v1", "Data", "MeasurePoints", "39", "Consumption", "2026-01-13T00:00:00", "2026-01-19T23:30:00"),
                r.getUrl().pathSegments());
    }

    @Test
    void nullsAndMissingFieldsTheDocumentCallsRequiredAreRead() {
        respondJson("""
                {"measurePoints":[{"id":7,"title":null,"systemType":null,"values":null}, {}]}""");
        List<MeasurePoint> points = new MeasurePointsApi(client).getMeasurePoints().execute().getMeasurePoints();
        assertEquals(7, points.get(0).getId());
        assertNull(points.get(0).getTitle());
        assertNull(points.get(0).getFullTitle());
        assertNull(points.get(0).getSystemType());
        assertNull(points.get(1).getId());
    }

    @Test
    void aValueOfTheWrongJsonTypeFailsAsAJsonParseExceptionNamingThePlace() {
        JsonParseException e = assertThrows(JsonParseException.class,
                () -> consumptionAnswering("{\"dayConsumption\":[{\"dateTime\":\"yesterday\"}]}"));
        assertTrue(e.getMessage().contains("yesterday"), e.getMessage());
        assertTrue(e.getMessage().contains("$.dayConsumption[0].dateTime"), e.getMessage());
        assertThrows(JsonParseException.class, () -> consumptionAnswering("{\"dayConsumption\":{\"x\":1}}"));
        assertThrows(JsonParseException.class, () -> consumptionAnswering("<html>502 Bad Gateway</html>"));
    }

    @Test
    void enumValuesSurviveAJsonRoundTrip() {
        DataParameterValue v = new DataParameterValue().dataParameter(DataParameter.fromValue("Brand_New")).value(1.0);
        DataParameterValue back = JSON.getGson().fromJson(JSON.serialize(v), DataParameterValue.class);
        assertEquals("Brand_New", back.getDataParameter().getValue());
        assertEquals(v, back);
    }
}
