package io.lers4j.examples.readme;

import io.lers4j.CurrentValues;
import io.lers4j.ExportedReport;
import io.lers4j.HubEvent;
import io.lers4j.HubSubscription;
import io.lers4j.LersClient;
import io.lers4j.ManualPoll;
import io.lers4j.PollOutcome;
import io.lers4j.emulator.LersEmulator;
import io.lers4j.invoker.ApiClient;
import io.lers4j.api.LoginApi;
import io.lers4j.model.AuthenticatePlainRequestParameters;
import io.lers4j.model.DataParameter;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.GetNodeListResponseParameters;
import io.lers4j.model.IncidentImportance;
import io.lers4j.model.IncidentType;
import io.lers4j.model.SystemType;
import io.lers4j.types.LersDateTime;
import io.lers4j.v01.model.EntityType;
import io.lers4j.v01.model.NodeJob;
import io.lers4j.v01.model.Operation;
import io.lers4j.v01.model.PollPortStatus;
import io.lers4j.v01.model.PollSession;
import io.lers4j.v01.model.Report;
import io.lers4j.v01.model.ReportExportFormat;
import io.lers4j.v01.model.ReportType;
import okhttp3.OkHttpClient;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Flow;

/**
 * The Java snippets of README.md and emulator/README.md, one method each, so that the build compiles
 * them; ReadmeSnippetsTest fails when a README's snippet is no longer here word for word. The
 * parameters are what a snippet takes from the text around it. Snippets that are whole test
 * classes are in src/test/java (package io.lers4j.examples.readme), where they also run.
 */
final class ReadmeSnippets {

    private ReadmeSnippets() {
    }

    /** README, "Using the client". */
    static void usingTheClient() {
        try (LersClient lers = LersClient.builder()
                .baseUrl("http://lers.example:10000")          // http or https, with or without trailing slash
                .credentials("integrator", System.getenv("LERS_PASSWORD"))
                .application("Heat billing export")            // the server writes it to its action log
                .build()) {

            // a week of hourly consumption of measure point 1002, fetched lazily
            lers.consumption(1002, DeviceDataType.HOUR, LocalDate.of(2026, 1, 13), LocalDate.of(2026, 1, 20))
                .forEach(hour -> System.out.println(hour.dateTime() + "  Q=" + hour.value(DataParameter.Q_DELTA)));
        }
    }

    /** README, "Every other operation". */
    static GetNodeListResponseParameters everyOtherOperation(LersClient lers) {
        GetNodeListResponseParameters nodes =
                lers.nodes().getNodes().includeMeasurePoints(true).includeSuppliers(true).execute();
        return nodes;
    }

    /** README, "The frequent writes". */
    static void frequentWrites(LersClient lers, int pointId, int territoryId, int nodeId, LocalDateTime now) {
        // one Current record at that time, parameter -> value (PUT .../Consumption/CurrentArchive)
        lers.saveCurrentReadings(pointId, LersDateTime.of(now), Map.of(DataParameter.T_IN, 71.5, DataParameter.P_IN, 6.1));
        // daily means, each day at midnight in the territory's own offset, read from the server first
        lers.saveOutdoorTemperatures(territoryId, Map.of(LocalDate.of(2026, 1, 19), -21.4));
        // an incident on a node or one of its points; returns the new incident's id
        Integer incidentId = lers.createIncident(nodeId, pointId, IncidentType.CUSTOM, IncidentImportance.WARNING, "Нет связи с прибором");
    }

    /** README, "The v0.1 API". */
    static void v01(LersClient lers, LocalDateTime now, int notificationId) {
        // any v0.1 operation, through its generated API
        List<PollSession> sessions = lers.v01().pollSessions().getPollSessionsByTask(3321).execute();

        // poll five meters now and wait for the sessions to end
        PollOutcome outcome = lers.pollNow().currents(List.of(1001, 1002, 1003, 1004, 1005)).await(Duration.ofMinutes(2));
        outcome.points().values().forEach(p -> System.out.println(p.measurePointId() + " " + p.status()
                + p.resultCode().map(code -> " " + code.getValue()).orElse("")));

        // a SystemState report of January as PDF, into a directory, with progress
        Report form = lers.reportFiles().list(ReportType.SYSTEM_STATE).get(0);
        ExportedReport file = lers.reportFiles().export(form.getId(), ReportExportFormat.PDF,
                LocalDateTime.of(2026, 1, 1, 0, 0), LocalDateTime.of(2026, 2, 1, 0, 0));
        Path pdf = lers.reportFiles().download(file, Path.of("reports"), (read, total) -> System.err.print("\r" + read + "/" + total));

        // notifications of the last month, node jobs not completed, poll ports
        lers.notificationCentre().forPeriod(now.minusDays(30), now).forEach(n -> System.out.println(n.getNotification().getMessage()));
        lers.notificationCentre().markRead(notificationId);
        List<NodeJob> open = lers.incompleteNodeJobs();
        PollPortStatus ports = lers.pollPortStatus();
    }

