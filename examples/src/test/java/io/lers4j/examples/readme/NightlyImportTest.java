package io.lers4j.examples.readme;

import io.lers4j.BulkRead;
import io.lers4j.LersClient;
import io.lers4j.emulator.LersEmulator;
import io.lers4j.examples.NightlyHoursToCsv;
import io.lers4j.junit.LersClientExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

// README, "With JUnit 5": the class below is the snippet, word for word
@ExtendWith(LersClientExtension.class)
class NightlyImportTest {

    @Test
    void readsEveryPointOnce(LersClient lers, LersEmulator server, @TempDir Path dir) throws IOException {
        BulkRead.Summary summary = NightlyHoursToCsv.run(lers, dir.resolve("hours.csv"));
        int points = server.dataSet().measurePoints().size();
        assertEquals(points, summary.succeeded());
        assertEquals(points, server.requestCount("GET", "/api/v1/Data/MeasurePoints")); // a day of hours is one request
    }

    @Test
    void retriesWhenTheServerIsBusy(LersClient lers, LersEmulator server) {
        server.faults().status(503, 1);                                    // the next request fails, in this test only
        assertFalse(lers.nodes().getNodes().execute().getNodes().isEmpty());
        assertEquals(2, server.requestCount("GET", "/api/v1/Core/Nodes")); // this test's requests: the 503 and the retry
    }
}
