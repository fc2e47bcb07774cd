package io.lers4j.emulator;

import io.lers4j.model.ConsumptionRecordAttributes;
import io.lers4j.model.ConsumptionSummaryResponse;
import io.lers4j.model.DataParameter;
import io.lers4j.model.DataParameterCategory;
import io.lers4j.model.DataParameterValue;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.DeviceEventArchiveType;
import io.lers4j.model.DeviceEventImportance;
import io.lers4j.model.GeneralEventType;
import io.lers4j.model.MeasurePointDataConsumptionRecord;
import io.lers4j.model.MeasurePointDataTotalsRecord;
import io.lers4j.model.MeasurePointDeviceErrorRecord;
import io.lers4j.model.MeasurePointLastConsumption;
import io.lers4j.model.MeasurePointLastTotals;
import io.lers4j.model.SystemType;
import io.lers4j.model.TerritoryOutdoorTemperature;
import io.lers4j.model.TotalsRecordAttributes;
import io.lers4j.model.Unit;
import io.lers4j.model.UnitOfMeasurementObject;
import io.lers4j.types.LersDateTime;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Builds archive answers (consumption, totals, last data, weather, device errors) from the
 * computed data and what clients stored, and stores what clients write.
 *
 * <p>Record time stamps are the server's local time without offset: hours at their start, days at
 * midnight, months on the first. Only completed periods exist; nothing lies in the future.
 */
final class Archive {

    /** Longest answer, in records per archive, before a period is refused as too long. */
    static final int MAX_RECORDS = 200_000;

    private final Context ctx;

    Archive(Context ctx) {
        this.ctx = ctx;
    }

    // ------------------------------------------------------------------ time helpers

    LocalDateTime dataStart(Catalog.PointEntry p) {
        return LocalDate.ofEpochDay(p.data.startDay).atStartOfDay();
    }

    static LocalDateTime ceilHour(LocalDateTime t) {
        LocalDateTime floor = t.truncatedTo(ChronoUnit.HOURS);
        return floor.equals(t) ? t : floor.plusHours(1);
    }

    static LocalDate ceilDay(LocalDateTime t) {
        return t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? t.toLocalDate() : t.toLocalDate().plusDays(1);
    }

    static YearMonth ceilMonth(LocalDateTime t) {
        YearMonth m = YearMonth.from(t);
        return m.atDay(1).atStartOfDay().equals(t) ? m : m.plusMonths(1);
    }

    private static void checkSize(long records) {
        if (records > MAX_RECORDS) {
            throw HttpError.badArgument("Запрошен слишком большой период: " + records + " записей.");
        }
    }

    // ------------------------------------------------------------------ values

    private static DataParameterValue value(DataParameter parameter, double value) {
        return new DataParameterValue().dataParameter(parameter).value(value).isBad(false).isCalc(false)
                .isInterpolated(false).isReset(false);
    }

    /** Temperatures and pressures are averaged over a period, everything else is summed. */
    static boolean averaged(DataParameter p) {
        DataParameterCategory c = Catalog.categoryOf(p);
        return c.equals(DataParameterCategory.TEMPERATURE) || c.equals(DataParameterCategory.PRESSURE);
    }

    private static double scale(Catalog.PointEntry p, DataParameter parameter, boolean raw) {
        if (!raw || !p.isElectric()) {
            return 1;
        }
        DataParameterCategory c = Catalog.categoryOf(parameter);
        return c.equals(DataParameterCategory.ACTIVE_ELECTRICAL_ENERGY)
                || c.equals(DataParameterCategory.REACTIVE_ELECTRICAL_ENERGY) ? 1 / p.transformerRatio : 1;
    }

    /** A consumption record covering {@code intervalSeconds} from {@code at} (see {@link IntervalRecords}). */
    private static MeasurePointDataConsumptionRecord consumption(Catalog.PointEntry p, LocalDateTime at,
                                                                 int intervalSeconds, List<DataParameterValue> values) {
        return new IntervalRecords.Consumption(intervalSeconds).resourceKind(p.resource).isEmpty(values.isEmpty())
                .dateTime(LersDateTime.of(at)).attributes(new ArrayList<>()).values(values);
    }

    private static MeasurePointDataTotalsRecord totalsRecord(Catalog.PointEntry p, LocalDateTime at,
                                                             List<TotalsRecordAttributes> attributes,
                                                             List<DataParameterValue> values) {
        return new IntervalRecords.Totals().resourceKind(p.resource).isEmpty(values.isEmpty())
                .dateTime(LersDateTime.of(at)).attributes(attributes).values(values);
    }

