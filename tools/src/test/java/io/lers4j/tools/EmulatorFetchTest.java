package io.lers4j.tools;

import io.lers4j.emulator.LersEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code fetch} against lers4j's LERS emulator, which logs in like LERS and serves the repository's document. */
class EmulatorFetchTest {

    @TempDir
    Path dir;

    @Test
    void fetchesTheDocumentTheEmulatorServes() throws Exception {
        try (LersEmulator lers = LersEmulator.start()) {
            Path out = dir.resolve("lers-v1.swagger.json");
            SpecToolTest.Result first = SpecToolTest.run(Map.of(), "fetch", "--url", lers.baseUrl(),
                    "--login", LersEmulator.DEFAULT_LOGIN, "--password", LersEmulator.DEFAULT_PASSWORD,
                    "--out", out.toString());
            assertEquals(SpecTool.OK, first.code(), first::toString);
            assertTrue(first.out().contains("Swagger 2.0, 38 operations"), first::toString);
            assertEquals(1, lers.requestCount("POST", "/api/v1/Login"), "logged in once");
            String current = TestFiles.text(TestFiles.currentSpec());
            assertEquals(SpecDocument.parse(current, "repository").stableText(), Files.readString(out));

            // against the repository's own file: the same API, only its missing final newline differs
            Path repositoryCopy = dir.resolve("repository-copy.json");
            Files.writeString(repositoryCopy, current);
            SpecToolTest.Result second = SpecToolTest.run(Map.of("LERS_URL", lers.baseUrl(),
                            "LERS_LOGIN", LersEmulator.DEFAULT_LOGIN, "LERS_PASSWORD", LersEmulator.DEFAULT_PASSWORD),
                    "fetch", "--out", repositoryCopy.toString());
            assertEquals(SpecTool.OK, second.code(), second::toString);
            assertTrue(second.out().contains(current.endsWith("\n")
                    ? "No changes: " : "No API changes; only descriptions or the layout differ."), second::toString);
            assertEquals(Files.readString(out), Files.readString(repositoryCopy));
        }
    }
}
