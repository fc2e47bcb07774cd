package io.lers4j;

import io.lers4j.api.IncidentsApi;
import io.lers4j.api.MeasurePointTotalsApi;
import io.lers4j.api.NodesApi;
import io.lers4j.model.CreateIncidentRequestParameters;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.IncidentImportance;
import io.lers4j.model.IncidentType;
import io.lers4j.model.SaveTotalsRequestParameters;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A server (or a proxy in front of it) that redirects elsewhere: the token, the API key, the
 * login body and a POST's body reach no other origin, and a POST is sent once.
 */
class RedirectTest extends TestSupport {

    private static final String NODES = "{\"nodes\":[{\"id\":1,\"title\":\"Котельная\"}]}";
    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.redirect-token.sig";
    private static final String API_KEY = "app-key-0123456789abcdef";

    /** Another origin: the same loopback host on another port. */
    private MockWebServer elsewhere;

    @BeforeEach
    void startElsewhere() throws IOException {
        elsewhere = new MockWebServer();
        elsewhere.start();
        for (int i = 0; i < 4; i++) {
            elsewhere.enqueue(json(NODES));
        }
    }

    @AfterEach
    void stopElsewhere() {
        elsewhere.close();
    }

    private static MockResponse redirect(int code, String location) {
        return new MockResponse.Builder().code(code).addHeader("Location", location).build();
    }

    private String elsewhereUrl(String path) {
        return elsewhere.url(path).toString();
    }

    private LersClient tokenClient() {
        return LersClient.builder().baseUrl(baseUrl()).token(TOKEN).clock(clock).sleeper(sleeps::add).build();
    }

    private LersClient apiKeyClient() {
        return LersClient.builder().baseUrl(baseUrl()).apiKey(API_KEY).clock(clock).sleeper(sleeps::add).build();
    }

    private void assertNothingReachedElsewhere() {
        assertEquals(0, elsewhere.getRequestCount(), "a request went to the other origin");
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void aGetRedirectedToAnotherPortIsRefusedWithTheTargetNamed(int code) {
        server.enqueue(redirect(code, elsewhereUrl("/api/v1/Core/Nodes")));
        try (LersClient lers = tokenClient()) {
            LersRedirectException e = assertThrows(LersRedirectException.class,
                    () -> lers.nodes().getNodes().execute());
            assertEquals(code, e.statusCode());
            assertEquals(elsewhereUrl("/api/v1/Core/Nodes"), e.location().orElseThrow());
            assertTrue(e.getMessage().contains(":" + elsewhere.getPort() + "/api/v1/Core/Nodes"), e.getMessage());
            assertTrue(e.getMessage().contains("credentials are sent only to"), e.getMessage());
            assertFalse(e.getMessage().contains(TOKEN));
        }
        assertEquals(1, server.getRequestCount());
        assertNothingReachedElsewhere();
    }

    @Test
    void lersOwnArchiveReadsRefuseToo() {
        server.enqueue(redirect(302, elsewhereUrl("/api/v1/Data/MeasurePoints/5/Consumption")));
        try (LersClient lers = tokenClient()) {
            assertThrows(LersRedirectException.class, () -> lers.consumption(5, DeviceDataType.HOUR,
                    LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 2)).toList());
        }
        assertNothingReachedElsewhere();
    }

    @Test
    void aPostRedirectedWith307DeliversNeitherBodyNorToken() throws Exception {
        server.enqueue(redirect(307, elsewhereUrl("/api/v1/Incidents")));
        try (LersClient lers = tokenClient()) {
            assertThrows(LersRedirectException.class, () -> lers.incidents().createIncident()
                    .body(new CreateIncidentRequestParameters().incidentType(IncidentType.CUSTOM)
                            .importance(IncidentImportance.WARNING).description("Нет связи").nodeId(95))
                    .execute());
        }
        assertEquals(1, server.getRequestCount(), "the POST was sent once");
        assertNothingReachedElsewhere();
    }

    @Test
    void aPutAndAPatchAreNotSentElsewhere() {
        server.enqueue(redirect(308, elsewhereUrl("/api/v1/Data/MeasurePoints/5/Totals")));
        server.enqueue(redirect(307, elsewhereUrl("/api/v1/Core/Nodes/7")));
        try (LersClient lers = tokenClient()) {
            assertThrows(LersRedirectException.class, () -> lers.measurePointTotals().setTotals(5).body(new SaveTotalsRequestParameters()).execute());
            assertThrows(LersRedirectException.class, () -> lers.nodes().updateNode(7).body(List.of()).execute());
        }
        assertEquals(2, server.getRequestCount());
        assertNothingReachedElsewhere();
    }

    @ParameterizedTest
    @ValueSource(ints = {302, 307, 308})
    void theLoginBodyWithThePasswordStaysOnTheServer(int code) {
        server.enqueue(redirect(code, elsewhereUrl("/api/v1/Login")));
        try (LersClient lers = client().build()) {
            LersRedirectException e = assertThrows(LersRedirectException.class,
                    () -> lers.nodes().getNodes().execute());
            assertEquals("POST /api/v1/Login", e.operation());
            assertFalse(e.getMessage().contains(PASSWORD));
        }
        assertEquals(1, server.getRequestCount());
        assertNothingReachedElsewhere();
    }

    @Test
    void theApiKeyStaysOnTheServer() throws Exception {
        server.enqueue(redirect(302, elsewhereUrl("/api/v1/Core/Nodes")));
        try (LersClient lers = apiKeyClient()) {
            assertThrows(LersRedirectException.class, () -> lers.nodes().getNodes().execute());
        }
        assertEquals(API_KEY, take().getHeaders().get(ApiKeyHeader.HEADER));
        assertNothingReachedElsewhere();
    }

