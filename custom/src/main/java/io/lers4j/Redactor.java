package io.lers4j;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets (the password, the API key, the tokens seen) from text before it goes into an
 * exception or a log line. A last line of defence: lers4j never puts them there knowingly, but
 * servers and proxies echo requests in error pages, and .NET writes them JSON-escaped
 * (a plus sign or a Cyrillic letter as a backslash-u escape) or a proxy percent-encoded, so each
 * secret is matched in those spellings too.
 */
final class Redactor {

    static final String MASK = "***";
    /** Shorter strings are too likely to occur in ordinary text to be masked blindly. */
    private static final int MIN_SECRET_LENGTH = 4;
    /** Tokens rotate for as long as a client runs: keep the newest, memory stays bounded. */
    private static final int TOKENS_KEPT = 16;

    private final Map<String, Pattern> permanent = new ConcurrentHashMap<>();
    private final Deque<String> tokens = new ArrayDeque<>();
    private volatile List<Map.Entry<String, Pattern>> tokenSnapshot = List.of();

    /** The password or an API key: masked for the client's whole life. */
    void addSecret(String secret) {
        if (secret != null && secret.length() >= MIN_SECRET_LENGTH) {
            permanent.computeIfAbsent(secret, Redactor::spellings);
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
        List<Map.Entry<String, Pattern>> snapshot = new java.util.ArrayList<>();
        for (String t : tokens) {
            snapshot.add(Map.entry(t, spellings(t)));
        }
        tokenSnapshot = List.copyOf(snapshot);
    }

    String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Map.Entry<String, Pattern> secret : permanent.entrySet()) {
            out = mask(out, secret.getKey(), secret.getValue());
        }
        for (Map.Entry<String, Pattern> token : tokenSnapshot) {
            out = mask(out, token.getKey(), token.getValue());
        }
        return out;
    }

    private static String mask(String text, String secret, Pattern spellings) {
        String out = text.replace(secret, MASK); // the common case, without a regex
        if (out.indexOf('\\') < 0 && out.indexOf('%') < 0 && out.indexOf('&') < 0) {
            return out; // no escape in the text, so no escaped spelling either
        }
        Matcher m = spellings.matcher(out);
        return m.find() ? m.replaceAll(MASK) : out;
    }

    /**
     * A pattern matching {@code secret} with each character written plainly or as a JSON escape
     * (backslash-u and four hex digits in either case, or the short forms), percent-encoded UTF-8 or an HTML
     * character reference.
     */
    static Pattern spellings(String secret) {
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < secret.length(); i++) {
            char c = secret.charAt(i);
            p.append("(?:").append(Pattern.quote(String.valueOf(c)));
            p.append("|\\\\u").append(hexCaseless(String.format("%04x", (int) c)));
            String shortEscape = shortJsonEscape(c);
            if (shortEscape != null) {
                p.append('|').append(Pattern.quote(shortEscape));
            }
            if (!Character.isSurrogate(c)) {
                StringBuilder percent = new StringBuilder();
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    percent.append('%').append(hexCaseless(String.format("%02x", b & 0xff)));
                }
                p.append('|').append(percent);
            }
            p.append("|&#0*").append((int) c).append(";|&#[xX]0*").append(hexCaseless(Integer.toHexString(c))).append(';');
            p.append(')');
        }
        return Pattern.compile(p.toString());
    }

    private static String shortJsonEscape(char c) {
        switch (c) {
            case '"': return "\\\"";
            case '\\': return "\\\\";
            case '/': return "\\/";
            case '\n': return "\\n";
            case '\r': return "\\r";
            case '\t': return "\\t";
            case '\b': return "\\b";
            case '\f': return "\\f";
            default: return null;
        }
    }

    private static String hexCaseless(String hex) {
        StringBuilder out = new StringBuilder();
        for (char h : hex.toCharArray()) {
            if (Character.isLetter(h)) {
                out.append('[').append(Character.toLowerCase(h)).append(Character.toUpperCase(h)).append(']');
            } else {
                out.append(h);
            }
        }
        return out.toString();
    }
}
