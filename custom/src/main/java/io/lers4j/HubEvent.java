package io.lers4j;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.lers4j.invoker.JSON;
import io.lers4j.model.CurrentConsumptionDataRead;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.EntityChangedNotifyParameters;
import io.lers4j.model.ModemOnlineNotifyParameters;
import io.lers4j.v01.model.EntityType;
import io.lers4j.v01.model.Operation;

import java.util.Objects;
import java.util.Optional;

/**
 * One notification of the server's hub ({@code Notify(operation, {entityId, entityType, jsonData})}):
 * what happened, to which entity, and the payload as the server sent it. Typed views read the
 * payloads whose shape is known; every other payload, and one that does not read, is still here
 * as {@link #jsonData()}: nothing the server sends is dropped.
 */
public final class HubEvent {

    private static final Object UNREADABLE = new Object();

    private final Operation operation;
    private final EntityType entityType;
    private final int entityId;
    private final String jsonData;
    /** The typed payload, read once on first use (not on the connection's reader thread); UNREADABLE when it does not read. */
    private volatile Object payload;

    HubEvent(Operation operation, EntityType entityType, int entityId, String jsonData) {
        this.operation = Objects.requireNonNull(operation, "operation");
        this.entityType = Objects.requireNonNull(entityType, "entityType");
        this.entityId = entityId;
        this.jsonData = jsonData;
    }

    /**
     * The event of a Notify's arguments {@code [operation, {entityId, entityType, jsonData}]};
     * null when they are not of that shape. Enum values the server sends as numbers are kept as
     * their text: their numbering is not known.
     */
    static HubEvent fromNotify(JsonArray arguments) {
        if (arguments.size() < 1) {
            return null;
        }
        String operation = HubProtocol.text(arguments.get(0));
        if (operation == null) {
            return null;
        }
        JsonElement parameters = arguments.size() > 1 ? arguments.get(1) : null;
        EntityType entityType = EntityType.EMPTY;
        int entityId = 0;
        String jsonData = null;
        if (parameters != null && parameters.isJsonObject()) {
            JsonObject p = parameters.getAsJsonObject();
            String type = HubProtocol.text(p.get("entityType"));
            if (type != null) {
                entityType = EntityType.fromValue(type);
            }
            Integer id = HubProtocol.integer(p.get("entityId"));
            entityId = id == null ? 0 : id;
            JsonElement data = p.get("jsonData");
            if (data != null && !data.isJsonNull()) {
                // a string to parse again, as documented; a server that sends the object itself is read too
                jsonData = data.isJsonPrimitive() ? data.getAsString() : data.toString();
            }
        } else if (parameters != null && !parameters.isJsonNull()) {
            return null;
        }
        return new HubEvent(Operation.fromValue(operation), entityType, entityId, jsonData);
    }

    public Operation operation() {
        return operation;
    }

    /** The kind of entity the event is about; {@code Empty} when the server named none. */
    public EntityType entityType() {
        return entityType;
    }

    /** The entity's id; 0 when the server sent none (or none that is an int). */
    public int entityId() {
        return entityId;
    }

    /** The payload as the server sent it (a JSON text), or null when it sent none. */
    public String jsonData() {
        return jsonData;
    }

    /**
     * The payload of {@code SAVE_CURRENT_DATA}: the measure point and its current record, in the
     * 2022 record shape ({@code values}, an {@code attributes} array) or the 2020 one
     * ({@code dataParameters}, one flags string {@code "A, B"}). Empty for other operations and for
     * a payload that does not read.
     */
    public Optional<SavedCurrentData> savedCurrentData() {
        return typed(Operation.SAVE_CURRENT_DATA, SavedCurrentData.class);
    }

    /** The payload of {@code ENTITY_CHANGED}; empty for other operations and for a payload that does not read. */
    public Optional<EntityChangedNotifyParameters> entityChanged() {
        return typed(Operation.ENTITY_CHANGED, EntityChangedNotifyParameters.class);
    }

    /** The payload of {@code DEVICE_ONLINE_CHANGED}; empty for other operations and for a payload that does not read. */
    public Optional<ModemOnlineNotifyParameters> deviceOnlineChanged() {
        return typed(Operation.DEVICE_ONLINE_CHANGED, ModemOnlineNotifyParameters.class);
    }

    private <T> Optional<T> typed(Operation expected, Class<T> type) {
        if (!operation.equals(expected) || jsonData == null) {
            return Optional.empty();
        }
        Object p = payload;
        if (p == null) {
            p = read();
            payload = p;
        }
        return type.isInstance(p) ? Optional.of(type.cast(p)) : Optional.empty();
    }

    /** The typed payload of this event's operation, or UNREADABLE; never throws, whatever the server sent. */
    private Object read() {
        try {
            Object out;
            if (operation.equals(Operation.SAVE_CURRENT_DATA)) {
                out = savedCurrentData(jsonData);
            } else if (operation.equals(Operation.ENTITY_CHANGED)) {
                out = JSON.deserialize(jsonData, EntityChangedNotifyParameters.class);
            } else {
                out = JSON.deserialize(jsonData, ModemOnlineNotifyParameters.class);
            }
            return out == null ? UNREADABLE : out;
        } catch (RuntimeException | StackOverflowError e) {
            return UNREADABLE;
        }
    }

    /** Both record shapes made the 2022 one, then bound to the v1 model, which {@link MeterRecord#of} reads. */
    private static Object savedCurrentData(String json) {
        JsonElement root = JsonParser.parseString(json);
        if (!root.isJsonObject()) {
            return null;
        }
        JsonElement consumption = root.getAsJsonObject().get("consumption");
        if (consumption != null && consumption.isJsonObject()) {
            JsonObject record = consumption.getAsJsonObject();
            if (!record.has("values") && record.has("dataParameters")) {
                record.add("values", record.remove("dataParameters"));
            }
            JsonElement attributes = record.get("attributes");
            if (attributes != null && attributes.isJsonPrimitive()) {
                JsonArray flags = new JsonArray();
                for (String flag : attributes.getAsString().split(",")) {
                    if (!flag.isBlank()) {
                        flags.add(flag.trim());
                    }
                }
                record.add("attributes", flags);
            }
        }
        CurrentConsumptionDataRead read = JSON.deserialize(root.toString(), CurrentConsumptionDataRead.class);
        if (read == null || read.getMeasurePointId() == null || read.getConsumption() == null) {
            return null;
        }
        return new SavedCurrentData(read.getMeasurePointId(),
                MeterRecord.of(read.getConsumption()).withDataType(DeviceDataType.CURRENT));
    }

    @Override
    public String toString() {
        return "HubEvent[" + Excerpt.of(operation.getValue()) + " " + Excerpt.of(entityType.getValue()) + " " + entityId
                + (jsonData == null ? ", no data" : ", " + jsonData.length() + " chars of data") + "]";
    }
}
