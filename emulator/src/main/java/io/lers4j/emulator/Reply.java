package io.lers4j.emulator;

import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import io.lers4j.invoker.JSON;
import io.lers4j.model.DataParameterValue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer: status, content type, extra headers and the body, built once. */
final class Reply {

    static final String JSON_TYPE = "application/json; charset=utf-8";

    /**
     * The generated client's binding, writing nulls as .NET does ({@code "summary": null}), so
     * clients meet explicit nulls as they do from real servers.
     */
    static final Gson GSON = JSON.createGson().serializeNulls()
            .registerTypeAdapter(Double.class, new PlainDouble()).registerTypeAdapter(double.class, new PlainDouble())
            .registerTypeAdapterFactory(new ValueWriter())
            .create();

    final int status;
    final String contentType;
    final Map<String, String> headers = new LinkedHashMap<>();
    private final byte[] body;
    private final int length;

    Reply(int status, String contentType, byte[] body, int length) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.length = length;
    }

    static Reply json(int status, Object model) {
        return json(status, model, model == null ? Object.class : model.getClass());
    }

    static Reply json(Object model) {
        return json(200, model);
    }

    /** JSON of a generic value (lists, maps) with its full type. */
    static Reply json(int status, Object model, Type type) {
        Buffer out = new Buffer();
        try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            GSON.toJson(model, type, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Reply(status, JSON_TYPE, out.bytes(), out.size());
    }

    static Reply empty(int status) {
        return new Reply(status, null, new byte[0], 0);
    }

    static Reply text(int status, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return new Reply(status, "text/plain; charset=utf-8", b, b.length);
    }

    static Reply bytes(int status, String contentType, byte[] content) {
        return new Reply(status, contentType, content, content.length);
    }

    Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    byte[] body() {
        return body;
    }

    int length() {
        return length;
    }

    /**
     * Writes {@link DataParameterValue} (a year of hours holds 100 000 of them) field by field
     * instead of by reflection, with the {@code dataParameterId} production adds (see
     * {@link ParameterIds}). Reading stays with the generated binding.
     */
    private static final class ValueWriter implements TypeAdapterFactory {
        @Override
        @SuppressWarnings("unchecked")
        public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
            if (type.getRawType() != DataParameterValue.class) {
                return null;
            }
            TypeAdapter<DataParameterValue> reader = gson.getDelegateAdapter(this, TypeToken.get(DataParameterValue.class));
            return (TypeAdapter<T>) new TypeAdapter<DataParameterValue>() {
                @Override
                public void write(JsonWriter out, DataParameterValue v) throws IOException {
                    if (v == null) {
                        out.nullValue();
                        return;
                    }
                    StringBuilder s = new StringBuilder(120).append("{\"dataParameter\":");
                    if (v.getDataParameter() == null) {
                        s.append("null");
                    } else {
                        quote(s, v.getDataParameter().getValue());
                    }
                    s.append(",\"value\":").append(PlainDouble.text(v.getValue()))
                            .append(",\"isBad\":").append(v.getIsBad())
                            .append(",\"isCalc\":").append(v.getIsCalc())
                            .append(",\"isInterpolated\":").append(v.getIsInterpolated())
                            .append(",\"isReset\":").append(v.getIsReset());
                    // production sends the parameter's id too, which the v1 model lacks
                    int id = v.getDataParameter() == null ? -1 : ParameterIds.of(v.getDataParameter().getValue());
                    if (id >= 0) {
                        s.append(",\"dataParameterId\":").append(id);
                    }
                    s.append('}');
                    try {
                        out.jsonValue(s.toString());
                    } catch (UnsupportedOperationException e) {
                        reader.write(out, v); // a tree writer (toJsonTree) takes no raw JSON
                    }
                }

                @Override
                public DataParameterValue read(JsonReader in) throws IOException {
                    return reader.read(in);
                }
            };
        }
    }

    /** A JSON string literal. */
    static void quote(StringBuilder s, String text) {
        s.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                s.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        s.append('"');
    }

    /** Doubles without exponent ({@code 15515429.1194}, not {@code 1.55154291194E7}), as .NET writes them. */
    private static final class PlainDouble extends TypeAdapter<Double> {
        @Override
        public void write(JsonWriter out, Double value) throws IOException {
            writeDouble(out, value);
        }

        static void writeDouble(JsonWriter out, Double value) throws IOException {
            if (value != null && (value.isNaN() || value.isInfinite())) {
                out.value(value); // refused by the writer, as by gson itself
            } else {
                try {
                    out.jsonValue(text(value));
                } catch (UnsupportedOperationException e) {
                    out.value(value); // a tree writer (toJsonTree) takes no raw JSON
                }
            }
        }

        static String text(Double value) {
            if (value == null) {
                return "null";
            }
            double a = Math.abs(value);
            // Double.toString is already plain in [1e-3, 1e7)
            return a == 0 || (a >= 1e-3 && a < 1e7) ? Double.toString(value) : BigDecimal.valueOf(value).toPlainString();
        }

        @Override
        public Double read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return null;
            }
            return in.nextDouble();
        }
    }

    /** A byte sink whose array is handed over without a copy. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(8192);
        }

        byte[] bytes() {
            return buf;
        }
    }
}
