package io.lers4j;

/**
 * The payload of a {@code SAVE_CURRENT_DATA} notification: the server has saved current values
 * of a measure point, typically while a poll session runs.
 */
public final class SavedCurrentData {

    private final int measurePointId;
    private final MeterRecord record;

    SavedCurrentData(int measurePointId, MeterRecord record) {
        this.measurePointId = measurePointId;
        this.record = record;
    }

    public int measurePointId() {
        return measurePointId;
    }

    /** The current record, {@link MeterRecord#dataType()} {@code Current}, read the same from the 2020 and 2022 shapes. */
    public MeterRecord record() {
        return record;
    }

    @Override
    public String toString() {
        return "SavedCurrentData[measurePoint " + measurePointId + ", " + record + "]";
    }
}
