package io.lers4j.emulator;

import com.google.gson.reflect.TypeToken;
import io.lers4j.model.DataParametersUnitPair;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.ElectricDataKind;
import io.lers4j.model.GetMeasurePointConsumptionResponse;
import io.lers4j.model.GetMeasurePointTotalsResponse;
import io.lers4j.model.ManualPollResponseParametersV1;
import io.lers4j.model.MeasurePointDataConsumptionRecord;
import io.lers4j.model.MeasurePointDataTotalsRecord;
import io.lers4j.model.MeasurePointDataUnitsRequestType;
import io.lers4j.model.MeasurePointLastConsumption;
import io.lers4j.model.MeasurePointLastTotals;
import io.lers4j.model.SaveConsumptionParameters;
import io.lers4j.model.SaveConsumptionRequestParameters;
import io.lers4j.model.SaveDataRequestParams;
import io.lers4j.model.SaveTotalsRequestParameters;
import io.lers4j.model.TerritoryOutdoorTemperature;

import java.lang.reflect.Type;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Data and the poll route: archives, last data, writes, weather, device events (v1; v0.1 reuses the handlers). */
final class DataRoutes {

    private static final Type WEATHER_LIST = new TypeToken<List<TerritoryOutdoorTemperature>>() { }.getType();
    private static final Set<DeviceDataType> ARCHIVES = Set.of(DeviceDataType.HOUR, DeviceDataType.DAY,
            DeviceDataType.MONTH, DeviceDataType.CURRENT);

    // named ctx as before the view existed, so the handlers read as they did
    private final DataView ctx;
    private final Writes writes;
    private final PollSessions polls;

    DataRoutes(DataView ctx, Writes writes, PollSessions polls) {
        this.ctx = ctx;
        this.writes = writes;
        this.polls = polls;
    }

    void register(Routes r) {
        Router.Access perm = Router.Access.PERMISSION;
        r.on(Api.V1, "MeasurePointConsumption_GetConsumption", perm, "viewData", this::consumption);
        r.on(Api.V1, "MeasurePointConsumption_SetCurrentArchive", perm, "saveData", this::setCurrentArchive);
        r.on(Api.V1, "MeasurePointTotals_GetTotals", perm, "viewData", this::totals);
        r.on(Api.V1, "MeasurePointTotals_SetTotals", perm, "saveData", this::setTotals);
        r.on(Api.V1, "MeasurePointData_SaveData", perm, "saveData", this::saveData);
        r.on(Api.V1, "MeasurePointLastData_GetMeasurePointLastConsumption", perm, "viewData", this::lastConsumption);
        r.on(Api.V1, "MeasurePointLastData_GetMeasurePointLastTotals", perm, "viewData", this::lastTotals);
        r.on(Api.V1, "MeasurePointLastData_GetMeasurePointListLastConsumption", perm, "viewData",
                this::allLastConsumption);
        r.on(Api.V1, "MeasurePointLastData_GetMeasurePointListLastTotals", perm, "viewData", this::allLastTotals);
        r.on(Api.V1, "MeasurePointDeviceErrors_GetMeasurePointErrors", perm, "viewDeviceEvents", this::deviceErrors);
        r.on(Api.V1, "Weather_Get", perm, "viewData", this::weather);
        r.on(Api.V1, "Weather_Set", perm, "editOutdoorTemperature", this::setWeather);
        r.on(Api.V1, "MeasurePointsPoll_PollCurrentsV1", perm, "pollCurrents", this::pollCurrents);
    }

    /** Repeated ({@code dataTypes=Hour&dataTypes=Day}) or flags ({@code Hour, Day}) archive types. */
    private static Set<DeviceDataType> dataTypes(Call call) {
        Set<DeviceDataType> out = new LinkedHashSet<>();
        for (String v : call.queryValues("dataTypes")) {
            out.add(Call.enumValue("dataTypes", v, DeviceDataType.values(), DeviceDataType::getValue));
        }
        return out;
    }

    private static boolean raw(Call call) {
        ElectricDataKind kind = call.enumQuery("electricDataKind", ElectricDataKind.values(), ElectricDataKind::getValue);
        return ElectricDataKind.RAW.equals(kind);
    }

