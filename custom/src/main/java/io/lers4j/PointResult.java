package io.lers4j;

import java.util.List;
import java.util.Optional;

/** The outcome of one measure point in a {@link BulkRead}: its records, or why they could not be read. */
public final class PointResult {

    private final int measurePointId;
    private final List<MeterRecord> records;
    private final RuntimeException error;

    private PointResult(int measurePointId, List<MeterRecord> records, RuntimeException error) {
        this.measurePointId = measurePointId;
        this.records = records;
        this.error = error;
    }

    static PointResult success(int measurePointId, List<MeterRecord> records) {
        return new PointResult(measurePointId, List.copyOf(records), null);
    }

    static PointResult failure(int measurePointId, RuntimeException error) {
        return new PointResult(measurePointId, List.of(), error);
    }

    public Integer measurePointId() {
        return measurePointId;
    }

    public boolean isSuccess() {
        return error == null;
    }

    /** The records of the period, in time order; empty when the point failed. */
    public List<MeterRecord> records() {
        return records;
    }

    /** Why the point failed: usually a {@link LersException} (422 unknown point, timeout...). */
    public Optional<RuntimeException> error() {
        return Optional.ofNullable(error);
    }

    @Override
    public String toString() {
        return "PointResult[" + measurePointId + (error == null ? ", " + records.size() + " records" : ", failed: " + error.getMessage()) + "]";
    }
}
