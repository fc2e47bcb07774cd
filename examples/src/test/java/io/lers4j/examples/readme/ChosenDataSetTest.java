package io.lers4j.examples.readme;

import io.lers4j.LersClient;
import io.lers4j.LersServerException;
import io.lers4j.RetryPolicy;
import io.lers4j.emulator.LersEmulator;
import io.lers4j.junit.LersClientExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** README, "With JUnit 5": the extension in a field, with a data set and a client of the test's choosing. */
class ChosenDataSetTest {

    @RegisterExtension
    static LersClientExtension lers = new LersClientExtension(() -> LersEmulator.builder().measurePoints(200).start())
            .client(server -> LersClientExtension.defaultClient(server).retryPolicy(RetryPolicy.none()));

    @Test
    void theDataSetAndTheClientAreTheOnesChosen(LersClient client) {
        assertEquals(200, client.measurePoints().getMeasurePoints().execute().getMeasurePoints().size());
        lers.emulator().faults().status(503, 1);
        assertThrows(LersServerException.class, () -> client.nodes().getNodes().execute(), "not retried");
    }
}
