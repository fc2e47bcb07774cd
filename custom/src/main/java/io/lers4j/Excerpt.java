package io.lers4j;

/**
 * Bounds what a server sent before it goes into a message: a hostile or broken server can send a
 * 50 MB date, and an exception message holding it would be kept, logged and printed whole.
 */
final class Excerpt {

    /** Characters of one server value that a message may quote. */
    static final int MAX_CHARS = 200;
    /** Longest message a lers4j exception carries, whatever it quotes. */
    static final int MAX_MESSAGE_CHARS = 2_000;

    private Excerpt() {
    }

    /** {@code text} itself when short, else its start, an ellipsis and the full length. */
    static String of(String text) {
        return of(text, MAX_CHARS);
    }

    static String of(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "… (" + text.length() + " chars)";
    }

    /** {@code SimpleName (message)}, the message bounded. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : " (" + of(message) + ")");
    }

    /**
     * The cause to attach to a lers4j exception: {@code e} itself when every message in its chain
     * is short, else a copy of the chain with bounded messages and the original stack traces.
     */
    static Throwable boundedCause(Throwable e) {
        if (e == null || isBounded(e)) {
            return e;
        }
        return copy(e, 0);
    }

    private static boolean isBounded(Throwable e) {
        int depth = 0;
        for (Throwable c = e; c != null && depth < 16; c = c.getCause(), depth++) {
            String m = c.getMessage();
            if (m != null && m.length() > MAX_CHARS * 2) {
                return false;
            }
        }
        return true;
    }

    private static Throwable copy(Throwable e, int depth) {
        Throwable cause = e.getCause() == null || e.getCause() == e || depth >= 16 ? null : copy(e.getCause(), depth + 1);
        BoundedThrowable copy = new BoundedThrowable(e.getClass().getName() + ": " + of(e.getMessage()), cause);
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    /** Stands for a throwable whose message quoted too much of a server's answer. */
    static final class BoundedThrowable extends Exception {
        private static final long serialVersionUID = 1L;

        BoundedThrowable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
