package io.lers4j;

import io.lers4j.v01.model.PollError;
import io.lers4j.v01.model.PollSession;

import java.util.Optional;

/** How a manual poll went for one measure point: the session that polled it and its result. */
public final class PointPoll {

    /** What became of a point's poll. */
    public enum Status {
        /** Its session ended with {@code resultCode} {@code None} (LERS's success) or none at all. */
        SUCCEEDED,
        /** Its session ended with an error code ({@code DEV_NOT_CONNECTED}, {@code CONN_TIMEOUT}, ...). */
        FAILED,
        /** Its session had not ended when the wait ran out. */
        TIMED_OUT,
        /** No session of the poll's task polled it. */
        NOT_POLLED,
        /** Its sessions could not be read (see {@link #error()}). */
        UNKNOWN
    }

    private final int measurePointId;
    private final Status status;
    private final PollSession session;
    private final RuntimeException error;

    PointPoll(int measurePointId, Status status, PollSession session, RuntimeException error) {
        this.measurePointId = measurePointId;
        this.status = status;
        this.session = session;
        this.error = error;
    }

    public int measurePointId() {
        return measurePointId;
    }

    public Status status() {
        return status;
    }

    public boolean isSuccess() {
        return status == Status.SUCCEEDED;
    }

    /** The session of the poll's task that polled the point, the last one if several did. */
    public Optional<PollSession> session() {
        return Optional.ofNullable(session);
    }

    /** The session's {@code resultCode} when it ended with one other than {@code None}. */
    public Optional<PollError> resultCode() {
        return status == Status.FAILED && session != null ? Optional.ofNullable(session.getResultCode()) : Optional.empty();
    }

    /** Why the point's sessions could not be read, for {@link Status#UNKNOWN}. */
    public Optional<RuntimeException> error() {
        return Optional.ofNullable(error);
    }

    @Override
    public String toString() {
        return "PointPoll[" + measurePointId + ", " + status
                + (session == null ? "" : ", session " + session.getId())
                + resultCode().map(code -> ", " + Excerpt.of(code.getValue())).orElse("")
                + (error == null ? "" : ", " + error.getMessage()) + "]";
    }
}
