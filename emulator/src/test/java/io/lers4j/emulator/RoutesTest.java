package io.lers4j.emulator;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Routes come from the documents by operationId, and see the data set through the read-only view. */
class RoutesTest {

    private static final Router.Handler NOTHING = call -> Reply.empty(200);

    @Test
    void anOperationIdTheDocumentLacksFailsLoudly() {
        Routes routes = new Routes(new Router());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> routes.on(Api.V01, "Nodes_GetNodez", Router.Access.AUTHENTICATED, null, NOTHING));
        assertTrue(e.getMessage().contains("Nodes_GetNodez") && e.getMessage().contains("lers-v0.1.swagger.json"),
                e.getMessage());
        assertThrows(IllegalStateException.class,
                () -> routes.on(Api.V1, "ManualPoll_PollArchive", Router.Access.PERMISSION, "manualPoll", NOTHING),
                "a v0.1 operation is not v1's");
    }

    @Test
    void theDocumentIsPartOfTheKeyAndDecidesMethodPathAndAnonymity() {
        Router router = new Router();
        Routes routes = new Routes(router);
        routes.on(Api.V1, "Nodes_GetNodes", Router.Access.AUTHENTICATED, null, NOTHING);
        routes.on(Api.V01, "Nodes_GetNodes", Router.Access.AUTHENTICATED, null, NOTHING);
        assertEquals(List.of("GET /api/v1/Core/Nodes", "GET /api/v0.1/Core/Nodes"),
                router.routes().stream().map(r -> r.method + " " + r.template).toList());
        assertThrows(IllegalStateException.class,
                () -> routes.on(Api.V01, "Nodes_GetNodes", Router.Access.AUTHENTICATED, null, NOTHING), "twice");
        assertThrows(IllegalStateException.class,
                () -> routes.on(Api.V01, "Downloads_Download", Router.Access.AUTHENTICATED, null, NOTHING),
                "the document has it anonymous");
        assertThrows(IllegalStateException.class,
                () -> routes.on(Api.V01, "Login_GetCurrentLogin", Router.Access.ANONYMOUS, null, NOTHING),
                "the document has it secured");
        assertThrows(IllegalStateException.class, () -> routes.on(Api.V01, "Descriptors_GetListForEnums",
                Router.Access.PERMISSION, "viewData", NOTHING), "an operation without 403 checks no right");
        assertEquals(362, routes.unrouted(Api.V01).size(), "what is left for the samples");
    }

    @Test
    void aStartedEmulatorRoutesBothDocumentsCompletely() {
        try (LersEmulator lers = LersEmulator.start()) {
            assertEquals(38, lers.operationIds(Api.V1).size());
            assertEquals(363, lers.operationIds(Api.V01).size());
            assertTrue(lers.routes().unrouted(Api.V1).isEmpty());
            assertTrue(lers.routes().unrouted(Api.V01).isEmpty());
        }
    }

    private static DataView view() {
        Clock clock = Clock.fixed(TestSupport.NOW, ZoneOffset.UTC);
        Catalog catalog = new Catalog(7, 14, 4, LocalDate.of(2023, 1, 1),
                LocalDateTime.ofInstant(TestSupport.NOW, LersEmulator.SERVER_OFFSET));
        return new DataView(new Context(catalog, new State(), new Accounts(clock, Duration.ofHours(1)), clock));
    }

    @Test
    void theViewsCollectionsRefuseChanges() throws Exception {
        DataView data = view();
        int checked = 0;
        for (Field f : DataView.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || Modifier.isPrivate(f.getModifiers())) {
                continue;
            }
            Object value = f.get(data);
            if (value instanceof Collection) {
                assertThrows(UnsupportedOperationException.class, () -> ((Collection<?>) value).clear(), f.getName());
                checked++;
            } else if (value instanceof Map) {
                assertThrows(UnsupportedOperationException.class, () -> ((Map<?, ?>) value).clear(), f.getName());
                for (Object v : ((Map<?, ?>) value).values()) {
                    if (v instanceof Collection) {
                        assertThrows(UnsupportedOperationException.class, () -> ((Collection<?>) v).clear(), f.getName());
                    }
                }
                checked++;
            }
        }
        assertTrue(checked >= 20, checked + " collections");
        assertThrows(UnsupportedOperationException.class, () -> data.nodes.get(0).points.clear());
        assertThrows(UnsupportedOperationException.class, () -> data.nodes.get(0).equipmentIds.clear());
        assertThrows(UnsupportedOperationException.class, () -> data.incidents().clear());
    }

    /** The classes of the emulator's package, from its compiled directory. */
    private static List<Class<?>> emulatorClasses() throws ClassNotFoundException, URISyntaxException {
        File dir = new File(LersEmulator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        File pkg = new File(dir, "io/lers4j/emulator");
        List<Class<?>> out = new ArrayList<>();
        for (String name : pkg.list()) {
            if (name.endsWith(".class") && !name.contains("$")) {
                out.add(Class.forName("io.lers4j.emulator." + name.substring(0, name.length() - 6)));
            }
        }
        return out;
    }

    @Test
    void routesHoldTheViewAndTheWritesNeverTheCatalogOrTheState() throws Exception {
        Set<Class<?>> engine = Set.of(Catalog.class, State.class, Context.class);
        int routeClasses = 0;
        for (Class<?> c : emulatorClasses()) {
            if (!c.getSimpleName().endsWith("Routes") || c == Routes.class) {
                continue;
            }
            routeClasses++;
            for (Field f : c.getDeclaredFields()) {
                assertFalse(engine.contains(f.getType()), c.getSimpleName() + "." + f.getName() + " is " + f.getType());
            }
        }
        assertEquals(10, routeClasses, "Account, Core, Data, Incident, File, Sample and the four V01 route classes");
    }
}
