package io.lers4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What {@link LersClient#currentValuesNow} got: every point's current record or failure, and how it got them. */
public final class CurrentValues {

    private final ManualPoll poll;
    private final Map<Integer, CurrentValue> points;
    private final boolean hubUsed;
    private final LersException hubFailure;

    CurrentValues(ManualPoll poll, Map<Integer, CurrentValue> points, boolean hubUsed, LersException hubFailure) {
        this.poll = poll;
        this.points = Collections.unmodifiableMap(points);
        this.hubUsed = hubUsed;
        this.hubFailure = hubFailure;
    }

    /** Every requested point (each once), in the order asked. */
    public Map<Integer, CurrentValue> points() {
        return points;
    }

    /** True when every point has its record. */
    public boolean succeeded() {
        return points.values().stream().allMatch(CurrentValue::isSuccess);
    }

    /** The points without a record. */
    public List<CurrentValue> failures() {
        List<CurrentValue> out = new ArrayList<>();
        points.values().stream().filter(p -> !p.isSuccess()).forEach(out::add);
        return out;
    }

    /** True when the hub was subscribed to the poll's {@code SAVE_CURRENT_DATA}; false when only the archive was read. */
    public boolean hubUsed() {
        return hubUsed;
    }

    /** Why the hub could not be used (no hub at its path, refused, not connected in time), when it could not. */
    public Optional<LersException> hubFailure() {
        return Optional.ofNullable(hubFailure);
    }

    /** The manual poll that was started: its session and task. */
    public ManualPoll poll() {
        return poll;
    }

    @Override
    public String toString() {
        return "CurrentValues[" + (points.size() - failures().size()) + " of " + points.size() + " points, "
                + (hubUsed ? "hub" : "archive only") + ", " + poll + "]";
    }
}
