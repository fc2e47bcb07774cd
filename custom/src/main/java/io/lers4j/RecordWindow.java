package io.lers4j;

import java.time.LocalDateTime;
import java.util.Collections;
import java.util.List;

/** The records of one request: those with {@code from <= dateTime < to}, in time order. */
public final class RecordWindow {

    private final LocalDateTime from;
    private final LocalDateTime to;
    private final List<MeterRecord> records;

    RecordWindow(LocalDateTime from, LocalDateTime to, List<MeterRecord> records) {
        this.from = from;
        this.to = to;
        this.records = Collections.unmodifiableList(records);
    }

    /** Start of the window, inclusive, server-local time. */
    public LocalDateTime from() {
        return from;
    }

    /** End of the window, exclusive, server-local time. */
    public LocalDateTime to() {
        return to;
    }

    public List<MeterRecord> records() {
        return records;
    }

    @Override
    public String toString() {
        return "RecordWindow[" + from + " .. " + to + ", " + records.size() + " records]";
    }
}
