package io.lers4j.codegen;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.parser.core.models.ParseOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpecNormalizerTest {

    private static final Path SPEC = Path.of("..", "api-spec", "lers-v1.swagger.json");

    private OpenAPI api;

    @BeforeEach
    void parseTheRealDocument() {
        assertTrue(Files.exists(SPEC), "api-spec document missing: " + SPEC.toAbsolutePath());
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        api = new OpenAPIParser().readLocation(SPEC.toString(), null, options).getOpenAPI();
    }

    private Operation op(String path, PathItem.HttpMethod method) {
        return api.getPaths().get(path).readOperationsMap().get(method);
    }

    private static String firstBodyType(Operation op) {
        return op.getRequestBody().getContent().keySet().iterator().next();
    }

    private static Parameter param(Operation op, String name) {
        return op.getParameters().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void plainBodiesMoveToApplicationJsonAndPatchBodiesKeepJsonPatch() {
        Operation login = op("/api/v1/Login", PathItem.HttpMethod.POST);
        Operation patchNode = op("/api/v1/Core/Nodes/{id}", PathItem.HttpMethod.PATCH);
        Operation putTotals = op("/api/v1/Data/MeasurePoints/{id}/Totals", PathItem.HttpMethod.PUT);
        // the document lists json-patch first for every body, as ASP.NET servers do
        assertEquals("application/json-patch+json", firstBodyType(login));
        assertEquals("application/json-patch+json", firstBodyType(putTotals));

        SpecNormalizer normalizer = new SpecNormalizer();
        normalizer.normalize(api);

        assertEquals("application/json", firstBodyType(login));
        assertEquals("application/json", firstBodyType(putTotals));
        assertEquals("application/json-patch+json", firstBodyType(patchNode));
        assertEquals(4, login.getRequestBody().getContent().size(), "no media type is lost");
        assertTrue(normalizer.changes().contains("POST /api/v1/Login: request body sent as application/json"));
    }

    @Test
    void inlineEnumParametersBecomeReferencesToTheNamedEnum() {
        new SpecNormalizer().normalize(api);
        Operation consumption = op("/api/v1/Data/MeasurePoints/{id}/Consumption/{start}/{end}", PathItem.HttpMethod.GET);
        assertEquals("#/components/schemas/DeviceDataType", param(consumption, "dataTypes").getSchema().getItems().get$ref());
        assertEquals("#/components/schemas/MeasurePointDataUnitsRequestType", param(consumption, "units").getSchema().get$ref());
        assertEquals("#/components/schemas/ElectricDataKind", param(consumption, "electricDataKind").getSchema().get$ref());
        Operation report = op("/api/v1/Reporting/Generate/ParameterSheet/{reportId}/{dataType}/{startDate}/{endDate}",
                PathItem.HttpMethod.POST);
        assertEquals("#/components/schemas/DeviceDataType", param(report, "dataType").getSchema().get$ref());
        // date-time path parameters are left alone: the generator maps them to LersDateTime
        assertEquals("date-time", param(consumption, "start").getSchema().getFormat());
    }

    @Test
    void requiredIsDroppedEverywhereSoServerNullsAreRead() {
        Schema<?> login = api.getComponents().getSchemas().get("AuthenticatePlainRequestParameters");
        assertEquals(java.util.Set.of("login", "password", "application"), java.util.Set.copyOf(login.getRequired()));
        new SpecNormalizer().normalize(api);
        for (Map.Entry<String, Schema> e : api.getComponents().getSchemas().entrySet()) {
            assertNull(e.getValue().getRequired(), e.getKey() + " still has required fields");
        }
    }

    @Test
    void closedObjectsAreOpenedAndNestedSchemasToo() {
        ObjectSchema inner = new ObjectSchema();
        inner.setAdditionalProperties(Boolean.FALSE);
        inner.setRequired(new ArrayList<>(List.of("a")));
        inner.addProperty("a", new StringSchema());
        ObjectSchema outer = new ObjectSchema();
        outer.setAdditionalProperties(Boolean.FALSE);
        outer.addProperty("inner", inner);
        outer.addProperty("list", new ArraySchema().items(inner));
        OpenAPI doc = new OpenAPI().components(new Components().addSchemas("Outer", outer));

        SpecNormalizer normalizer = new SpecNormalizer();
        normalizer.normalize(doc);

        assertNull(outer.getAdditionalProperties());
        assertNull(inner.getAdditionalProperties());
        assertNull(inner.getRequired());
        assertTrue(normalizer.changes().contains("Outer: unknown fields accepted"));
    }

    @Test
    void ambiguousEnumValuesAreResolvedByNameOrLeftInline() {
        List<String> states = List.of("NoData", "Normal", "Warning", "Error", "None");
        Map<String, Schema> components = api.getComponents().getSchemas();
        StringSchema inline = new StringSchema();
        inline.setEnum(new ArrayList<>(states));
        // NodeState and MeasurePointState carry the same values
        assertNull(SpecNormalizer.enumRefFor("state", inline, components));
        assertEquals("#/components/schemas/NodeState", SpecNormalizer.enumRefFor("nodeState", inline, components));
        StringSchema unknown = new StringSchema();
        unknown.setEnum(new ArrayList<>(List.of("Foo", "Bar")));
        assertNull(SpecNormalizer.enumRefFor("x", unknown, components));
    }

    @Test
    void aHandBuiltPatchWithoutJsonPatchTypeIsLeftAlone() {
        RequestBody body = new RequestBody().content(new Content()
                .addMediaType("text/json", new MediaType())
                .addMediaType("application/json", new MediaType()));
        Operation patch = new Operation().requestBody(body);
        QueryParameter q = new QueryParameter();
        q.setName("flag");
        q.setSchema(new Schema<>().type("boolean"));
        patch.addParametersItem(q);
        OpenAPI doc = new OpenAPI().paths(new Paths().addPathItem("/x", new PathItem().patch(patch)));
        new SpecNormalizer().normalize(doc);
        assertEquals("application/json", body.getContent().keySet().iterator().next());
    }
}
