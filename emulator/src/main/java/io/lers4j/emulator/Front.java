package io.lers4j.emulator;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTTP side: counts the request, applies faults, routes, brings poll sessions up to now,
 * checks the token and permission, runs the route and writes the answer. Any unexpected exception becomes a 500 with a short text.
 */
final class Front extends Handler.Abstract {

    private static final int MAX_BODY = 64 * 1024 * 1024;
    private static final System.Logger LOG = System.getLogger(Front.class.getName());

    private final Router router;
    private final Accounts accounts;
    private final Faults faults;
    private final RequestStats stats;
    /** Brings time-driven state up to now before a request is served: poll sessions whose time is up end. */
    private final Runnable settle;

    Front(Router router, Accounts accounts, Faults faults, RequestStats stats, Runnable settle) {
        this.router = router;
        this.accounts = accounts;
        this.faults = faults;
        this.stats = stats;
        this.settle = settle;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        try {
            List<String> segments;
            try {
                segments = decodePath(request.getHttpURI().getPath());
            } catch (IllegalArgumentException e) {
                stats.record(method, List.of());
                send(response, Reply.text(400, "Bad request path"), callback);
                return true;
            }
            stats.record(method, segments);
            Faults.Entry fault = null;
            if (Faults.appliesTo(segments)) {
                pause(faults.latency());
                fault = faults.next();
            }
            if (fault != null && fault.kind != Faults.Kind.DROP_MID_BODY) {
                drain(request);
                send(response, faultReply(fault), callback);
                return true;
            }
            Reply reply = serve(method, segments, request);
            if (fault != null) {
                sendHalfAndDrop(request, response, reply, callback);
                return true;
            }
            send(response, reply, callback);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.failed(e);
        } catch (IOException | RuntimeException e) {
            callback.failed(e);
        }
        return true;
    }

    private Reply serve(String method, List<String> segments, Request request) {
        try {
            byte[] body = readBody(request);
            Router.Match match = router.match(method, segments);
            if (match == null) {
                return Reply.empty(404);
            }
            if (match.route == null) {
                return Reply.empty(405).header("Allow", String.join(", ", match.allowed));
            }
            Router.Route route = match.route;
            settle.run();
            HttpFields requestHeaders = request.getHeaders();
            Call call = new Call(method, request.getHttpURI().getQuery(), requestHeaders::get, body);
            route.bind(segments, call);
            if (route.access != Router.Access.ANONYMOUS) {
                Accounts.Session[] session = new Accounts.Session[1];
                String apiKey = call.header(API_KEY_HEADER);
                Accounts.Check check = apiKey != null && !apiKey.isBlank()
                        ? accounts.checkApiKey(apiKey, session)
                        : accounts.check(call.header("Authorization"), session);
                if (check != Accounts.Check.OK) {
                    return unauthorized(check);
                }
                call.session = session[0];
                if (route.access == Router.Access.PERMISSION && !call.session.account.may(route.permission)) {
                    return Reply.empty(403);
                }
            }
            return route.handler.handle(call);
        } catch (HttpError e) {
            return e.reply;
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            LOG.log(System.Logger.Level.WARNING, "emulator error on " + method + " /" + String.join("/", segments), e);
            String message = e.getMessage() == null ? "" : ": " + e.getMessage();
            if (message.length() > 200) {
                message = message.substring(0, 200);
            }
            return Reply.text(500, "Internal emulator error: " + e.getClass().getSimpleName() + message);
        }
    }

    /** The application key header that field clients send instead of a bearer token. */
    static final String API_KEY_HEADER = "x-lers-api-key";

    private static Reply unauthorized(Accounts.Check check) {
        String challenge;
        switch (check) {
            case EXPIRED:
                challenge = "Bearer error=\"invalid_token\", error_description=\"The token expired\"";
                break;
            case UNKNOWN:
                challenge = "Bearer error=\"invalid_token\"";
                break;
            default:
                challenge = "Bearer";
        }
        return Reply.empty(401).header("WWW-Authenticate", challenge);
    }

    private static Reply faultReply(Faults.Entry fault) {
        switch (fault.kind) {
            case THROTTLE: {
                long seconds = (fault.retryAfter.toMillis() + 999) / 1000;
                return Reply.text(429, "Too Many Requests").header("Retry-After", String.valueOf(seconds));
            }
            case HTML_PAGE: {
                String title = fault.status + " " + reason(fault.status);
                String html = "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                        + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
                return Reply.bytes(fault.status, "text/html", html.getBytes(StandardCharsets.UTF_8))
                        .header("Server", "nginx");
            }
            default:
                return Reply.text(fault.status, reason(fault.status));
        }
    }

    static String reason(int status) {
        switch (status) {
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 408: return "Request Timeout";
            case 429: return "Too Many Requests";
            case 500: return "Internal Server Error";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            case 504: return "Gateway Time-out";
            default: return "Error " + status;
        }
    }

    private static void pause(Duration latency) throws InterruptedException {
        if (!latency.isZero()) {
            Thread.sleep(latency.toMillis(), (int) (latency.toNanos() % 1_000_000));
        }
    }

    private static byte[] readBody(Request request) {
        try (InputStream in = Content.Source.asInputStream(request)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_BODY) {
                    throw HttpError.status(413);
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void drain(Request request) throws IOException {
        try (InputStream in = Content.Source.asInputStream(request)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static void headers(Response response, Reply reply) {
        response.setStatus(reply.status);
        HttpFields.Mutable h = response.getHeaders();
        if (reply.contentType != null) {
            h.put(HttpHeader.CONTENT_TYPE, reply.contentType);
        }
        for (Map.Entry<String, String> e : reply.headers.entrySet()) {
            h.put(e.getKey(), e.getValue());
        }
        h.put(HttpHeader.CONTENT_LENGTH, reply.length());
    }

    private static void send(Response response, Reply reply, Callback callback) {
        headers(response, reply);
        response.write(true, ByteBuffer.wrap(reply.body(), 0, reply.length()), callback);
    }

    /**
     * Full headers, a full Content-Length and half the body, flushed; then the connection is closed
     * under the client, which sees the body end early.
     */
    private static void sendHalfAndDrop(Request request, Response response, Reply reply, Callback callback)
            throws IOException {
        if (reply.length() > 0) {
            headers(response, reply);
            FutureCallback written = new FutureCallback();
            response.write(false, ByteBuffer.wrap(reply.body(), 0, reply.length() / 2), written);
            try {
                written.get();
            } catch (Exception e) {
                // the client went first; closing below is all that is left to do
            }
        }
        request.getConnectionMetaData().getConnection().getEndPoint().close();
        callback.failed(new IOException("connection dropped by fault injection"));
    }

    /** Splits a raw path and percent-decodes each segment ('+' stays '+', as in paths it should). */
    static List<String> decodePath(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String raw : Router.split(rawPath == null ? "" : rawPath)) {
            out.add(percentDecode(raw));
        }
        return out;
    }

    private static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new IllegalArgumentException("bad escape in " + s);
                }
                bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
