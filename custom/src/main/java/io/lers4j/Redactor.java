package io.lers4j;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Removes secrets (the password, the API key, the tokens seen) from text before it goes into an
 * exception or a log line. A last line of defence: lers4j never puts them there knowingly, but
 * servers and proxies echo requests in error pages.
 */
final class Redactor {

    static final String MASK = "***";
    /** Shorter strings are too likely to occur in ordinary text to be masked blindly. */
    private static final int MIN_SECRET_LENGTH = 4;
    /** Tokens rotate for as long as a client runs: keep the newest, memory stays bounded. */
    private static final int TOKENS_KEPT = 16;

    private final Set<String> permanent = new CopyOnWriteArraySet<>();
    private final Deque<String> tokens = new ArrayDeque<>();
    private volatile List<String> tokenSnapshot = List.of();

    /** The password or an API key: masked for the client's whole life. */
    void addSecret(String secret) {
        if (secret != null && secret.length() >= MIN_SECRET_LENGTH) {
            permanent.add(secret);
        }
    }

    /** A token: masked until {@value #TOKENS_KEPT} newer ones have been seen. */
    synchronized void addToken(String token) {
        if (token == null || token.length() < MIN_SECRET_LENGTH || tokens.contains(token)) {
            return;
        }
        tokens.addLast(token);
        while (tokens.size() > TOKENS_KEPT) {
            tokens.removeFirst();
        }
        tokenSnapshot = List.copyOf(tokens);
    }

    String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : permanent) {
            out = out.replace(secret, MASK);
        }
        for (String token : tokenSnapshot) {
            out = out.replace(token, MASK);
        }
        return out;
    }
}
