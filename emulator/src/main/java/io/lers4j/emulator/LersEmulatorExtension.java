package io.lers4j.emulator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * JUnit 5: one emulator for a test class, handed to tests and lifecycle methods as a
 * {@link LersEmulator} parameter. Before each test the request counts start from zero, so
 * {@link LersEmulator#requestCount} counts that test's requests (and its {@code @BeforeEach}
 * methods'); faults armed by a test are cleared after it. Data written by a test stays for the
 * next ones of the class.
 *
 * <p>For a ready {@code LersClient} logged in to the emulator, use {@code io.lers4j.junit.LersClientExtension}
 * of {@code lers4j-junit} instead; this one is for tests that reach the emulator with another client.
 *
 * <pre>{@code
 * @ExtendWith(LersEmulatorExtension.class)
 * class ImportTest {
 *     @Test
 *     void importsYesterday(LersEmulator server) { ... server.baseUrl() ... }
 * }
 *
 * // or, to choose the data set:
 * @RegisterExtension
 * static LersEmulatorExtension server = new LersEmulatorExtension(() -> LersEmulator.builder().measurePoints(200).start());
 * }</pre>
 */
public final class LersEmulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private final Supplier<LersEmulator> starter;
    private volatile LersEmulator emulator;
    /** The class context that started the emulator: a {@code @Nested} class's end does not stop it. */
    private String startedBy;

    /** The default data set. */
    public LersEmulatorExtension() {
        this(LersEmulator::start);
    }

    public LersEmulatorExtension(Supplier<LersEmulator> starter) {
        this.starter = Objects.requireNonNull(starter, "starter");
    }

    /** The running emulator; available from {@code @BeforeAll} on. */
    public LersEmulator emulator() {
        LersEmulator e = emulator;
        if (e == null) {
            throw new IllegalStateException("the emulator starts before the first test of the class");
        }
        return e;
    }

    @Override
    public synchronized void beforeAll(ExtensionContext context) {
        if (emulator == null) {
            emulator = Objects.requireNonNull(starter.get(), "the starter gave no emulator");
            startedBy = context.getUniqueId();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        emulator().resetRequestCounts();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        LersEmulator e = emulator;
        if (e != null) {
            e.faults().reset();
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (emulator != null && context.getUniqueId().equals(startedBy)) {
            emulator.close();
            emulator = null;
            startedBy = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LersEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return emulator();
    }
}
