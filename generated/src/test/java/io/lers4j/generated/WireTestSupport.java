package io.lers4j.generated;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.lers4j.invoker.ApiClient;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A MockWebServer and a generated ApiClient pointed at it. */
abstract class WireTestSupport {

    protected MockWebServer server;
    protected ApiClient client;

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.start();
        client = new ApiClient(new OkHttpClient());
        String base = server.url("/").toString();
        client.setBasePath(base.substring(0, base.length() - 1));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    protected void respondJson(String json) {
        respond(200, json);
    }

    protected void respond(int code, String json) {
        server.enqueue(new MockResponse.Builder().code(code)
                .addHeader("Content-Type", "application/json; charset=utf-8").body(json).build());
    }

    protected void respondEmpty(int code) {
        server.enqueue(new MockResponse.Builder().code(code).build());
    }

    protected RecordedRequest recorded() throws InterruptedException {
        RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        assertNotNull(r, "no request reached the server");
        return r;
    }

    protected static void assertJsonBody(String expectedJson, RecordedRequest r) {
        JsonElement expected = JsonParser.parseString(expectedJson);
        JsonElement actual = JsonParser.parseString(r.getBody().utf8());
        assertEquals(expected, actual, "request body");
    }
}
