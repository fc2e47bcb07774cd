package io.lers4j.tools;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The step that wrote api-spec/lers-v0.1.swagger.json from the facts of the vendor's v0.1 client, and its result. */
class SpecFromFactsTest {

    private static JsonObject sample() throws Exception {
        return JsonParser.parseString(Files.readString(TestFiles.resource("facts-sample.json"), StandardCharsets.UTF_8))
                .getAsJsonObject();
    }

    private static JsonObject op(JsonObject doc, String path, String method) {
        return doc.getAsJsonObject("paths").getAsJsonObject(path).getAsJsonObject(method);
    }

    @Test
    void operationsFollowTheServersConventions() throws Exception {
        JsonObject doc = new SpecFromFacts(sample()).document("v0.1");
        assertEquals("2.0", doc.get("swagger").getAsString());
        assertEquals("v0.1", doc.getAsJsonObject("info").get("version").getAsString());

        JsonObject get = op(doc, "/api/v0.1/Core/Equipment/{id}", "get");
        assertEquals("[\"Equipment\"]", get.get("tags").toString());
        assertFalse(get.has("consumes"), "no body, no consumes");
        assertEquals(SpecFromFacts.PRODUCES, List.of(strings(get.getAsJsonArray("produces"))));
        assertEquals("#/definitions/Equipment", get.getAsJsonObject("responses").getAsJsonObject("200")
                .getAsJsonObject("schema").get("$ref").getAsString());
        assertEquals("[{\"Bearer\":[]}]", get.get("security").toString());
        JsonObject id = get.getAsJsonArray("parameters").get(0).getAsJsonObject();
        assertEquals("{\"in\":\"path\",\"name\":\"id\",\"required\":true,\"type\":\"integer\",\"format\":\"int32\"}", id.toString());
        JsonObject flag = get.getAsJsonArray("parameters").get(1).getAsJsonObject();
        assertFalse(flag.has("required"), "optional query parameters are not required");

        // a Put_ operation belongs to the controller of its path; its body and array query as the server has them
        JsonObject put = op(doc, "/api/v0.1/Core/Equipment/Get", "put");
        assertEquals("[\"Equipment\"]", put.get("tags").toString());
        assertEquals("Put_GetEquipmentList", put.get("operationId").getAsString());
        assertEquals(SpecFromFacts.CONSUMES, List.of(strings(put.getAsJsonArray("consumes"))));
        JsonObject kinds = put.getAsJsonArray("parameters").get(0).getAsJsonObject();
        assertEquals("multi", kinds.get("collectionFormat").getAsString());
        assertEquals("[\"None\",\"Meter\",\"Modem\"]", kinds.getAsJsonObject("items").get("enum").toString());
        JsonObject body = put.getAsJsonArray("parameters").get(1).getAsJsonObject();
        assertEquals("{\"in\":\"body\",\"name\":\"body\",\"required\":true,\"schema\":{\"type\":\"array\",\"items\":{\"type\":\"integer\",\"format\":\"int32\"}}}",
                body.toString());

        JsonObject delete = op(doc, "/api/v0.1/Core/Equipment/{id}", "delete");
        assertFalse(delete.has("produces"), "an operation without an answer has no produces");
        assertEquals(Set.of("200", "401", "403"), delete.getAsJsonObject("responses").keySet());

        JsonObject download = op(doc, "/api/v0.1/Downloads/{downloadKey}/{fileName}", "get");
        assertNull(download.get("security"), "anonymous operations carry no security");
        assertEquals(Set.of("200"), download.getAsJsonObject("responses").keySet());
        assertEquals("{\"in\":\"query\",\"name\":\"kind\",\"required\":true,\"type\":\"string\",\"enum\":[\"None\",\"Meter\",\"Modem\"]}",
                download.getAsJsonArray("parameters").get(2).toString());
    }

    @Test
    void modelsCarryNullabilityLimitsAndExtensionData() throws Exception {
        JsonObject defs = new SpecFromFacts(sample()).document("v0.1").getAsJsonObject("definitions");
        assertEquals(Set.of("Equipment", "EquipmentKind", "Limit"), defs.keySet());
        JsonObject equipment = defs.getAsJsonObject("Equipment");
        assertEquals("[\"title\"]", equipment.get("required").toString());
        JsonObject p = equipment.getAsJsonObject("properties");
        assertEquals("{\"type\":\"string\",\"maxLength\":100}", p.get("title").toString());
        assertEquals("{\"$ref\":\"#/definitions/EquipmentKind\"}", p.get("kind").toString());
        assertEquals("{\"type\":\"string\",\"format\":\"date-time\",\"x-nullable\":true}", p.get("serviceDate").toString());
        assertEquals("{\"type\":\"object\",\"additionalProperties\":{\"$ref\":\"#/definitions/Limit\"},\"x-nullable\":true}",
                p.get("limits").toString());
        assertEquals("{\"type\":\"string\",\"format\":\"byte\"}", p.get("key").toString());
        assertEquals("{}", defs.getAsJsonObject("Limit").get("additionalProperties").toString());
        assertEquals("{\"type\":\"number\",\"format\":\"double\",\"minimum\":0}",
                defs.getAsJsonObject("Limit").getAsJsonObject("properties").get("value").toString());
        assertEquals("{\"enum\":[\"None\",\"Meter\",\"Modem\"],\"type\":\"string\"}", defs.get("EquipmentKind").toString());
    }

