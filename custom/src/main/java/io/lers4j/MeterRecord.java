package io.lers4j;

import io.lers4j.invoker.JSON;
import io.lers4j.model.DataParameter;
import io.lers4j.model.DeviceDataType;
import io.lers4j.types.LersDateTime;
import com.google.gson.stream.JsonReader;

import java.io.IOException;
import java.io.StringReader;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One archive record of a measure point (an hour, a day, a month, a current reading, or totals)
 * with typed access to its values by {@link DataParameter}, including parameters newer than this
 * SDK's document: {@code record.value(DataParameter.fromValue("Q_new"))}.
 *
 * <p>Read the same way from every server version: the 2020 shape ({@code dataParameters}, one
 * flags string of attributes) and the current one ({@code values}, an array of attributes).
 */
public final class MeterRecord {

    private final LersDateTime dateTime;
    private final DeviceDataType dataType;
    private final String resourceKind;
    private final boolean empty;
    private final List<String> attributes;
    private final List<ParameterValue> values;

    MeterRecord(LersDateTime dateTime, DeviceDataType dataType, String resourceKind, boolean empty,
                List<String> attributes, List<ParameterValue> values) {
        this.dateTime = dateTime;
        this.dataType = dataType;
        this.resourceKind = resourceKind;
        this.empty = empty;
        this.attributes = Collections.unmodifiableList(attributes);
        this.values = Collections.unmodifiableList(values);
    }

    /**
     * Reads a record of the generated model ({@code MeasurePointDataConsumptionRecord},
     * {@code MeasurePointDataTotalsRecord}, {@code MeasurePointLastTotals}...) for typed access.
     */
    public static MeterRecord of(Object generatedRecord) {
        Objects.requireNonNull(generatedRecord, "generatedRecord");
        try (JsonReader reader = new JsonReader(new StringReader(JSON.serialize(generatedRecord)))) {
            return RecordDecoder.readRecord(reader, null);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a LERS record: " + generatedRecord.getClass().getName(), e);
        }
    }

    /** When the record starts (hour, day or month), as the server wrote it; null if it sent none. */
    public LersDateTime dateTime() {
        return dateTime;
    }

    /** The archive it came from ({@code Hour}, {@code Day}...); null for totals. */
    public DeviceDataType dataType() {
        return dataType;
    }

    /** {@code Water}, {@code Electricity}, {@code Gas}; null when absent. */
    public String resourceKind() {
        return resourceKind;
    }

    /** The server has no data for this time ({@code isEmpty}, sent for absent records). */
    public boolean isEmpty() {
        return empty;
    }

    /** Record attributes as the server names them ({@code CalculatedByDeviceTotals}, {@code DayTotals}...). */
    public List<String> attributes() {
        return attributes;
    }

    public List<ParameterValue> values() {
        return values;
    }

    /** The value and its flags, if the record has the parameter. */
    public Optional<ParameterValue> parameter(DataParameter parameter) {
        Objects.requireNonNull(parameter, "parameter");
        for (ParameterValue v : values) {
            if (v.parameter().equals(parameter)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** The number, if the record has the parameter (bad values included: check {@link #parameter}). */
    public OptionalDouble value(DataParameter parameter) {
        Optional<ParameterValue> v = parameter(parameter);
        return v.isPresent() && !Double.isNaN(v.get().value()) ? OptionalDouble.of(v.get().value()) : OptionalDouble.empty();
    }

    /** The number, or {@code fallback} when the record lacks the parameter. */
    public double valueOr(DataParameter parameter, double fallback) {
        OptionalDouble v = value(parameter);
        return v.isPresent() ? v.getAsDouble() : fallback;
    }

    public boolean has(DataParameter parameter) {
        return parameter(parameter).isPresent();
    }

    @Override
    public String toString() {
        return "MeterRecord[" + dateTime + (dataType == null ? "" : " " + dataType) + " " + values + "]";
    }
}
