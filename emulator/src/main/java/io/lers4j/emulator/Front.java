package io.lers4j.emulator;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
final class Front implements HttpHandler {

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

    /** Thrown out of {@link #handle} to make the HTTP server drop the connection. */
    private static final class DropConnection extends IOException {
        private static final long serialVersionUID = 1L;

        DropConnection() {
            super("connection dropped by fault injection");
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        boolean dropping = false;
        try {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            List<String> segments;
            try {
                segments = decodePath(exchange.getRequestURI().getRawPath());
            } catch (IllegalArgumentException e) {
                stats.record(method, List.of());
                send(exchange, Reply.text(400, "Bad request path"));
                return;
            }
            stats.record(method, segments);
            Faults.Entry fault = null;
            if (Faults.appliesTo(segments)) {
                pause(faults.latency());
                fault = faults.next();
            }
            if (fault != null && fault.kind != Faults.Kind.DROP_MID_BODY) {
                drain(exchange);
                send(exchange, faultReply(fault));
                return;
            }
            Reply reply = serve(method, segments, exchange);
            if (fault != null) {
                dropping = true;
                sendHalf(exchange, reply);
                throw new DropConnection();
            }
            send(exchange, reply);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dropping = true;
            throw new DropConnection();
        } finally {
            if (!dropping) {
                exchange.close();
            }
        }
    }

    private Reply serve(String method, List<String> segments, HttpExchange exchange) {
        try {
            byte[] body = readBody(exchange);
            Router.Match match = router.match(method, segments);
            if (match == null) {
                return Reply.empty(404);
            }
            if (match.route == null) {
                return Reply.empty(405).header("Allow", String.join(", ", match.allowed));
            }
            Router.Route route = match.route;
            settle.run();
            Call call = new Call(method, exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
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

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
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

    private static void drain(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static void headers(HttpExchange exchange, Reply reply) {
        Headers h = exchange.getResponseHeaders();
        if (reply.contentType != null) {
            h.set("Content-Type", reply.contentType);
        }
        for (Map.Entry<String, String> e : reply.headers.entrySet()) {
            h.set(e.getKey(), e.getValue());
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        headers(exchange, reply);
        if (reply.length() == 0) {
            exchange.sendResponseHeaders(reply.status, -1);
            return;
        }
        exchange.sendResponseHeaders(reply.status, reply.length());
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body(), 0, reply.length());
        }
    }

    /** Full headers, half the body, flushed; the caller then drops the connection. */
    private static void sendHalf(HttpExchange exchange, Reply reply) throws IOException {
        if (reply.length() == 0) {
            return;
        }
        headers(exchange, reply);
        exchange.sendResponseHeaders(reply.status, reply.length());
        OutputStream out = exchange.getResponseBody();
        out.write(reply.body(), 0, reply.length() / 2);
        out.flush();
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
