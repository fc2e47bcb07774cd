package io.lers4j.generated;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.lers4j.invoker.ApiClient;
import io.lers4j.invoker.OwnRequests;
import io.lers4j.model.AuthenticatePlainRequestParameters;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.Equipment;
import io.lers4j.model.LoginResponseParameters;
import io.lers4j.types.LersDateTime;
import okhttp3.Request;
import okio.Buffer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.LocalDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The requests lers4j sends on its own account are built by the generated operations of the current document. */
class OwnRequestsTest {

    private final ApiClient client = new ApiClient().setBasePath("http://lers.test:10000/proxy");
    private final LersDateTime start = LersDateTime.of(LocalDateTime.of(2026, 1, 13, 0, 0));
    private final LersDateTime end = LersDateTime.of(LocalDateTime.of(2026, 1, 14, 0, 0));

    @Test
    void theCurrentDocumentHasEveryOwnOperation() {
        assertEquals(List.of(), OwnRequests.missingOperations());
    }

    @Test
    void consumptionCarriesTheDataTypeAndOnlyTheFlagsThatAreSet() {
        Request r = OwnRequests.consumption(client, 39, start, end, DeviceDataType.HOUR, true, false);
        assertEquals("GET", r.method());
        assertEquals(List.of("proxy", "api", "v1", "Data", "MeasurePoints", "39", "Consumption",
                "2026-01-13T00:00:00", "2026-01-14T00:00:00"), r.url().pathSegments());
        assertEquals("Hour", r.url().queryParameter("dataTypes"));
        assertEquals("true", r.url().queryParameter("includeCalculated"));
        assertNull(r.url().queryParameter("includeAbsentRecords"));
        assertEquals("application/json", r.header("Accept"));
    }

    @Test
    void totalsHaveNoDataType() {
        Request r = OwnRequests.totals(client, 7, start, end, false, true);
        assertEquals("/proxy/api/v1/Data/MeasurePoints/7/Totals/2026-01-13T00%3A00%3A00/2026-01-14T00%3A00%3A00",
                r.url().encodedPath(), "the plain generated client escapes colons; lers4j's keeps them");
        assertEquals(List.of("includeAbsentRecords"), List.copyOf(r.url().queryParameterNames()));
    }

    @Test
    void loginSendsTheCredentialsAsJson() throws IOException {
        Request r = OwnRequests.login(client, "api1", "s3cret", "lers4j");
        assertEquals("POST", r.method());
        assertEquals("/proxy/api/v1/Login", r.url().encodedPath());
        assertEquals("application", r.body().contentType().type());
        assertEquals("json", r.body().contentType().subtype());
        Buffer sent = new Buffer();
        r.body().writeTo(sent);
        JsonObject body = JsonParser.parseString(sent.readUtf8()).getAsJsonObject();
        assertEquals("api1", body.get("login").getAsString());
        assertEquals("s3cret", body.get("password").getAsString());
        assertEquals("lers4j", body.get("application").getAsString());
        assertFalse(r.headers().names().contains("Authorization"));
    }

    @Test
    void serverInfoIsAPlainGet() {
        Request r = OwnRequests.serverInfo(client);
        assertEquals("GET", r.method());
        assertEquals("/proxy/api/v1/ServerInfo", r.url().encodedPath());
    }

    @Test
    void credentialsInModelsPrintAsAStar() {
        String login = new AuthenticatePlainRequestParameters().login("api1").password("s3cret").toString();
        assertTrue(login.contains("api1"), login);
        assertFalse(login.contains("s3cret"), login);
        String answer = new LoginResponseParameters().token("eyJhbGciOi.secret.token").toString();
        assertFalse(answer.contains("secret"), answer);
        String device = new Equipment().password("dev-pass").secondLevelPassword("dev-pass-2").toString();
        assertFalse(device.contains("dev-pass"), device);
    }
}
