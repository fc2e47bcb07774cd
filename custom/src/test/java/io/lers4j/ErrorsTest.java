package io.lers4j;

import io.lers4j.api.MeasurePointsApi;
import io.lers4j.api.NodesApi;
import io.lers4j.model.DeviceDataType;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorsTest extends TestSupport {

    private LersClient lers() {
        return LersClient.builder().baseUrl(baseUrl()).token("tok-1").clock(clock).sleeper(sleeps::add)
                .retryPolicy(RetryPolicy.none()).build();
    }

    @Test
    void aLers422BodyIsParsedIntoABusinessError() {
        server.enqueue(json(422, "{\"errorMessage\":\"Точка учёта с идентификатором 999 не найдена\",\"errorCode\":3,"
                + "\"data\":{\"id\":999,\"entity\":\"MeasurePoint\"}}"));
        try (LersClient lers = lers()) {
            LersBusinessException e = assertThrows(LersBusinessException.class,
                    () -> lers.measurePoints().getById(999).execute());
            assertEquals(422, e.statusCode());
            assertEquals("Точка учёта с идентификатором 999 не найдена", e.errorMessage().orElseThrow());
            assertEquals(3, e.errorCode().getAsInt());
            assertEquals(Map.of("id", 999.0, "entity", "MeasurePoint"), e.errorData());
            assertEquals("GET /api/v1/Core/MeasurePoints/999", e.operation());
            assertEquals("GET /api/v1/Core/MeasurePoints/999: HTTP 422: Точка учёта с идентификатором 999 не найдена "
                    + "(errorCode 3) [1 attempt]", e.getMessage());
            assertTrue(e.headers().get("content-type").get(0).startsWith("application/json"));
        }
    }

    @Test
    void aValidationProblemOfAspNetCoreBecomesTheErrorMessageAndData() {
        server.enqueue(new mockwebserver3.MockResponse.Builder().code(400)
                .addHeader("Content-Type", "application/problem+json; charset=utf-8")
                .body("{\"type\":\"https://tools.ietf.org/html/rfc9110#section-15.5.1\",\"title\":\"One or more validation "
                        + "errors occurred.\",\"status\":400,\"errors\":{\"dataTypes\":[\"The value 'Weekly' is not valid.\"]},"
                        + "\"traceId\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00\"}").build());
        try (LersClient lers = lers()) {
            LersApiException e = assertThrows(LersApiException.class, () -> lers.measurePoints().getById(5).execute());
            assertEquals(400, e.statusCode());
            assertEquals("One or more validation errors occurred. dataTypes: The value 'Weekly' is not valid.",
                    e.errorMessage().orElseThrow());
            assertEquals(Map.of("dataTypes", java.util.List.of("The value 'Weekly' is not valid.")), e.errorData());
            assertTrue(e.getMessage().contains("HTTP 400: One or more validation errors occurred."), e.getMessage());
        }
    }

    @Test
    void forbiddenIsAccessDenied() {
        server.enqueue(new MockResponse.Builder().code(403).body("Forbidden").build());
        try (LersClient lers = lers()) {
            LersAccessDeniedException e = assertThrows(LersAccessDeniedException.class,
                    () -> lers.nodes().getNodes().execute());
            assertEquals(403, e.statusCode());
            assertEquals("Forbidden", e.body());
        }
    }

    @Test
    void anHtmlPageFromAProxyKeepsTheStatus() {
        String page = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>"
                + "<hr><center>nginx/1.24.0</center></body></html>";
        server.enqueue(new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html").body(page).build());
        try (LersClient lers = lers()) {
            LersServerException e = assertThrows(LersServerException.class,
                    () -> lers.consumption(5, DeviceDataType.DAY, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31)).toList());
            assertEquals(502, e.statusCode());
            assertTrue(e.errorMessage().isEmpty());
            assertEquals(page, e.body());
            assertTrue(e.getMessage().contains("HTTP 502 (an HTML page, probably from a proxy)"), e.getMessage());
        }
    }

    @Test
    void malformedJsonThroughAGeneratedApiIsAnUnreadableResponse() {
        server.enqueue(json("{\"nodes\":[{\"id\":1,\"title\":\"Котельная\""));
        try (LersClient lers = lers()) {
            LersResponseException e = assertThrows(LersResponseException.class,
                    () -> lers.nodes().getNodes().execute());
            assertEquals("GET /api/v1/Core/Nodes", e.operation());
            assertTrue(e.getMessage().startsWith("The answer of GET /api/v1/Core/Nodes could not be read"), e.getMessage());
        }
    }

    @Test
    void aWrongTypeOrDateInAnArchiveIsAnUnreadableResponseNamingThePlace() {
        server.enqueue(json("{\"dayConsumption\":[{\"dateTime\":\"2026-01-01T00:00:00\",\"values\":[]},"
                + "{\"dateTime\":\"вчера\",\"values\":[]}]}"));
        server.enqueue(json("{\"dayConsumption\":[{\"dateTime\":\"2026-01-01T00:00:00\",\"values\":[{\"dataParameter\":\"V_in\",\"value\":{}}]}]}"));
        server.enqueue(json("{\"dayConsumption\":[{\"dateTime\":\"2026-01-01T00:00:00\""));
        try (LersClient lers = lers()) {
            RecordSeries january = lers.consumption(5, DeviceDataType.DAY, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1));
            LersResponseException date = assertThrows(LersResponseException.class, january::toList);
            assertTrue(date.getMessage().contains("'вчера' at $.dayConsumption[1].dateTime"), date.getMessage());
            assertTrue(date.operation().startsWith("GET /api/v1/Data/MeasurePoints/5/Consumption/"), date.operation());
            LersResponseException number = assertThrows(LersResponseException.class, january::toList);
            assertTrue(number.getMessage().contains("values[0].value"), number.getMessage());
            assertThrows(LersResponseException.class, january::toList);
        }
    }

    @Test
    void anHtmlPageWith200IsUnreadableNotASuccess() {
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html").body("<html>Портал</html>").build());
        try (LersClient lers = lers()) {
            LersResponseException e = assertThrows(LersResponseException.class,
                    () -> lers.consumption(5, DeviceDataType.DAY, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1)).toList());
            assertEquals(200, e.statusCode());
            assertFalse(e.getMessage().isBlank());
        }
    }

    @Test
    void aRouteAnOlderServerLacksSaysSo() {
        server.enqueue(new MockResponse.Builder().code(404).build());
        try (LersClient lers = lers()) {
            LersApiException e = assertThrows(LersApiException.class,
                    () -> lers.totals(5, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 2)).toList());
            assertEquals(404, e.statusCode());
            assertTrue(e.getMessage().contains("may be older than the API document"), e.getMessage());
        }
    }

    @Test
    void theServerOffsetComesFromServerInfo() throws Exception {
        server.enqueue(json("{\"version\":\"3.67\",\"serverTime\":\"2026-01-19T12:00:00.1234567+05:00\"}"));
        server.enqueue(json("{\"version\":\"3.67\",\"serverTime\":\"2026-01-19T12:00:00\"}"));
        server.enqueue(json("{\"version\":\"3.67\"}"));
        try (LersClient lers = lers()) {
            assertEquals(java.time.ZoneOffset.ofHours(5), lers.serverOffset());
        }
        try (LersClient lers = lers()) {
            assertTrue(assertThrows(LersResponseException.class, lers::serverOffset).getMessage().contains("no UTC offset"));
            assertTrue(assertThrows(LersResponseException.class, lers::serverOffset).getMessage().contains("no serverTime"));
        }
        mockwebserver3.RecordedRequest r = take();
        assertEquals("GET /api/v1/ServerInfo", r.getMethod() + " " + r.getTarget());
        assertEquals(null, r.getHeaders().get("Authorization"));
    }

    @Test
    void theServerOffsetIsKeptForAnHour() {
        server.enqueue(json("{\"serverTime\":\"2026-01-19T12:00:00+05:00\"}"));
        server.enqueue(json("{\"serverTime\":\"2026-01-19T13:00:01+06:00\"}"));
        try (LersClient lers = lers()) {
            assertEquals(java.time.ZoneOffset.ofHours(5), lers.serverOffset());
            clock.advance(java.time.Duration.ofMinutes(59));
            assertEquals(java.time.ZoneOffset.ofHours(5), lers.serverOffset());
            assertEquals(1, server.getRequestCount(), "asked once within the hour");
            clock.advance(java.time.Duration.ofMinutes(2));
            assertEquals(java.time.ZoneOffset.ofHours(6), lers.serverOffset());
        }
        assertEquals(2, server.getRequestCount());
    }
}
