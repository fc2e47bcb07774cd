package io.lers4j;

import io.lers4j.v01.model.PollError;

import java.util.Optional;

/**
 * Why a measure point of {@link LersClient#currentValuesNow} has no current values: its poll
 * session ended with an error code ({@link #pollError()}), the wait ran out before its values came,
 * or the poll ended without storing any. Held in the point's {@link CurrentValue#error()}, never
 * thrown: the other points have their values.
 */
public class LersPointPollException extends LersException {

    private static final long serialVersionUID = 1L;

    private final int measurePointId;
    private final transient PollError pollError;

    LersPointPollException(String message, int measurePointId, PollError pollError) {
        super(message, PollNow.CURRENTS, 1, null);
        this.measurePointId = measurePointId;
        this.pollError = pollError;
    }

    public int measurePointId() {
        return measurePointId;
    }

    /** The {@code resultCode} the point's session ended with ({@code DEV_NOT_CONNECTED}, ...), when it failed. */
    public Optional<PollError> pollError() {
        return Optional.ofNullable(pollError);
    }
}
