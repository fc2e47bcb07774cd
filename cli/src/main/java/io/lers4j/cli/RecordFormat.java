package io.lers4j.cli;

import com.google.gson.stream.JsonWriter;
import io.lers4j.MeterRecord;
import io.lers4j.ParameterValue;
import io.lers4j.model.DataParameter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How a point's records become text: CSV rows under one header, or one JSON object per record. */
abstract class RecordFormat {

    /** ISO-8601 with seconds and the offset: {@code 2026-01-13T00:00:00+03:00}. */
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    /** The records' times are the server's local time; those written without an offset get the server's. */
    final ZoneOffset serverOffset;

    RecordFormat(ZoneOffset serverOffset) {
        this.serverOffset = serverOffset;
    }

    /** What goes before the first record (empty for JSON lines). */
    abstract String header();

    /** All records of one point. */
    abstract void write(Writer out, int measurePointId, List<MeterRecord> records) throws IOException;

    /** Values that had no column, by parameter name (CSV only). */
    Map<String, Long> omitted() {
        return Map.of();
    }

    String dateTime(MeterRecord record) {
        return DATE_TIME.format(record.dateTime().atOffsetIfAbsent(serverOffset));
    }

    /** Plain decimal, no exponent, no trailing zeros: 0.0001, 71.5, 1200. */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /**
     * Parameters in a stable order: as the API document lists {@code DataParameter} (T_in, T_out, ..., Q_delta,
     * ...), then parameters it does not know, by name. {@code None} is left out.
     */
    static List<DataParameter> ordered(Collection<DataParameter> parameters) {
        Map<DataParameter, Integer> rank = new HashMap<>();
        int i = 0;
        for (DataParameter p : DataParameter.values()) {
            rank.put(p, i++);
        }
        List<DataParameter> out = new ArrayList<>();
        for (DataParameter p : new java.util.LinkedHashSet<>(parameters)) {
            if (!p.equals(DataParameter.NONE)) {
                out.add(p);
            }
        }
        out.sort(Comparator.<DataParameter>comparingInt(p -> rank.getOrDefault(p, Integer.MAX_VALUE))
                .thenComparing(DataParameter::getValue));
        return out;
    }

    /** {@code measurePointId,dateTime,<parameter>...}; a record's value in its parameter's column. */
    static final class Csv extends RecordFormat {
        static final String POINT_COLUMN = "measurePointId";
        static final String TIME_COLUMN = "dateTime";

        final List<DataParameter> columns;
        final String separator;
        private final Map<DataParameter, Integer> index = new HashMap<>();
        private final Map<String, Long> omitted = new TreeMap<>();

        Csv(ZoneOffset serverOffset, List<DataParameter> columns, String separator) {
            super(serverOffset);
            this.columns = List.copyOf(columns);
            this.separator = separator;
            for (int i = 0; i < this.columns.size(); i++) {
                index.put(this.columns.get(i), i);
            }
        }

        /** The columns of a header line this format wrote, or null when it is not one. */
        static List<DataParameter> columnsOf(String headerLine, String separator) {
            String[] names = headerLine.split(java.util.regex.Pattern.quote(separator), -1);
            if (names.length < 2 || !names[0].equals(POINT_COLUMN) || !names[1].equals(TIME_COLUMN)) {
                return null;
            }
            List<DataParameter> columns = new ArrayList<>();
            for (int i = 2; i < names.length; i++) {
                columns.add(DataParameter.fromValue(names[i]));
            }
            return columns;
        }

        @Override
        String header() {
            StringBuilder line = new StringBuilder(POINT_COLUMN).append(separator).append(TIME_COLUMN);
            for (DataParameter p : columns) {
                line.append(separator).append(p.getValue());
            }
            return line.append('\n').toString();
        }

        @Override
        void write(Writer out, int measurePointId, List<MeterRecord> records) throws IOException {
            String[] cells = new String[columns.size()];
            StringBuilder line = new StringBuilder(256);
            for (MeterRecord record : records) {
                java.util.Arrays.fill(cells, null);
                for (ParameterValue v : record.values()) {
                    Integer column = index.get(v.parameter());
                    if (column == null) {
                        omitted.merge(v.parameter().getValue(), 1L, Long::sum);
                    } else if (cells[column] == null) {
                        cells[column] = number(v.value());
                    }
                }
                line.setLength(0);
                line.append(measurePointId).append(separator).append(dateTime(record));
                for (String cell : cells) {
                    line.append(separator);
                    if (cell != null) {
                        line.append(cell);
                    }
                }
                out.write(line.append('\n').toString());
            }
        }

        @Override
        Map<String, Long> omitted() {
            return omitted;
        }
    }

    /**
     * One object per record: {@code {"measurePointId":1001,"dateTime":"...","values":{"T_in":71.5},
     * "flags":{"T_in":["bad"]}}}, {@code flags} only where a value has any.
     */
    static final class Jsonl extends RecordFormat {
        Jsonl(ZoneOffset serverOffset) {
            super(serverOffset);
        }

        @Override
        String header() {
            return "";
        }

        @Override
        void write(Writer out, int measurePointId, List<MeterRecord> records) throws IOException {
            for (MeterRecord record : records) {
                StringWriter line = new StringWriter(256);
                JsonWriter json = new JsonWriter(line);
                json.setHtmlSafe(false);
                json.beginObject();
                json.name("measurePointId").value(measurePointId);
                json.name("dateTime").value(dateTime(record));
                Map<String, List<String>> flags = new LinkedHashMap<>();
                json.name("values").beginObject();
                java.util.Set<DataParameter> seen = new java.util.HashSet<>();
                for (ParameterValue v : record.values()) {
                    if (!seen.add(v.parameter())) {
                        continue; // as in CSV, a parameter's first value
                    }
                    json.name(v.parameter().getValue());
                    if (Double.isFinite(v.value())) {
                        json.value(new BigDecimal(number(v.value())));
                    } else {
                        json.nullValue();
                    }
                    List<String> f = new ArrayList<>(4);
                    if (v.isBad()) {
                        f.add("bad");
                    }
                    if (v.isCalculated()) {
                        f.add("calculated");
                    }
                    if (v.isInterpolated()) {
                        f.add("interpolated");
                    }
                    if (v.isReset()) {
                        f.add("reset");
                    }
                    if (!f.isEmpty()) {
                        flags.put(v.parameter().getValue(), f);
                    }
                }
                json.endObject();
                if (!flags.isEmpty()) {
                    json.name("flags").beginObject();
                    for (Map.Entry<String, List<String>> e : flags.entrySet()) {
                        json.name(e.getKey()).beginArray();
                        for (String f : e.getValue()) {
                            json.value(f);
                        }
                        json.endArray();
                    }
                    json.endObject();
                }
                json.endObject();
                json.flush();
                out.write(line.append('\n').toString());
            }
        }
    }
}
