package io.lers4j;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.MalformedJsonException;
import io.lers4j.invoker.JSON;
import okhttp3.HttpUrl;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns failed calls into the typed exceptions, in one place for lers4j's own requests and the
 * generated ones. Error bodies are read defensively, and every string an exception exposes is
 * masked after decoding, so a secret the server echoes JSON-escaped is masked too.
 */
final class ErrorMapper {

    static final int MAX_BODY_CHARS = 4096;

    private final Redactor redactor;
    private final HttpUrl base;

    ErrorMapper(Redactor redactor, HttpUrl base) {
        this.redactor = redactor;
        this.base = base;
    }

    /** Maps an error response (its body already cut by {@link BodyLimit}); the caller closes it. */
    LersApiException fromResponse(Response response, String operation, int attempts, boolean login, String note) {
        String body = "";
        ResponseBody responseBody = response.body();
        if (responseBody != null) {
            try {
                body = response.peekBody(BodyLimit.MAX_ERROR_BODY_BYTES).string();
            } catch (IOException e) {
                body = "";
            }
        }
        return map(operation, attempts, response.code(), response.headers().toMultimap(), body, login, note,
                response.request().url());
    }

    LersApiException map(String operation, int attempts, int status, Map<String, List<String>> rawHeaders,
                         String rawBody, boolean login, String note, HttpUrl requestUrl) {
        String raw = rawBody == null ? "" : rawBody;
        if (raw.length() > BodyLimit.MAX_ERROR_BODY_BYTES) {
            raw = raw.substring(0, (int) BodyLimit.MAX_ERROR_BODY_BYTES);
        }
        Map<String, List<String>> headers = headersOf(rawHeaders);
        String body = redactor.redact(raw);
        String kept = body.length() > MAX_BODY_CHARS ? body.substring(0, MAX_BODY_CHARS) + "…" : body;
        if (status >= 300 && status < 400) {
            return redirect(operation, attempts, status, rawHeaders, headers, kept, requestUrl);
        }
        String errorMessage = null;
        Integer errorCode = null;
        Map<String, Object> errorData = null;
        JsonObject json = parseObject(raw);
        if (json != null) {
            errorMessage = redactor.redact(string(json, "errorMessage"));
            errorCode = integer(json, "errorCode");
            JsonElement data = json.get("data");
            if (data != null && data.isJsonObject()) {
                errorData = redacted(JSON.getGson().fromJson(data, new TypeToken<Map<String, Object>>() { }.getType()));
            }
            JsonElement problems = json.get("errors");
            if (errorMessage == null && problems != null && problems.isJsonObject()) {
                // ASP.NET Core's validation problem details: a value or body the server could not bind
                errorMessage = redactor.redact(validationSummary(string(json, "title"), problems.getAsJsonObject()));
                errorData = redacted(JSON.getGson().fromJson(problems, new TypeToken<Map<String, Object>>() { }.getType()));
            }
        }
        String message = message(operation, attempts, status, headers, body, errorMessage, errorCode, note);
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

    /**
     * An answer that could not be read to its end: larger than allowed, broken off, or not what
     * the document says. {@code failure} is what the decoder or the transport threw.
     */
    LersException unreadable(Throwable failure, String operation, int attempts, int status, String note) {
        BodyLimit.ExceededException tooLarge = find(failure, BodyLimit.ExceededException.class);
        if (tooLarge != null) {
            return new LersResponseTooLargeException(redactor.redact(operation + ": " + tooLarge.getMessage()
                    + "; if the answer is legitimate, raise LersClient.builder().maxResponseSize(...) or ask for less"
                    + attemptsSuffix(attempts)), operation, attempts, status, tooLarge.limit, tooLarge);
        }
        AttemptsIOException gaveUp = find(failure, AttemptsIOException.class);
        if (gaveUp != null) {
            return new LersTransportException(redactor.redact(gaveUp.getMessage()), gaveUp.operation, gaveUp.attempts,
                    gaveUp.getCause());
        }
        IOException broken = brokenConnection(failure);
        if (broken != null) {
            return new LersTransportException(redactor.redact(operation + ": the answer broke off ("
                    + Excerpt.describe(broken) + ")" + (note == null ? "" : "; " + note) + attemptsSuffix(attempts)),
                    operation, Math.max(1, attempts), broken);
        }
        return new LersResponseException(redactor.redact("The answer of " + operation + " could not be read: "
                + Excerpt.describe(failure)), operation, attempts, status, failure);
    }

    /** The transport failure under a decoding failure, if that is what it was; null for bad JSON or a limit. */
    static IOException brokenConnection(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof IOException && !(c instanceof MalformedJsonException) && !(c instanceof EOFException)
                    && !(c instanceof BodyLimit.ExceededException)) {
                return (IOException) c;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    static <T extends Throwable> T find(Throwable e, Class<T> type) {
        int depth = 0;
        for (Throwable c = e; c != null && depth < 32; c = c.getCause(), depth++) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private LersRedirectException redirect(String operation, int attempts, int status, Map<String, List<String>> rawHeaders,
                                           Map<String, List<String>> headers, String body, HttpUrl requestUrl) {
        String location = first(rawHeaders, "location");
        HttpUrl target = location == null ? null : (requestUrl != null ? requestUrl : base).resolve(location);
        String shown = null;
        StringBuilder m = new StringBuilder().append(operation).append(": HTTP ").append(status);
        if (target == null) {
            m.append(": a redirect without a usable Location");
        } else {
            target = target.newBuilder().username("").password("").build();
            shown = redactor.redact(target.toString());
            m.append(": redirect to ").append(Excerpt.of(redactor.redact(Routes.origin(target) + target.encodedPath())))
                    .append(" not followed: ");
            if (!Routes.sameOrigin(base, target)) {
                m.append("credentials are sent only to ").append(Routes.origin(base))
                        .append(" (if the server moved, use the address it names as baseUrl)");
            } else {
                m.append("lers4j follows GET and HEAD, and 307/308 for idempotent requests, up to ")
                        .append(SameOriginRedirects.MAX_REDIRECTS).append(" times; a POST or PATCH is sent once");
            }
        }
        m.append(attemptsSuffix(attempts));
        return new LersRedirectException(redactor.redact(m.toString()), operation, attempts, status, headers, body, shown);
    }

    private String message(String operation, int attempts, int status, Map<String, List<String>> headers,
                           String body, String errorMessage, Integer errorCode, String note) {
        StringBuilder m = new StringBuilder().append(operation).append(": HTTP ").append(status);
        if (errorMessage != null) {
            m.append(": ").append(Excerpt.of(errorMessage));
            if (errorCode != null) {
                m.append(" (errorCode ").append(errorCode).append(')');
            }
        } else if (!body.isBlank()) {
            List<String> type = headers.get("content-type");
            String contentType = type == null || type.isEmpty() ? "unknown type" : type.get(0);
            if (contentType.toLowerCase(Locale.ROOT).contains("html")) {
                m.append(" (an HTML page, probably from a proxy)");
            } else {
                m.append(": ").append(Excerpt.of(body.strip()));
            }
        }
        if (status == 404 && errorMessage == null) {
            m.append(" (the server has no such route: it may be older than the API document lers4j was built from)");
        }
        if (note != null) {
            m.append("; ").append(note);
        }
        m.append(attemptsSuffix(attempts));
        return redactor.redact(m.toString());
    }

    private static String attemptsSuffix(int attempts) {
        return " [" + attempts + (attempts == 1 ? " attempt]" : " attempts]");
    }

    /**
     * Response headers for an exception: names in lower case, credentials and cookies left out,
     * and any value that echoes a secret masked.
     */
    Map<String, List<String>> headersOf(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new TreeMap<>();
        if (headers != null) {
            headers.forEach((name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!lower.equals("authorization") && !lower.equals(ApiKeyHeader.HEADER) && !lower.equals("set-cookie")
                        && !lower.equals("cookie") && !lower.equals("proxy-authorization")
                        && !lower.equals(FollowUpGuard.HIDDEN_RETRY_AFTER.toLowerCase(Locale.ROOT))) {
                    List<String> masked = new ArrayList<>(values.size());
                    for (String v : values) {
                        masked.add(Excerpt.of(redactor.redact(v), MAX_BODY_CHARS));
                    }
                    out.put(lower, List.copyOf(masked));
                }
            });
        }
        return out;
    }

    private static String first(Map<String, List<String>> headers, String lowerName) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(lowerName) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> redacted(Map<String, Object> data) {
        if (data == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        data.forEach((k, v) -> out.put(redactor.redact(k), redactedValue(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private Object redactedValue(Object v) {
        if (v instanceof String) {
            return redactor.redact((String) v);
        }
        if (v instanceof Map) {
            return redacted((Map<String, Object>) v);
        }
        if (v instanceof List) {
            List<Object> out = new ArrayList<>();
            for (Object o : (List<Object>) v) {
                out.add(redactedValue(o));
            }
            return out;
        }
        return v;
    }

    private static JsonObject parseObject(String body) {
        String trimmed = body.strip();
        if (!trimmed.startsWith("{")) {
            return null;
        }
        try {
            JsonElement element = JsonParser.parseString(trimmed);
            return element.isJsonObject() ? element.getAsJsonObject() : null;
        } catch (RuntimeException | StackOverflowError e) {
            return null; // not JSON after all: the status stays the fact
        }
    }

    /** "One or more validation errors occurred. id: The value 'abc' is not valid.", bounded. */
    private static String validationSummary(String title, JsonObject errors) {
        StringBuilder out = new StringBuilder(title == null ? "The request could not be bound." : title);
        for (Map.Entry<String, JsonElement> e : errors.entrySet()) {
            JsonElement messages = e.getValue();
            JsonElement first = messages.isJsonArray() && messages.getAsJsonArray().size() > 0
                    ? messages.getAsJsonArray().get(0) : messages;
            out.append(' ').append(e.getKey().isEmpty() ? "body" : e.getKey()).append(": ")
                    .append(first.isJsonPrimitive() ? first.getAsString() : first.toString());
            if (out.length() > 1000) {
                break;
            }
        }
        return Excerpt.of(out.toString(), 1000);
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
