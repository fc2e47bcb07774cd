package io.lers4j.junit;

import io.lers4j.LersClient;
import io.lers4j.emulator.LersEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What happens after a test class that uses the extension: run through the JUnit launcher, since a
 * class cannot watch its own end. The fixture classes are nested (surefire does not run them itself).
 */
class LifecycleTest {

    static final List<LersClient> clients = new CopyOnWriteArrayList<>();
    static final List<LersEmulator> emulators = new CopyOnWriteArrayList<>();

    private static TestExecutionSummary run(Class<?> testClass) {
        clients.clear();
        emulators.clear();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(testClass)).build(), listener);
        return listener.getSummary();
    }

    private static boolean listening(LersEmulator server) {
        try {
            new Socket(InetAddress.getLoopbackAddress(), server.port()).close();
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    @ExtendWith(LersClientExtension.class)
    static class TwoTestsAndAClassClient {
        @BeforeAll
        static void seed(LersClient lers, LersEmulator server) {
            clients.add(lers);
            emulators.add(server);
            lers.nodes().getNodes().execute();
        }

        @Test
        void first(LersClient lers, LersEmulator server) {
            clients.add(lers);
            emulators.add(server);
            assertEquals(0, server.requestCount(), "the class's requests and the logins are before the counts");
        }

        @Test
        void second(LersClient lers, LersEmulator server) {
            clients.add(lers);
            emulators.add(server);
        }

        @AfterAll
        static void afterAll(LersClient lers) {
            assertSame(clients.get(0), lers, "@BeforeAll and @AfterAll share the class's client");
            lers.nodes().getNodes().execute();
        }

        @Nested
        class Inner {
            @Test
            void third(LersClient lers, LersEmulator server) {
                clients.add(lers);
                emulators.add(server);
            }
        }
    }

    @Test
    void clientsCloseAfterTheirTestAndTheClassAndTheEmulatorAfterTheClass() {
        TestExecutionSummary summary = run(TwoTestsAndAClassClient.class);
        assertEquals(3, summary.getTestsSucceededCount(), () -> summary.getFailures().toString());
        assertEquals(0, summary.getTotalFailureCount());

        assertEquals(4, clients.size());
        assertEquals(4, clients.stream().distinct().count(), "the class's client and one per test");
        for (LersClient c : clients) {
            assertThrows(IllegalStateException.class, c::v01, "closed: " + c);
        }
        assertEquals(1, emulators.stream().distinct().count(), "one emulator, also for the @Nested class");
        assertFalse(listening(emulators.get(0)), "the emulator is stopped after the class");
    }

    static class WrongPassword {
        @RegisterExtension
        static LersClientExtension lers = new LersClientExtension()
                .client(server -> LersClientExtension.defaultClient(server).credentials(LersEmulator.DEFAULT_LOGIN, "not-the-Pa55word"));

        @BeforeEach
        void never() {
            emulators.add(lers.emulator());
        }

        @Test
        void test(LersClient client) {
            clients.add(client);
        }
    }

    @Test
    void aClientThatCannotLogInFailsTheTestSayingWhyWithoutThePassword() {
        TestExecutionSummary summary = run(WrongPassword.class);
        assertEquals(1, summary.getTotalFailureCount());
        Throwable failure = summary.getFailures().get(0).getException();
        assertInstanceOf(ExtensionConfigurationException.class, failure);
        assertTrue(failure.getMessage().contains("could not log in to the emulator"), failure.getMessage());
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains("not-the-Pa55word"), t.getMessage());
        }
        assertTrue(clients.isEmpty() && emulators.isEmpty(), "the test and its @BeforeEach did not run");
    }

    @ExtendWith(LersClientExtension.class)
    static class ConstructorInjection {
        private final LersClient fromConstructor;

        ConstructorInjection(LersClient lers) {
            fromConstructor = lers;
            clients.add(lers);
        }

        @Test
        void test(LersClient lers) {
            clients.add(lers);
            fromConstructor.nodes().getNodes().execute();
            lers.nodes().getNodes().execute();
        }
    }

    @Test
    void aConstructorGetsTheClassClientClosedAfterTheClass() {
        TestExecutionSummary summary = run(ConstructorInjection.class);
        assertEquals(1, summary.getTestsSucceededCount(), () -> summary.getFailures().toString());
        assertEquals(2, clients.stream().distinct().count(), "the constructor's is not the test's");
        for (LersClient c : clients) {
            assertThrows(IllegalStateException.class, c::v01, "closed: " + c);
        }
    }
}
