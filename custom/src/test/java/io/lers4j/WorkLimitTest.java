package io.lers4j;

import io.lers4j.model.DeviceDataType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A query that would take absurdly many requests, or dates no server stores, fail before sending. */
class WorkLimitTest extends TestSupport {

    private static final LocalDateTime Y2026 = LocalDateTime.of(2026, 1, 1, 0, 0);

    private LersClient lers() {
        return LersClient.builder().baseUrl(baseUrl()).token("tok-1").build();
    }

    @Test
    void aThousandYearsOfHoursSaysHowManyRequestsAndHowToRaiseTheLimit() {
        try (LersClient lers = lers()) {
            RecordSeries millennium = lers.consumption(5, DeviceDataType.HOUR, Y2026.minusYears(1000), Y2026);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, millennium::toList);
            assertTrue(e.getMessage().contains("26,089 requests"), e.getMessage());
            assertTrue(e.getMessage().contains("maxRequestsPerQuery (2,000)"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> lers.totals(5, Y2026.minusYears(1000), Y2026).stream().count());
            assertThrows(IllegalArgumentException.class, () -> lers.bulkConsumption(List.of(1, 2), DeviceDataType.HOUR,
                    Y2026.minusYears(1000), Y2026).forEach(point -> { }));
        }
        assertEquals(0, server.getRequestCount());
    }

    @Test
    void theLimitCountsTheWindowSizeChosen() {
        try (LersClient lers = lers()) {
            RecordSeries decade = lers.consumption(5, DeviceDataType.HOUR, Y2026.minusYears(10), Y2026); // 261 requests
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> decade.withWindowSize(Duration.ofHours(1)).iterator());
            assertTrue(e.getMessage().contains("87,6"), e.getMessage());
            // a century in yearly windows is 100 requests
            for (int i = 0; i < 100; i++) {
                server.enqueue(json("{\"hourConsumption\":[]}"));
            }
            assertEquals(0, lers.consumption(5, DeviceDataType.HOUR, Y2026.minusYears(100), Y2026)
                    .withWindowSize(Period.ofYears(1)).toList().size());
            assertEquals(100, server.getRequestCount());
        }
    }

    @Test
    void theLimitCanBeRaised() {
        try (LersClient lers = LersClient.builder().baseUrl(baseUrl()).token("tok-1").maxRequestsPerQuery(30_000).build()) {
            assertDoesNotThrow(() -> lers.consumption(5, DeviceDataType.HOUR, Y2026.minusYears(1000), Y2026).iterator());
        }
        assertThrows(IllegalArgumentException.class, () -> LersClient.builder().maxRequestsPerQuery(0));
    }

    @Test
    void windowsBelowAMinuteAreRejected() {
        try (LersClient lers = lers()) {
            RecordSeries day = lers.consumption(5, DeviceDataType.HOUR, Y2026, Y2026.plusDays(1));
            for (java.time.temporal.TemporalAmount w : List.of(Duration.ofNanos(1), Duration.ofSeconds(59), Duration.ZERO,
                    Duration.ofHours(-1), Period.ZERO, Period.ofDays(-1), Period.ofYears(Integer.MAX_VALUE))) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> day.withWindowSize(w));
                assertTrue(e.getMessage().contains("windowSize"), e.getMessage());
            }
            assertDoesNotThrow(() -> day.withWindowSize(Duration.ofMinutes(1)));
        }
    }

    @Test
    void datesAtTheLimitsOfJavaAreTypedNotDateTimeExceptions() {
        try (LersClient lers = lers()) {
            assertThrows(IllegalArgumentException.class,
                    () -> lers.consumption(5, DeviceDataType.DAY, LocalDateTime.MAX.minusYears(1), LocalDateTime.MAX));
            assertThrows(IllegalArgumentException.class,
                    () -> lers.consumption(5, DeviceDataType.MONTH, LocalDate.MIN, LocalDate.of(2026, 1, 1)));
            assertThrows(IllegalArgumentException.class, () -> lers.totals(5, LocalDate.of(9999, 1, 1), LocalDate.MAX));
            // the last days LERS can store still iterate to the end without an arithmetic failure
            LocalDateTime end = LocalDateTime.of(9999, 12, 31, 0, 0);
            server.enqueue(json("{\"monthConsumption\":[]}"));
            assertEquals(0, lers.consumption(5, DeviceDataType.MONTH, end.minusYears(5), end).toList().size());
        }
    }
}
