package io.lers4j.tools;

import io.lers4j.LersApiException;
import io.lers4j.LersClient;
import io.lers4j.LersException;
import io.lers4j.LersRedirectException;
import io.lers4j.LersResponseTooLargeException;
import io.lers4j.LersTransportException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Downloads the API document a LERS server publishes, through the SDK's own client: its login,
 * its TLS settings (a PEM file names the operator's CA, and then exactly that CA is trusted; there
 * is no way to switch certificate checks off), its redirect rules (credentials go to this server
 * only) and its size limit. The SDK's failures become {@code IOException}s whose messages say what
 * to do.
 */
public final class SpecFetcher implements AutoCloseable {

    /** Where Swashbuckle publishes the v1 document. */
    public static final String DOCUMENT_PATH = "/api/swagger/v1/swagger.json";
    /** The documents a LERS server publishes: {@code v1} and {@code v0.1}. */
    public static final java.util.List<String> VERSIONS = java.util.List.of("v1", "v0.1");

    /** The server answered 404 for a document: it does not publish that version. */
    public static final class DocumentMissingException extends IOException {
        private static final long serialVersionUID = 1L;

        DocumentMissingException(String message, Throwable cause) {
            super(message, cause);
        }
    }
    /** Written by the server into its action journal, so administrators see who logged in. */
    public static final String APPLICATION = "lers4j-tools";

    private final LersClient lers;
    private final String login;

    /**
     * @param baseUrl the server, e.g. {@code http://lers.example:10000}
     * @param caCert PEM file with the CA certificate(s) to trust for HTTPS, or null for the JVM's default trust
     * @param login with {@code password}: log in first; both null for a token or none
     * @param token a bearer token, or null
     */
    public SpecFetcher(String baseUrl, Path caCert, String login, String password, String token) throws IOException {
        LersClient.Builder builder = LersClient.builder()
                .application(APPLICATION)
                .connectTimeout(Duration.ofSeconds(15))
                // the document is a few hundred kilobytes, built on request; the client's size limit bounds it
                .readTimeout(Duration.ofSeconds(60));
        try {
            builder.baseUrl(baseUrl.strip());
            if (caCert != null) {
                builder.trustCertificates(caCert);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (login != null) {
            builder.credentials(login, password);
        } else if (token != null) {
            builder.token(token);
        } else {
            builder.anonymous();
        }
        this.login = login;
        try {
            this.lers = builder.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** The URL of the v1 document on this server. */
    public String documentUrl() {
        return documentUrl("v1");
    }

    /** The URL of a document ({@code v1}, {@code v0.1}) on this server. */
    public String documentUrl(String version) {
        return lers.baseUrl().resolve("api/swagger/" + version + "/swagger.json").toString();
    }

    /** Downloads the v1 document text, logging in first when credentials were given. */
    public String download() throws IOException {
        return download("v1");
    }

    /**
     * Downloads a document's text ({@code v1}, {@code v0.1}), logging in first when credentials were given
     * (once per fetcher: the documents share the login).
     *
     * @throws DocumentMissingException when the server answers 404: it publishes no such document
     */
    public String download(String version) throws IOException {
        String documentUrl = documentUrl(version);
        try {
            return lers.apiDocument(version);
        } catch (LersRedirectException e) {
            throw new IOException(e.operation() + " was redirected (HTTP " + e.statusCode() + ") to "
                    + e.location().orElse("?") + "; credentials are not sent elsewhere: use the address the server "
                    + "names as the URL", e);
        } catch (LersResponseTooLargeException e) {
            throw new IOException("the answer of " + e.operation() + " is larger than "
                    + LersClient.DEFAULT_MAX_RESPONSE_SIZE / (1024 * 1024) + " MiB", e);
        } catch (LersApiException e) {
            String reason = e.errorMessage().map(m -> ": " + m).orElse("");
            if (e.operation().startsWith("POST ")) {
                throw new IOException("login as " + login + " failed: HTTP " + e.statusCode() + reason, e);
            }
            if (e.statusCode() == 404) {
                throw new DocumentMissingException("GET " + documentUrl + " answered HTTP 404: the server publishes no "
                        + version + " document", e);
            }
            throw new IOException("GET " + documentUrl + " answered HTTP " + e.statusCode() + reason
                    + (e.statusCode() == 401 || e.statusCode() == 403 ? " (give --login/--password or --token)" : ""), e);
        } catch (LersTransportException e) {
            throw new IOException("cannot reach " + documentUrl + ": " + rootCause(e), e);
        } catch (LersException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** What failed on the wire: the transport exception's cause (an SSLHandshakeException, say), named by class. */
    private static String rootCause(LersTransportException e) {
        Throwable cause = e.getCause();
        return cause == null ? e.getMessage() : cause.getClass().getName() + ": " + cause.getMessage();
    }

    @Override
    public void close() {
        lers.close();
    }
}
