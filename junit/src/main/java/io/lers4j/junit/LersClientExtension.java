package io.lers4j.junit;

import io.lers4j.LersClient;
import io.lers4j.LersException;
import io.lers4j.emulator.LersEmulator;
import io.lers4j.emulator.LersEmulatorExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * JUnit 5: an embedded LERS emulator for a test class and, for each test, a {@link LersClient}
 * logged in to it, handed to tests and lifecycle methods as parameters.
 *
 * <ul>
 *   <li>{@link LersEmulator}: one per class (started before {@code @BeforeAll}, stopped after the
 *       class; {@code @Nested} classes share it). Data written by a test stays for the next ones.</li>
 *   <li>{@link LersClient}: a new one per test, logged in (with {@link LersEmulator#DEFAULT_LOGIN})
 *       before the test's {@code @BeforeEach} methods and closed after the test, so no token, hub
 *       connection or cached answer passes from one test to the next. A parameter of a test,
 *       {@code @BeforeEach} or {@code @AfterEach} method is that client; of a {@code @BeforeAll} or
 *       {@code @AfterAll} method or a constructor, a client of the class, closed after the class.</li>
 *   <li>Request counts ({@link LersEmulator#requestCount}) start from zero after that login: a test
 *       counts its own requests and those of its {@code @BeforeEach} methods, never a login of the
 *       extension's. Faults armed by a test are cleared after it.</li>
 * </ul>
 *
 * <pre>{@code
 * @ExtendWith(LersClientExtension.class)
 * class NightlyImportTest {
 *     @Test
 *     void readsEveryPointOnce(LersClient lers, LersEmulator server) {
 *         new NightlyImport(lers).run();
 *         assertEquals(1, server.requestCount("GET", "/api/v1/Core/MeasurePoints"));
 *     }
 * }
 *
 * // or, to choose the data set and the client:
 * @RegisterExtension
 * static LersClientExtension lers = new LersClientExtension(() -> LersEmulator.builder().measurePoints(200).start())
 *         .client(server -> LersClientExtension.defaultClient(server).retryPolicy(RetryPolicy.none()));
 * }</pre>
 */
public final class LersClientExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LersClientExtension.class);
    private static final String CLIENT = "client";

    private final Supplier<LersEmulator> starter;
    private final LersEmulatorExtension emulators;
    private final Function<LersEmulator, LersClient.Builder> clients;
    /** The running test's client, for {@link #client()}; the store holds each test's own. */
    private volatile LersClient current;

    /** The emulator's default data set and a client of its administrator account. */
    public LersClientExtension() {
        this(LersEmulator::start);
    }

    /** An emulator of your choosing ({@code LersEmulator.builder()...start()}) and a client of its administrator account. */
    public LersClientExtension(Supplier<LersEmulator> starter) {
        this(starter, LersClientExtension::defaultClient);
    }

    private LersClientExtension(Supplier<LersEmulator> starter, Function<LersEmulator, LersClient.Builder> clients) {
        this.starter = Objects.requireNonNull(starter, "starter");
        this.emulators = new LersEmulatorExtension(starter);
        this.clients = clients;
    }

    /**
     * An extension like this one whose clients {@code builder} makes: start from
     * {@link #defaultClient(LersEmulator)} to change one setting, or build one of another account or
     * with an API key ({@code server.issueApiKey(login)}).
     */
    public LersClientExtension client(Function<LersEmulator, LersClient.Builder> builder) {
        return new LersClientExtension(starter, Objects.requireNonNull(builder, "builder"));
    }

    /**
     * The builder of the clients this extension makes unless told otherwise: the emulator's base URL,
     * {@link LersEmulator#DEFAULT_LOGIN} and its password, application {@code lers4j tests}.
     */
    public static LersClient.Builder defaultClient(LersEmulator server) {
        return LersClient.builder()
                .baseUrl(server.baseUrl())
                .credentials(LersEmulator.DEFAULT_LOGIN, LersEmulator.DEFAULT_PASSWORD)
                .application("lers4j tests");
    }

    /** The running emulator; available from {@code @BeforeAll} on. */
    public LersEmulator emulator() {
        return emulators.emulator();
    }

    /**
     * The running test's client. Tests of one class that run in parallel should take it as a
     * parameter instead: this is the client of the test that started last.
     */
    public LersClient client() {
        LersClient c = current;
        if (c == null) {
            throw new IllegalStateException("a client exists from the start of each test (@BeforeEach) to its end");
        }
        return c;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        emulators.beforeAll(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        LersClient lers = loggedIn(emulator());
        context.getStore(NAMESPACE).put(CLIENT, lers);
        current = lers;
        emulators.beforeEach(context); // counts from zero: the login above is not the test's
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            LersClient lers = context.getStore(NAMESPACE).remove(CLIENT, LersClient.class);
            if (lers != null) {
                lers.close();
            }
            current = null;
        } finally {
            emulators.afterEach(context);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            LersClient lers = context.getStore(NAMESPACE).remove(CLIENT, LersClient.class);
            if (lers != null) {
                lers.close();
            }
        } finally {
            emulators.afterAll(context);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == LersEmulator.class || type == LersClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == LersEmulator.class) {
            return emulator();
        }
        if (context.getTestMethod().isPresent()) {
            LersClient own = context.getStore(NAMESPACE).get(CLIENT, LersClient.class);
            if (own != null) {
                return own;
            }
        }
        // @BeforeAll, @AfterAll, a constructor (before the test's client exists): the class's own client
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(CLIENT, k -> loggedIn(emulator()), LersClient.class);
    }

    /** Built and logged in now, so that the login is behind the test's counts. */
    private LersClient loggedIn(LersEmulator server) {
        LersClient.Builder builder = clients.apply(server);
        if (builder == null) {
            throw new ExtensionConfigurationException("LersClientExtension.client(...) gave no builder");
        }
        LersClient lers = builder.build();
        try {
            lers.login().getCurrentLoginV1().execute();
        } catch (LersException e) {
            lers.close();
            throw new ExtensionConfigurationException("The client of LersClientExtension could not log in to the emulator ("
                    + e.getMessage() + "); a test of failing logins should build its own client", e);
        }
        return lers;
    }
}
