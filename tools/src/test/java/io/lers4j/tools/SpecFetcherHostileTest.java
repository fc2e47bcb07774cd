package io.lers4j.tools;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fetcher sends the password and the token to the configured server only, and reads a bounded answer. */
class SpecFetcherHostileTest {

    private MockWebServer server;
    private MockWebServer elsewhere;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start();
        elsewhere = new MockWebServer();
        elsewhere.start();
    }

    @AfterEach
    void stop() {
        server.close();
        elsewhere.close();
    }

    private SpecFetcher fetcher(String login, String password, String token) throws Exception {
        return new SpecFetcher(server.url("/").toString(), null, login, password, token);
    }

    @Test
    void aLoginRedirectedElsewhereSendsNoPasswordThere() throws Exception {
        server.enqueue(new MockResponse.Builder().code(307).addHeader("Location", elsewhere.url("/api/v1/Login")).build());
        IOException e = assertThrows(IOException.class, () -> fetcher("integrator", "s3cret-pass", null).download());
        assertTrue(e.getMessage().contains("redirected"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret-pass"));
        assertEquals(1, server.getRequestCount());
        assertEquals(0, elsewhere.getRequestCount());
    }

    @Test
    void aDocumentRedirectedElsewhereGetsNoToken() throws Exception {
        server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", elsewhere.url("/swagger.json")).build());
        IOException e = assertThrows(IOException.class, () -> fetcher(null, null, "the-token").download());
        assertTrue(e.getMessage().contains("was redirected (HTTP 302)"), e.getMessage());
        assertFalse(e.getMessage().contains("the-token"));
        assertEquals(1, server.getRequestCount(), "sent once, not followed");
        assertEquals(0, elsewhere.getRequestCount());
    }

    @Test
    void aHugeAnswerIsRefused() throws Exception {
        okio.Buffer body = new okio.Buffer();
        byte[] block = new byte[1024 * 1024];
        java.util.Arrays.fill(block, (byte) ' ');
        for (int i = 0; i < 33; i++) {
            body.write(block);
        }
        server.enqueue(new MockResponse.Builder().body(body).build());
        IOException e = assertThrows(IOException.class, () -> fetcher(null, null, null).download());
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
    }
}
