package io.lers4j.types;

import java.util.Locale;

/** Server-supplied text as exception messages may quote it: bounded, whatever the server sent. */
public final class ServerText {

    /** At most this many characters of a value are quoted. */
    public static final int MAX_QUOTED_CHARS = 200;

    private ServerText() {
    }

    /** {@code value} quoted, cut after {@value #MAX_QUOTED_CHARS} characters: {@code '2024-01-01T00:0…' (52428800 chars)}. */
    public static String excerpt(CharSequence value) {
        if (value == null) {
            return "null";
        }
        int length = value.length();
        StringBuilder out = new StringBuilder(Math.min(length, MAX_QUOTED_CHARS) + 24).append('\'');
        int quoted = 0; // characters written between the quotes, escapes included
        int i = 0;
        while (i < length) {
            char c = value.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1));
            boolean plain = pair || !(c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
                    || Character.isSurrogate(c));
            // control characters escaped: a server must not forge log lines or terminal sequences
            String escape = plain ? null
                    : c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : String.format(Locale.ROOT, "\\u%04x", (int) c);
            int width = pair ? 2 : plain ? 1 : escape.length();
            if (quoted + width > MAX_QUOTED_CHARS) {
                break; // never half a surrogate pair or half an escape at the cut
            }
            if (escape != null) {
                out.append(escape);
            } else {
                out.append(c);
                if (pair) {
                    out.append(value.charAt(i + 1));
                }
            }
            quoted += width;
            i += pair ? 2 : 1;
        }
        if (i == length) {
            return out.append('\'').toString();
        }
        return out.append("…' (").append(length).append(" chars)").toString();
    }
}
