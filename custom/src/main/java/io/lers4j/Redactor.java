package io.lers4j;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Removes secrets (the password, every token seen) from text before it goes into an exception or
 * a log line. A last line of defence: lers4j never puts them there knowingly, but servers and
 * proxies echo requests in error pages.
 */
final class Redactor {

    static final String MASK = "***";
    /** Shorter strings are too likely to occur in ordinary text to be masked blindly. */
    private static final int MIN_SECRET_LENGTH = 4;
    private static final int MAX_TOKENS_KEPT = 16;

    private final Set<String> secrets = new CopyOnWriteArraySet<>();

    void addSecret(String secret) {
        if (secret != null && secret.length() >= MIN_SECRET_LENGTH) {
            if (secrets.size() > MAX_TOKENS_KEPT) {
                // keep memory bounded on clients that run for years; the newest tokens matter
                secrets.clear();
            }
            secrets.add(secret);
        }
    }

    String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        return out;
    }
}
