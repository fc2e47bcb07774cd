package io.lers4j.junit;

import io.lers4j.LersAccessDeniedException;
import io.lers4j.LersClient;
import io.lers4j.LersServerException;
import io.lers4j.RetryPolicy;
import io.lers4j.emulator.LersEmulator;
import io.lers4j.model.IncidentImportance;
import io.lers4j.model.IncidentType;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The extension in a field: a data set and a client of the test's choosing. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegisterExtensionTest {

    @RegisterExtension
    static LersClientExtension lers = new LersClientExtension(() -> LersEmulator.builder().measurePoints(30).start())
            .client(server -> LersClientExtension.defaultClient(server)
                    .credentials(LersEmulator.VIEWER_LOGIN, LersEmulator.VIEWER_PASSWORD)
                    .retryPolicy(RetryPolicy.none()));

    @Test
    @Order(1)
    void theConfiguredEmulatorAndClientAreInjected(LersClient client, LersEmulator server) {
        assertSame(lers.client(), client);
        assertSame(lers.emulator(), server);
        assertEquals(30, client.measurePoints().getMeasurePoints().execute().getMeasurePoints().size());
        int point = server.dataSet().measurePoints().get(0).id();
        int node = server.dataSet().measurePoints().get(0).nodeId();
        assertThrows(LersAccessDeniedException.class, () -> client.createIncident(node, point, IncidentType.CUSTOM,
                IncidentImportance.WARNING, "the viewer may not"), "the viewer account of the builder");

        server.faults().status(503, 10);
        assertThrows(LersServerException.class, () -> client.nodes().getNodes().execute(), "no retries, as configured");
        assertEquals(1, server.requestCount("GET", "/api/v1/Core/Nodes"));
    }

    @Test
    @Order(2)
    void theLastTestsFaultsAndCountsAreGone(LersClient client, LersEmulator server) {
        client.nodes().getNodes().execute();
        assertEquals(1, server.requestCount());
    }
}