    /** One record of an hour; {@code day} is null for hours before the point's data starts. */
    private interface HourRecord<R> {
        R at(LocalDateTime hour, PointData.DayView day);
    }

    /**
     * Adds a record for every hour of {@code [a, b]} (nothing when {@code a} is after {@code b}),
     * walking the point's days forward once. Hours before the point's data start get no day.
     */
    private <R> void addHours(Catalog.PointEntry p, LocalDateTime a, LocalDateTime b, List<R> out, HourRecord<R> record) {
        if (a.isAfter(b)) {
            return;
        }
        checkSize(ChronoUnit.HOURS.between(a, b) + 1 + out.size());
        boolean hasData = !a.isBefore(dataStart(p));
        PointData.DayView day = hasData ? p.data.day(a.toLocalDate().toEpochDay()) : null;
        for (LocalDateTime t = a; !t.isAfter(b); t = t.plusHours(1)) {
            if (day != null) {
                long epochDay = t.toLocalDate().toEpochDay();
                while (day.epochDay < epochDay) {
                    day = day.next();
                }
            }
            out.add(record.at(t, day));
        }
    }

    private List<DataParameterValue> hourValues(Catalog.PointEntry p, PointData.DayView day, int hour, boolean raw) {
        DataParameter[] params = p.meter.parameters;
        List<DataParameterValue> out = new ArrayList<>(params.length);
        for (int i = 0; i < params.length; i++) {
            out.add(value(params[i], day.hourValue(i, hour) * scale(p, params[i], raw)));
        }
        return out;
    }

    // ------------------------------------------------------------------ consumption

    List<MeasurePointDataConsumptionRecord> hours(Catalog.PointEntry p, LocalDateTime from, LocalDateTime to,
                                                  boolean raw, boolean absent) {
        LocalDateTime first = ceilHour(from);
        LocalDateTime last = to.truncatedTo(ChronoUnit.HOURS);
        LocalDateTime complete = ctx.currentHour().minusHours(1);
        LocalDateTime start = dataStart(p);
        List<MeasurePointDataConsumptionRecord> out = new ArrayList<>();
        if (absent) {
            LocalDateTime end = min(min(last, start.minusHours(1)), complete);
            addHours(p, first, end, out, (t, day) -> consumption(p, t, IntervalRecords.HOUR, new ArrayList<>()));
        }
        addHours(p, max(first, start), min(last, complete), out,
                (t, day) -> consumption(p, t, IntervalRecords.HOUR, hourValues(p, day, t.getHour(), raw)));
        return mergeStored(p, "Hour", out, from, to, raw);
    }

    List<MeasurePointDataConsumptionRecord> days(Catalog.PointEntry p, LocalDateTime from, LocalDateTime to,
                                                 boolean raw, boolean absent) {
        LocalDate first = ceilDay(from);
        LocalDate last = to.toLocalDate();
        LocalDate complete = ctx.currentHour().toLocalDate().minusDays(1);
        LocalDate start = dataStart(p).toLocalDate();
        List<MeasurePointDataConsumptionRecord> out = new ArrayList<>();
        if (absent) {
            LocalDate end = min(min(last, start.minusDays(1)), complete);
            if (!first.isAfter(end)) {
                checkSize(ChronoUnit.DAYS.between(first, end) + 1);
                for (LocalDate d = first; !d.isAfter(end); d = d.plusDays(1)) {
                    out.add(consumption(p, d.atStartOfDay(), IntervalRecords.DAY, new ArrayList<>()));
                }
            }
        }
        LocalDate a = max(first, start);
        LocalDate b = min(last, complete);
        if (!a.isAfter(b)) {
            PointData.DayView day = p.data.day(a.toEpochDay());
            DataParameter[] params = p.meter.parameters;
            while (true) {
                List<DataParameterValue> values = new ArrayList<>(params.length);
                for (int i = 0; i < params.length; i++) {
                    values.add(value(params[i], day.dayValue(i) * scale(p, params[i], raw)));
                }
                out.add(consumption(p, LocalDate.ofEpochDay(day.epochDay).atStartOfDay(), IntervalRecords.DAY, values));
                if (day.epochDay >= b.toEpochDay()) {
                    break;
                }
                day = day.next();
            }
        }
        return mergeStored(p, "Day", out, from, to, raw);
    }

