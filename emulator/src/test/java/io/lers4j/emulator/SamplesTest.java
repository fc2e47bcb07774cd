package io.lers4j.emulator;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sample writer and the projection against the document's own schemas, without a server. */
class SamplesTest {

    private static DataView view() {
        Clock clock = Clock.fixed(TestSupport.NOW, ZoneOffset.UTC);
        Catalog catalog = new Catalog(7, 14, 4, LocalDate.of(2023, 1, 1), LocalDateTime.ofInstant(TestSupport.NOW,
                LersEmulator.SERVER_OFFSET));
        return new DataView(new Context(catalog, new State(), new Accounts(clock, Duration.ofHours(1)), clock));
    }

    @Test
    void everyAnswerSchemaOfTheV01DocumentHasAValidSampleWithEveryProperty() throws Exception {
        JsonObject document = EveryV01OperationTest.document();
        Samples samples = new Samples(ApiDocument.of(Api.V01), view());
        List<String> invalid = new ArrayList<>();
        int checked = 0;
        for (ApiDocument.Operation op : ApiDocument.of(Api.V01).operations()) {
            if (op.answerSchema != null) {
                List<String> v = SchemaCheck.violations(document, op.answerSchema, samples.of(op.answerSchema));
                if (!v.isEmpty()) {
                    invalid.add(op.id + " " + v);
                }
                checked++;
            }
        }
        assertTrue(invalid.isEmpty(), String.join("\n", invalid));
        assertEquals(218, checked);
    }

    @Test
    void samplesUseTheDataSetsIdsAndNotNoneForEnums() {
        DataView data = view();
        JsonObject job = new Samples(ApiDocument.of(Api.V01), data).of(V01Answers.ref("NodeJob")).getAsJsonObject();
        assertEquals(data.nodes.get(0).id, job.get("nodeId").getAsInt());
        assertEquals(data.points.get(0).id, job.get("measurePointId").getAsInt());
        assertEquals("Assigned", job.get("state").getAsString());
        JsonObject session = new Samples(ApiDocument.of(Api.V01), data).of(V01Answers.ref("PollSession")).getAsJsonObject();
        assertEquals("Direct", session.get("commLinkType").getAsString(), "the first value that is not None");
        assertEquals(Instant.parse("2026-03-15T10:30:00Z"),
                io.lers4j.types.LersDateTime.parse(session.get("startDateTime").getAsString()).toOffsetDateTime()
                        .orElseThrow().toInstant());
    }

    @Test
    void theProjectionKeepsWhatV01DeclaresAndFillsWhatV1Lacks() {
        DataView data = view();
        Samples samples = new Samples(ApiDocument.of(Api.V01), data);
        Projection projection = new Projection(samples);
        JsonObject v1 = new JsonObject();
        v1.addProperty("dateTime", "2026-03-01T00:00:00");
        com.google.gson.JsonArray attributes = new com.google.gson.JsonArray();
        attributes.add("ExternalData");
        attributes.add("IncompleteData");
        v1.add("attributes", attributes);
        v1.add("values", new com.google.gson.JsonArray());
        v1.addProperty("onlyInV1", 5);
        JsonObject v01 = projection.project(v1, V01Answers.ref("MeasurePointDataConsumptionRecord")).getAsJsonObject();
        assertEquals("ExternalData, IncompleteData", v01.get("attributes").getAsString());
        assertTrue(v01.has("dataParameters") && !v01.has("values") && !v01.has("onlyInV1"), v01.toString());
        assertFalse(v01.get("isEmpty").getAsBoolean(), "a bool never set is false");
        JsonElement none = projection.project(new com.google.gson.JsonArray(), V01Answers.ref("ConsumptionRecordAttributes"));
        assertEquals("None", none.getAsString());
    }
}
