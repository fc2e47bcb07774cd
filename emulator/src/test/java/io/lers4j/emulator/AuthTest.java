package io.lers4j.emulator;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.lers4j.api.EquipmentApi;
import io.lers4j.api.IncidentsApi;
import io.lers4j.api.LoginApi;
import io.lers4j.api.MeasurePointConsumptionApi;
import io.lers4j.api.MeasurePointDataApi;
import io.lers4j.api.NodesApi;
import io.lers4j.api.ServerInfoApi;
import io.lers4j.api.TerritoriesApi;
import io.lers4j.api.WeatherApi;
import io.lers4j.invoker.ApiClient;
import io.lers4j.invoker.ApiException;
import io.lers4j.model.AuthenticatePlainRequestParameters;
import io.lers4j.model.CreateIncidentRequestParameters;
import io.lers4j.model.CurrentLoginInfo;
import io.lers4j.model.DataParameter;
import io.lers4j.model.DataParameterValue;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.JsonPatchOperation;
import io.lers4j.model.LoginResponseParameters;
import io.lers4j.model.MeasurePointDataConsumptionRecord;
import io.lers4j.model.SaveConsumptionParameters;
import io.lers4j.model.SaveConsumptionRequestParameters;
import io.lers4j.model.SaveDataRequestParams;
import io.lers4j.model.SystemType;
import io.lers4j.model.TerritoryOutdoorTemperature;
import io.lers4j.types.LersDateTime;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Login, bearer tokens, their expiry, and permissions. */
class AuthTest {

    private static final TestSupport.MutableClock CLOCK = new TestSupport.MutableClock(TestSupport.NOW);
    private static LersEmulator lers;

    @BeforeAll
    static void start() {
        lers = LersEmulator.builder().clock(CLOCK).tokenLifetime(Duration.ofMinutes(30))
                .account("operator", "secret", "viewData", "SaveData").start();
    }

    @AfterAll
    static void stop() {
        lers.close();
    }

    private static int status(Executable call) {
        return assertThrows(ApiException.class, call).getCode();
    }

    private static ApiClient withToken(String token) {
        ApiClient client = TestSupport.anonymous(lers);
        client.addDefaultHeader("Authorization", "Bearer " + token);
        return client;
    }

    @Test
    void loginGivesATokenExpiringAfterTheLifetimeInServerTime() {
        LoginResponseParameters login = new LoginApi(TestSupport.anonymous(lers)).loginPlain()
                .body(new AuthenticatePlainRequestParameters().login("demo").password("demo").application("test"))
                .execute();
        assertTrue(login.getToken().length() >= 32);
        assertEquals(ZoneOffset.ofHours(3), login.getTokenExpiration().offset().orElseThrow());
        assertEquals(CLOCK.instant().plus(Duration.ofMinutes(30)),
                login.getTokenExpiration().toOffsetDateTime().orElseThrow().toInstant());
        assertNotEquals(login.getToken(), TestSupport.token(lers, "demo", "demo"), "tokens are random");
        assertEquals(1, new TerritoriesApi(withToken(login.getToken())).getById(1).execute().getId());
    }