    List<MeasurePointDataConsumptionRecord> months(Catalog.PointEntry p, LocalDateTime from, LocalDateTime to,
                                                   boolean raw, boolean absent) {
        YearMonth first = ceilMonth(from);
        YearMonth last = YearMonth.from(to);
        YearMonth complete = YearMonth.from(ctx.currentHour()).minusMonths(1);
        YearMonth start = YearMonth.from(dataStart(p));
        List<MeasurePointDataConsumptionRecord> out = new ArrayList<>();
        if (absent) {
            YearMonth end = min(min(last, start.minusMonths(1)), complete);
            if (!first.isAfter(end)) {
                checkSize(ChronoUnit.MONTHS.between(first, end) + 1);
                for (YearMonth m = first; !m.isAfter(end); m = m.plusMonths(1)) {
                    out.add(consumption(p, m.atDay(1).atStartOfDay(), m.lengthOfMonth() * IntervalRecords.DAY,
                            new ArrayList<>()));
                }
            }
        }
        YearMonth a = max(first, start);
        YearMonth b = min(last, complete);
        if (!a.isAfter(b)) {
            DataParameter[] params = p.meter.parameters;
            PointData.DayView day = p.data.day(a.atDay(1).toEpochDay());
            for (YearMonth m = a; !m.isAfter(b); m = m.plusMonths(1)) {
                long[] startUnits = new long[params.length];
                double[] means = new double[params.length];
                int days = m.lengthOfMonth();
                for (int i = 0; i < params.length; i++) {
                    if (p.meter.channelsOf[i] != null) {
                        startUnits[i] = day.parameterUnits(i, 0);
                    }
                }
                for (int d = 1; d <= days; d++) {
                    for (int i = 0; i < params.length; i++) {
                        if (p.meter.channelsOf[i] == null) {
                            means[i] += day.dayValue(i) / days;
                        } else if (d == days) {
                            means[i] = (day.parameterUnits(i, 24) - startUnits[i]) / PointData.UNITS;
                        }
                    }
                    day = day.next();
                }
                List<DataParameterValue> values = new ArrayList<>(params.length);
                for (int i = 0; i < params.length; i++) {
                    values.add(value(params[i], means[i] * scale(p, params[i], raw)));
                }
                out.add(consumption(p, m.atDay(1).atStartOfDay(), m.lengthOfMonth() * IntervalRecords.DAY, values));
            }
        }
        return mergeStored(p, "Month", out, from, to, raw);
    }

    /** Current (instantaneous) records: what clients stored or polls produced. */
    List<MeasurePointDataConsumptionRecord> currents(Catalog.PointEntry p, LocalDateTime from, LocalDateTime to,
                                                     boolean raw) {
        return mergeStored(p, "Current", new ArrayList<>(), from, to, raw);
    }

    private List<MeasurePointDataConsumptionRecord> mergeStored(Catalog.PointEntry p, String dataType,
                                                                List<MeasurePointDataConsumptionRecord> computed,
                                                                LocalDateTime from, LocalDateTime to, boolean raw) {
        State.PointRecords records = ctx.state.recordsOf(p.id);
        if (records == null) {
            return computed;
        }
        NavigableMap<LocalDateTime, State.StoredRecord> all = records.consumption.get(dataType);
        NavigableMap<LocalDateTime, State.StoredRecord> stored = all == null ? null : all.subMap(from, true, to, true);
        if (stored == null || stored.isEmpty()) {
            return computed;
        }
        TreeMap<LocalDateTime, MeasurePointDataConsumptionRecord> merged = new TreeMap<>();
        for (MeasurePointDataConsumptionRecord r : computed) {
            merged.put(r.getDateTime().toLocalDateTime(), r);
        }
        for (Map.Entry<LocalDateTime, State.StoredRecord> e : stored.entrySet()) {
            MeasurePointDataConsumptionRecord base = merged.get(e.getKey());
            List<DataParameterValue> values = overlay(p, base == null ? List.of() : base.getValues(), e.getValue(), raw);
            List<ConsumptionRecordAttributes> attributes = new ArrayList<>();
            for (String a : e.getValue().attributes) {
                attributes.add(ConsumptionRecordAttributes.fromValue(a));
            }
            merged.put(e.getKey(), consumption(p, e.getKey(), IntervalRecords.of(dataType, e.getKey()), values)
                    .attributes(attributes));
        }
        return new ArrayList<>(merged.values());
    }

    private static List<DataParameterValue> overlay(Catalog.PointEntry p, List<DataParameterValue> base,
                                                    State.StoredRecord stored, boolean raw) {
        Map<String, DataParameterValue> values = new LinkedHashMap<>();
        for (DataParameterValue v : base) {
            values.put(v.getDataParameter().getValue(), v);
        }
        for (DataParameterValue v : stored.values.values()) {
            DataParameterValue copy = Models.copy(v);
            copy.value(v.getValue() * scale(p, v.getDataParameter(), raw));
            values.put(v.getDataParameter().getValue(), copy);
        }
        return new ArrayList<>(values.values());
    }

