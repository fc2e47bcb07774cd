package io.lers4j;

import io.lers4j.invoker.ApiCallback;
import io.lers4j.model.GetNodeListResponseParameters;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** executeAsync takes the same pipeline: typed failures, retries, replays after a broken body. */
class AsyncCallTest extends TestSupport {

    private static final String NODES = "{\"nodes\":[{\"id\":1,\"title\":\"Котельная\"}]}";

    private LersClient lers() {
        return LersClient.builder().baseUrl(baseUrl()).token("tok-1").sleeper(sleeps::add)
                .retryPolicy(RetryPolicy.builder().maxAttempts(3).jitter(0).initialBackoff(Duration.ofMillis(1)).build())
                .build();
    }

    /** The callback's outcome: a result or a failure. */
    private static final class Outcome implements ApiCallback<GetNodeListResponseParameters> {
        final CompletableFuture<Object> done = new CompletableFuture<>();
        volatile int status;

        @Override
        public void onFailure(RuntimeException e, int statusCode, Map<String, List<String>> headers) {
            status = statusCode;
            done.complete(e);
        }

        @Override
        public void onSuccess(GetNodeListResponseParameters result, int statusCode, Map<String, List<String>> headers) {
            status = statusCode;
            done.complete(result);
        }

        Object get() throws Exception {
            return done.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aBusinessErrorReachesTheCallbackTyped() throws Exception {
        server.enqueue(json(422, "{\"errorMessage\":\"Узел не найден\",\"errorCode\":12}"));
        Outcome outcome = new Outcome();
        try (LersClient lers = lers()) {
            lers.nodes().getNodes().executeAsync(outcome);
            LersBusinessException e = assertInstanceOf(LersBusinessException.class, outcome.get());
            assertEquals("Узел не найден", e.errorMessage().orElseThrow());
            assertEquals("GET /api/v1/Core/Nodes", e.operation());
            assertEquals(422, outcome.status);
        }
    }

    @Test
    void retriesAndABrokenBodyAreHandledAsForSynchronousCalls() throws Exception {
        server.enqueue(new MockResponse.Builder().code(503).build());
        server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
                .body("{\"nodes\":[" + "{\"id\":1,\"title\":\"Дом\"},".repeat(2000) + "{\"id\":2}]}").onResponseBody(new SocketEffect.CloseSocket(true, true, true)).build());
        server.enqueue(json(NODES));
        Outcome outcome = new Outcome();
        try (LersClient lers = lers()) {
            lers.nodes().getNodes().executeAsync(outcome);
            GetNodeListResponseParameters nodes = assertInstanceOf(GetNodeListResponseParameters.class, outcome.get());
            assertEquals(1, nodes.getNodes().size());
        }
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void noAnswerIsATransportFailure() throws Exception {
        server.close();
        Outcome outcome = new Outcome();
        try (LersClient lers = lers()) {
            lers.nodes().getNodes().executeAsync(outcome);
            LersTransportException e = assertInstanceOf(LersTransportException.class, outcome.get());
            assertTrue(e.attempts() >= 1, e.getMessage());
            assertEquals(0, outcome.status);
        }
    }
}