    @Test
    void tokensAreJwtsWhoseExpiryIsTheAnnouncedOne() {
        LoginResponseParameters login = new LoginApi(TestSupport.anonymous(lers)).loginPlain()
                .body(new AuthenticatePlainRequestParameters().login("operator").password("secret").application("jwt-test"))
                .execute();
        String[] parts = login.getToken().split("\\.");
        assertEquals(3, parts.length, login.getToken());
        JsonObject header = JsonParser.parseString(new String(java.util.Base64.getUrlDecoder().decode(parts[0]),
                java.nio.charset.StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals("HS256", header.get("alg").getAsString());
        JsonObject claims = JsonParser.parseString(new String(java.util.Base64.getUrlDecoder().decode(parts[1]),
                java.nio.charset.StandardCharsets.UTF_8)).getAsJsonObject();
        assertEquals("operator", claims.get("unique_name").getAsString());
        assertEquals(login.getTokenExpiration().toOffsetDateTime().orElseThrow().toEpochSecond(), claims.get("exp").getAsLong());
        assertEquals(CLOCK.instant().getEpochSecond(), claims.get("iat").getAsLong());
        // a forged token with the same claims but another signature is unknown
        String forged = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2) + "AA";
        assertEquals(401, status(() -> new TerritoriesApi(withToken(forged)).getList().execute()));
    }

    @Test
    void anApiKeyActsWithItsAccountsPermissionsUntilRevoked() {
        String key = lers.issueApiKey("operator");
        ApiClient withKey = TestSupport.anonymous(lers);
        withKey.addDefaultHeader("x-lers-api-key", key);
        assertEquals(1, new TerritoriesApi(withKey).getById(1).execute().getId());
        assertEquals("operator", new LoginApi(withKey).getCurrentLoginV1().execute().getAccount().getLogin());
        // operator may view and save data, not edit nodes
        assertEquals(403, status(() -> new NodesApi(withKey).updateNode(lers.dataSet().nodes().get(0).id())
                .body(List.of(new JsonPatchOperation().op("replace").path("comment").value("x"))).execute()));

        ApiClient wrong = TestSupport.anonymous(lers);
        wrong.addDefaultHeader("x-lers-api-key", key + "0");
        assertEquals(401, status(() -> new TerritoriesApi(wrong).getList().execute()));

        assertTrue(lers.revokeApiKey(key));
        assertEquals(401, status(() -> new TerritoriesApi(withKey).getList().execute()));
        assertFalse(lers.revokeApiKey(key));
        assertThrows(IllegalArgumentException.class, () -> lers.issueApiKey("nobody"));
    }

    @Test
    void wrongCredentialsAre422WithTheLersMessage() {
        for (String[] credentials : new String[][]{{"demo", "wrong"}, {"nobody", "demo"}, {"DEMO", ""}}) {
            ApiException e = assertThrows(ApiException.class, () -> new LoginApi(TestSupport.anonymous(lers)).loginPlain()
                    .body(new AuthenticatePlainRequestParameters().login(credentials[0]).password(credentials[1]))
                    .execute());
            assertEquals(422, e.getCode());
            JsonObject body = JsonParser.parseString(e.getResponseBody()).getAsJsonObject();
            assertEquals("Неверное имя пользователя или пароль", body.get("errorMessage").getAsString());
            assertEquals(HttpError.WRONG_CREDENTIALS, body.get("errorCode").getAsInt());
            assertTrue(body.getAsJsonObject("data").entrySet().isEmpty());
        }
        // the login itself ignores case, as LERS does
        assertFalse(TestSupport.token(lers, "DEMO", "demo").isEmpty());
    }

    @Test
    void everyProtectedRouteWantsAToken() throws Exception {
        ApiClient anonymous = TestSupport.anonymous(lers);
        assertEquals(401, status(() -> new TerritoriesApi(anonymous).getList().execute()));
        assertEquals(401, status(() -> new ServerInfoApi(anonymous).getExtraInfo().execute()));
        assertEquals(401, status(() -> new TerritoriesApi(withToken("not-a-token")).getList().execute()));
        assertEquals("ЛЭРС УЧЁТ", new ServerInfoApi(anonymous).getVersion().execute().getType());
        try (Response r = TestSupport.send(new Request.Builder().url(lers.baseUrl() + "/api/v1/Core/Nodes").build())) {
            assertEquals(401, r.code());
            assertEquals("Bearer", r.header("WWW-Authenticate"));
        }
    }

    @Test
    void expireAllTokensEndsEverySession() {
        ApiClient before = TestSupport.demo(lers);
        assertEquals(3, new TerritoriesApi(before).getList().execute().size());
        lers.expireAllTokens();
        assertEquals(401, status(() -> new TerritoriesApi(before).getList().execute()));
        assertEquals(3, new TerritoriesApi(TestSupport.demo(lers)).getList().execute().size(), "a new login works");
    }

    @Test
    void tokensExpireByTheInjectedClock() {
        ApiClient client = TestSupport.demo(lers);
        CLOCK.advance(Duration.ofMinutes(29));
        assertEquals(3, new TerritoriesApi(client).getList().execute().size());
        CLOCK.advance(Duration.ofMinutes(1));
        assertEquals(401, status(() -> new TerritoriesApi(client).getList().execute()));
    }

    @Test
    void theViewerReadsButMayNotWrite() {
        ApiClient viewer = TestSupport.as(lers, LersEmulator.VIEWER_LOGIN, LersEmulator.VIEWER_PASSWORD);
        int heat = lers.dataSet().firstMeasurePoint(SystemType.HEAT).id();
        int node = lers.dataSet().measurePoint(heat).nodeId();
        assertFalse(new NodesApi(viewer).getNodes().execute().getNodes().isEmpty());
        assertFalse(new MeasurePointConsumptionApi(viewer).getConsumption(heat, LersDateTime.of(LocalDate.of(2026, 3, 1)),
                LersDateTime.of(LocalDate.of(2026, 3, 2))).dataTypes(List.of(DeviceDataType.DAY)).execute()
                .getDayConsumption().isEmpty());
        MeasurePointDataConsumptionRecord record = new MeasurePointDataConsumptionRecord()
                .dateTime(LersDateTime.of(LocalDateTime.of(2026, 3, 1, 0, 0)))
                .values(List.of(new DataParameterValue().dataParameter(DataParameter.T_IN).value(70.0)));
        assertEquals(403, status(() -> new MeasurePointDataApi(viewer).saveData(heat).body(new SaveDataRequestParams()
                .consumption(new SaveConsumptionParameters().dataType(DeviceDataType.HOUR).consumption(List.of(record))))
                .execute()));
        assertEquals(403, status(() -> new MeasurePointConsumptionApi(viewer).setCurrentArchive(heat)
                .body(new SaveConsumptionRequestParameters().data(new SaveConsumptionParameters()
                        .consumption(List.of(record)))).execute()));
        assertEquals(403, status(() -> new NodesApi(viewer).updateNode(node).body(List.of(new JsonPatchOperation()
                .op("replace").path("comment").value("x"))).execute()));
        assertEquals(403, status(() -> new EquipmentApi(viewer).updateEquipment(lers.dataSet().measurePoint(heat).deviceId())
                .body(List.of(new JsonPatchOperation().op("replace").path("comment").value("x"))).execute()));
        assertEquals(403, status(() -> new IncidentsApi(viewer).createIncident().body(new CreateIncidentRequestParameters()
                .description("x").nodeId(node)).execute()));
        assertEquals(403, status(() -> new WeatherApi(viewer).set(1).body(List.of(new TerritoryOutdoorTemperature()
                .date(LersDateTime.of(LocalDate.of(2026, 3, 1))).value(1f))).execute()));
        assertEquals(403, status(() -> new LoginApi(viewer).loginUser("demo").execute()));
    }

    @Test
    void currentLoginListsCamelCasePermissionsAndGroups() {
        CurrentLoginInfo demo = new LoginApi(TestSupport.demo(lers)).getCurrentLoginV1().execute();
        assertEquals("demo", demo.getAccount().getLogin());
        assertTrue(demo.getAccount().getIsAdmin());
        assertTrue(demo.getPermissions().containsAll(List.of("viewData", "saveData", "editNode", "editEquipment",
                "createIncident", "editOutdoorTemperature")));
        assertFalse(demo.getAccountGroups().isEmpty());
        CurrentLoginInfo viewer = new LoginApi(TestSupport.as(lers, "viewer", "viewer")).getCurrentLoginV1().execute();
        assertTrue(viewer.getPermissions().contains("viewData"));
        assertFalse(viewer.getPermissions().contains("saveData"));
        CurrentLoginInfo operator = new LoginApi(TestSupport.as(lers, "operator", "secret")).getCurrentLoginV1().execute();
        assertEquals(List.of("viewData", "saveData"), operator.getPermissions());
        assertFalse(operator.getAccount().getIsAdmin());
    }

    @Test
    void anExtraAccountHasExactlyItsPermissions() {
        ApiClient operator = TestSupport.as(lers, "operator", "secret");
        int heat = lers.dataSet().firstMeasurePoint(SystemType.HEAT).id();
        int status = new MeasurePointConsumptionApi(operator).setCurrentArchive(heat).body(new SaveConsumptionRequestParameters()
                .data(new SaveConsumptionParameters().consumption(List.of(new MeasurePointDataConsumptionRecord()
                        .dateTime(LersDateTime.of(LocalDateTime.of(2026, 3, 15, 13, 5)))
                        .values(List.of(new DataParameterValue().dataParameter(DataParameter.T_IN).value(69.0)))))))
                .executeWithHttpInfo().getStatusCode();
        assertEquals(200, status);
        assertEquals(403, status(() -> new NodesApi(operator).updateNode(lers.dataSet().nodes().get(0).id())
                .body(List.of(new JsonPatchOperation().op("replace").path("comment").value("x"))).execute()));
    }

    @Test
    void anAdministratorIssuesTokensForOtherAccounts() {
        ApiClient demo = TestSupport.demo(lers);
        LersDateTime until = LersDateTime.of(LocalDateTime.ofInstant(CLOCK.instant(), ZoneOffset.ofHours(3)).plusDays(30),
                ZoneOffset.ofHours(3));
        LoginResponseParameters issued = new LoginApi(demo).loginUser("viewer").application("integration")
                .expiration(until).execute();
        assertEquals(until.toOffsetDateTime().orElseThrow().toInstant(),
                issued.getTokenExpiration().toOffsetDateTime().orElseThrow().toInstant());
        assertEquals("viewer", new LoginApi(withToken(issued.getToken())).getCurrentLoginV1().execute().getAccount().getLogin());
        ApiException unknown = assertThrows(ApiException.class, () -> new LoginApi(demo).loginUser("ghost").execute());
        assertEquals(422, unknown.getCode());
        assertTrue(unknown.getResponseBody().contains("ghost"));
    }

    @Test
    void windowsLoginIssuesATokenForTheCallersAccount() {
        ApiClient operator = TestSupport.as(lers, "operator", "secret");
        String token = new LoginApi(operator).loginWindows().execute().getToken();
        assertEquals("operator", new LoginApi(withToken(token)).getCurrentLoginV1().execute().getAccount().getLogin());
        assertEquals(401, status(() -> new LoginApi(TestSupport.anonymous(lers)).loginWindows().execute()));
    }

    @Test
    void routesIgnoreCaseAsAspNetDoes() throws Exception {
        String token = TestSupport.token(lers, "demo", "demo");
        try (Response r = TestSupport.send(new Request.Builder().url(lers.baseUrl() + "/API/V1/core/TERRITORIES/2")
                .header("Authorization", "bearer " + token).build())) {
            assertEquals(200, r.code());
            assertTrue(r.body().string().contains("Екатеринбург"));
        }
    }
}
