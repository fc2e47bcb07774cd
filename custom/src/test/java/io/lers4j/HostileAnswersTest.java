package io.lers4j;

import io.lers4j.api.IncidentsApi;
import io.lers4j.api.NodesApi;
import io.lers4j.model.CreateIncidentRequestParameters;
import io.lers4j.model.DeviceDataType;
import mockwebserver3.MockResponse;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Secrets a server echoes back in other spellings, and server values too large to quote. */
class HostileAnswersTest extends TestSupport {

    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3Njg5MDB9+/sig==";
    private static final String CYRILLIC_PASSWORD = "Пароль-Секрет+1";

    /** Every character as a JSON unicode escape, upper-case hex, as .NET's encoder writes the unsafe ones. */
    private static String escaped(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(String.format("\\u%04X", (int) c));
        }
        return out.toString();
    }

    private static void assertClean(LersApiException e, String secret) {
        String all = e + " " + e.errorMessage().orElse("") + " " + e.errorData() + " " + e.body() + " " + e.headers();
        assertFalse(all.contains(secret), all);
        assertFalse(all.contains(escaped(secret)), all);
    }

    private static void createIncident(LersClient lers) {
        lers.incidents().createIncident()
                .body(new CreateIncidentRequestParameters().description("x")).execute();
    }

    @Test
    void aPasswordEchoedJsonEscapedIsMaskedInErrorMessageAndData() {
        String echoed = escaped(PASSWORD);
        server.enqueue(json(422, "{\"errorMessage\":\"Неверный пароль '" + echoed + "'\",\"errorCode\":7,"
                + "\"data\":{\"password\":\"" + echoed + "\",\"tried\":[\"" + echoed + "\"],\"nested\":{\"p\":\""
                + PASSWORD.toLowerCase().replace("p", "\\u0070") + PASSWORD.substring(PASSWORD.length()) + "\"}}}"));
        try (LersClient lers = client().build()) {
            LersAuthenticationException e = assertThrows(LersAuthenticationException.class,
                    () -> lers.nodes().getNodes().execute());
            assertClean(e, PASSWORD);
            assertEquals("Неверный пароль '***'", e.errorMessage().orElseThrow());
            assertEquals("***", e.errorData().get("password"));
            assertEquals(List.of("***"), e.errorData().get("tried"));
        }
    }

    @Test
    void aCyrillicPasswordEchoedEscapedIsMasked() {
        server.enqueue(json(422, "{\"errorMessage\":\"Пароль " + escaped(CYRILLIC_PASSWORD).toLowerCase() + " неверен\"}"));
        try (LersClient lers = LersClient.builder().baseUrl(baseUrl()).credentials("api1", CYRILLIC_PASSWORD).build()) {
            LersAuthenticationException e = assertThrows(LersAuthenticationException.class,
                    () -> lers.nodes().getNodes().execute());
            assertClean(e, CYRILLIC_PASSWORD);
            assertFalse(e.body().contains(escaped(CYRILLIC_PASSWORD).toLowerCase()), e.body());
            assertTrue(e.errorMessage().orElseThrow().contains("***"));
        }
    }

    @Test
    void aTokenEchoedInHeadersAndPercentEncodedInABodyIsMasked() {
        String percentEncoded = TOKEN.replace("+", "%2B").replace("/", "%2F").replace("=", "%3D");
        server.enqueue(new MockResponse.Builder().code(500)
                .addHeader("X-Echo-Authorization", "Bearer " + TOKEN)
                .addHeader("Set-Cookie", "session=" + TOKEN)
                .addHeader("Content-Type", "text/plain")
                .body("upstream failed for /api/v1/Incidents?access_token=" + percentEncoded).build());
        try (LersClient lers = LersClient.builder().baseUrl(baseUrl()).token(TOKEN).build()) {
            LersServerException e = assertThrows(LersServerException.class, () -> createIncident(lers));
            assertClean(e, TOKEN);
            assertFalse(e.toString().contains(percentEncoded), e.toString());
            assertFalse(e.body().contains(percentEncoded), e.body());
            assertEquals(List.of("Bearer ***"), e.headers().get("x-echo-authorization"));
            assertFalse(e.headers().containsKey("set-cookie"));
        }
    }

    @Test
    void aFiftyMegabyteDateIsNotQuotedWhole() {
        String huge = "2026-01-01T00:00:00" + "9".repeat(5_000_000);
        server.enqueue(json("{\"hourConsumption\":[{\"dateTime\":\"" + huge + "\",\"values\":[]}]}"));
        try (LersClient lers = LersClient.builder().baseUrl(baseUrl()).token(TOKEN).build()) {
            LersResponseException e = assertThrows(LersResponseException.class, () -> lers.consumption(5,
                    DeviceDataType.HOUR, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 2)).toList());
            assertBoundedChain(e);
        }
    }

    @Test
    void aHugeNumberIsNotQuotedWhole() {
        server.enqueue(json("{\"hourConsumption\":[{\"dateTime\":\"2026-01-01T00:00:00\",\"values\":"
                + "[{\"dataParameter\":\"Q\",\"value\":\"" + "1".repeat(3_000_000) + "x\"}]}]}"));
        try (LersClient lers = LersClient.builder().baseUrl(baseUrl()).token(TOKEN).build()) {
            LersResponseException e = assertThrows(LersResponseException.class, () -> lers.consumption(5,
                    DeviceDataType.HOUR, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 2)).toList());
            assertBoundedChain(e);
        }
    }

    @Test
    void aHugeErrorMessageIsQuotedInPart() {
        server.enqueue(json(422, "{\"errorMessage\":\"" + "ошибка ".repeat(500_000) + "\",\"errorCode\":3}"));
        try (LersClient lers = LersClient.builder().baseUrl(baseUrl()).token(TOKEN).build()) {
            LersApiException e = assertThrows(LersApiException.class, () -> createIncident(lers));
            assertBoundedChain(e);
        }
    }

    private static void assertBoundedChain(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            String m = String.valueOf(c.getMessage());
            assertTrue(m.length() <= Excerpt.MAX_MESSAGE_CHARS + 100, c.getClass() + ": " + m.length() + " chars");
        }
        assertTrue(e.toString().length() < 3000);
    }

    @Test
    void aPasswordInTheBaseUrlIsNeverQuoted() {
        for (String url : List.of("http://user:S3cretPW@host/a b", "http://user:S3cretPW@host:99999/",
                "ftp://user:S3cretPW@host/", "http://user:S3cretPW@", "http://us/er:S3cretPW@host/x?q=1")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LersClient.builder().baseUrl(url));
            assertFalse(e.getMessage().contains("S3cretPW"), e.getMessage());
        }
    }

    @Test
    void intranetHostNamesWithUnderscoresWork() throws Exception {
        String url = "http://lers_srv:" + server.getPort() + "/";
        Dns hosts = host -> host.equals("lers_srv") ? List.of(InetAddress.getLoopbackAddress()) : Dns.SYSTEM.lookup(host);
        server.enqueue(json("{\"nodes\":[]}"));
        try (LersClient lers = LersClient.builder().baseUrl(url).token(TOKEN)
                .httpClient(new OkHttpClient.Builder().dns(hosts).build()).build()) {
            assertEquals(url, lers.baseUrl().toString());
            assertEquals(0, lers.nodes().getNodes().execute().getNodes().size());
        }
        assertEquals("lers_srv:" + server.getPort(), take().getHeaders().get("Host"));
        assertTrue(Map.of().isEmpty());
    }
}
