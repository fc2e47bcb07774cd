package io.lers4j;

import io.lers4j.api.IncidentsApi;
import io.lers4j.api.NodesApi;
import io.lers4j.model.CreateIncidentRequestParameters;
import mockwebserver3.MockResponse;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every re-send is RetryPolicy's: OkHttp's own follow-ups (503 Retry-After: 0, 408, 401) add none. */
class FollowUpTest extends TestSupport {

    private static final String NODES = "{\"nodes\":[{\"id\":1,\"title\":\"Котельная\"}]}";

    private LersClient tokenClient(int attempts) {
        return LersClient.builder().baseUrl(baseUrl()).token("tok-1").clock(clock).sleeper(sleeps::add)
                .retryPolicy(RetryPolicy.builder().maxAttempts(attempts).jitter(0).build()).build();
    }

    private static MockResponse unavailable(String retryAfter) {
        return new MockResponse.Builder().code(503).addHeader("Retry-After", retryAfter).body("busy").build();
    }

    private static void createIncident(LersClient lers) {
        lers.incidents().createIncident()
                .body(new CreateIncidentRequestParameters().description("Нет связи").nodeId(95)).execute();
    }

    @Test
    void a503WithRetryAfterZeroIsSentAsOftenAsThePolicySaysAndNoMore() {
        for (int i = 0; i < 10; i++) {
            server.enqueue(unavailable("0"));
        }
        try (LersClient lers = tokenClient(3)) {
            LersServerException e = assertThrows(LersServerException.class,
                    () -> lers.nodes().getNodes().execute());
            assertEquals(3, e.attempts());
            assertEquals(List.of("0"), e.headers().get("retry-after"), "the caller sees the header as sent");
        }
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void aPostThatGets503WithRetryAfterZeroIsSentOnce() {
        for (int i = 0; i < 4; i++) {
            server.enqueue(unavailable("0"));
        }
        try (LersClient lers = tokenClient(3)) {
            LersServerException e = assertThrows(LersServerException.class, () -> createIncident(lers));
            assertEquals(1, e.attempts());
        }
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void aPostThatGets408IsSentOnceEvenOnYourOwnRetryingClient() {
        server.enqueue(new MockResponse.Builder().code(408).build());
        server.enqueue(new MockResponse.Builder().code(408).build());
        OkHttpClient yours = new OkHttpClient.Builder().retryOnConnectionFailure(true).build();
        try (LersClient lers = LersClient.builder().baseUrl(baseUrl()).token("tok-1").httpClient(yours).build()) {
            LersApiException e = assertThrows(LersApiException.class, () -> createIncident(lers));
            assertEquals(408, e.statusCode());
        }
        assertEquals(1, server.getRequestCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2147483648", "99999999999999999999999", "-5", "soon", "1e9"})
    void anyRetryAfterIsTypedNeverARawNumberFormatException(String retryAfter) {
        for (int i = 0; i < 3; i++) {
            server.enqueue(unavailable(retryAfter));
        }
        try (LersClient lers = tokenClient(3)) {
            LersServerException e = assertThrows(LersServerException.class,
                    () -> lers.nodes().getNodes().execute());
            assertEquals(3, e.attempts());
        }
        assertEquals(3, server.getRequestCount());
        for (Duration wait : sleeps) {
            assertTrue(wait.compareTo(RetryPolicy.defaults().maxRetryAfter()) <= 0, "waits are capped: " + sleeps);
        }
    }

    @Test
    void a401WithYourOwnAuthenticatorIsNotResentByOkHttp() {
        server.enqueue(new MockResponse.Builder().code(401).build());
        server.enqueue(json(NODES));
        OkHttpClient yours = new OkHttpClient.Builder()
                .authenticator((route, response) -> response.request().newBuilder().header("Authorization", "Basic x").build())
                .build();
        try (LersClient lers = LersClient.builder().baseUrl(baseUrl()).token("tok-1").httpClient(yours).build()) {
            assertThrows(LersAuthenticationException.class, () -> lers.nodes().getNodes().execute());
        }
        assertEquals(1, server.getRequestCount());
    }
}