    /** README, "Real-time notifications: the hub". */
    static void hub(LersClient lers, Flow.Subscriber<HubEvent> yourSubscriber) {
        // poll a point now and take its current values as the server saves them
        ManualPoll poll = lers.pollNow().currents(List.of(1002));
        try (HubSubscription s = lers.hub().subscribe(Operation.SAVE_CURRENT_DATA, EntityType.POLL_SESSION, poll.pollSessionId())) {
            Optional<HubEvent> event = s.next(Duration.ofMinutes(2));            // empty when nothing came in time
            event.flatMap(HubEvent::savedCurrentData)
                 .ifPresent(d -> System.out.println(d.measurePointId() + " T_in=" + d.record().valueOr(DataParameter.T_IN, Double.NaN)));
        }

        // or a listener, called on the hub's own threads; 0 is any entity, EntityType.EMPTY any type
        HubSubscription changes = lers.hub().subscribe(Operation.ENTITY_CHANGED, EntityType.MEASURE_POINT, 0,
                e -> e.entityChanged().ifPresent(c -> System.out.println(c.getEntityId() + " " + c.getOperation())));

        // or a java.util.concurrent.Flow.Publisher: of one subscription, or of everything the server sends
        changes.events().subscribe(yourSubscriber);
        lers.hub().events().subscribe(yourSubscriber);
    }

    /** README, "Current values now". */
    static void currentValuesNow(String password) {
        try (LersClient lers = LersClient.builder().baseUrl("http://lers.example:10000").credentials("api1", password).build()) {
            CurrentValues now = lers.currentValuesNow(List.of(1001, 1002, 1003, 1004, 1005), Duration.ofMinutes(2));
            now.points().forEach((id, value) -> System.out.println(id + ": " + value.record()
                    .map(r -> r.dateTime() + " " + r.values())
                    .orElse(value.status() + ", " + value.error().map(Throwable::getMessage).orElse(""))));
        }
    }

    /** What the snippet of the emulator section calls "your code under test". */
    interface YourImport {
        void run(LersClient lers);
    }

    /** README, "Testing your integration against the emulator". */
    static void testingAgainstTheEmulator(YourImport yourImport) {
        try (LersEmulator server = LersEmulator.builder().measurePoints(50).start();
             LersClient lers = LersClient.builder().baseUrl(server.baseUrl())
                     .credentials(LersEmulator.DEFAULT_LOGIN, LersEmulator.DEFAULT_PASSWORD).build()) {
            server.faults().status(503, 2);                     // the next two requests fail
            server.faults().throttle(1, Duration.ofSeconds(1)); // then a 429 with Retry-After
            yourImport.run(lers);                               // your code under test
            long calls = server.requestCount("GET", "/api/v1/Core/Nodes");
        }
    }

    /** emulator/README.md: the emulator with the generated client alone. */
    static void emulatorWithTheGeneratedClient() {
        try (LersEmulator lers = LersEmulator.builder().measurePoints(2000).nodes(1000).start()) {
            ApiClient client = new ApiClient(new OkHttpClient());
            client.setBasePath(lers.baseUrl());
            String token = new LoginApi(client).loginPlain()
                    .body(new AuthenticatePlainRequestParameters().login(LersEmulator.DEFAULT_LOGIN)
                            .password(LersEmulator.DEFAULT_PASSWORD)).execute().getToken();
            client.addDefaultHeader("Authorization", "Bearer " + token);
            int heat = lers.dataSet().firstMeasurePoint(SystemType.HEAT).id();
            // ... your calls with client
        }
    }
}
