package io.lers4j;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import io.lers4j.invoker.JSON;
import okhttp3.Headers;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Turns error answers into the typed exceptions, reading LERS error bodies defensively. */
final class ErrorMapper {

    static final int MAX_BODY_CHARS = 4096;
    private static final long MAX_BODY_BYTES = 64 * 1024;

    private final Redactor redactor;

    ErrorMapper(Redactor redactor) {
        this.redactor = redactor;
    }

    /** Reads (at most 64 KiB of) the body and maps the response; the caller closes it. */
    LersApiException fromResponse(Response response, String operation, int attempts, boolean login) {
        String body = "";
        ResponseBody responseBody = response.body();
        if (responseBody != null) {
            try {
                body = response.peekBody(MAX_BODY_BYTES).string();
            } catch (IOException e) {
                body = "";
            }
        }
        return map(operation, attempts, response.code(), headersOf(response.headers()), body, login);
    }

    LersApiException map(String operation, int attempts, int status, Map<String, List<String>> headers,
                         String rawBody, boolean login) {
        String body = redactor.redact(rawBody == null ? "" : rawBody);
        String errorMessage = null;
        Integer errorCode = null;
        Map<String, Object> errorData = null;
        JsonObject json = parseObject(body);
        if (json != null) {
            errorMessage = string(json, "errorMessage");
            errorCode = integer(json, "errorCode");
            JsonElement data = json.get("data");
            if (data != null && data.isJsonObject()) {
                errorData = JSON.getGson().fromJson(data, new TypeToken<Map<String, Object>>() { }.getType());
            }
        }
        String message = message(operation, attempts, status, headers, body, errorMessage, errorCode);
        String kept = body.length() > MAX_BODY_CHARS ? body.substring(0, MAX_BODY_CHARS) + "…" : body;
        if (status == 401 || (login && (status == 422 || status == 400 || status == 403))) {
            return new LersAuthenticationException(message, operation, attempts, status, headers, kept, errorMessage, errorCode, errorData);
        }
        if (status == 403) {
            return new LersAccessDeniedException(message, operation, attempts, status, headers, kept, errorMessage, errorCode, errorData);
        }
        if (status == 422) {
            return new LersBusinessException(message, operation, attempts, status, headers, kept, errorMessage, errorCode, errorData);
        }
        if (status >= 500) {
            return new LersServerException(message, operation, attempts, status, headers, kept, errorMessage, errorCode, errorData);
        }
        return new LersApiException(message, operation, attempts, status, headers, kept, errorMessage, errorCode, errorData);
    }

    private String message(String operation, int attempts, int status, Map<String, List<String>> headers,
                           String body, String errorMessage, Integer errorCode) {
        StringBuilder m = new StringBuilder().append(operation).append(": HTTP ").append(status);
        if (errorMessage != null) {
            m.append(": ").append(errorMessage);
            if (errorCode != null) {
                m.append(" (errorCode ").append(errorCode).append(')');
            }
        } else if (!body.isBlank()) {
            List<String> type = headers.get("content-type");
            String contentType = type == null || type.isEmpty() ? "unknown type" : type.get(0);
            if (contentType.toLowerCase(Locale.ROOT).contains("html")) {
                m.append(" (an HTML page, probably from a proxy)");
            } else {
                String excerpt = body.strip();
                m.append(": ").append(excerpt.length() > 200 ? excerpt.substring(0, 200) + "…" : excerpt);
            }
        }
        if (status == 404 && errorMessage == null) {
            m.append(" (the server has no such route: it may be older than the API document lers4j was built from)");
        }
        m.append(" [").append(attempts).append(attempts == 1 ? " attempt]" : " attempts]");
        return redactor.redact(m.toString());
    }

    static Map<String, List<String>> headersOf(Headers headers) {
        return headersOf(headers.toMultimap());
    }

    /** Response headers for an exception: names in lower case, credentials and cookies left out. */
    static Map<String, List<String>> headersOf(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new TreeMap<>();
        if (headers != null) {
            headers.forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!lower.equals("authorization") && !lower.equals(ApiKeyHeader.HEADER) && !lower.equals("set-cookie")
                        && !lower.equals("cookie")) {
                    out.put(lower, values);
                }
            });
        }
        return out;
    }

    private static JsonObject parseObject(String body) {
        String trimmed = body.strip();
        if (!trimmed.startsWith("{")) {
            return null;
        }
        try {
            JsonElement element = JsonParser.parseString(trimmed);
            return element.isJsonObject() ? element.getAsJsonObject() : null;
        } catch (RuntimeException e) {
            return null; // not JSON after all: the status stays the fact
        }
    }

    private static String string(JsonObject json, String name) {
        JsonElement e = json.get(name);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    private static Integer integer(JsonObject json, String name) {
        JsonElement e = json.get(name);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            return null;
        }
        try {
            return e.getAsInt();
        } catch (NumberFormatException ex) {
            return null;
        }
    }
}
