package io.lers4j.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Answers with bytes captured from the emulator, so that client benchmarks measure the client:
 * the emulator's own cost of building an answer would otherwise dilute every ratio.
 * Requests without {@code Authorization} get 401, except the login, so auth runs as for real.
 */
final class ReplayServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final Map<String, byte[]> answers = new ConcurrentHashMap<>();

    ReplayServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves {@code body} for {@code method} and the decoded {@code path}, whatever the query. */
    ReplayServer answer(String method, String path, byte[] body) {
        answers.put(method + " " + path, body);
        return this;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            byte[] body = answers.get(key);
            boolean anonymous = key.equals("POST /api/v1/Login") || key.equals("GET /api/v1/ServerInfo");
            if (body == null || (!anonymous && exchange.getRequestHeaders().getFirst("Authorization") == null)) {
                exchange.sendResponseHeaders(body == null ? 404 : 401, -1);
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
