package io.lers4j;

import io.lers4j.v01.model.PollSession;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The state of a {@link ManualPoll} when {@link ManualPoll#await} returned: its sessions and every point's result. */
public final class PollOutcome {

    private final boolean complete;
    private final List<PollSession> sessions;
    private final Map<Integer, PointPoll> points;

    PollOutcome(boolean complete, List<PollSession> sessions, Map<Integer, PointPoll> points) {
        this.complete = complete;
        this.sessions = List.copyOf(sessions);
        this.points = Collections.unmodifiableMap(points);
    }

    /** True when every session of the poll had ended before the wait ran out. */
    public boolean isComplete() {
        return complete;
    }

    /** True when the poll is complete and every point succeeded. */
    public boolean succeeded() {
        return complete && points.values().stream().allMatch(PointPoll::isSuccess);
    }

    /** The poll's sessions as last read (one per node or connection, as the server runs them). */
    public List<PollSession> sessions() {
        return sessions;
    }

    /** Every requested point, in the order asked. */
    public Map<Integer, PointPoll> points() {
        return points;
    }

    /** The points that did not succeed. */
    public List<PointPoll> failures() {
        List<PointPoll> out = new ArrayList<>();
        points.values().stream().filter(p -> !p.isSuccess()).forEach(out::add);
        return out;
    }

    @Override
    public String toString() {
        return "PollOutcome[" + (complete ? "complete" : "incomplete") + ", " + sessions.size() + " sessions, "
                + failures().size() + " of " + points.size() + " points not polled successfully]";
    }
}
