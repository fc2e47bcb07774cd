package io.lers4j.emulator;

import io.lers4j.api.DownloadsApi;
import io.lers4j.api.LoginApi;
import io.lers4j.api.MeasurePointDataApi;
import io.lers4j.api.MeasurePointsApi;
import io.lers4j.api.NodesApi;
import io.lers4j.api.TerritoriesApi;
import io.lers4j.api.WeatherApi;
import io.lers4j.invoker.ApiClient;
import io.lers4j.invoker.ApiException;
import io.lers4j.model.AuthenticatePlainRequestParameters;
import io.lers4j.model.SystemType;
import io.lers4j.model.TerritoryOutdoorTemperature;
import io.lers4j.model.Xml80020ExportOptions;
import io.lers4j.types.LersDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Injected failures reach the generated client as a real server or proxy would deliver them. */
class FaultsTest {

    private static LersEmulator lers;
    private static ApiClient client;

    @BeforeAll
    static void start() {
        lers = LersEmulator.builder().clock(Clock.fixed(TestSupport.NOW, ZoneOffset.UTC)).start();
        client = TestSupport.demo(lers);
    }

    @AfterEach
    void disarm() {
        lers.faults().reset();
    }

    @AfterAll
    static void stop() {
        lers.close();
    }

    private static int territories() {
        return new TerritoriesApi(client).getList().execute().size();
    }

    @Test
    void aBurstOf503ThenSuccess() {
        lers.faults().status(503, 2);
        assertEquals(2, lers.faults().pending());
        for (int i = 0; i < 2; i++) {
            ApiException e = assertThrows(ApiException.class, FaultsTest::territories);
            assertEquals(503, e.getCode());
            assertEquals("Service Unavailable", e.getResponseBody());
        }
        assertEquals(3, territories());
        assertEquals(0, lers.faults().pending());
    }

    @Test
    void loginIsNotFaulted() {
        lers.faults().status(500, 1);
        String token = new LoginApi(TestSupport.anonymous(lers)).loginPlain()
                .body(new AuthenticatePlainRequestParameters().login("demo").password("demo")).execute().getToken();
        assertFalse(token.isEmpty());
        assertEquals(1, lers.faults().pending(), "the fault waits for the next data call");
        assertEquals(500, assertThrows(ApiException.class, FaultsTest::territories).getCode());
    }

    @Test
    void throttlingAnswers429WithRetryAfter() {
        lers.faults().throttle(1, Duration.ofMillis(1500));
        ApiException e = assertThrows(ApiException.class, FaultsTest::territories);
        assertEquals(429, e.getCode());
        assertEquals(List.of("2"), e.getResponseHeaders().get("retry-after"));
        assertEquals(3, territories());
    }

    @Test
    void faultsApplyInTheOrderArmed() {
        lers.faults().status(500, 1).throttle(1, Duration.ofSeconds(1)).htmlErrorPage(502, 1);
        assertEquals(500, assertThrows(ApiException.class, FaultsTest::territories).getCode());
        assertEquals(429, assertThrows(ApiException.class, FaultsTest::territories).getCode());
        assertEquals(502, assertThrows(ApiException.class, FaultsTest::territories).getCode());
        assertEquals(3, territories());
    }

    @Test
    void aProxyErrorPageIsHtml() {
        lers.faults().htmlErrorPage(502, 1);
        ApiException e = assertThrows(ApiException.class, () -> new NodesApi(client).getNodes().execute());
        assertEquals(502, e.getCode());
        assertTrue(e.getResponseBody().startsWith("<html>"));
        assertTrue(e.getResponseBody().contains("<center>nginx</center>"));
        assertEquals(List.of("text/html"), e.getResponseHeaders().get("content-type"));
    }

    @Test
    void aDroppedConnectionFailsTheCallWithAnIoError() throws Exception {
        int electricity = lers.dataSet().firstMeasurePoint(SystemType.ELECTRICITY).id();
        LersDateTime day = LersDateTime.of(LocalDate.of(2026, 3, 2));
        String key = new MeasurePointDataApi(client).exportToXml80020(electricity, day, day)
                .body(new Xml80020ExportOptions()).execute().getDownloadKey();
        lers.faults().dropConnectionMidBody(1);
        ApiException e = assertThrows(ApiException.class,
                () -> new DownloadsApi(TestSupport.anonymous(lers)).download(key, "80020.xml").execute());
        assertInstanceOf(IOException.class, e.getCause(), String.valueOf(e.getCause()));
        assertTrue(new DownloadsApi(TestSupport.anonymous(lers)).download(key, "80020.xml").execute().length() > 0);
    }

    @Test
    void aDroppedJsonAnswerFailsWithAnIoErrorInside() {
        lers.faults().dropConnectionMidBody(1);
        RuntimeException e = assertThrows(RuntimeException.class, () -> new MeasurePointsApi(client).getMeasurePoints().execute());
        assertTrue(causedByIo(e), "the cause chain holds the I/O failure: " + e);
        assertEquals(3, territories());
    }

    @Test
    void aDroppedWriteWasStillProcessed() {
        // an answer without body is cut before its headers; OkHttp would silently resend the request
        // on a reused connection, so this client does not retry
        ApiClient noRetry = new ApiClient(TestSupport.HTTP.newBuilder().retryOnConnectionFailure(false).build());
        noRetry.setBasePath(lers.baseUrl());
        noRetry.addDefaultHeader("Authorization", "Bearer " + TestSupport.token(lers, "demo", "demo"));
        long puts = lers.requestCount("PUT", "/api/v1/Data/Territories/2/Weather");
        lers.faults().dropConnectionMidBody(1);
        ApiException e = assertThrows(ApiException.class, () -> new WeatherApi(noRetry).set(2).body(List.of(
                new TerritoryOutdoorTemperature().date(LersDateTime.of(LocalDate.of(2026, 6, 1))).value(21.25f))).execute());
        assertInstanceOf(IOException.class, e.getCause());
        assertEquals(puts + 1, lers.requestCount("PUT", "/api/v1/Data/Territories/2/Weather"));
        List<TerritoryOutdoorTemperature> series = new WeatherApi(client).get(2).execute();
        assertEquals(21.25f, series.get(series.size() - 1).getValue(), "the server stored it before the link broke");
    }

    private static boolean causedByIo(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    @Test
    void latencyDelaysEveryAnswer() {
        lers.faults().latency(Duration.ofMillis(300));
        long start = System.nanoTime();
        assertEquals(3, territories());
        assertTrue(System.nanoTime() - start >= 300_000_000L, "answered before the injected delay");
        lers.faults().reset();
        assertEquals(0, lers.faults().pending());
    }

    @Test
    void requestsAreCountedByMethodAndPath() {
        long logins = lers.requestCount("POST", "/api/v1/Login");
        long territories = lers.requestCount("GET", "/api/v1/Core/Territories");
        long total = lers.requestCount();
        TestSupport.token(lers, "demo", "demo");
        lers.faults().status(503, 1);
        assertThrows(ApiException.class, FaultsTest::territories);
        territories();
        assertEquals(logins + 1, lers.requestCount("post", "/API/v1/login"));
        assertEquals(territories + 2, lers.requestCount("GET", "/api/v1/Core/Territories"), "faulted requests count too");
        assertEquals(total + 3, lers.requestCount());
        assertEquals(0, lers.requestCount("DELETE", "/api"));
    }
}
