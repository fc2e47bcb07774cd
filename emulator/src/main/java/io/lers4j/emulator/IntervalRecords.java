package io.lers4j.emulator;

import com.google.gson.annotations.SerializedName;
import io.lers4j.model.MeasurePointDataConsumptionRecord;
import io.lers4j.model.MeasurePointDataTotalsRecord;

import java.time.LocalDateTime;
import java.time.YearMonth;

/**
 * Archive records as production writes them, with {@code intervalSeconds}: the span a record
 * covers, which the v1 models lack. The generated models stay as generated; these subclasses add
 * the field, Gson writes it with the model's own (first, as subclass fields come first), and clients
 * reading the v1 models skip it.
 */
final class IntervalRecords {

    static final int HOUR = 3600;
    static final int DAY = 86_400;
    /** Current values are instants: no span. */
    static final int INSTANT = 0;

    private IntervalRecords() {
    }

    /** The seconds of the month starting at {@code first} (server time has no daylight saving). */
    static int month(LocalDateTime first) {
        return YearMonth.from(first).lengthOfMonth() * DAY;
    }

    /** The span of a record of an archive ("Hour", "Day", "Month", "Current") stamped at {@code at}. */
    static int of(String dataType, LocalDateTime at) {
        switch (dataType) {
            case "Hour":
                return HOUR;
            case "Day":
                return DAY;
            case "Month":
                return month(at);
            default:
                return INSTANT;
        }
    }

    /** The span a record covers, or 0 for a record without one (read from a client, say). */
    static int of(MeasurePointDataConsumptionRecord r) {
        return r instanceof Consumption ? ((Consumption) r).intervalSeconds : 0;
    }

    static final class Consumption extends MeasurePointDataConsumptionRecord {
        @SerializedName("intervalSeconds")
        private final int intervalSeconds;

        Consumption(int intervalSeconds) {
            this.intervalSeconds = intervalSeconds;
        }
    }

    /** Totals are readings at every hour boundary: each closes an hour. */
    static final class Totals extends MeasurePointDataTotalsRecord {
        @SerializedName("intervalSeconds")
        private final int intervalSeconds = HOUR;
    }
}
