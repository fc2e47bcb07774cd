package io.lers4j.types;

import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.annotations.JsonAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

import java.io.IOException;
import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A LERS date-time: the wall-clock time as the server wrote it, and its UTC offset when the server
 * sent one.
 *
 * <p>LERS is a .NET server: it writes {@code 2026-01-13T10:00:00+03:00}, {@code ...Z}, or, for
 * values it keeps in its own local time, no offset at all ({@code 2026-07-01T00:00:00}), with 0 to
 * 7 fraction digits. {@code OffsetDateTime} would force an invented offset on the last kind; this
 * type keeps "no offset" visible, so callers decide which zone the server's local time is in.
 *
 * <p>{@link #toString()} is the ISO form the server reads: seconds always, fraction only when
 * non-zero, offset only when known. A value without offset prints as {@code yyyy-MM-ddTHH:mm:ss},
 * the format LERS expects in path segments.
 */
@JsonAdapter(LersDateTime.GsonAdapter.class)
public final class LersDateTime implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final DateTimeFormatter PARSER = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart()
            .appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .optionalEnd()
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HH:MM:ss", "Z")
            .optionalEnd()
            .toFormatter(Locale.ROOT);

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss", Locale.ROOT);

    private final LocalDateTime local;
    private final ZoneOffset offset; // null: the server sent its local time without an offset

    private LersDateTime(LocalDateTime local, ZoneOffset offset) {
        this.local = Objects.requireNonNull(local, "local date-time");
        this.offset = offset;
    }

    /** A wall-clock time without offset: the server's local time. */
    public static LersDateTime of(LocalDateTime local) {
        return new LersDateTime(local, null);
    }

    /** Midnight of the day, the server's local time. */
    public static LersDateTime of(LocalDate date) {
        return new LersDateTime(Objects.requireNonNull(date, "date").atStartOfDay(), null);
    }

    public static LersDateTime of(OffsetDateTime dateTime) {
        Objects.requireNonNull(dateTime, "dateTime");
        return new LersDateTime(dateTime.toLocalDateTime(), dateTime.getOffset());
    }

    public static LersDateTime of(LocalDateTime local, ZoneOffset offset) {
        return new LersDateTime(local, Objects.requireNonNull(offset, "offset"));
    }

    /**
     * Parses what LERS servers send: a date, or a date-time with or without seconds, with 0 to 9
     * fraction digits, with an offset, {@code Z}, or nothing.
     *
     * @throws DateTimeParseException if the text is none of these
     */
    public static LersDateTime parse(CharSequence text) {
        Objects.requireNonNull(text, "text");
        String whole = text.toString();
        String trimmed = whole.trim();
        TemporalAccessor parsed;
        try {
            parsed = PARSER.parse(trimmed);
        } catch (DateTimeParseException e) {
            // the JDK quotes 64 characters its own way; messages here quote server text through ServerText
            int lead = 0; // the index in the text as sent, before trim()
            while (lead < whole.length() && whole.charAt(lead) <= ' ') {
                lead++;
            }
            int index = e.getErrorIndex() + lead;
            String detail = e.getCause() != null ? ": " + e.getCause().getMessage() : " at index " + index;
            throw new DateTimeParseException("Unreadable date-time " + ServerText.excerpt(whole) + detail,
                    whole, index, e.getCause());
        }
        LocalDate date = LocalDate.from(parsed);
        LocalTime time = parsed.isSupported(ChronoField.HOUR_OF_DAY) ? LocalTime.from(parsed) : LocalTime.MIDNIGHT;
        ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(parsed) : null;
        return new LersDateTime(LocalDateTime.of(date, time), offset);
    }

    /** The wall-clock time as sent, in the offset it was sent with (or the server's local time). */
    public LocalDateTime toLocalDateTime() {
        return local;
    }

    public LocalDate toLocalDate() {
        return local.toLocalDate();
    }

    public boolean hasOffset() {
        return offset != null;
    }

    public Optional<ZoneOffset> offset() {
        return Optional.ofNullable(offset);
    }

    /** The value as an {@code OffsetDateTime}, if the server sent an offset. */
    public Optional<OffsetDateTime> toOffsetDateTime() {
        return offset == null ? Optional.empty() : Optional.of(local.atOffset(offset));
    }

    /**
     * The value as an {@code OffsetDateTime}, reading a value without offset as local time at
     * {@code serverOffset}. The wall-clock fields are never shifted.
     */
    public OffsetDateTime atOffsetIfAbsent(ZoneOffset serverOffset) {
        Objects.requireNonNull(serverOffset, "serverOffset");
        return local.atOffset(offset != null ? offset : serverOffset);
    }

    public Instant toInstant(ZoneOffset serverOffset) {
        return atOffsetIfAbsent(serverOffset).toInstant();
    }

    /** The same value with the fraction of a second dropped. */
    public LersDateTime truncatedToSeconds() {
        return new LersDateTime(local.truncatedTo(ChronoUnit.SECONDS), offset);
    }

    /** The same wall-clock time without offset. */
    public LersDateTime withoutOffset() {
        return offset == null ? this : new LersDateTime(local, null);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(35).append(SECONDS.format(local));
        int nanos = local.getNano();
        if (nanos != 0) {
            String fraction = String.format(Locale.ROOT, "%09d", nanos);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            s.append('.').append(fraction, 0, end);
        }
        if (offset != null) {
            s.append(offset.getId());
        }
        return s.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LersDateTime && ((LersDateTime) o).local.equals(local)
                && Objects.equals(((LersDateTime) o).offset, offset);
    }

    @Override
    public int hashCode() {
        return local.hashCode() * 31 + Objects.hashCode(offset);
    }

    /** Gson binding: JSON strings in, ISO strings out; anything unreadable is a JsonParseException. */
    public static final class GsonAdapter extends TypeAdapter<LersDateTime> {
        @Override
        public void write(JsonWriter out, LersDateTime value) throws IOException {
            if (value == null) {
                out.nullValue();
            } else {
                out.value(value.toString());
            }
        }

        @Override
        public LersDateTime read(JsonReader in) throws IOException {
            if (in.peek() == JsonToken.NULL) {
                in.nextNull();
                return null;
            }
            String path = in.getPath();
            String text = in.nextString();
            try {
                return parse(text);
            } catch (DateTimeException e) {
                throw new JsonParseException("Unreadable date-time " + ServerText.excerpt(text) + " at " + path, e);
            }
        }
    }
}
