package io.lers4j;

import io.lers4j.model.DeviceDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Caller mistakes fail at once, with a clear message, before anything is sent. */
class BuilderValidationTest extends TestSupport {

    @ParameterizedTest
    @ValueSource(strings = {"http://lers:10000", "http://lers:10000/", "HTTPS://lers.example/lers", "  https://10.0.0.5:10000/  "})
    void httpAndHttpsBaseUrlsAreAcceptedWithOrWithoutSlash(String url) {
        try (LersClient lers = LersClient.builder().baseUrl(url).token("t0k3n-value").build()) {
            assertTrue(lers.baseUrl().toString().endsWith("/"));
            assertTrue(lers.baseUrl().getScheme().startsWith("http"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "lers:10000", "ftp://lers/", "file:///etc/passwd", "http://", "http://lers:10000/?a=1",
            "http://lers:10000/#x", "http://bad host/"})
    void otherBaseUrlsFailFast(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LersClient.builder().baseUrl(url));
        assertTrue(e.getMessage().startsWith("baseUrl"), e.getMessage());
    }

    @Test
    void credentialsInTheUrlAreRefusedWithoutEchoingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LersClient.builder().baseUrl("http://api1:" + PASSWORD + "@lers:10000/"));
        assertFalse(e.getMessage().contains(PASSWORD));
    }

    @Test
    void missingPartsAreNamed() {
        assertEquals("login must not be blank",
                assertThrows(IllegalArgumentException.class, () -> LersClient.builder().credentials(" ", "x")).getMessage());
        assertEquals("password", assertThrows(NullPointerException.class, () -> LersClient.builder().credentials("a", null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> LersClient.builder().token(""));
        assertTrue(assertThrows(IllegalStateException.class, () -> LersClient.builder().baseUrl(baseUrl()).build())
                .getMessage().contains("credentials"));
        assertTrue(assertThrows(IllegalStateException.class, () -> LersClient.builder().token("abcd").build())
                .getMessage().contains("baseUrl"));
        assertThrows(IllegalArgumentException.class, () -> LersClient.builder().readTimeout(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().maxAttempts(-1));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().jitter(1.5));
    }

    @Test
    void badIdsAndPeriodsFailBeforeAnyRequest() {
        try (LersClient lers = client().build()) {
            LocalDateTime a = LocalDateTime.of(2026, 1, 1, 0, 0);
            LocalDateTime b = LocalDateTime.of(2026, 1, 8, 0, 0);
            assertEquals("measurePointId must be positive: 0",
                    assertThrows(IllegalArgumentException.class, () -> lers.consumption(0, DeviceDataType.HOUR, a, b)).getMessage());
            assertThrows(IllegalArgumentException.class, () -> lers.totals(-5, a, b));
            assertEquals("from 2026-01-08T00:00 is after to 2026-01-01T00:00",
                    assertThrows(IllegalArgumentException.class, () -> lers.consumption(1, DeviceDataType.HOUR, b, a)).getMessage());
            assertThrows(NullPointerException.class, () -> lers.consumption(1, null, a, b));
            assertThrows(NullPointerException.class, () -> lers.consumption(1, DeviceDataType.DAY, (LocalDate) null, LocalDate.now()));
            assertThrows(IllegalArgumentException.class,
                    () -> lers.consumption(1, DeviceDataType.HOUR, a, b).withWindowSize(Duration.ZERO));
            assertThrows(IllegalArgumentException.class, () -> lers.api(String.class));
        }
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aMissingRequiredArgumentOfAGeneratedCallIsTheCallersMistake() {
        try (LersClient lers = client().build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> lers.call(io.lers4j.api.MeasurePointsApi.class, api -> api.getById(null).execute()));
            assertTrue(e.getMessage().contains("Missing the required parameter 'id'"), e.getMessage());
        }
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void anEmptyPeriodSendsNothing() {
        try (LersClient lers = client().build()) {
            LocalDateTime a = LocalDateTime.of(2026, 1, 1, 0, 0);
            assertTrue(lers.consumption(1, DeviceDataType.HOUR, a, a).toList().isEmpty());
        }
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void aClosedClientSaysSo() {
        LersClient lers = client().build();
        lers.close();
        lers.close();
        assertThrows(IllegalStateException.class, () -> lers.api(io.lers4j.api.LoginApi.class));
    }

    @Test
    void toStringShowsNoSecret() {
        try (LersClient lers = client().token("secret-token-123").build()) {
            assertFalse(lers.toString().contains(PASSWORD));
            assertFalse(lers.toString().contains("secret-token-123"));
            assertTrue(lers.toString().contains("api1"));
        }
    }
}
