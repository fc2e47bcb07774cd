package io.lers4j;

import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server's API document, read with the account when there is one, and the anonymous client. */
class ApiDocumentTest extends TestSupport {

    private static final String DOCUMENT = "{\"swagger\":\"2.0\",\"paths\":{}}";

    @Test
    void anAnonymousClientReadsThePublicRoutesWithoutAuthorization() throws Exception {
        server.enqueue(json(DOCUMENT));
        server.enqueue(json("{\"version\":\"3.67\",\"serverTime\":\"2026-01-20T12:00:00+03:00\"}"));
        try (LersClient lers = LersClient.builder().baseUrl(baseUrl()).anonymous().build()) {
            assertEquals(DOCUMENT, lers.apiDocument("v0.1"));
            assertEquals("+03:00", lers.serverOffset().getId());
        }
        RecordedRequest document = take();
        assertEquals("/api/swagger/v0.1/swagger.json", document.getUrl().encodedPath());
        assertNull(document.getHeaders().get("Authorization"));
        assertNull(take().getHeaders().get("Authorization"));
    }

    @Test
    void anAnonymousClientSendsNothingThatNeedsAnAccount() {
        try (LersClient lers = LersClient.builder().baseUrl(baseUrl()).anonymous().build()) {
            LersAuthenticationException e = assertThrows(LersAuthenticationException.class,
                    () -> lers.nodes().getNodes().execute());
            assertTrue(e.getMessage().contains("no account (anonymous())"), e.getMessage());
        }
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void withCredentialsTheDocumentIsAskedSignedIn() throws Exception {
        server.enqueue(json(loginAnswer("tok-9", NOW.plusSeconds(3600))));
        server.enqueue(json(DOCUMENT));
        try (LersClient lers = client().build()) {
            assertEquals(DOCUMENT, lers.apiDocument("v1"));
        }
        assertEquals("/api/v1/Login", take().getUrl().encodedPath());
        RecordedRequest document = take();
        assertEquals("/api/swagger/v1/swagger.json", document.getUrl().encodedPath());
        assertEquals("Bearer tok-9", document.getHeaders().get("Authorization"));
    }

    @Test
    void mistakesFailBeforeSending() {
        assertThrows(IllegalStateException.class,
                () -> LersClient.builder().baseUrl(baseUrl()).anonymous().token("t").build());
        try (LersClient lers = LersClient.builder().baseUrl(baseUrl()).anonymous().build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> lers.apiDocument("../v1"));
            assertTrue(e.getMessage().startsWith("version must look like v1 or v0.1"), e.getMessage());
            assertThrows(NullPointerException.class, () -> lers.apiDocument(null));
        }
        assertEquals(0, server.getRequestCount());
    }
}
