package io.lers4j;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import io.lers4j.model.DataParameter;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.EntityOperationType;
import io.lers4j.v01.model.EntityType;
import io.lers4j.v01.model.Operation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SignalR JSON protocol pieces and the payloads, without a network. */
class HubProtocolTest {

    private static final char RS = HubProtocol.RECORD_SEPARATOR;

    static final String CURRENT_2022 = "{\"measurePointId\":1002,\"consumption\":{\"dateTime\":\"2026-01-20T12:00:00\","
            + "\"resourceKind\":\"Heat\",\"values\":[{\"dataParameter\":\"T_in\",\"value\":71.5},"
            + "{\"dataParameter\":\"P_in\",\"value\":6.1,\"isBad\":true}],\"attributes\":[\"ExternalData\"],\"newField\":1}}";
    static final String CURRENT_2020 = "{\"measurePointId\":1003,\"consumption\":{\"dateTime\":\"2020-03-01T08:30:00\","
            + "\"dataParameters\":[{\"dataParameter\":\"T_in\",\"value\":65.25,\"isCalc\":true}],"
            + "\"attributes\":\"IncompleteData, ExternalData\"}}";

    @Test
    void severalRecordsInOneMessageAndOneSplitOverTwo() {
        HubProtocol.RecordReader reader = new HubProtocol.RecordReader(1000);
        assertEquals(List.of("{\"type\":6}", "{\"a\":1}"), reader.feed("{\"type\":6}" + RS + "{\"a\":1}" + RS + "{\"b\""));
        assertTrue(reader.hasPartial());
        assertEquals(List.of(), reader.feed(":2"));
        assertEquals(List.of("{\"b\":2}", "{}"), reader.feed("}" + RS + RS + " " + RS + "{}" + RS));
        assertFalse(reader.hasPartial());
    }

    @Test
    void aRecordLongerThanTheLimitIsRefusedInOneMessageOrAcrossMany() {
        HubProtocol.RecordReader reader = new HubProtocol.RecordReader(10);
        LersHubException one = assertThrows(LersHubException.class, () -> reader.feed("{\"x\":\"0123456789\"}" + RS));
        assertTrue(one.getMessage().contains("more than 10 characters"), one.getMessage());
        HubProtocol.RecordReader growing = new HubProtocol.RecordReader(10);
        growing.feed("{\"x\":");
        assertThrows(LersHubException.class, () -> growing.feed("\"0123456789"));
        assertFalse(growing.hasPartial(), "the tail is not kept after the refusal");
    }

    @Test
    void writesTheHandshakePingAndInvocationsAsTheProtocolSpells() {
        assertEquals("{\"protocol\":\"json\",\"version\":1}\u001e", HubProtocol.HANDSHAKE);
        assertEquals("{\"type\":6}\u001e", HubProtocol.PING_RECORD);
        JsonArray args = new JsonArray();
        args.add("SAVE_CURRENT_DATA");
        args.add("PollSession");
        args.add(175091);
        assertEquals("{\"type\":1,\"invocationId\":\"1\",\"target\":\"Subscribe\",\"arguments\":[\"SAVE_CURRENT_DATA\","
                + "\"PollSession\",175091]}\u001e", HubProtocol.invocation("1", "Subscribe", args));
    }

    @Test
    void readsCompletionsClosesAndPingsAndNothingElse() {
        HubProtocol.Message completion = HubProtocol.parse("{\"type\":3,\"invocationId\":\"7\",\"error\":\"no such method\"}");
        assertEquals(HubProtocol.COMPLETION, completion.type);
        assertEquals("7", completion.invocationId);
        assertEquals("no such method", completion.error);
        HubProtocol.Message close = HubProtocol.parse("{\"type\":7,\"error\":\"Server shutting down\",\"allowReconnect\":true}");
        assertEquals(HubProtocol.CLOSE, close.type);
        assertTrue(close.allowReconnect);
        assertFalse(HubProtocol.parse("{\"type\":7}").allowReconnect, "absent allowReconnect: no reconnect");
        assertFalse(HubProtocol.parse("{\"type\":7,\"allowReconnect\":\"true\"}").allowReconnect);
        assertEquals(HubProtocol.PING, HubProtocol.parse("{\"type\":6}").type);
        for (String junk : new String[]{"not json", "[1,2]", "{\"type\":\"x\"}", "{\"type\":1.5}", "{\"type\":1e99}",
                "{}", "{\"type\":" + "9".repeat(100_000) + "}", "[".repeat(100_000)}) {
            assertNull(HubProtocol.parse(junk), junk.length() > 40 ? junk.substring(0, 40) : junk);
        }
        assertNull(HubProtocol.handshakeError("{}"));
        assertNull(HubProtocol.handshakeError("{\"minorVersion\":0}"));
        assertEquals("Requested protocol 'json' is not available.",
                HubProtocol.handshakeError("{\"error\":\"Requested protocol 'json' is not available.\"}"));
        assertNotNull(HubProtocol.handshakeError("<html>"));
    }

    private static HubEvent event(String json) {
        return HubEvent.fromNotify(JsonParser.parseString(json).getAsJsonArray());
    }