    Reply consumption(Call call) {
        Catalog.PointEntry p = ctx.point(call.intParam("id"));
        LocalDateTime[] period = call.period();
        Set<DeviceDataType> types = dataTypes(call);
        if (types.isEmpty()) {
            types = ARCHIVES;
        }
        call.enumQuery("units", MeasurePointDataUnitsRequestType.values(), MeasurePointDataUnitsRequestType::getValue);
        call.flag("includeCalculated");
        call.flag("considerReportingDate");
        boolean raw = raw(call);
        boolean absent = call.flag("includeAbsentRecords");
        LocalDateTime from = period[0];
        LocalDateTime to = period[1];
        GetMeasurePointConsumptionResponse out = new GetMeasurePointConsumptionResponse().pressureType(p.pressureType)
                .dataParametersUnit(p.units);
        // an archive not asked for is an empty list, as production sends it, never null
        List<MeasurePointDataConsumptionRecord> hours = types.contains(DeviceDataType.HOUR)
                ? ctx.archive.hours(p, from, to, raw, absent) : List.of();
        List<MeasurePointDataConsumptionRecord> days = types.contains(DeviceDataType.DAY)
                ? ctx.archive.days(p, from, to, raw, absent) : List.of();
        List<MeasurePointDataConsumptionRecord> months = types.contains(DeviceDataType.MONTH)
                ? ctx.archive.months(p, from, to, raw, absent) : List.of();
        List<MeasurePointDataConsumptionRecord> currents = types.contains(DeviceDataType.CURRENT)
                ? ctx.archive.currents(p, from, to, raw) : List.of();
        out.hourConsumption(hours).dayConsumption(days).monthConsumption(months).currentConsumption(currents);
        if (call.flag("withSummary")) {
            out.summary(ctx.archive.summary(p, from, hours, days, months, currents));
        }
        return Reply.json(out);
    }

    Reply totals(Call call) {
        Catalog.PointEntry p = ctx.point(call.intParam("id"));
        LocalDateTime[] period = call.period();
        call.enumQuery("units", MeasurePointDataUnitsRequestType.values(), MeasurePointDataUnitsRequestType::getValue);
        call.flag("includeCalculated");
        List<MeasurePointDataTotalsRecord> totals = ctx.archive.totals(p, period[0], period[1], raw(call),
                call.flag("includeAbsentRecords"));
        return Reply.json(new GetMeasurePointTotalsResponse().totals(totals).dataParametersUnit(totalsUnits(p)));
    }

    private static List<DataParametersUnitPair> totalsUnits(Catalog.PointEntry p) {
        Set<String> categories = new HashSet<>();
        for (int i = 0; i < p.meter.parameters.length; i++) {
            if (p.meter.channelsOf[i] != null) {
                categories.add(Catalog.categoryOf(p.meter.parameters[i]).getValue());
            }
        }
        List<DataParametersUnitPair> out = new ArrayList<>();
        for (DataParametersUnitPair u : p.units) {
            if (categories.contains(u.getDataParameterCategory().getValue())) {
                out.add(u);
            }
        }
        return out;
    }

    private static List<Archive.RecordInput> consumptionInputs(List<MeasurePointDataConsumptionRecord> records) {
        List<Archive.RecordInput> out = new ArrayList<>();
        for (MeasurePointDataConsumptionRecord r : records == null ? List.<MeasurePointDataConsumptionRecord>of() : records) {
            if (r == null) {
                throw HttpError.unprocessable(HttpError.BAD_BODY, "Пустая запись в списке.");
            }
            out.add(Archive.RecordInput.of(r));
        }
        return out;
    }

    private static List<Archive.RecordInput> totalsInputs(List<MeasurePointDataTotalsRecord> records) {
        List<Archive.RecordInput> out = new ArrayList<>();
        for (MeasurePointDataTotalsRecord r : records == null ? List.<MeasurePointDataTotalsRecord>of() : records) {
            if (r == null) {
                throw HttpError.unprocessable(HttpError.BAD_BODY, "Пустая запись в списке.");
            }
            out.add(Archive.RecordInput.of(r));
        }
        return out;
    }

    Reply setCurrentArchive(Call call) {
        Catalog.PointEntry p = ctx.point(call.intParam("id"));
        SaveConsumptionRequestParameters body = call.body(SaveConsumptionRequestParameters.class);
        SaveConsumptionParameters data = body.getData();
        if (data == null) {
            throw HttpError.unprocessable(HttpError.BAD_BODY, "Не указаны данные для сохранения.");
        }
        if (data.getDataType() != null && !data.getDataType().equals(DeviceDataType.CURRENT)) {
            throw HttpError.badArgument("В архив текущих данных сохраняются только данные типа Current.");
        }
        ctx.archive.store(p, "Current", consumptionInputs(data.getConsumption()), body.getUnitsOfMeasurement(),
                call.flag("overwriteExisting"), raw(call));
        return Reply.empty(200);
    }

