package io.lers4j;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.lers4j.types.LersDateTime;
import io.lers4j.invoker.ApiClient;
import io.lers4j.invoker.OwnRequests;
import okhttp3.Request;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Holds the token and logs in when there is none or it is about to expire. Logins are single
 * flight: when many threads need a token at once, one logs in and the others wait for its result,
 * success or failure, so a wrong password costs one failed login, not one per thread (LERS locks
 * accounts after repeated failures).
 */
final class TokenManager {

    private static final System.Logger LOG = Loggers.AUTH;

    /** Builds the login request; bound to the login's own client, which sends no token. */
    private final ApiClient loginClient;
    private final String login;
    private final String password;
    private final String application;
    private final Pipeline http;
    private final Clock clock;
    private final Duration skew;
    private final Redactor redactor;
    private final ReentrantLock lock = new ReentrantLock();

    private volatile Token current;
    /** Counts finished login attempts; a waiter that sees it move reuses that attempt's outcome. */
    private volatile long loginGeneration;
    private RuntimeException lastFailure;

    TokenManager(ApiClient loginClient, String login, String password, String application, String initialToken,
                 Pipeline http, Clock clock, Duration skew, Redactor redactor) {
        this.loginClient = loginClient;
        this.login = login;
        this.password = password;
        this.application = application;
        this.http = http;
        this.clock = clock;
        this.skew = skew;
        this.redactor = redactor;
        if (initialToken != null) {
            redactor.addToken(initialToken);
            this.current = new Token(initialToken, null);
        }
    }

    boolean canLogIn() {
        return login != null;
    }

    /** Credentials or a token: false for an anonymous client. */
    boolean hasAccount() {
        return login != null || current != null;
    }

    /** A token that is not about to expire, logging in if needed. */
    String token() {
        Token t = current;
        if (t != null && t.usableAt(clock.instant(), skew)) {
            return t.value;
        }
        return renew(t, t == null ? "no token yet" : "the token expires at " + t.expires);
    }

    /** The server rejected {@code rejected}; returns a different token, logging in at most once for all threads. */
    String renewAfterRejection(String rejected) {
        Token t = current;
        if (t != null && !t.value.equals(rejected) && t.usableAt(clock.instant(), skew)) {
            return t.value; // another thread renewed it meanwhile
        }
        return renew(t == null || t.value.equals(rejected) ? t : null, "the server rejected the token");
    }

    /** {@code why}: for the log, never holding the token. */
    private String renew(Token stale, String why) {
        long generationSeen = loginGeneration;
        lock.lock();
        try {
            Token t = current;
            if (t != null && t != stale && t.usableAt(clock.instant(), skew)) {
                return t.value;
            }
            if (loginGeneration != generationSeen && lastFailure != null) {
                throw copyOf(lastFailure); // the login this thread waited for failed: do not try again now
            }
            if (!canLogIn()) {
                throw new LersAuthenticationException(stale == null && current == null
                        ? "This client has no account (anonymous()): only ServerInfo, the API document and downloads "
                        + "can be asked without one; nothing was sent"
                        : "The token was rejected or has expired, and no credentials are configured to log in again",
                        "POST /" + Routes.LOGIN, 0, 401, null, "", null, null, null);
            }
            try {
                current = logIn(why);
                lastFailure = null;
                return current.value;
            } catch (RuntimeException e) {
                lastFailure = e;
                throw e;
            } finally {
                loginGeneration++;
            }
        } finally {
            lock.unlock();
        }
    }

    private Token logIn(String why) {
        Request request = OwnRequests.login(loginClient, login, password, application);
        String operation = Routes.operation(request);
        String answer;
        try {
            answer = http.execute(request, response -> response.body().string(), true);
        } catch (LersApiException e) {
            LOG.log(Level.WARNING, () -> "Login of '" + login + "' (" + why + ") failed with HTTP " + e.statusCode());
            throw e;
        }
        Token token = parse(answer, operation);
        LOG.log(Level.DEBUG, () -> "Logged in as '" + login + "' (" + why + ")" + (token.expires == null ? ""
                : ", token valid until " + token.expires));
        return token;
    }

    private Token parse(String text, String operation) {
        int attempts = 1;
        String value;
        LersDateTime expiration = null;
        try {
            JsonObject json = JsonParser.parseString(text).getAsJsonObject();
            value = json.has("token") && !json.get("token").isJsonNull() ? json.get("token").getAsString() : null;
            if (json.has("tokenExpiration") && !json.get("tokenExpiration").isJsonNull()) {
                expiration = LersDateTime.parse(json.get("tokenExpiration").getAsString());
            }
        } catch (RuntimeException e) {
            // never quote this body: it may hold the token
            throw new LersResponseException("The login answer could not be read (" + e.getClass().getSimpleName() + ")",
                    operation, attempts, 200, null);
        }
        if (value == null || value.isBlank()) {
            throw new LersAuthenticationException("The login answer holds no token", operation, attempts,
                    200, null, "", null, null, null);
        }
        redactor.addToken(value);
        Instant expires = null;
        if (expiration != null && expiration.hasOffset()) {
            expires = expiration.toOffsetDateTime().orElseThrow().toInstant();
            if (!expires.isAfter(clock.instant().plus(skew))) {
                // the clocks disagree: renewing before every call would be worse than waiting for a 401
                Instant when = expires;
                LOG.log(Level.WARNING, () -> "The server says the new token expires at " + when
                        + ", which is already past by this machine's clock; renewing on rejection only");
                expires = null;
            }
        }
        return new Token(value, expires);
    }

    private static RuntimeException copyOf(RuntimeException failure) {
        if (failure instanceof LersAuthenticationException) {
            LersAuthenticationException a = (LersAuthenticationException) failure;
            LersAuthenticationException copy = new LersAuthenticationException(a.getMessage(), a.operation(), a.attempts(),
                    a.statusCode(), a.headers(), a.body(), a.errorMessage().orElse(null),
                    a.errorCode().isPresent() ? a.errorCode().getAsInt() : null, a.errorData());
            copy.addSuppressed(failure); // the constructor has set the cause already
            return copy;
        }
        return failure;
    }

    /** A token and when it stops working; {@code expires == null}: unknown, used until rejected. */
    private static final class Token {
        final String value;
        final Instant expires;

        Token(String value, Instant expires) {
            this.value = value;
            this.expires = expires;
        }

        boolean usableAt(Instant now, Duration skew) {
            return expires == null || now.plus(skew).isBefore(expires);
        }
    }
}