    // ------------------------------------------------------------------ totals

    private List<DataParameterValue> readings(Catalog.PointEntry p, PointData.DayView day, int hour, boolean raw) {
        DataParameter[] params = p.meter.parameters;
        List<DataParameterValue> out = new ArrayList<>();
        for (int i = 0; i < params.length; i++) {
            if (p.meter.channelsOf[i] != null) {
                out.add(value(params[i], day.readingUnits(i, hour) / PointData.UNITS * scale(p, params[i], raw)));
            }
        }
        return out;
    }

    private static List<TotalsRecordAttributes> totalsAttributes(LocalDateTime t) {
        List<TotalsRecordAttributes> out = new ArrayList<>();
        out.add(TotalsRecordAttributes.HOUR_TOTALS);
        if (t.getHour() == 0) {
            out.add(TotalsRecordAttributes.DAY_TOTALS);
            if (t.getDayOfMonth() == 1) {
                out.add(TotalsRecordAttributes.MONTH_TOTALS);
            }
        }
        return out;
    }

    /** Readings at every hour boundary of the period: the integrators at the start of each hour. */
    List<MeasurePointDataTotalsRecord> totals(Catalog.PointEntry p, LocalDateTime from, LocalDateTime to,
                                              boolean raw, boolean absent) {
        LocalDateTime first = ceilHour(from);
        LocalDateTime last = to.truncatedTo(ChronoUnit.HOURS);
        LocalDateTime limit = ctx.currentHour();
        LocalDateTime start = dataStart(p);
        List<MeasurePointDataTotalsRecord> out = new ArrayList<>();
        if (absent) {
            LocalDateTime end = min(last, start.minusHours(1));
            addHours(p, first, end, out, (t, day) -> totalsRecord(p, t, new ArrayList<>(), new ArrayList<>()));
        }
        addHours(p, max(first, start), min(last, limit), out,
                (t, day) -> totalsRecord(p, t, totalsAttributes(t), readings(p, day, t.getHour(), raw)));
        State.PointRecords records = ctx.state.recordsOf(p.id);
        if (records == null) {
            return out;
        }
        NavigableMap<LocalDateTime, State.StoredRecord> stored = records.totals.subMap(from, true, to, true);
        if (stored.isEmpty()) {
            return out;
        }
        TreeMap<LocalDateTime, MeasurePointDataTotalsRecord> merged = new TreeMap<>();
        for (MeasurePointDataTotalsRecord r : out) {
            merged.put(r.getDateTime().toLocalDateTime(), r);
        }
        for (Map.Entry<LocalDateTime, State.StoredRecord> e : stored.entrySet()) {
            merged.put(e.getKey(), storedTotals(p, e.getKey(), merged.get(e.getKey()), e.getValue(), raw));
        }
        return new ArrayList<>(merged.values());
    }

    private MeasurePointDataTotalsRecord storedTotals(Catalog.PointEntry p, LocalDateTime at,
                                                      MeasurePointDataTotalsRecord base, State.StoredRecord stored,
                                                      boolean raw) {
        List<TotalsRecordAttributes> attributes = new ArrayList<>();
        for (String a : stored.attributes) {
            attributes.add(TotalsRecordAttributes.fromValue(a));
        }
        return totalsRecord(p, at, attributes, overlay(p, base == null ? List.of() : base.getValues(), stored, raw));
    }

    /** The readings at the start of the current hour, or a newer stored record. */
    MeasurePointLastTotals lastTotals(Catalog.PointEntry p) {
        LocalDateTime limit = ctx.currentHour();
        MeasurePointDataTotalsRecord record = null;
        if (!limit.isBefore(dataStart(p))) {
            PointData.DayView day = p.data.day(limit.toLocalDate().toEpochDay());
            record = totalsRecord(p, limit, totalsAttributes(limit), readings(p, day, limit.getHour(), false));
        }
        State.PointRecords records = ctx.state.recordsOf(p.id);
        if (records != null && !records.totals.isEmpty()) {
            Map.Entry<LocalDateTime, State.StoredRecord> newest = records.totals.lastEntry();
            if (record == null || !newest.getKey().isBefore(limit)) {
                MeasurePointDataTotalsRecord base = newest.getKey().equals(limit) ? record : null;
                record = storedTotals(p, newest.getKey(), base, newest.getValue(), false);
            }
        }
        if (record == null) {
            return null;
        }
        return new MeasurePointLastTotals().dateTime(record.getDateTime()).attributes(record.getAttributes())
                .values(record.getValues());
    }

