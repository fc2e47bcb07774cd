package io.lers4j.junit;

import io.lers4j.LersClient;
import io.lers4j.emulator.LersEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A client of the test's own making, here with an API key instead of a login. */
class ApiKeyClientTest {

    @RegisterExtension
    static LersClientExtension lers = new LersClientExtension()
            .client(server -> LersClient.builder().baseUrl(server.baseUrl()).apiKey(server.issueApiKey(LersEmulator.VIEWER_LOGIN)));

    @Test
    void theClientActsWithTheKeysAccount(LersClient client, LersEmulator server) {
        assertEquals(LersEmulator.VIEWER_LOGIN, client.login().getCurrentLoginV1().execute().getAccount().getLogin());
        assertEquals(1, server.requestCount());
        assertEquals(0, server.requestCount("POST", "/api/v1/Login"), "an API key needs no login");
    }
}
