package io.lers4j.generated;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSyntaxException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import io.lers4j.api.MeasurePointConsumptionApi;
import io.lers4j.api.MeasurePointLastDataApi;
import io.lers4j.api.MeasurePointsApi;
import io.lers4j.invoker.JSON;
import io.lers4j.model.BaseSaveResponseParameters;
import io.lers4j.model.DataParameter;
import io.lers4j.model.DataParameterValue;
import io.lers4j.model.GetMeasurePointConsumptionResponse;
import io.lers4j.model.GprsControllerStatisticsObject;
import io.lers4j.model.MeasurePoint;
import io.lers4j.model.Territory;
import io.lers4j.types.LersDateTime;
import io.lers4j.types.ServerText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hostile or broken server cannot turn one value into a huge exception message: failures read
 * through the generated API quote server text bounded (ServerText), and are JsonParseExceptions.
 */
class BoundedMessagesTest extends WireTestSupport {

    private static final int HUGE = 5 * 1024 * 1024;
    private static final String HUGE_DIGITS = "9".repeat(HUGE);
    private static final int MAX_MESSAGE = 1_000;

    private GetMeasurePointConsumptionResponse consumptionAnswering(String json) {
        respondJson(json);
        return new MeasurePointConsumptionApi(client)
                .getConsumption(1, LersDateTime.of(LocalDate.of(2026, 1, 1)), LersDateTime.of(LocalDate.of(2026, 1, 2)))
                .execute();
    }

    private MeasurePoint measurePointAnswering(String fields) {
        respondJson("{\"measurePoints\":[{" + fields + "}]}");
        return new MeasurePointsApi(client).getMeasurePoints().execute().getMeasurePoints().get(0);
    }

    private static String valueRecord(String value) {
        return "{\"dayConsumption\":[{\"dateTime\":\"2026-01-01T00:00:00\",\"values\":[{\"dataParameter\":\"V_in\",\"value\":"
                + value + "}]}]}";
    }