    /**
     * When and in which archive the newest consumption record is: the last completed hour unless
     * something newer was stored.
     */
    Map.Entry<LocalDateTime, DeviceDataType> lastKey(Catalog.PointEntry p) {
        LocalDateTime lastHour = ctx.currentHour().minusHours(1);
        DeviceDataType type = DeviceDataType.HOUR;
        LocalDateTime newest = lastHour.isBefore(dataStart(p)) ? null : lastHour;
        State.PointRecords records = ctx.state.recordsOf(p.id);
        if (records != null) {
            for (String t : new String[]{"Month", "Day", "Hour", "Current"}) {
                NavigableMap<LocalDateTime, State.StoredRecord> map = records.consumption.get(t);
                if (map != null && !map.isEmpty() && (newest == null || !map.lastKey().isBefore(newest))) {
                    newest = map.lastKey();
                    type = DeviceDataType.fromValue(t);
                }
            }
        }
        return newest == null ? null : Map.entry(newest, type);
    }

    MeasurePointLastConsumption lastConsumption(Catalog.PointEntry p) {
        Map.Entry<LocalDateTime, DeviceDataType> key = lastKey(p);
        if (key == null) {
            return null;
        }
        LocalDateTime t = key.getKey();
        DeviceDataType type = key.getValue();
        List<MeasurePointDataConsumptionRecord> found;
        if (type.equals(DeviceDataType.CURRENT)) {
            found = currents(p, t, t, false);
        } else if (type.equals(DeviceDataType.DAY)) {
            found = days(p, t, t, false, false);
        } else if (type.equals(DeviceDataType.MONTH)) {
            found = months(p, t, t, false, false);
        } else {
            found = hours(p, t, t, false, false);
        }
        MeasurePointDataConsumptionRecord r = found.get(found.size() - 1);
        return new MeasurePointLastConsumption().dataType(type).dateTime(r.getDateTime()).attributes(r.getAttributes())
                .values(r.getValues());
    }

    // ------------------------------------------------------------------ summary

    /** Per-day and per-month sums of the hour records, and a footer over the most detailed archive returned. */
    ConsumptionSummaryResponse summary(Catalog.PointEntry p, LocalDateTime from,
                                       List<MeasurePointDataConsumptionRecord> hours,
                                       List<MeasurePointDataConsumptionRecord> days,
                                       List<MeasurePointDataConsumptionRecord> months,
                                       List<MeasurePointDataConsumptionRecord> currents) {
        Map<String, MeasurePointDataConsumptionRecord> byDay = new LinkedHashMap<>();
        Map<String, MeasurePointDataConsumptionRecord> byMonth = new LinkedHashMap<>();
        if (hours != null) {
            Map<LocalDate, List<MeasurePointDataConsumptionRecord>> d = new TreeMap<>();
            Map<YearMonth, List<MeasurePointDataConsumptionRecord>> m = new TreeMap<>();
            for (MeasurePointDataConsumptionRecord r : hours) {
                LocalDateTime t = r.getDateTime().toLocalDateTime();
                d.computeIfAbsent(t.toLocalDate(), k -> new ArrayList<>()).add(r);
                m.computeIfAbsent(YearMonth.from(t), k -> new ArrayList<>()).add(r);
            }
            d.forEach((day, list) -> byDay.put(day.toString(), aggregate(p, day.atStartOfDay(), list)));
            m.forEach((month, list) -> byMonth.put(month.toString(), aggregate(p, month.atDay(1).atStartOfDay(), list)));
        }
        List<MeasurePointDataConsumptionRecord> detail = firstNonEmpty(hours, days, months, currents);
        LocalDateTime footerTime = detail.isEmpty() ? from : detail.get(0).getDateTime().toLocalDateTime();
        return new ConsumptionSummaryResponse().day(byDay).month(byMonth).footer(aggregate(p, footerTime, detail));
    }

    @SafeVarargs
    private static List<MeasurePointDataConsumptionRecord> firstNonEmpty(List<MeasurePointDataConsumptionRecord>... lists) {
        for (List<MeasurePointDataConsumptionRecord> l : lists) {
            if (l != null && !l.isEmpty()) {
                return l;
            }
        }
        return List.of();
    }

