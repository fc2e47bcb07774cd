package io.lers4j;

import io.lers4j.model.DeviceDataType;
import io.lers4j.types.LersDateTime;
import io.lers4j.v01.model.ManualPollResponseParameters;
import io.lers4j.v01.model.PollArchiveRequestParameters;
import io.lers4j.v01.model.PollCurrentRequestParameters;
import io.lers4j.v01.model.PollManualStartMode;
import io.lers4j.v01.model.PollManualStartResult;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Manual polls of measure points through the v0.1 API ({@code POST /api/v0.1/Poll/ManualPoll/...}),
 * with the request bodies field clients send, as {@link ManualPoll}s to await:
 *
 * <pre>{@code
 * PollOutcome outcome = lers.pollNow().currents(List.of(1001, 1002)).await(Duration.ofMinutes(2));
 * outcome.points().values().forEach(p -> System.out.println(p.measurePointId() + " " + p.status()));
 * }</pre>
 *
 * A start is a POST and is sent once: when the server starts nothing ({@code NoFreePort}, a session
 * id of 0) it fails with {@link LersPollException}, and the caller decides whether to try again.
 */
public final class PollNow {

    static final String CURRENTS = "POST /api/v0.1/Poll/ManualPoll/Currents";
    static final String ARCHIVE = "POST /api/v0.1/Poll/ManualPoll/Archive/{start}/{end}";

    private final LersClient lers;

    PollNow(LersClient lers) {
        this.lers = lers;
    }

    /** Polls the current values of the points ({@code startMode: Normal}). */
    public ManualPoll currents(Collection<Integer> measurePointIds) {
        List<Integer> ids = ids(measurePointIds);
        return currents(new PollCurrentRequestParameters().measurePoints(ids).startMode(PollManualStartMode.NORMAL));
    }

    /** Polls current values with a body of the caller's (start mode, connection, port...). */
    public ManualPoll currents(PollCurrentRequestParameters body) {
        Objects.requireNonNull(body, "body");
        List<Integer> ids = ids(body.getMeasurePoints());
        ManualPollResponseParameters answer = lers.v01().manualPoll().pollCurrents().body(body).execute();
        return started(answer, ids, CURRENTS);
    }

    /**
     * Polls the {@code dataType} archive of the points for {@code [from, to]}, server-local time, all
     * records (not only missing ones), {@code startMode: Normal}.
     */
    public ManualPoll archive(Collection<Integer> measurePointIds, DeviceDataType dataType, LocalDateTime from,
                              LocalDateTime to) {
        List<Integer> ids = ids(measurePointIds);
        Objects.requireNonNull(dataType, "dataType");
        PollArchiveRequestParameters body = new PollArchiveRequestParameters()
                .requestedDataMask(io.lers4j.v01.model.DeviceDataType.fromValue(dataType.getValue()))
                .absentDataOnly(false).measurePoints(ids).startMode(PollManualStartMode.NORMAL);
        return archive(from, to, body);
    }

    /** Polls archives with a body of the caller's (missing data only, data mask, start mode...). */
    public ManualPoll archive(LocalDateTime from, LocalDateTime to, PollArchiveRequestParameters body) {
        Objects.requireNonNull(body, "body");
        LersClient.checkPeriod(from, to);
        if (body.getRequestedDataMask() == null) {
            throw new IllegalArgumentException("body.requestedDataMask is required: the archives to poll");
        }
        List<Integer> ids = ids(body.getMeasurePoints());
        ManualPollResponseParameters answer = lers.v01().manualPoll()
                .pollArchive(LersDateTime.of(from), LersDateTime.of(to)).body(body).execute();
        return started(answer, ids, ARCHIVE);
    }

    private ManualPoll started(ManualPollResponseParameters answer, List<Integer> ids, String operation) {
        PollManualStartResult result = answer == null ? null : answer.getResult();
        if (result != null && !PollManualStartResult.SUCCESS.equals(result)) {
            throw new LersPollException("The server started no poll: " + Excerpt.of(result.getValue()), operation, result);
        }
        int session = answer == null || answer.getPollSessionId() == null ? 0 : answer.getPollSessionId();
        int task = answer == null || answer.getPollTaskId() == null ? 0 : answer.getPollTaskId();
        if (session <= 0) {
            throw new LersPollException("The server answered " + (result == null ? "no result" : "Success")
                    + " but named no poll session (pollSessionId " + session + ", pollTaskId " + task + ")", operation, null);
        }
        ManualPoll poll = new ManualPoll(lers, session, task, ids, lers.clock().instant());
        Loggers.POLL.log(System.Logger.Level.DEBUG, () -> "Started " + poll);
        return poll;
    }

    /** The ids, checked before anything is sent as bulk reads check them, at least one, each once. */
    static List<Integer> ids(Collection<Integer> measurePointIds) {
        if (measurePointIds == null || measurePointIds.isEmpty()) {
            throw new IllegalArgumentException("measurePointIds must name at least one measure point");
        }
        return new ArrayList<>(new LinkedHashSet<>(BulkRead.checkIds(measurePointIds)));
    }
}