    Reply setTotals(Call call) {
        Catalog.PointEntry p = ctx.point(call.intParam("id"));
        SaveTotalsRequestParameters body = call.body(SaveTotalsRequestParameters.class);
        if (body.getTotalsRecordObjects() == null) {
            throw HttpError.unprocessable(HttpError.BAD_BODY, "Не указаны интеграторы для сохранения.");
        }
        ctx.archive.store(p, "Totals", totalsInputs(body.getTotalsRecordObjects()), body.getUnitsOfMeasurement(),
                call.flag("overwriteExisting"), false);
        return Reply.empty(200);
    }

    Reply saveData(Call call) {
        Catalog.PointEntry p = ctx.point(call.intParam("id"));
        SaveDataRequestParams body = call.body(SaveDataRequestParams.class);
        if (body.getConsumption() == null && body.getTotals() == null) {
            throw HttpError.unprocessable(HttpError.BAD_BODY, "Нет данных для сохранения.");
        }
        boolean overwrite = call.flag("overwriteExisting");
        boolean raw = raw(call);
        String type = null;
        if (body.getConsumption() != null) {
            DeviceDataType dataType = body.getConsumption().getDataType();
            if (dataType == null || !ARCHIVES.contains(dataType)) {
                throw HttpError.badArgument("Тип данных потребления должен быть Hour, Day, Month или Current.");
            }
            type = dataType.getValue();
        }
        List<Archive.RecordInput> consumption = body.getConsumption() == null ? List.of()
                : consumptionInputs(body.getConsumption().getConsumption());
        List<Archive.RecordInput> totals = totalsInputs(body.getTotals());
        if (type != null) {
            ctx.archive.store(p, type, consumption, body.getUnitsOfMeasurement(), overwrite, raw);
        }
        ctx.archive.store(p, "Totals", totals, body.getUnitsOfMeasurement(), overwrite, raw);
        return Reply.empty(200);
    }

    private Reply lastConsumption(Call call) {
        return Reply.json(200, ctx.archive.lastConsumption(ctx.point(call.intParam("mpId"))),
                MeasurePointLastConsumption.class);
    }

    private Reply lastTotals(Call call) {
        return Reply.json(200, ctx.archive.lastTotals(ctx.point(call.intParam("mpId"))), MeasurePointLastTotals.class);
    }

    private Reply allLastConsumption(Call call) {
        Map<String, MeasurePointLastConsumption> out = new LinkedHashMap<>();
        for (Catalog.PointEntry p : ctx.points) {
            out.put(String.valueOf(p.id), ctx.archive.lastConsumption(p));
        }
        return Reply.json(out);
    }

    private Reply allLastTotals(Call call) {
        Map<String, MeasurePointLastTotals> out = new LinkedHashMap<>();
        for (Catalog.PointEntry p : ctx.points) {
            out.put(String.valueOf(p.id), ctx.archive.lastTotals(p));
        }
        return Reply.json(out);
    }

    Reply deviceErrors(Call call) {
        Catalog.PointEntry p = ctx.point(call.intParam("id"));
        LocalDateTime[] period = call.period();
        return Reply.json(ctx.archive.deviceErrors(p, period[0], period[1], dataTypes(call)));
    }

    private Reply weather(Call call) {
        return Reply.json(ctx.archive.weather(ctx.territory(call.intParam("id"))));
    }

    private Reply setWeather(Call call) {
        Catalog.TerritoryEntry t = ctx.territory(call.intParam("id"));
        List<TerritoryOutdoorTemperature> values = call.body(WEATHER_LIST);
        Map<java.time.LocalDate, Float> checked = new LinkedHashMap<>();
        for (TerritoryOutdoorTemperature v : values) {
            if (v == null || v.getDate() == null || v.getValue() == null) {
                throw HttpError.unprocessable(HttpError.BAD_BODY, "У значения температуры не указаны дата или значение.");
            }
            checked.put(v.getDate().toLocalDate(), v.getValue());
        }
        writes.storeWeather(t.id(), checked);
        return Reply.empty(200);
    }

    /** A poll of one point's currents, a session like v0.1's: the record appears when the session ends. */
    private Reply pollCurrents(Call call) {
        Catalog.PointEntry p = ctx.point(call.intParam("measurePointId"));
        PollSessions.Start start = polls.startCurrents(List.of(p));
        return Reply.json(new ManualPollResponseParametersV1().pollSessionId(start.sessionId));
    }
}
