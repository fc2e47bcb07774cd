package io.lers4j;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import java.util.ArrayList;
import java.util.List;

/**
 * The SignalR JSON hub protocol (version 1) as far as this client speaks it: records are JSON
 * objects each ended by the record separator 0x1E, several to a WebSocket message or one split
 * over several; message types 1 Invocation, 3 Completion, 6 Ping and 7 Close.
 */
final class HubProtocol {

    static final char RECORD_SEPARATOR = '\u001e';

    static final int INVOCATION = 1;
    static final int COMPLETION = 3;
    static final int PING = 6;
    static final int CLOSE = 7;

    static final String HANDSHAKE = "{\"protocol\":\"json\",\"version\":1}" + RECORD_SEPARATOR;
    static final String PING_RECORD = "{\"type\":6}" + RECORD_SEPARATOR;

    private HubProtocol() {
    }

    /** An Invocation that the server answers with a Completion of the same id. */
    static String invocation(String invocationId, String target, JsonArray arguments) {
        JsonObject m = new JsonObject();
        m.addProperty("type", INVOCATION);
        m.addProperty("invocationId", invocationId);
        m.addProperty("target", target);
        m.add("arguments", arguments);
        return m + String.valueOf(RECORD_SEPARATOR);
    }

    /**
     * Cuts the text of WebSocket messages into records. A record may end in a later message, so
     * the unfinished tail is kept, but never more than {@code maxRecordChars} of it.
     */
    static final class RecordReader {
        private final int maxRecordChars;
        private final StringBuilder partial = new StringBuilder();

        RecordReader(int maxRecordChars) {
            this.maxRecordChars = maxRecordChars;
        }

        /** The records {@code text} completes, in order; blank ones are skipped. */
        List<String> feed(String text) {
            List<String> records = new ArrayList<>(2);
            int start = 0;
            for (int end = text.indexOf(RECORD_SEPARATOR); end >= 0; end = text.indexOf(RECORD_SEPARATOR, start)) {
                requireWithinLimit(partial.length() + (end - start));
                String record;
                if (partial.length() == 0) {
                    record = text.substring(start, end);
                } else {
                    record = partial.append(text, start, end).toString();
                    partial.setLength(0);
                }
                if (!record.isBlank()) {
                    records.add(record);
                }
                start = end + 1;
            }
            if (start < text.length()) {
                requireWithinLimit(partial.length() + (text.length() - start));
                partial.append(text, start, text.length());
            }
            return records;
        }

        boolean hasPartial() {
            return partial.length() > 0;
        }

        private void requireWithinLimit(long chars) {
            if (chars > maxRecordChars) {
                partial.setLength(0);
                partial.trimToSize();
                throw new LersHubException("The hub server sent a message of more than " + maxRecordChars
                        + " characters (HubOptions.maxMessageSize); the connection is dropped", "", null, false, null);
            }
        }
    }

    /** One record read: what this client looks at of it. */
    static final class Message {
        final int type;
        final String invocationId;
        final String target;
        final JsonArray arguments;
        final String error;
        final boolean allowReconnect;

        private Message(int type, String invocationId, String target, JsonArray arguments, String error,
                        boolean allowReconnect) {
            this.type = type;
            this.invocationId = invocationId;
            this.target = target;
            this.arguments = arguments;
            this.error = error;
            this.allowReconnect = allowReconnect;
        }
    }

    /** The record as a message; null when it is not a JSON object with an integer {@code type}. */
    static Message parse(String record) {
        JsonObject json = object(record);
        if (json == null) {
            return null;
        }
        Integer type = integer(json.get("type"));
        if (type == null) {
            return null;
        }
        JsonElement arguments = json.get("arguments");
        JsonElement allowReconnect = json.get("allowReconnect");
        return new Message(type, text(json.get("invocationId")), text(json.get("target")),
                arguments != null && arguments.isJsonArray() ? arguments.getAsJsonArray() : new JsonArray(),
                text(json.get("error")),
                allowReconnect != null && allowReconnect.isJsonPrimitive() && allowReconnect.getAsJsonPrimitive().isBoolean()
                        && allowReconnect.getAsBoolean());
    }

    /**
     * The server's answer to the handshake: null when it accepted ({@code {}}), else its error;
     * an answer that is no JSON object counts as an error too.
     */
    static String handshakeError(String record) {
        JsonObject json = object(record);
        if (json == null) {
            return "an answer that is not a SignalR handshake (" + record.length() + " characters)";
        }
        JsonElement error = json.get("error");
        if (error == null || error.isJsonNull()) {
            return null;
        }
        String text = text(error);
        return text == null ? error.toString() : text;
    }

    /** A JSON object, or null for anything else, however malformed. */
    static JsonObject object(String text) {
        try {
            JsonElement e = JsonParser.parseString(text);
            return e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    /** A string or number as text; null for anything else. */
    static String text(JsonElement e) {
        if (e == null || !e.isJsonPrimitive()) {
            return null;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        return p.isBoolean() ? null : p.getAsString();
    }

    /** An integral number that fits an int; null for anything else (a fraction, 1e99, a string). */
    static Integer integer(JsonElement e) {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            return null;
        }
        String digits = e.getAsString();
        if (digits.length() > 24) {
            return null; // no int is written that long; BigDecimal would take its time over a megabyte of digits
        }
        try {
            return new java.math.BigDecimal(digits).intValueExact();
        } catch (ArithmeticException | NumberFormatException ex) {
            return null;
        }
    }
}