    /** Quantities summed, temperatures and pressures averaged; the span is that of the records with values. */
    private static MeasurePointDataConsumptionRecord aggregate(Catalog.PointEntry p, LocalDateTime at,
                                                               List<MeasurePointDataConsumptionRecord> records) {
        Map<DataParameter, double[]> acc = new LinkedHashMap<>();
        int span = 0;
        for (MeasurePointDataConsumptionRecord r : records) {
            if (Boolean.TRUE.equals(r.getIsEmpty()) || r.getValues() == null) {
                continue;
            }
            span += IntervalRecords.of(r);
            for (DataParameterValue v : r.getValues()) {
                if (v.getValue() == null) {
                    continue;
                }
                double[] a = acc.computeIfAbsent(v.getDataParameter(), k -> new double[2]);
                a[0] += v.getValue();
                a[1]++;
            }
        }
        List<DataParameterValue> values = new ArrayList<>();
        acc.forEach((parameter, a) -> values.add(value(parameter, averaged(parameter) ? a[0] / a[1] : a[0])));
        return consumption(p, at, span, values);
    }

    // ------------------------------------------------------------------ writes

    /** Whether the computed archive has a record at this time stamp. */
    private boolean computedAt(Catalog.PointEntry p, String dataType, LocalDateTime t) {
        LocalDateTime limit = ctx.currentHour();
        if (t.isBefore(dataStart(p))) {
            return false;
        }
        switch (dataType) {
            case "Hour":
                return t.getMinute() == 0 && t.getSecond() == 0 && t.getNano() == 0 && t.isBefore(limit);
            case "Day":
                return t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) && !t.plusDays(1).isAfter(limit);
            case "Month":
                return t.getDayOfMonth() == 1 && t.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)
                        && !t.plusMonths(1).isAfter(limit);
            case "Totals":
                return t.getMinute() == 0 && t.getSecond() == 0 && t.getNano() == 0 && !t.isAfter(limit);
            default:
                return false;
        }
    }

    private static boolean computedHas(Catalog.PointEntry p, String dataType, String parameter) {
        for (int i = 0; i < p.meter.parameters.length; i++) {
            if (p.meter.parameters[i].getValue().equals(parameter)
                    && (!dataType.equals("Totals") || p.meter.channelsOf[i] != null)) {
                return true;
            }
        }
        return false;
    }

    /** Record time in server local time: an offset, if given, is converted. */
    static LocalDateTime serverLocal(LersDateTime t) {
        if (t == null) {
            throw HttpError.unprocessable(HttpError.BAD_BODY, "Не указана дата записи.");
        }
        return t.offset().isPresent()
                ? t.toOffsetDateTime().orElseThrow().withOffsetSameInstant(Catalog.SERVER_OFFSET).toLocalDateTime()
                : t.toLocalDateTime();
    }

    /**
     * Stores records of one archive ("Hour", "Day", "Month", "Current", "Totals"). With
     * {@code overwrite} a value replaces the computed or stored one of the same parameter and time;
     * without it, existing values are kept and only new parameters are added.
     */
    void store(Catalog.PointEntry p, String dataType, List<RecordInput> records, List<UnitOfMeasurementObject> units,
               boolean overwrite, boolean raw) {
        Map<DataParameterCategory, Unit> given = new LinkedHashMap<>();
        if (units != null) {
            for (UnitOfMeasurementObject u : units) {
                if (u != null && u.getCategory() != null && u.getUnit() != null) {
                    given.put(u.getCategory(), u.getUnit());
                }
            }
        }
        // validate and convert everything before changing anything
        List<Map.Entry<LocalDateTime, State.StoredRecord>> prepared = new ArrayList<>();
        for (RecordInput r : records) {
            LocalDateTime at = serverLocal(r.dateTime);
            Map<String, DataParameterValue> values = new LinkedHashMap<>();
            for (DataParameterValue v : r.values == null ? List.<DataParameterValue>of() : r.values) {
                if (v == null || v.getDataParameter() == null) {
                    throw HttpError.unprocessable(HttpError.BAD_BODY, "Не указан параметр значения.");
                }
                if (v.getValue() == null || v.getValue().isNaN() || v.getValue().isInfinite()) {
                    throw HttpError.unprocessable(HttpError.BAD_BODY,
                            "Не указано значение параметра " + v.getDataParameter().getValue() + ".");
                }
                DataParameterCategory category = Catalog.categoryOf(v.getDataParameter());
                double converted = Units.toSystem(category, given.get(category), v.getValue());
                converted /= scale(p, v.getDataParameter(), raw);
                values.put(v.getDataParameter().getValue(), new DataParameterValue().dataParameter(v.getDataParameter())
                        .value(converted).isBad(Boolean.TRUE.equals(v.getIsBad()))
                        .isCalc(Boolean.TRUE.equals(v.getIsCalc())).isInterpolated(false).isReset(false));
            }
            List<String> attributes = r.attributes == null || r.attributes.isEmpty() ? List.of("ExternalData")
                    : r.attributes;
            prepared.add(Map.entry(at, new State.StoredRecord(values, attributes)));
        }
        State.PointRecords target = ctx.state.recordsFor(p.id);
        NavigableMap<LocalDateTime, State.StoredRecord> map = dataType.equals("Totals") ? target.totals
                : target.consumption(dataType);
        for (Map.Entry<LocalDateTime, State.StoredRecord> e : prepared) {
            LocalDateTime at = e.getKey();
            boolean computed = computedAt(p, dataType, at);
            map.compute(at, (k, old) -> {
                Map<String, DataParameterValue> values = old == null ? new LinkedHashMap<>()
                        : new LinkedHashMap<>(old.values);
                boolean changed = false;
                for (Map.Entry<String, DataParameterValue> v : e.getValue().values.entrySet()) {
                    boolean exists = values.containsKey(v.getKey()) || (computed && computedHas(p, dataType, v.getKey()));
                    if (overwrite || !exists) {
                        values.put(v.getKey(), v.getValue());
                        changed = true;
                    }
                }
                if (!changed) {
                    return old;
                }
                return new State.StoredRecord(values, e.getValue().attributes);
            });
        }
    }

    /** One record to store, whatever model it came in. */
    static final class RecordInput {
        final LersDateTime dateTime;
        final List<String> attributes;
        final List<DataParameterValue> values;

        RecordInput(LersDateTime dateTime, List<String> attributes, List<DataParameterValue> values) {
            this.dateTime = dateTime;
            this.attributes = attributes;
            this.values = values;
        }

        static RecordInput of(MeasurePointDataConsumptionRecord r) {
            return new RecordInput(r.getDateTime(), names(r.getAttributes(), ConsumptionRecordAttributes.NONE), r.getValues());
        }

        static RecordInput of(MeasurePointDataTotalsRecord r) {
            return new RecordInput(r.getDateTime(), names(r.getAttributes(), TotalsRecordAttributes.NONE), r.getValues());
        }

        /** The attribute names worth storing: all but nulls and {@code None}. */
        private static List<String> names(List<?> attributes, Object none) {
            List<String> out = new ArrayList<>();
            if (attributes != null) {
                for (Object a : attributes) {
                    if (a != null && !a.equals(none)) {
                        out.add(a.toString());
                    }
                }
            }
            return out;
        }
    }

    // ------------------------------------------------------------------ weather and device events

    /** Daily mean outdoor temperatures from the start of the data to yesterday, with what clients stored. */
    List<TerritoryOutdoorTemperature> weather(Catalog.TerritoryEntry t) {
        TreeMap<LocalDate, Float> series = new TreeMap<>();
        LocalDate yesterday = ctx.now().toLocalDate().minusDays(1);
        for (LocalDate d = ctx.catalog.dataStart; !d.isAfter(yesterday); d = d.plusDays(1)) {
            series.put(d, (float) Climate.reported(t.climate.dailyMean(d.toEpochDay())));
        }
        series.putAll(ctx.state.weatherOf(t.id()));
        ZoneOffset offset = ZoneOffset.ofHours(t.model.getTimeZoneOffset());
        List<TerritoryOutdoorTemperature> out = new ArrayList<>(series.size());
        series.forEach((d, v) -> out.add(new TerritoryOutdoorTemperature()
                .date(LersDateTime.of(d.atStartOfDay(), offset)).value(v)));
        return out;
    }

    private static final Object[][] WATER_EVENTS = {
            {GeneralEventType.FLOW_UNDERRUN, "Расход меньше минимального", 11, DeviceEventImportance.WARNING},
            {GeneralEventType.TEMP_DIFF_LOW, "Разность температур меньше допустимой", 14, DeviceEventImportance.WARNING},
            {GeneralEventType.NO_POWER, "Отсутствие питания", 2, DeviceEventImportance.ERROR},
            {GeneralEventType.FLOW_OVERRUN, "Расход больше максимального", 12, DeviceEventImportance.WARNING}};
    private static final Object[][] OTHER_EVENTS = {
            {GeneralEventType.NO_POWER, "Отключение питания", 2, DeviceEventImportance.ERROR},
            {GeneralEventType.CLOCK_CORRECTION, "Коррекция часов прибора", 30, DeviceEventImportance.DIAGNOSTIC},
            {GeneralEventType.FUNCTIONAL_FAILURE, "Ошибка самодиагностики", 41, DeviceEventImportance.WARNING}};

    /** Device events: a few per month, deterministic; day and month archives summarise the hour archive. */
    io.lers4j.model.MeasurePointDeviceErrorsResponseParameters deviceErrors(Catalog.PointEntry p, LocalDateTime from,
                                                                             LocalDateTime to,
                                                                             java.util.Set<DeviceDataType> types) {
        long seed = ctx.catalog.seed;
        LocalDate startDay = max(from.toLocalDate(), dataStart(p).toLocalDate());
        LocalDate endDay = min(to.toLocalDate(), ctx.currentHour().toLocalDate());
        List<MeasurePointDeviceErrorRecord> hours = new ArrayList<>();
        Map<LocalDate, Map<Integer, MeasurePointDeviceErrorRecord>> byDay = new TreeMap<>();
        Map<YearMonth, Map<Integer, MeasurePointDeviceErrorRecord>> byMonth = new TreeMap<>();
        boolean water = p.system.equals(SystemType.HEAT) || p.system.equals(SystemType.HOT_WATER)
                || p.system.equals(SystemType.COLD_WATER);
        Object[][] catalogue = water ? WATER_EVENTS : OTHER_EVENTS;
        DeviceEventArchiveType archive = water ? DeviceEventArchiveType.HEAT_SYSTEM_EVENTS
                : p.isElectric() ? DeviceEventArchiveType.POWER_INTERRUPTION_PERIODS : DeviceEventArchiveType.ERRORS;
        for (LocalDate d = startDay; !d.isAfter(endDay); d = d.plusDays(1)) {
            long day = d.toEpochDay();
            if (Noise.unit(seed, p.id, day, 501) >= 0.05) {
                continue;
            }
            LocalDateTime at = d.atTime((int) (Noise.unit(seed, p.id, day, 502) * 24), 0);
            if (at.isBefore(from) || at.isAfter(to) || !at.isBefore(ctx.currentHour())) {
                continue;
            }
            Object[] e = catalogue[(int) (Noise.unit(seed, p.id, day, 503) * catalogue.length)];
            int duration = 300 + (int) (Noise.unit(seed, p.id, day, 504) * 6900);
            MeasurePointDeviceErrorRecord r = new MeasurePointDeviceErrorRecord().archiveType(archive)
                    .channelNumber(water ? 1 : 0).dateTime(LersDateTime.of(at)).eventCode((Integer) e[2])
                    .description((String) e[1]).duration(duration).generalEventType((GeneralEventType) e[0])
                    .importance((DeviceEventImportance) e[3]);
            hours.add(r);
            add(byDay.computeIfAbsent(d, k -> new LinkedHashMap<>()), r, d.atStartOfDay(),
                    DeviceEventArchiveType.DAY_SUMMARIZED_INCIDENTS);
            add(byMonth.computeIfAbsent(YearMonth.from(d), k -> new LinkedHashMap<>()), r,
                    d.withDayOfMonth(1).atStartOfDay(), DeviceEventArchiveType.MONTH_SUMMARIZED_INCIDENTS);
        }
        boolean all = types.isEmpty();
        io.lers4j.model.MeasurePointDeviceErrorsResponseParameters out =
                new io.lers4j.model.MeasurePointDeviceErrorsResponseParameters();
        if (all || types.contains(DeviceDataType.HOUR)) {
            out.hourArchive(hours);
        }
        if (all || types.contains(DeviceDataType.DAY)) {
            List<MeasurePointDeviceErrorRecord> days = new ArrayList<>();
            byDay.values().forEach(m -> days.addAll(m.values()));
            out.dayArchive(days);
        }
        if (all || types.contains(DeviceDataType.MONTH)) {
            List<MeasurePointDeviceErrorRecord> months = new ArrayList<>();
            byMonth.values().forEach(m -> months.addAll(m.values()));
            out.monthArchive(months);
        }
        return out;
    }

    private static void add(Map<Integer, MeasurePointDeviceErrorRecord> summary, MeasurePointDeviceErrorRecord r,
                            LocalDateTime at, DeviceEventArchiveType type) {
        MeasurePointDeviceErrorRecord s = summary.get(r.getEventCode());
        if (s == null) {
            summary.put(r.getEventCode(), Models.copy(r).archiveType(type).dateTime(LersDateTime.of(at)));
        } else {
            s.duration(s.getDuration() + r.getDuration());
        }
    }

    boolean hasActiveIncident(Catalog.PointEntry p) {
        for (State.IncidentEntry e : ctx.state.incidentsOfPoint(p.id)) {
            if (!Boolean.TRUE.equals(e.incident.getIsClosed())) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ small helpers

    private static <T extends Comparable<? super T>> T min(T a, T b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static <T extends Comparable<? super T>> T max(T a, T b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
