package io.lers4j.tools;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The two routes of a LERS server that {@code fetch} uses, in process on 127.0.0.1: {@code POST /api/v1/Login}
 * answers like LERS (a token, or 422 with {@code errorMessage}), and the document route wants that token when a
 * login is configured.
 */
final class FakeLersServer implements AutoCloseable {

    static final String LOGIN = "integrator";
    static final String PASSWORD = "пароль 1";
    static final String TOKEN = "jwt-token-for-tests";

    private final HttpServer server;
    private volatile String document = "";
    /** The v0.1 document; null: the server publishes none (404). */
    private volatile String v01Document;
    private volatile String documentType = "application/json; charset=utf-8";
    private volatile boolean loginRequired;
    /** Login bodies and Authorization headers seen, for the assertions. */
    final List<JsonObject> logins = new CopyOnWriteArrayList<>();
    final List<String> authorizations = new CopyOnWriteArrayList<>();

    private FakeLersServer(HttpServer server) {
        this.server = server;
        server.createContext("/api/v1/Login", this::login);
        server.createContext("/api/swagger/v1/swagger.json", this::document);
        server.createContext("/api/swagger/v0.1/swagger.json", this::v01Document);
        server.start();
    }

    static FakeLersServer http() throws IOException {
        return new FakeLersServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    static FakeLersServer https(SSLContext tls) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        return new FakeLersServer(server);
    }

    String baseUrl() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getAddress().getPort();
    }

    FakeLersServer serve(String text) {
        this.document = text;
        return this;
    }

    FakeLersServer serveV01(String text) {
        this.v01Document = text;
        return this;
    }

    FakeLersServer serveAs(String contentType, String text) {
        this.documentType = contentType;
        this.document = text;
        return this;
    }

    FakeLersServer requireLogin() {
        this.loginRequired = true;
        return this;
    }

    private void login(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            send(exchange, 405, "text/plain", "");
            return;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonObject request = JsonParser.parseString(body).getAsJsonObject();
        logins.add(request);
        if (LOGIN.equals(request.get("login").getAsString()) && PASSWORD.equals(request.get("password").getAsString())) {
            send(exchange, 200, "application/json",
                    "{\"token\":\"" + TOKEN + "\",\"tokenExpiration\":\"2030-01-01T00:00:00+03:00\"}");
        } else {
            send(exchange, 422, "application/json",
                    "{\"errorMessage\":\"Неверный логин или пароль\",\"errorCode\":0,\"data\":{}}");
        }
    }

    private void document(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(authorization == null ? "" : authorization);
        if (loginRequired && !("Bearer " + TOKEN).equals(authorization)) {
            send(exchange, 401, "text/plain", "");
            return;
        }
        send(exchange, 200, documentType, document);
    }

    private void v01Document(HttpExchange exchange) throws IOException {
        String text = v01Document;
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(authorization == null ? "" : authorization);
        if (text == null) {
            send(exchange, 404, "text/plain", "");
        } else if (loginRequired && !("Bearer " + TOKEN).equals(authorization)) {
            send(exchange, 401, "text/plain", "");
        } else {
            send(exchange, 200, documentType, text);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
