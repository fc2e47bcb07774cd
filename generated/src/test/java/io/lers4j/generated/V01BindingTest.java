package io.lers4j.generated;

import io.lers4j.invoker.JSON;
import io.lers4j.v01.api.EquipmentApi;
import io.lers4j.v01.api.ManualPollApi;
import io.lers4j.v01.model.ConsumptionRecordAttributes;
import io.lers4j.v01.model.DeviceDataType;
import io.lers4j.v01.model.MeasurePointDataConsumptionRecord;
import io.lers4j.v01.model.MonthConsumption;
import io.lers4j.v01.model.PollArchiveRequestParameters;
import io.lers4j.v01.model.PollManualStartMode;
import io.lers4j.v01.model.PollSession;
import io.lers4j.types.LersDateTime;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The v0.1 classes read what 2020-era servers send, with the same tolerant binding as v1's, and send what they should. */
class V01BindingTest extends WireTestSupport {

    @Test
    void aRecordOfThe2020ShapeKeepsItsFlagsAndParameters() {
        MeasurePointDataConsumptionRecord r = JSON.deserialize("{\"dateTime\":\"2026-01-13T10:00:00.1234567\","
                + "\"attributes\":\"CalculatedByDeviceTotals, SomethingNew\",\"unknownField\":[1,2],"
                + "\"dataParameters\":[{\"dataParameter\":\"Q_in\",\"value\":0.125,\"isBad\":null}]}",
                MeasurePointDataConsumptionRecord.class);
        assertEquals(LocalDateTime.of(2026, 1, 13, 10, 0, 0, 123_456_700), r.getDateTime().toLocalDateTime());
        assertFalse(r.getDateTime().hasOffset());
        Set<ConsumptionRecordAttributes> flags = r.getAttributes().flags();
        assertTrue(flags.contains(ConsumptionRecordAttributes.CALCULATED_BY_DEVICE_TOTALS), flags.toString());
        assertTrue(flags.stream().anyMatch(f -> f.getValue().equals("SomethingNew") && !f.isKnown()), flags.toString());
        assertEquals("CalculatedByDeviceTotals, SomethingNew", r.getAttributes().getValue(), "kept whole");
        assertEquals(0.125, r.getDataParameters().get(0).getValue());
    }

    @Test
    void aPollSessionWithAnUnknownResultCodeKeepsIt() {
        PollSession s = JSON.deserialize("{\"id\":175092,\"resultCode\":\"NEW_ERROR\",\"endDateTime\":null,"
                + "\"startDateTime\":\"2024-08-27T10:00:00+03:00\",\"taskType\":\"Manual\"}", PollSession.class);
        assertEquals("NEW_ERROR", s.getResultCode().getValue());
        assertFalse(s.getResultCode().isKnown());
        assertNull(s.getEndDateTime());
    }

    @Test
    void openModelsKeepMembersTheyDoNotDeclareAndWriteThemBack() {
        MonthConsumption m = JSON.deserialize("{\"January\":1.5,\"Thirteenth\":2.5,\"Extra\":{\"a\":[1]}}", MonthConsumption.class);
        assertEquals(1.5f, m.getJanuary());
        assertEquals(2.5, m.getAdditionalProperty("Thirteenth"));
        assertTrue(m.getAdditionalProperty("Extra") instanceof java.util.Map, String.valueOf(m.getAdditionalProperty("Extra")));
        assertNull(m.getAdditionalProperty("January"), "declared members are not doubled");
        String written = JSON.serialize(m);
        assertTrue(written.contains("\"January\":1.5") && written.contains("\"Thirteenth\":2.5")
                && written.contains("\"Extra\":{\"a\":[1.0]}"), written);
        assertFalse(written.contains("additionalProperties"), written);
    }

    @Test
    void anArchivePollSendsItsPeriodAndBody() throws Exception {
        respondJson("{\"pollSessionId\":175091,\"pollTaskId\":3321,\"result\":\"Success\"}");
        var answer = new ManualPollApi(client).pollArchive(LersDateTime.of(LocalDateTime.of(2026, 1, 19, 0, 0)),
                LersDateTime.of(LocalDateTime.of(2026, 1, 20, 0, 0))).body(new PollArchiveRequestParameters()
                .requestedDataMask(DeviceDataType.HOUR).absentDataOnly(true).measurePoints(List.of(743))
                .startMode(PollManualStartMode.NORMAL)).execute();
        assertEquals(175091, answer.getPollSessionId());
        assertEquals("Success", answer.getResult().getValue());
        RecordedRequest r = recorded();
        assertEquals("POST", r.getMethod());
        assertEquals("/api/v0.1/Poll/ManualPoll/Archive/2026-01-19T00%3A00%3A00/2026-01-20T00%3A00%3A00", r.getUrl().encodedPath(),
                "the stock escaping; lers4j's client keeps the colons");
        assertTrue(r.getHeaders().get("Content-Type").startsWith("application/json"), r.getHeaders().get("Content-Type"));
        assertJsonBody("{\"requestedDataMask\":\"Hour\",\"absentDataOnly\":true,\"measurePoints\":[743],\"startMode\":\"Normal\"}", r);
    }

    @Test
    void aListReadByPutSendsTheIdsInItsBody() throws Exception {
        respondJson("{\"list\":[]}");
        new EquipmentApi(client).putGetEquipmentList().body(List.of(90, 91)).execute();
        RecordedRequest r = recorded();
        assertEquals("PUT", r.getMethod());
        assertEquals("/api/v0.1/Core/Equipment/Get", r.getUrl().encodedPath());
        assertJsonBody("[90,91]", r);
    }
}