    @Test
    void yourOwnOkHttpClientFollowingRedirectsChangesNothing() {
        server.enqueue(redirect(302, elsewhereUrl("/api/v1/Core/Nodes")));
        OkHttpClient yours = new OkHttpClient.Builder().followRedirects(true).followSslRedirects(true).build();
        try (LersClient lers = LersClient.builder().baseUrl(baseUrl()).token(TOKEN).httpClient(yours).build()) {
            assertThrows(LersRedirectException.class, () -> lers.nodes().getNodes().execute());
        }
        assertNothingReachedElsewhere();
    }

    @Test
    void evenTheRawGeneratedApiNeverCarriesTheTokenElsewhere() throws Exception {
        server.enqueue(redirect(302, elsewhereUrl("/api/v1/Core/Nodes")));
        try (LersClient lers = tokenClient()) {
            LersRedirectException e = assertThrows(LersRedirectException.class, () -> lers.nodes().getNodes().execute());
            assertEquals(302, e.statusCode());
            // a base path pointed elsewhere by hand gets no credentials either
            lers.apiClient().setBasePath(elsewhereUrl("/").replaceAll("/$", ""));
            try {
                lers.nodes().getNodes().execute();
            } finally {
                lers.apiClient().setBasePath(baseUrl().replaceAll("/$", ""));
            }
        }
        RecordedRequest leaked = elsewhere.takeRequest(5, TimeUnit.SECONDS);
        assertNull(leaked.getHeaders().get("Authorization"));
        assertEquals(1, elsewhere.getRequestCount());
    }

    @Test
    void aSameOriginRedirectOfAGetIsFollowedWithTheToken() throws Exception {
        server.enqueue(redirect(301, "/api/v1/Core/Nodes/"));
        server.enqueue(json(NODES));
        try (LersClient lers = tokenClient()) {
            assertEquals(1, lers.nodes().getNodes().execute().getNodes().size());
        }
        take();
        RecordedRequest second = take();
        assertEquals("/api/v1/Core/Nodes/", second.getUrl().encodedPath());
        assertEquals("Bearer " + TOKEN, second.getHeaders().get("Authorization"));
    }

    @Test
    void aSameOriginTemporaryRedirectOfAPutKeepsMethodAndBody() throws Exception {
        server.enqueue(redirect(307, "/lers/api/v1/Data/MeasurePoints/5/Totals"));
        server.enqueue(new MockResponse.Builder().code(200).build());
        try (LersClient lers = tokenClient()) {
            lers.measurePointTotals().setTotals(5).body(new SaveTotalsRequestParameters()).execute();
        }
        RecordedRequest first = take();
        RecordedRequest second = take();
        assertEquals("PUT", second.getMethod());
        assertEquals("/lers/api/v1/Data/MeasurePoints/5/Totals", second.getUrl().encodedPath());
        assertEquals(first.getBody().utf8(), second.getBody().utf8());
    }

    @Test
    void aSameOriginRedirectOfAPostIsNotFollowed() {
        server.enqueue(redirect(307, "/api/v1/Incidents/again"));
        try (LersClient lers = tokenClient()) {
            LersRedirectException e = assertThrows(LersRedirectException.class, () -> lers.incidents().createIncident().body(new CreateIncidentRequestParameters().description("x")).execute());
            assertTrue(e.getMessage().contains("a POST or PATCH is sent once"), e.getMessage());
        }
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void aRedirectLoopEnds() {
        for (int i = 0; i <= SameOriginRedirects.MAX_REDIRECTS; i++) {
            server.enqueue(redirect(302, "/api/v1/Core/Nodes?hop=" + i));
        }
        try (LersClient lers = tokenClient()) {
            assertThrows(LersRedirectException.class, () -> lers.nodes().getNodes().execute());
        }
        assertEquals(SameOriginRedirects.MAX_REDIRECTS + 1, server.getRequestCount());
    }

    @Test
    void httpsIsNeverDowngradedToHttpOnTheSameHostAndPort() {
        HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("Utility Root CA").build();
        HeldCertificate cert = new HeldCertificate.Builder().addSubjectAlternativeName(server.getHostName())
                .commonName("lers").signedBy(ca).build();
        server.useHttps(new HandshakeCertificates.Builder().heldCertificate(cert, ca.certificate()).build().sslSocketFactory());
        String plain = "http://" + server.getHostName() + ":" + server.getPort() + "/api/v1/Core/Nodes";
        server.enqueue(redirect(302, plain));
        try (LersClient lers = LersClient.builder().baseUrl(server.url("/").toString()).token(TOKEN)
                .trustCertificates(ca.certificate()).build()) {
            LersRedirectException e = assertThrows(LersRedirectException.class,
                    () -> lers.nodes().getNodes().execute());
            assertTrue(e.getMessage().contains("http://"), e.getMessage());
        }
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void aLocationWithUserInfoIsShownWithout() {
        server.enqueue(redirect(302, "http://someone:" + PASSWORD + "@" + elsewhere.getHostName() + ":" + elsewhere.getPort() + "/x"));
        try (LersClient lers = client().token(TOKEN).build()) {
            LersRedirectException e = assertThrows(LersRedirectException.class,
                    () -> lers.nodes().getNodes().execute());
            assertFalse(e.location().orElseThrow().contains(PASSWORD));
            assertFalse(e.getMessage().contains(PASSWORD));
            assertFalse(e.location().orElseThrow().contains("someone"));
        }
        assertNothingReachedElsewhere();
    }
}
