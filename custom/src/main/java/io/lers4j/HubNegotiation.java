package io.lers4j;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The negotiate step before the WebSocket: {@code POST <hub>/negotiate?negotiateVersion=1}, sent
 * through the client's pipeline (token, retries, typed errors). Reads versions 1 and 0 of the
 * answer and follows the redirect form ({@code {url, accessToken}}) within the configured origin only.
 */
final class HubNegotiation {

    /** Largest negotiate answer read; a real one is a few hundred bytes. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;
    static final int MAX_REDIRECTS = 5;

    /** Where to open the WebSocket and with which id; {@code accessToken}: the redirect's own, or null. */
    static final class Result {
        final HttpUrl hubUrl;
        final String connectionToken;
        final String accessToken;
        final boolean queryForm;

        Result(HttpUrl hubUrl, String connectionToken, String accessToken, boolean queryForm) {
            this.hubUrl = hubUrl;
            this.connectionToken = connectionToken;
            this.accessToken = accessToken;
            this.queryForm = queryForm;
        }
    }

    private final HttpUrl base;
    private final Pipeline authenticated;
    /** For the query form of the token: a pipeline that adds no credential of its own; null without a token. */
    private final Pipeline unauthenticated;
    private final TokenManager tokens;
    private final Redactor redactor;

    HubNegotiation(HttpUrl base, Pipeline authenticated, Pipeline unauthenticated, TokenManager tokens, Redactor redactor) {
        this.base = base;
        this.authenticated = authenticated;
        this.unauthenticated = unauthenticated;
        this.tokens = tokens;
        this.redactor = redactor;
    }

    /**
     * Negotiates a connection at {@code hubUrl}. {@code queryForm}: the server is known to refuse
     * the token in the header, so it goes as {@code access_token}; the result says whether that
     * form was needed this time.
     */
    Result negotiate(HttpUrl hubUrl, boolean queryForm) {
        HttpUrl url = hubUrl;
        String accessToken = null;
        boolean query = queryForm;
        for (int hop = 0; ; hop++) {
            HttpUrl negotiate = url.newBuilder().addPathSegment("negotiate").addQueryParameter("negotiateVersion", "1").build();
            String operation = "POST " + negotiate.encodedPath();
            JsonObject answer;
            if (accessToken != null) {
                answer = post(authenticated, request(negotiate).header("Authorization", "Bearer " + accessToken).build());
            } else if (query && canUseQueryForm()) {
                answer = postWithQueryToken(negotiate);
            } else {
                try {
                    answer = post(authenticated, request(negotiate).build());
                } catch (LersAuthenticationException e) {
                    if (e.statusCode() != 401 || !operation.equals(e.operation()) || !canUseQueryForm()) {
                        throw e;
                    }
                    // the header refused even after renewal: the form browsers use, as the LERS web UI does
                    answer = postWithQueryToken(negotiate);
                    query = true;
                }
            }
            String error = HubProtocol.text(answer.get("error"));
            if (error != null) {
                String shown = redactor.redact(Excerpt.of(error));
                throw new LersHubException(operation + ": the hub refused to negotiate a connection: " + shown, operation,
                        shown, true, null);
            }
            String redirect = HubProtocol.text(answer.get("url"));
            if (redirect == null) {
                return new Result(url, connectionToken(answer, operation), accessToken, query);
            }
            HttpUrl target = url.resolve(redirect);
            if (target == null) {
                throw new LersHubException(operation + ": the hub redirects to an unusable URL", operation, null, true, null);
            }
            if (!Routes.sameOrigin(base, target)) {
                throw new LersHubException(redactor.redact(operation + ": the hub redirects to another origin ("
                        + Excerpt.of(Routes.origin(target)) + "); credentials are sent only to " + Routes.origin(base)
                        + ", so nothing was sent there"), operation, null, true, null);
            }
            if (hop + 1 >= MAX_REDIRECTS) {
                throw new LersHubException(operation + ": the hub redirected more than " + MAX_REDIRECTS + " times",
                        operation, null, true, null);
            }
            String token = HubProtocol.text(answer.get("accessToken"));
            if (token != null && !token.isEmpty()) {
                redactor.addToken(token);
                accessToken = token;
            }
            url = target.newBuilder().username("").password("").build();
        }
    }

    private boolean canUseQueryForm() {
        return unauthenticated != null && tokens != null && tokens.hasAccount();
    }

    private JsonObject postWithQueryToken(HttpUrl negotiate) {
        HttpUrl url = negotiate.newBuilder().addQueryParameter("access_token", tokens.token()).build();
        return post(unauthenticated, request(url).build());
    }

    private static Request.Builder request(HttpUrl url) {
        return new Request.Builder().url(url).post(RequestBody.create(new byte[0])).header("Accept", "application/json");
    }

    private static JsonObject post(Pipeline pipeline, Request request) {
        try {
            return pipeline.execute(request, HubNegotiation::readAnswer, false);
        } catch (LersApiException e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            throw new LersHubException(e.operation() + ": HTTP 404: no hub at this path (where LERS servers of 2020-2022 "
                    + "have it; where newer versions have it is not known: set HubOptions.path for yours)",
                    e.operation(), null, false, e);
        }
    }

    private static JsonObject readAnswer(Response response) throws IOException {
        BufferedSource source = response.body().source();
        if (source.request(MAX_ANSWER_BYTES + 1L)) {
            throw new IllegalStateException("the negotiate answer is longer than " + MAX_ANSWER_BYTES + " bytes");
        }
        String text = source.getBuffer().readUtf8();
        JsonObject answer = HubProtocol.object(text);
        if (answer == null) {
            throw new IllegalStateException("the negotiate answer is not a JSON object (" + text.length() + " characters)");
        }
        return answer;
    }

    /** {@code connectionToken} for version 1, {@code connectionId} for version 0; a hub without WebSockets fails. */
    private String connectionToken(JsonObject answer, String operation) {
        requireWebSockets(answer, operation);
        Integer version = HubProtocol.integer(answer.get("negotiateVersion"));
        String token = version != null && version >= 1 ? HubProtocol.text(answer.get("connectionToken")) : null;
        if (token == null) {
            token = HubProtocol.text(answer.get("connectionId"));
        }
        if (token == null || token.isBlank()) {
            throw new LersResponseException(operation + ": the negotiate answer names no connection (connectionToken or "
                    + "connectionId)", operation, 1, 200, null);
        }
        return token;
    }

    private void requireWebSockets(JsonObject answer, String operation) {
        JsonElement transports = answer.get("availableTransports");
        if (transports == null || !transports.isJsonArray()) {
            return; // not listed: WebSockets may be used without it
        }
        List<String> offered = new ArrayList<>();
        for (JsonElement t : (JsonArray) transports) {
            if (!t.isJsonObject()) {
                continue;
            }
            String name = HubProtocol.text(t.getAsJsonObject().get("transport"));
            JsonElement formats = t.getAsJsonObject().get("transferFormats");
            if ("WebSockets".equalsIgnoreCase(name) && (formats == null || !formats.isJsonArray()
                    || formats.toString().toLowerCase(Locale.ROOT).contains("\"text\""))) {
                return;
            }
            if (name != null && offered.size() < 5) {
                offered.add(Excerpt.of(name, 40));
            }
        }
        throw new LersHubException(redactor.redact(operation + ": the hub offers no WebSocket transport with text frames "
                + "(it offers " + (offered.isEmpty() ? "none" : String.join(", ", offered)) + "); lers4j speaks WebSockets only"),
                operation, null, true, null);
    }
}
