package io.lers4j.tools;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecDocumentTest {

    /** Paths and types in the server's (here: reverse) order, non-ASCII text, an HTML-ish string and a null. */
    static final String UNSORTED = "{\"swagger\":\"2.0\",\"info\":{\"title\":\"ЛЭРС УЧЁТ\",\"version\":\"v1\"},"
            + "\"paths\":{\"/b\":{\"get\":{\"operationId\":\"B_Get\",\"responses\":{\"200\":{\"description\":\"OK\"}}}},"
            + "\"/a\":{\"get\":{\"operationId\":\"A_Get\",\"responses\":{\"200\":{\"description\":\"<ok> & fine\","
            + "\"schema\":{\"$ref\":\"#/definitions/Zeta\"}}}}}},"
            + "\"definitions\":{\"Zeta\":{\"type\":\"object\",\"properties\":{\"z\":{\"type\":\"string\"},"
            + "\"a\":{\"type\":\"number\",\"maximum\":1.50}}},\"Alpha\":{\"type\":\"string\",\"enum\":[\"B\",\"A\"]}},"
            + "\"x-lers-note\":null}";

    /** The stable form: only paths and definitions are sorted; everything else keeps its order. */
    static final String STABLE = """
            {
              "swagger": "2.0",
              "info": {
                "title": "ЛЭРС УЧЁТ",
                "version": "v1"
              },
              "paths": {
                "/a": {
                  "get": {
                    "operationId": "A_Get",
                    "responses": {
                      "200": {
                        "description": "<ok> & fine",
                        "schema": {
                          "$ref": "#/definitions/Zeta"
                        }
                      }
                    }
                  }
                },
                "/b": {
                  "get": {
                    "operationId": "B_Get",
                    "responses": {
                      "200": {
                        "description": "OK"
                      }
                    }
                  }
                }
              },
              "definitions": {
                "Alpha": {
                  "type": "string",
                  "enum": [
                    "B",
                    "A"
                  ]
                },
                "Zeta": {
                  "type": "object",
                  "properties": {
                    "z": {
                      "type": "string"
                    },
                    "a": {
                      "type": "number",
                      "maximum": 1.50
                    }
                  }
                }
              },
              "x-lers-note": null
            }
            """;

    @Test
    void writesTheStableForm() throws Exception {
        SpecDocument doc = SpecDocument.parse(UNSORTED, "server");
        assertEquals(STABLE, doc.stableText());
        assertEquals("Swagger 2.0", doc.kind());
        assertEquals(2, doc.operationCount());
        // the stable form is a fixed point
        assertEquals(STABLE, SpecDocument.parse(STABLE, "file").stableText());
    }

    @Test
    void sortsTheSchemasOfOpenApi3() throws Exception {
        String text = "{\"openapi\":\"3.0.1\",\"info\":{\"title\":\"t\",\"version\":\"v1\"},"
                + "\"paths\":{\"/x\":{\"get\":{\"responses\":{\"200\":{\"description\":\"OK\"}}}}},"
                + "\"components\":{\"securitySchemes\":{\"Z\":{\"type\":\"http\",\"scheme\":\"bearer\"},"
                + "\"A\":{\"type\":\"http\",\"scheme\":\"basic\"}},"
                + "\"schemas\":{\"B\":{\"type\":\"string\"},\"A\":{\"type\":\"integer\"}}}}";
        String stable = SpecDocument.parse(text, "server").stableText();
        assertTrue(stable.indexOf("\"A\": {\n        \"type\": \"integer\"") < stable.indexOf("\"B\": {"), stable);
        // securitySchemes is not a type list: the server's order stays
        assertTrue(stable.indexOf("\"Z\": {") < stable.indexOf("\"A\": {\n        \"type\": \"http\""), stable);
        assertEquals("OpenAPI 3.0.1", SpecDocument.parse(text, "server").kind());
    }

    @Test
    void theRepositoryDocumentsAreValid() throws Exception {
        assertEquals(38, SpecDocument.read(TestFiles.currentSpec()).operationCount());
        assertEquals(15, TestFiles.doc("lers-v1-2020.swagger.json").operationCount());
    }

    @Test
    void rejectsAnHtmlPage() {
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> SpecDocument.parse(
                "<!DOCTYPE html><html><body>Вход в систему</body></html>", "http://lers/api/swagger/v1/swagger.json"));
        assertTrue(e.getMessage().startsWith("http://lers/api/swagger/v1/swagger.json is not JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("it starts with: <!DOCTYPE html>"), e.getMessage());
    }

    @Test
    void rejectsTruncatedJson() {
        String cut = STABLE.substring(0, STABLE.length() / 2);
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> SpecDocument.parse(cut, "server"));
        assertTrue(e.getMessage().startsWith("server is not JSON"), e.getMessage());
    }

    @Test
    void rejectsJsonThatIsNotAnApiDocument() {
        assertEquals("server is not a JSON object (it starts with: [1, 2])",
                assertThrows(InvalidSpecException.class, () -> SpecDocument.parse("[1, 2]", "server")).getMessage());
        assertTrue(assertThrows(InvalidSpecException.class, () -> SpecDocument.parse(
                "{\"swagger\":\"1.2\",\"paths\":{\"/a\":{}}}", "server")).getMessage()
                .contains("neither Swagger 2.0 nor OpenAPI 3"));
    }

    @Test
    void rejectsADocumentWithoutPaths() {
        String empty = "{\"swagger\":\"2.0\",\"info\":{\"title\":\"t\",\"version\":\"v1\"},\"paths\":{}}";
        assertEquals("server has no paths: the server published an empty API",
                assertThrows(InvalidSpecException.class, () -> SpecDocument.parse(empty, "server")).getMessage());
    }

    @Test
    void rejectsWhatSwaggerParserReports() {
        // JSON with the Swagger marker, but no info and an operation without responses: the generator, which
        // validates, would stop on it after the good document had been replaced
        String broken = UNSORTED.replace("\"info\":{\"title\":\"ЛЭРС УЧЁТ\",\"version\":\"v1\"},", "")
                .replace(",\"responses\":{\"200\":{\"description\":\"OK\"}}", "");
        InvalidSpecException e = assertThrows(InvalidSpecException.class, () -> SpecDocument.parse(broken, "server"));
        assertEquals("server is not a valid Swagger 2.0 document\n  attribute info is missing\n"
                + "  attribute paths.'/b'(get).responses.responses is missing", e.getMessage());
    }
}
