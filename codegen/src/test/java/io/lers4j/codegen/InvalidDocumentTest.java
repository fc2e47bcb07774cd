package io.lers4j.codegen;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openapitools.codegen.SpecValidationException;
import org.openapitools.codegen.config.CodegenConfigurator;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With validation on, as in generated/pom.xml, a broken document stops generation: the build fails. */
class InvalidDocumentTest {

    private static CodegenConfigurator configurator(Path spec, Path out) {
        return new CodegenConfigurator()
                .setGeneratorName(LersJavaClientCodegen.NAME)
                .setLibrary("okhttp-gson")
                .setInputSpec(spec.toString())
                .setOutputDir(out.toString())
                .setValidateSpec(true);
    }

    @Test
    void duplicateOperationIdsAreRejected(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("dup.json");
        Files.writeString(spec, """
                {"swagger":"2.0","info":{"title":"t","version":"v1"},
                 "paths":{"/api/v1/A":{"get":{"operationId":"Nodes_GetNodes","responses":{"200":{"description":"ok"}}}},
                          "/api/v1/B":{"get":{"operationId":"Nodes_GetNodes","responses":{"200":{"description":"ok"}}}}}}""");
        SpecValidationException e = assertThrows(SpecValidationException.class,
                () -> configurator(spec, dir.resolve("out")).toClientOptInput());
        assertTrue(e.getMessage().toLowerCase().contains("operationid") || String.valueOf(e.getErrors()).contains("operationId"),
                e.getMessage() + " " + e.getErrors());
    }

    @Test
    void aDocumentWithoutInfoIsRejected(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("noinfo.json");
        Files.writeString(spec, """
                {"swagger":"2.0",
                 "paths":{"/api/v1/A":{"get":{"operationId":"A_Get","responses":{"200":{"description":"ok"}}}}}}""");
        SpecValidationException e = assertThrows(SpecValidationException.class,
                () -> configurator(spec, dir.resolve("out")).toClientOptInput());
        assertTrue(String.valueOf(e.getErrors()).contains("info"), String.valueOf(e.getErrors()));
    }

    @Test
    void theRealDocumentPasses(@TempDir Path dir) {
        configurator(Path.of("..", "api-spec", "lers-v1.swagger.json"), dir.resolve("out")).toClientOptInput();
    }
}