    /** The failure is a JsonParseException, and no throwable in its cause chain has a long message. */
    private static JsonParseException assertBoundedFailure(Executable call) {
        JsonParseException e = assertThrows(JsonParseException.class, call);
        int depth = 0;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            String type = t.getClass().getName();
            assertTrue(message.length() < MAX_MESSAGE,
                    () -> type + " has a message of " + message.length() + " chars: " + head(message));
            assertTrue(++depth < 20, "cause chain too deep");
        }
        return e;
    }

    private static String head(String message) {
        return message.substring(0, Math.min(message.length(), 300));
    }

    private static void assertMentions(Throwable e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "'" + part + "' not in: " + head(e.getMessage()));
        }
    }

    // --- date-times

    @Test
    void aHugeGarbageDateTimeIsQuotedBounded() {
        String sent = "2024-01-01T00:0" + "x".repeat(HUGE);
        JsonParseException e = assertBoundedFailure(
                () -> consumptionAnswering("{\"dayConsumption\":[{\"dateTime\":\"" + sent + "\",\"values\":[]}]}"));
        assertMentions(e, "'2024-01-01T00:0x", "…' (" + sent.length() + " chars)", "$.dayConsumption[0].dateTime");
        DateTimeParseException cause = (DateTimeParseException) e.getCause();
        assertEquals(sent, cause.getParsedString(), "the exception keeps the text, its message does not");
    }

    @Test
    void lersDateTimeParseQuotesItsInputBounded() {
        String sent = "  2024-13-01" + "7".repeat(HUGE);
        DateTimeParseException e = assertThrows(DateTimeParseException.class, () -> LersDateTime.parse(sent));
        assertTrue(e.getMessage().length() < MAX_MESSAGE, () -> head(e.getMessage()));
        assertMentions(e, "'  2024-13-01777", "(" + sent.length() + " chars)", "at index 12");
        assertEquals(12, e.getErrorIndex(), "the index in the text as sent, leading blanks included");
        DateTimeParseException invalid = assertThrows(DateTimeParseException.class, () -> LersDateTime.parse("2024-13-01"));
        assertMentions(invalid, "'2024-13-01'", "MonthOfYear");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2026-01-13T10:00:00.1234567", "2026-01-13T10:00:00.1234567+03:00", "2026-01-13T10:00:00.1234567Z"})
    void sevenFractionDigitDateTimesStillDecode(String sent) {
        LersDateTime parsed = consumptionAnswering("{\"dayConsumption\":[{\"dateTime\":\"" + sent + "\",\"values\":[]}]}")
                .getDayConsumption().get(0).getDateTime();
        assertEquals(LocalDateTime.of(2026, 1, 13, 10, 0, 0, 123_456_700), parsed.toLocalDateTime());
        assertEquals(sent.endsWith("+03:00") ? ZoneOffset.ofHours(3) : sent.endsWith("Z") ? ZoneOffset.UTC : null,
                parsed.offset().orElse(null));
    }

    // --- numbers

    @ParameterizedTest(name = "sent as {0}")
    @ValueSource(strings = {"number", "string"})
    void hugeDigitsInAnIntFieldAreQuotedBounded(String as) {
        String value = as.equals("number") ? HUGE_DIGITS : "\"" + HUGE_DIGITS + "\"";
        JsonParseException e = assertBoundedFailure(() -> measurePointAnswering("\"id\":" + value));
        assertMentions(e, "Expected an int", "(" + HUGE + " chars)", "$.measurePoints[0].id");
    }

    @ParameterizedTest(name = "sent as {0}")
    @ValueSource(strings = {"number", "string"})
    void hugeDigitsInADoubleFieldAreQuotedBounded(String as) {
        String value = as.equals("number") ? HUGE_DIGITS : "\"" + HUGE_DIGITS + "\"";
        JsonParseException e = assertBoundedFailure(() -> consumptionAnswering(valueRecord(value)));
        assertMentions(e, "Expected a double", "(" + HUGE + " chars)", "$.dayConsumption[0].values[0].value");
    }

    @Test
    void hugeDigitsInAFloatFieldAreQuotedBounded() {
        JsonParseException e = assertBoundedFailure(() -> measurePointAnswering("\"contractHeat\":" + HUGE_DIGITS));
        assertMentions(e, "Expected a float", "(" + HUGE + " chars)", "$.measurePoints[0].contractHeat");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2147483648", "\"2147483648\"", "-2147483649", "1.5", "\"1.5\"", "1e10"})
    void aNumberThatIsNoIntFailsNamingValueAndPlace(String sent) {
        JsonParseException e = assertBoundedFailure(() -> measurePointAnswering("\"id\":" + sent));
        assertEquals(JsonSyntaxException.class, e.getClass());
        assertMentions(e, "Expected an int but got '" + sent.replace("\"", "") + "' at $.measurePoints[0].id");
    }

    @Test
    void aNumberThatIsNoLongFailsNamingValueAndPlace() {
        JsonParseException e = assertBoundedFailure(() -> JSON.deserialize(
                "{\"todayGprsTraffic\":92233720368547758070}", GprsControllerStatisticsObject.class));
        assertMentions(e, "Expected a long but got '92233720368547758070' at $.todayGprsTraffic");
        assertBoundedFailure(() -> JSON.deserialize(
                "{\"todayGprsTraffic\":\"" + HUGE_DIGITS + "\"}", GprsControllerStatisticsObject.class));
    }

    @Test
    void garbageInADoubleFieldIsAJsonParseExceptionNotANumberFormatException() {
        // Gson's own Double adapter lets Double.parseDouble's NumberFormatException out, quoting the value whole
        String garbage = "x".repeat(HUGE);
        JsonParseException e = assertBoundedFailure(() -> consumptionAnswering(valueRecord("\"" + garbage + "\"")));
        assertMentions(e, "Expected a double", "$.dayConsumption[0].values[0].value");
        assertBoundedFailure(() -> measurePointAnswering("\"contractHeat\":\"warm\""));
    }

    @Test
    void aNumberOfTheWrongJsonTypeStillFailsAsBefore() {
        JsonParseException e = assertBoundedFailure(() -> measurePointAnswering("\"id\":{\"x\":1}"));
        assertMentions(e, "$.measurePoints[0].id");
        assertBoundedFailure(() -> measurePointAnswering("\"id\":true"));
    }

    @Test
    void validNumbersStillDecodeAsNumbersAndAsStrings() {
        MeasurePoint numbers = measurePointAnswering("\"id\":2147483647,\"contractHeat\":1.25,\"contractFlow\":-3");
        assertEquals(2147483647, numbers.getId());
        assertEquals(1.25f, numbers.getContractHeat());
        assertEquals(-3f, numbers.getContractFlow());
        // numbers sent as strings, and integral doubles in int fields: Gson has always accepted these
        MeasurePoint strings = measurePointAnswering("\"id\":\"-2147483648\",\"contractHeat\":\"1.25\",\"currentRatio\":\"1e2\"");
        assertEquals(Integer.MIN_VALUE, strings.getId());
        assertEquals(1.25f, strings.getContractHeat());
        assertEquals(100f, strings.getCurrentRatio());
        assertEquals(7, measurePointAnswering("\"id\":7.0").getId());
        assertEquals(7, measurePointAnswering("\"id\":\"7.0\"").getId());
        assertNull(measurePointAnswering("\"id\":null,\"contractHeat\":null").getId());

        List<DataParameterValue> values = consumptionAnswering("{\"dayConsumption\":[{\"dateTime\":\"2026-01-01T00:00:00\",\"values\":["
                + "{\"value\":0.1},{\"value\":\"0.1\"},{\"value\":1e300},{\"value\":-0.0},{\"value\":\"NaN\"},{\"value\":null}]}]}")
                .getDayConsumption().get(0).getValues();
        assertEquals(0.1, values.get(0).getValue());
        assertEquals(0.1, values.get(1).getValue());
        assertEquals(1e300, values.get(2).getValue());
        assertEquals(-0.0, values.get(3).getValue());
        assertTrue(values.get(4).getValue().isNaN(), "a .NET NaN, as Gson reads answers (leniently)");
        assertNull(values.get(5).getValue());

        GprsControllerStatisticsObject longs = JSON.<GprsControllerStatisticsObject>deserialize(
                "{\"todayGprsTraffic\":9223372036854775807,\"yesterdayGprsTraffic\":\"-9223372036854775808\"}",
                GprsControllerStatisticsObject.class);
        assertEquals(Long.MAX_VALUE, longs.getTodayGprsTraffic());
        assertEquals(Long.MIN_VALUE, longs.getYesterdayGprsTraffic());
    }

    @Test
    void numbersAreWrittenAsBefore() {
        assertEquals("{\"dataParameter\":\"V_in\",\"value\":0.1}",
                JSON.serialize(new DataParameterValue().dataParameter(DataParameter.V_IN).value(0.1)));
        assertEquals("{\"id\":7,\"contractHeat\":1.25}", JSON.serialize(new MeasurePoint().id(7).contractHeat(1.25f)));
        // Gson's own check stays: JSON has no NaN
        assertThrows(IllegalArgumentException.class, () -> JSON.serialize(new DataParameterValue().value(Double.NaN)));
    }

    // --- everything else a server sends

    @Test
    void hugeGarbageBase64IsQuotedBounded() {
        JsonParseException e = assertBoundedFailure(() -> JSON.deserialize(
                "{\"editVersion\":\"" + "!".repeat(HUGE) + "\"}", BaseSaveResponseParameters.class));
        assertMentions(e, "Unreadable base64 value '!!!", "$.editVersion");
        BaseSaveResponseParameters valid = JSON.deserialize("{\"editVersion\":\"AQID\"}", BaseSaveResponseParameters.class);
        assertArrayEquals(new byte[] {1, 2, 3}, valid.getEditVersion());
    }

    @Test
    void aHugeDuplicateMapKeyIsQuotedBounded() {
        // Gson's map adapter quotes a duplicate key whole: the answer's failure keeps a bounded excerpt only
        String key = "k".repeat(HUGE);
        respondJson("{\"" + key + "\":{},\"" + key + "\":{}}");
        JsonParseException e = assertBoundedFailure(
                () -> new MeasurePointLastDataApi(client).getMeasurePointListLastTotals().execute());
        assertMentions(e, "duplicate key", "(");
    }

    @Test
    void malformedJsonAfterAHugeUnknownFieldNameIsQuotedBounded() {
        // Gson's messages name the path, and the path names the unknown field
        String name = "n".repeat(HUGE);
        assertBoundedFailure(() -> measurePointAnswering("\"id\":1,\"" + name + "\":[1,2 3]"));
    }

    @Test
    void anUnlistedHugeEnumValueIsStillKeptWhole() {
        // open enums keep what the server sent: intended, and no failure quotes it
        String value = "Q".repeat(HUGE);
        DataParameter kept = consumptionAnswering("{\"dayConsumption\":[{\"dateTime\":\"2026-01-01T00:00:00\",\"values\":[{\"dataParameter\":\""
                + value + "\",\"value\":1}]}]}").getDayConsumption().get(0).getValues().get(0).getDataParameter();
        assertEquals(value, kept.getValue());
        assertFalse(kept.isKnown());

        JsonArray notAValue = new JsonArray();
        notAValue.add(new JsonPrimitive(value));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataParameter.validateJsonElement(notAValue));
        assertTrue(e.getMessage().length() < MAX_MESSAGE, () -> head(e.getMessage()));
        assertMentions(e, "Expected a DataParameter value but got '[\"QQQ");
    }

    @Test
    void whateverAnAdapterThrowsSurfacesAsABoundedJsonParseException() {
        Gson original = JSON.getGson();
        try {
            JSON.setGson(JSON.createGson().registerTypeAdapter(Territory.class, new TypeAdapter<Territory>() {
                @Override
                public void write(JsonWriter out, Territory value) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public Territory read(JsonReader in) throws IOException {
                    String text = in.nextString();
                    if (text.equals("npe")) {
                        throw new NullPointerException("no " + "x".repeat(HUGE));
                    }
                    if (text.equals("iae")) {
                        throw new IllegalArgumentException("bad value");
                    }
                    throw new JsonSyntaxException("q".repeat(HUGE), new IOException("connection reset"));
                }
            }).create());
            JsonParseException npe = assertBoundedFailure(() -> JSON.deserialize("\"npe\"", Territory.class));
            assertMentions(npe, "java.lang.NullPointerException: 'no xxx");
            JsonParseException iae = assertBoundedFailure(() -> JSON.deserialize("\"iae\"", Territory.class));
            assertEquals(IllegalArgumentException.class, iae.getCause().getClass(), "a short chain is kept whole");
            JsonParseException broken = assertBoundedFailure(() -> JSON.deserialize(
                    new ByteArrayInputStream("\"io\"".getBytes(StandardCharsets.UTF_8)), Territory.class));
            assertEquals("connection reset", broken.getCause().getMessage(), "what lies below the long message stays findable");
        } finally {
            JSON.setGson(original);
        }
    }

    // --- the utility

    @Test
    void excerptQuotesShortTextWholeAndCutsLongText() {
        assertEquals("'2024-01-01'", ServerText.excerpt("2024-01-01"));
        assertEquals("''", ServerText.excerpt(""));
        assertEquals("null", ServerText.excerpt(null));
        String limit = "a".repeat(ServerText.MAX_QUOTED_CHARS);
        assertEquals("'" + limit + "'", ServerText.excerpt(limit));
        assertEquals("'" + limit + "…' (201 chars)", ServerText.excerpt(limit + "b"));
        assertEquals("'2024-01-01T00:0" + "x".repeat(ServerText.MAX_QUOTED_CHARS - 15) + "…' (52428800 chars)",
                ServerText.excerpt("2024-01-01T00:0" + "x".repeat(52428800 - 15)));
    }

    @Test
    void excerptEscapesControlCharactersAndNeverSplitsAPair() {
        assertEquals("'a\\nb\\r\\tc\\u001b[31m\\u0000'", ServerText.excerpt("a\nb\r\tc\u001b[31m\u0000"));
        assertEquals("'Котельная №1'", ServerText.excerpt("Котельная №1"));
        String pairs = "\uD83D\uDE00".repeat(150); // 300 chars, 150 emoji
        assertEquals("'" + "\uD83D\uDE00".repeat(100) + "…' (300 chars)", ServerText.excerpt(pairs));
        String odd = "a" + pairs;
        assertEquals("'a" + "\uD83D\uDE00".repeat(99) + "…' (301 chars)", ServerText.excerpt(odd));
        assertEquals("'\\ud83d'", ServerText.excerpt("\uD83D"), "a lone surrogate is escaped");
        assertTrue(ServerText.excerpt("\u0001".repeat(10_000)).length() < 260, "escapes count against the bound");
    }
}
