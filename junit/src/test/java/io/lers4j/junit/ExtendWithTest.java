package io.lers4j.junit;

import io.lers4j.LersClient;
import io.lers4j.emulator.LersEmulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The extension as most users write it: declared on the class, both parameters injected. */
@ExtendWith(LersClientExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtendWithTest {

    private static LersClient firstClient;
    private static LersEmulator firstEmulator;
    private LersClient beforeEachClient;

    @BeforeEach
    void takesTheTestsClient(LersClient lers, LersEmulator server) {
        beforeEachClient = lers;
        assertEquals(0, server.requestCount(), "the extension's login is not counted");
    }

    @Test
    @Order(1)
    void theClientIsLoggedInAndTheCountsAreThisTests(LersClient lers, LersEmulator server) {
        firstClient = lers;
        firstEmulator = server;
        assertSame(beforeEachClient, lers);
        assertEquals(LersEmulator.DEFAULT_LOGIN, lers.login().getCurrentLoginV1().execute().getAccount().getLogin());
        assertEquals(server.dataSet().nodes().size(), lers.nodes().getNodes().execute().getNodes().size());
        assertEquals(1, server.requestCount("GET", "/api/v1/Core/Nodes"));
        assertEquals(0, server.requestCount("POST", "/api/v1/Login"), "logged in before the test");
        assertEquals(2, server.requestCount());
    }

    @Test
    @Order(2)
    void eachTestHasItsOwnClientAndTheClassOneEmulator(LersClient lers, LersEmulator server) {
        assertNotSame(firstClient, lers);
        assertThrows(IllegalStateException.class, firstClient::v01, "the last test's client is closed");
        assertSame(firstEmulator, server);
        assertEquals(0, server.requestCount("GET", "/api/v1/Core/Nodes"), "the last test's requests are not counted");

        server.expireAllTokens();
        lers.nodes().getNodes().execute(); // 401, a new login, the call again
        assertEquals(1, server.requestCount("POST", "/api/v1/Login"));
        assertEquals(2, server.requestCount("GET", "/api/v1/Core/Nodes"));
        assertEquals(3, server.requestCount());
    }
}
