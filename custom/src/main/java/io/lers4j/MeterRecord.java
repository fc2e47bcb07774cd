package io.lers4j;

import io.lers4j.invoker.ArchiveRecords;
import io.lers4j.model.DataParameter;
import io.lers4j.model.DeviceDataType;
import io.lers4j.types.LersDateTime;

import java.util.ArrayList;
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
     * The same by-parameter access over a record of the generated model: consumption and totals
     * records ({@code MeasurePointDataConsumptionRecord}, {@code MeasurePointDataTotalsRecord}) and
     * last values ({@code MeasurePointLastTotals}, {@code MeasurePointLastConsumption}), read field
     * by field, in the current shape and the 2020 one.
     *
     * @throws IllegalArgumentException when {@code generatedRecord} is not an archive record type
     */
    public static MeterRecord of(Object generatedRecord) {
        Objects.requireNonNull(generatedRecord, "generatedRecord");
        Builder b = new Builder();
        if (!ArchiveRecords.read(generatedRecord, b)) {
            throw new IllegalArgumentException("Not a LERS archive record: " + generatedRecord.getClass().getName());
        }
        return b.build();
    }

    /** The same record from the archive {@code dataType}: a current record read from a model that names none. */
    MeterRecord withDataType(DeviceDataType dataType) {
        return new MeterRecord(dateTime, dataType, resourceKind, empty, attributes, values);
    }

    /** Collects what {@link ArchiveRecords} reads out of a generated record. */
    private static final class Builder implements ArchiveRecords.Sink {
        private LersDateTime dateTime;
        private DeviceDataType dataType;
        private String resourceKind;
        private boolean empty;
        private final List<String> attributes = new ArrayList<>(2);
        private final List<ParameterValue> values = new ArrayList<>(12);

        @Override
        public void record(LersDateTime dateTime, String dataType, String resourceKind, boolean empty, List<String> attributes) {
            this.dateTime = dateTime;
            this.dataType = dataType == null ? null : DeviceDataType.fromValue(dataType);
            this.resourceKind = resourceKind;
            this.empty = empty;
            for (String flags : attributes) {
                RecordDecoder.splitFlags(flags, this.attributes); // 2020: one flags value, "DayTotals, ExternalData"
            }
        }

        @Override
        public void value(String dataParameter, Double value, Boolean bad, Boolean calculated, Boolean interpolated,
                          Boolean reset) {
            values.add(new ParameterValue(DataParameter.fromValue(dataParameter), value == null ? Double.NaN : value,
                    Boolean.TRUE.equals(bad), Boolean.TRUE.equals(calculated), Boolean.TRUE.equals(interpolated),
                    Boolean.TRUE.equals(reset)));
        }

        MeterRecord build() {
            return new MeterRecord(dateTime, dataType, resourceKind, empty, attributes, values);
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
