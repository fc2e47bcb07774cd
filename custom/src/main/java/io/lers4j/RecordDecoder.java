package io.lers4j;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.lers4j.model.DataParameter;
import io.lers4j.model.DeviceDataType;
import io.lers4j.types.LersDateTime;
import io.lers4j.types.ServerText;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams archive records out of a LERS answer without building a tree, skipping everything it
 * does not need. Accepts the 2020 record shape and the current one.
 */
final class RecordDecoder {

    private RecordDecoder() {
    }

    /** The records of the array {@code arrayName} of the top-level object; empty when absent or null. */
    static List<MeterRecord> readArchive(JsonReader in, String arrayName, DeviceDataType dataType) throws IOException {
        List<MeterRecord> out = new ArrayList<>();
        in.beginObject();
        while (in.hasNext()) {
            String name = in.nextName();
            if (name.equalsIgnoreCase(arrayName) && in.peek() == JsonToken.BEGIN_ARRAY) {
                forEachElement(in, () -> out.add(readRecord(in, dataType)));
            } else {
                in.skipValue();
            }
        }
        in.endObject();
        return out;
    }

    static MeterRecord readRecord(JsonReader in, DeviceDataType dataType) throws IOException {
        LersDateTime dateTime = null;
        DeviceDataType type = dataType;
        String resourceKind = null;
        boolean empty = false;
        List<String> attributes = new ArrayList<>(2);
        List<ParameterValue> values = new ArrayList<>(12);
        in.beginObject();
        while (in.hasNext()) {
            String name = in.nextName();
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                continue;
            }
            switch (name) {
                case "dateTime":
                    String path = in.getPath();
                    String text = in.nextString();
                    try {
                        dateTime = LersDateTime.parse(text);
                    } catch (java.time.DateTimeException e) {
                        throw new IllegalStateException("unreadable date-time " + ServerText.excerpt(text) + " at " + path, e);
                    }
                    break;
                case "dataType":
                    type = DeviceDataType.fromValue(in.nextString());
                    break;
                case "resourceKind":
                    resourceKind = in.nextString();
                    break;
                case "isEmpty":
                    empty = in.nextBoolean();
                    break;
                case "attributes":
                    readAttributes(in, attributes);
                    break;
                case "values":
                case "dataParameters": // the 2020 name of the same array
                    forEachElement(in, () -> {
                        ParameterValue v = readValue(in);
                        if (v != null) {
                            values.add(v);
                        }
                    });
                    break;
                default:
                    in.skipValue();
            }
        }
        in.endObject();
        return new MeterRecord(dateTime, type, resourceKind, empty, attributes, values);
    }

    private static void readAttributes(JsonReader in, List<String> out) throws IOException {
        if (in.peek() == JsonToken.BEGIN_ARRAY) {
            forEachElement(in, () -> splitFlags(in.nextString(), out));
        } else {
            splitFlags(in.nextString(), out); // 2020: one flags value, "DayTotals, ExternalData"
        }
    }

    private interface ElementReader {
        void read() throws IOException;
    }

    /** Reads each non-null element of the array at the reader's position. */
    private static void forEachElement(JsonReader in, ElementReader element) throws IOException {
        in.beginArray();
        while (in.hasNext()) {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
            } else {
                element.read();
            }
        }
        in.endArray();
    }

    static void splitFlags(String flags, List<String> out) {
        for (String part : flags.split(",")) {
            String name = part.trim();
            if (!name.isEmpty()) {
                out.add(name);
            }
        }
    }

    private static ParameterValue readValue(JsonReader in) throws IOException {
        DataParameter parameter = null;
        double value = Double.NaN;
        boolean bad = false;
        boolean calc = false;
        boolean interpolated = false;
        boolean reset = false;
        in.beginObject();
        while (in.hasNext()) {
            String name = in.nextName();
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                continue;
            }
            switch (name) {
                case "dataParameter":
                    parameter = DataParameter.fromValue(in.nextString());
                    break;
                case "value":
                    value = in.nextDouble();
                    break;
                case "isBad":
                    bad = in.nextBoolean();
                    break;
                case "isCalc":
                    calc = in.nextBoolean();
                    break;
                case "isInterpolated":
                    interpolated = in.nextBoolean();
                    break;
                case "isReset":
                    reset = in.nextBoolean();
                    break;
                default:
                    in.skipValue();
            }
        }
        in.endObject();
        return parameter == null ? null : new ParameterValue(parameter, value, bad, calc, interpolated, reset);
    }
}
