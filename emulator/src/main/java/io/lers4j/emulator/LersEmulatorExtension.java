package io.lers4j.emulator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.function.Supplier;

/**
 * JUnit 5: one emulator for a test class, handed to tests and lifecycle methods as a
 * {@link LersEmulator} parameter; faults armed by a test are cleared after it.
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
public final class LersEmulatorExtension implements BeforeAllCallback, AfterAllCallback, AfterEachCallback, ParameterResolver {

    private final Supplier<LersEmulator> starter;
    private LersEmulator emulator;

    /** The default data set. */
    public LersEmulatorExtension() {
        this(LersEmulator::start);
    }

    public LersEmulatorExtension(Supplier<LersEmulator> starter) {
        this.starter = java.util.Objects.requireNonNull(starter, "starter");
    }

    /** The running emulator; available from {@code @BeforeAll} on. */
    public LersEmulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("the emulator starts before the first test of the class");
        }
        return emulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (emulator == null) {
            emulator = starter.get();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (emulator != null) {
            emulator.faults().reset();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (emulator != null) {
            emulator.close();
            emulator = null;
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