    @Test
    void notifyArgumentsOfEveryShape() {
        HubEvent e = event("[\"SAVE_CURRENT_DATA\",{\"entityId\":175091,\"entityType\":\"PollSession\",\"jsonData\":\"{}\"}]");
        assertEquals(Operation.SAVE_CURRENT_DATA, e.operation());
        assertEquals(EntityType.POLL_SESSION, e.entityType());
        assertEquals(175091, e.entityId());
        assertEquals("{}", e.jsonData());

        HubEvent numbers = event("[8,{\"entityId\":5,\"entityType\":4}]");
        assertEquals("8", numbers.operation().getValue(), "enum numbers are kept, not mapped");
        assertFalse(numbers.operation().isKnown());
        assertEquals("4", numbers.entityType().getValue());
        assertNull(numbers.jsonData());

        HubEvent bare = event("[\"NOTIFY_LICENSE_CHANGED\"]");
        assertEquals(EntityType.EMPTY, bare.entityType());
        assertEquals(0, bare.entityId());
        assertEquals(0, event("[\"X\",{\"entityId\":99999999999}]").entityId());
        assertEquals(0, event("[\"X\",{\"entityId\":\"12\"}]").entityId());
        assertEquals("{\"a\":1}", event("[\"X\",{\"jsonData\":{\"a\":1}}]").jsonData(), "an object instead of a string is kept");

        assertNull(event("[]"));
        assertNull(event("[{\"a\":1}]"));
        assertNull(event("[\"X\",[1]]"));
    }

    @Test
    void currentDataOfBothRecordShapesReadsAsMeterRecords() {
        SavedCurrentData d2022 = event(notifyArgs("SAVE_CURRENT_DATA", CURRENT_2022)).savedCurrentData().orElseThrow();
        assertEquals(1002, d2022.measurePointId());
        assertEquals(DeviceDataType.CURRENT, d2022.record().dataType());
        assertEquals(71.5, d2022.record().value(DataParameter.T_IN).getAsDouble());
        assertTrue(d2022.record().parameter(DataParameter.P_IN).orElseThrow().isBad());
        assertEquals(List.of("ExternalData"), d2022.record().attributes());
        assertEquals("2026-01-20T12:00", d2022.record().dateTime().toLocalDateTime().toString());

        SavedCurrentData d2020 = event(notifyArgs("SAVE_CURRENT_DATA", CURRENT_2020)).savedCurrentData().orElseThrow();
        assertEquals(1003, d2020.measurePointId());
        assertEquals(65.25, d2020.record().value(DataParameter.T_IN).getAsDouble());
        assertTrue(d2020.record().parameter(DataParameter.T_IN).orElseThrow().isCalculated());
        assertEquals(List.of("IncompleteData", "ExternalData"), d2020.record().attributes());
    }

    @Test
    void entityChangesAndDevicesOnlineAreTypedAndEveryOtherPayloadStaysRaw() {
        HubEvent changed = event(notifyArgs("ENTITY_CHANGED", "{\"entityType\":\"MeasurePoint\",\"entityId\":1002,"
                + "\"operation\":\"Updated\",\"entity\":\"{\\\"id\\\":1002}\",\"unknown\":[1]}"));
        assertEquals(EntityOperationType.UPDATED, changed.entityChanged().orElseThrow().getOperation());
        assertEquals("{\"id\":1002}", changed.entityChanged().orElseThrow().getEntity());
        assertTrue(changed.savedCurrentData().isEmpty(), "a view of another operation is empty");

        HubEvent online = event(notifyArgs("DEVICE_ONLINE_CHANGED", "{\"equipmentId\":55,\"isOnline\":true}"));
        assertEquals(55, online.deviceOnlineChanged().orElseThrow().getEquipmentId());
        assertTrue(online.deviceOnlineChanged().orElseThrow().getIsOnline());

        HubEvent log = event(notifyArgs("NOTIFY_POLL_LOG_MESSAGE", "{\"message\":\"Опрос начат\"}"));
        assertEquals("{\"message\":\"Опрос начат\"}", log.jsonData());
        assertTrue(log.savedCurrentData().isEmpty() && log.entityChanged().isEmpty() && log.deviceOnlineChanged().isEmpty());
    }

    @Test
    void aPayloadThatDoesNotReadLeavesTheRawEventAndEmptyViews() {
        String[] broken = {"{\"measurePointId\":1002,\"consumption\":", "[1,2]", "null", "\"text\"", "{not json",
                "{\"measurePointId\":\"x\",\"consumption\":{}}", "{\"measurePointId\":1002}",
                "{\"measurePointId\":1002,\"consumption\":{\"values\":[{\"value\":\"" + "9".repeat(20_000) + "\"}]}}",
                "{\"measurePointId\":1002,\"consumption\":{\"dateTime\":\"yesterday\"}}", "[".repeat(50_000)};
        for (String payload : broken) {
            HubEvent e = event(notifyArgs("SAVE_CURRENT_DATA", payload));
            assertTrue(e.savedCurrentData().isEmpty(), payload.length() > 40 ? payload.substring(0, 40) : payload);
            assertEquals(payload, e.jsonData());
            if (!payload.startsWith("{")) { // any object reads as these models, whose members are all optional
                assertTrue(event(notifyArgs("ENTITY_CHANGED", payload)).entityChanged().isEmpty(), payload);
                assertTrue(event(notifyArgs("DEVICE_ONLINE_CHANGED", payload)).deviceOnlineChanged().isEmpty(), payload);
            }
        }
    }

    private static String notifyArgs(String operation, String jsonData) {
        JsonArray args = new JsonArray();
        args.add(operation);
        com.google.gson.JsonObject p = new com.google.gson.JsonObject();
        p.addProperty("entityId", 1);
        p.addProperty("entityType", "PollSession");
        p.addProperty("jsonData", jsonData);
        args.add(p);
        return args.toString();
    }
}
