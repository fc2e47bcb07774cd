package io.lers4j;

import java.util.Optional;

/**
 * One measure point of {@link LersClient#currentValuesNow}: its current record, in the record
 * model of the archives ({@link MeterRecord}, data type {@code Current}), or why there is none.
 */
public final class CurrentValue {

    /** Where the point's record came from, or why there is none. */
    public enum Status {
        /** Pushed by the hub: a {@code SAVE_CURRENT_DATA} event of the poll's session. */
        RECEIVED,
        /** Read from the archive ({@code consumption(id, CURRENT, ...)}) after the point's session ended, or when the wait ran out. */
        READ,
        /** The point's session ended with an error code; {@link #error()} is a {@link LersPointPollException} with it. */
        POLL_FAILED,
        /** The poll ended (or its task did not poll the point), and the archive holds no current record since its start. */
        NO_DATA,
        /** The wait ran out before the point's values came and before its session ended; the poll goes on on the server. */
        TIMED_OUT,
        /** The poll's sessions or the archive could not be read; {@link #error()} says why. */
        FAILED
    }

    private final int measurePointId;
    private final Status status;
    private final MeterRecord record;
    private final PointPoll poll;
    private final RuntimeException error;

    private CurrentValue(int measurePointId, Status status, MeterRecord record, PointPoll poll, RuntimeException error) {
        this.measurePointId = measurePointId;
        this.status = status;
        this.record = record;
        this.poll = poll;
        this.error = error;
    }

    static CurrentValue received(int measurePointId, MeterRecord record, PointPoll poll) {
        return new CurrentValue(measurePointId, Status.RECEIVED, record, poll, null);
    }

    static CurrentValue read(int measurePointId, MeterRecord record, PointPoll poll) {
        return new CurrentValue(measurePointId, Status.READ, record, poll, null);
    }

    static CurrentValue failure(int measurePointId, Status status, PointPoll poll, RuntimeException error) {
        return new CurrentValue(measurePointId, status, null, poll, error);
    }

    public int measurePointId() {
        return measurePointId;
    }

    public Status status() {
        return status;
    }

    /** True when the point has its record ({@link Status#RECEIVED} or {@link Status#READ}). */
    public boolean isSuccess() {
        return record != null;
    }

    /** The point's current record; empty when it failed. */
    public Optional<MeterRecord> record() {
        return Optional.ofNullable(record);
    }

    /**
     * How the poll went for the point, when its sessions were read (the record did not come by the
     * hub before the end): the session, its result, {@code resultCode}.
     */
    public Optional<PointPoll> poll() {
        return Optional.ofNullable(poll);
    }

    /** Why the point has no record: a {@link LersPointPollException}, or the {@link LersException} of a read that failed. */
    public Optional<RuntimeException> error() {
        return Optional.ofNullable(error);
    }

    @Override
    public String toString() {
        return "CurrentValue[" + measurePointId + ", " + status + (record == null ? "" : ", " + record)
                + (error == null ? "" : ", " + error.getMessage()) + "]";
    }
}
