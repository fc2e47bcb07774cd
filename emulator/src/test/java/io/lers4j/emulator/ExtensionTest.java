package io.lers4j.emulator;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class ExtensionTest {

    @RegisterExtension
    static LersEmulatorExtension server = new LersEmulatorExtension(() -> LersEmulator.builder().measurePoints(30).start());

    private static LersEmulator firstSeen;

    private static int status(LersEmulator emulator) throws IOException {
        OkHttpClient http = new OkHttpClient();
        try (Response r = http.newCall(new Request.Builder().url(emulator.baseUrl() + "/api/v1/ServerInfo").build()).execute()) {
            return r.code();
        } finally {
            http.dispatcher().executorService().shutdown();
        }
    }

    @BeforeEach
    void oneRequestBeforeEachTest(LersEmulator emulator) throws IOException {
        assertEquals(0, emulator.requestCount(), "counts start from zero for each test");
        status(emulator);
    }

    @Test
    @Order(1)
    void theEmulatorIsInjectedAndFaultsAreArmedForThisTest(LersEmulator emulator) throws IOException {
        firstSeen = emulator;
        assertSame(server.emulator(), emulator);
        assertEquals(30, emulator.dataSet().measurePoints().size());
        emulator.faults().status(503, 5);
        assertEquals(503, status(emulator));
        assertEquals(503, status(emulator));
        assertEquals(3, emulator.requestCount("GET", "/api/v1/ServerInfo"), "the @BeforeEach request and these two");
    }

    @Test
    @Order(2)
    void faultsAndRequestCountsOfTheLastTestAreCleared(LersEmulator emulator) throws IOException {
        assertEquals(200, status(emulator));
        assertEquals(2, emulator.requestCount());
        assertEquals(2, emulator.requestCount("GET", "/api/v1/ServerInfo"));
    }

    @Nested
    @Order(1)
    class FirstNested {
        @Test
        void aNestedClassSharesTheEmulatorAndCountsPerTest(LersEmulator emulator) throws IOException {
            assertSame(firstSeen, emulator);
            assertEquals(200, status(emulator));
            assertEquals(2, emulator.requestCount());
        }
    }

    @Nested
    @Order(2)
    class SecondNested {
        @Test
        void theEndOfAnEarlierNestedClassDoesNotStopIt(LersEmulator emulator) throws IOException {
            assertSame(firstSeen, emulator);
            assertEquals(200, status(emulator));
        }
    }
}
