package io.lers4j;

import io.lers4j.v01.model.PollManualStartResult;

import java.util.Optional;

/**
 * The server answered a manual poll request but started no poll: no free or active port, no
 * connection, or a session id of 0. Nothing is polled; calling again later may succeed (lers4j
 * does not repeat the POST itself, since the server may have queued a task).
 */
public class LersPollException extends LersException {

    private static final long serialVersionUID = 1L;

    private final transient PollManualStartResult startResult;

    LersPollException(String message, String operation, PollManualStartResult startResult) {
        super(message, operation, 1, null);
        this.startResult = startResult;
    }

    /** The server's {@code result}: {@code NoFreePort}, {@code NoActivePort}, ...; empty when it said Success. */
    public Optional<PollManualStartResult> startResult() {
        return Optional.ofNullable(startResult);
    }
}