    @Test
    void theWrittenFormIsValidAndStable() throws Exception {
        String text = SpecFromFacts.write(new SpecFromFacts(sample()).document("v0.1"), "facts-sample.json");
        SpecDocument checked = SpecDocument.parse(text, "sample");
        assertEquals(4, checked.operationCount());
        assertEquals(text, checked.stableText(), "written in the form the fetch tool writes");
    }

    @Test
    void unknownTypesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SpecFromFacts.schema("decimal"));
        assertEquals("{\"type\":\"string\",\"format\":\"uuid\"}", SpecFromFacts.schema("string(uuid)").toString());
    }

    @Test
    void summariesAreMadeFromTheName() {
        assertEquals("Lists account groups.", SpecFromFacts.summary("AccountGroups_GetList", "AccountGroups"));
        assertEquals("Measure point totals: delete totals.", SpecFromFacts.summary("Put_DeleteTotals", "MeasurePointTotals"));
        assertEquals("Starts a manual poll of archives for a period; answers with the poll session.",
                SpecFromFacts.summary("ManualPoll_PollArchive", "ManualPoll"));
        assertEquals(List.of("Export", "XML80020", "Data"), SpecFromFacts.splitWords("ExportXML80020Data"));
    }

    /** The repository's v0.1 document: every operation and schema of the facts, with the conventions above. */
    @Test
    void theRepositorysV01Document() throws Exception {
        java.nio.file.Path file = TestFiles.repo().resolve("api-spec/lers-v0.1.swagger.json");
        String text = Files.readString(file, StandardCharsets.UTF_8);
        SpecDocument checked = SpecDocument.parse(text, file.toString());
        assertEquals(363, checked.operationCount());
        assertEquals(text, checked.stableText(), "kept in the stable form");
        JsonObject doc = JsonParser.parseString(text).getAsJsonObject();
        assertEquals(472, doc.getAsJsonObject("definitions").size());
        Set<String> anonymous = new TreeSet<>();
        Set<String> ids = new TreeSet<>();
        int withBody = 0;
        for (var path : doc.getAsJsonObject("paths").entrySet()) {
            assertTrue(path.getKey().startsWith("/api/v0.1/"), path.getKey());
            for (var method : path.getValue().getAsJsonObject().entrySet()) {
                JsonObject o = method.getValue().getAsJsonObject();
                assertTrue(ids.add(o.get("operationId").getAsString()), "unique operationIds");
                JsonObject responses = o.getAsJsonObject("responses");
                assertFalse(responses.has("422"), "v0.1 declares no 422");
                if (!o.has("security")) {
                    anonymous.add(o.get("operationId").getAsString());
                    assertFalse(responses.has("401"));
                } else {
                    assertTrue(responses.has("401") && responses.has("403"), o.get("operationId").getAsString());
                }
                if (o.has("consumes")) {
                    withBody++;
                    assertEquals("application/json-patch+json", o.getAsJsonArray("consumes").get(0).getAsString());
                }
                if (o.has("produces")) {
                    assertEquals("text/plain", o.getAsJsonArray("produces").get(0).getAsString());
                }
                assertFalse(o.getAsJsonArray("tags").get(0).getAsString().equals("Put"), "Put_ operations have their controller's tag");
            }
        }
        assertEquals(119, withBody);
        assertEquals(Set.of("Descriptors_GetListForDataParameters", "Descriptors_GetListForEnums", "Downloads_Download",
                "LoginRecovery_CheckToken", "LoginRecovery_RecoverPassword", "LoginRecovery_RequestRecovery",
                "Login_LoginPlain", "WebDocumentViewer_GetLocalization", "WebDocumentViewer_GetLocalizationForLanguage"),
                anonymous);
    }

    private static String[] strings(JsonArray array) {
        String[] out = new String[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).getAsString();
        }
        return out;
    }
}
