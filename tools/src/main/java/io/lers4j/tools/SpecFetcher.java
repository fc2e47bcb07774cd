package io.lers4j.tools;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;

/**
 * Downloads the API document a LERS server publishes. Servers are usually on premises, so HTTPS often uses a
 * certificate of the operator's own CA: {@code caCert} names it, and then exactly that CA is trusted. There is no way
 * to switch certificate checks off.
 */
public final class SpecFetcher {

    /** Where Swashbuckle publishes the v1 document. */
    public static final String DOCUMENT_PATH = "/api/swagger/v1/swagger.json";
    public static final String LOGIN_PATH = "/api/v1/Login";
    /** Written by the server into its action journal, so administrators see who logged in. */
    public static final String APPLICATION = "lers4j-tools";

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final Gson GSON = new Gson();

    private final OkHttpClient http;
    private final HttpUrl base;

    /**
     * @param baseUrl the server, e.g. {@code http://lers.example:10000}
     * @param caCert PEM file with the CA certificate(s) to trust for HTTPS, or null for the JVM's default trust
     */
    public SpecFetcher(String baseUrl, Path caCert) throws IOException, GeneralSecurityException {
        String trimmed = baseUrl.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        HttpUrl parsed = HttpUrl.parse(trimmed);
        if (parsed == null) {
            throw new IllegalArgumentException("not an http(s) URL: " + baseUrl);
        }
        this.base = parsed;
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                // the login body and the token go to this server only, and each request is sent once
                .followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .connectTimeout(Duration.ofSeconds(15))
                .readTimeout(Duration.ofSeconds(60)); // the document is a few hundred kilobytes, built on request
        if (caCert != null) {
            X509TrustManager trust = trustOnly(caCert);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {trust}, null);
            builder.sslSocketFactory(tls.getSocketFactory(), trust);
        }
        this.http = builder.build();
    }

    /** The URL of the document on this server. */
    public String documentUrl() {
        return url(DOCUMENT_PATH).toString();
    }

    /**
     * Logs in with {@code POST /api/v1/Login} and returns the token.
     *
     * @throws IOException when the server cannot be reached or refuses the login (the message has its reason)
     */
    public String login(String login, String password) throws IOException {
        JsonObject body = new JsonObject();
        body.addProperty("login", login);
        body.addProperty("password", password);
        body.addProperty("application", APPLICATION);
        Request request = new Request.Builder()
                .url(url(LOGIN_PATH))
                .header("Accept", "application/json")
                .post(RequestBody.create(GSON.toJson(body), JSON))
                .build();
        try (Response response = call(request)) {
            String text = text(response);
            if (!response.isSuccessful()) {
                throw new IOException("login as " + login + " failed: HTTP " + response.code() + reason(text));
            }
            JsonObject answer;
            try {
                answer = GSON.fromJson(text, JsonObject.class);
            } catch (JsonParseException e) {
                throw new IOException("login answer is not JSON" + reason(text), e);
            }
            JsonElement token = answer == null ? null : answer.get("token");
            if (token == null || !token.isJsonPrimitive() || token.getAsString().isEmpty()) {
                throw new IOException("login answer has no token");
            }
            return token.getAsString();
        }
    }

    /**
     * Downloads the document text.
     *
     * @param token bearer token, or null where the document is public
     */
    public String download(String token) throws IOException {
        Request.Builder request = new Request.Builder().url(url(DOCUMENT_PATH)).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try (Response response = call(request.build())) {
            String text = text(response);
            if (!response.isSuccessful()) {
                throw new IOException("GET " + documentUrl() + " answered HTTP " + response.code() + reason(text)
                        + (response.code() == 401 || response.code() == 403
                        ? " (give --login/--password or --token)" : ""));
            }
            return text;
        }
    }

    private HttpUrl url(String path) {
        return base.newBuilder().encodedPath(base.encodedPath().replaceAll("/$", "") + path).build();
    }

    private Response call(Request request) throws IOException {
        try {
            return http.newCall(request).execute();
        } catch (IOException e) {
            throw new IOException("cannot reach " + request.url() + ": " + e, e);
        }
    }

    /** The largest document read: today's is a few hundred kilobytes. */
    static final long MAX_DOCUMENT_BYTES = 32L * 1024 * 1024;

    private static String text(Response response) throws IOException {
        ResponseBody body = response.body();
        if (body == null) {
            return "";
        }
        if (response.isRedirect()) {
            throw new IOException(response.request().method() + " " + response.request().url().encodedPath()
                    + " was redirected (HTTP " + response.code() + "); credentials are not sent elsewhere: use the "
                    + "address the server names as the URL (" + String.valueOf(response.header("Location")).replaceAll(
                    "//[^/@]*@", "//") + ")");
        }
        okio.BufferedSource source = body.source();
        if (source.request(MAX_DOCUMENT_BYTES + 1)) {
            throw new IOException("the answer of " + response.request().url().encodedPath() + " is larger than "
                    + MAX_DOCUMENT_BYTES / (1024 * 1024) + " MiB");
        }
        return source.readUtf8();
    }

    /** The server's own error text: LERS answers 422 with {@code {"errorMessage": ...}}. */
    private static String reason(String text) {
        try {
            JsonObject json = GSON.fromJson(text, JsonObject.class);
            JsonElement message = json == null ? null : json.get("errorMessage");
            if (message != null && message.isJsonPrimitive()) {
                String m = message.getAsString();
                return ": " + (m.length() > 200 ? m.substring(0, 200) + "..." : m);
            }
        } catch (JsonParseException | IllegalStateException e) {
            // not JSON: fall through to the raw start of the text
        }
        String start = text.strip().replaceAll("\\s+", " ");
        return start.isEmpty() ? "" : ": " + (start.length() > 200 ? start.substring(0, 200) + "..." : start);
    }

    private static X509TrustManager trustOnly(Path pem) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pem)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certificates.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + pem);
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int i = 0;
        for (Certificate certificate : certificates) {
            store.setCertificateEntry("lers-ca-" + i++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager) {
                return (X509TrustManager) manager;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager available");
    }
}
