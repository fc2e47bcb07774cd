package io.lers4j.emulator;

import io.lers4j.model.Account;
import io.lers4j.model.AccountAuthenticationMode;
import io.lers4j.model.AccountGroup;
import io.lers4j.model.MeasurePointCheckAccessMode;
import io.lers4j.model.StartPage;
import io.lers4j.model.SystemType;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Accounts, their permissions, the bearer tokens issued to them (JWTs, as LERS issues, whose
 * {@code exp} is the {@code tokenExpiration} of the login answer) and the application keys issued
 * on an account card ({@code x-lers-api-key}), which act with that account's permissions.
 */
final class Accounts {

    /**
     * The LERS access rights, camelCased as servers since 2022 send them in
     * {@code CurrentLoginInfo.permissions}.
     */
    static final List<String> ALL_PERMISSIONS = List.of("editNode", "editSystemParameters", "viewData", "printReport",
            "editSupplier", "viewDeviceConfig", "tenantOffice", "editReport", "activation", "viewDeviceEvents",
            "manualInputCounterTotals", "editOutdoorTemperature", "editEquipmentModel", "editRoom", "contractAnalysis",
            "editReportGeneratingTask", "temperatureChart", "houseSummary", "disconnectGprsController", "houseBalance",
            "editEquipment", "browseNonPublicNodeFile", "exportToXml80020", "editPollPort", "editServiceman", "saveData",
            "editInspector", "editAnnouncement", "viewGsmStatistics", "viewControllersStatistics", "callGprsController",
            "editBalanceGroup", "editNodeJob", "editAccount", "forceStopPoll", "viewPreparedReport", "pollCurrents",
            "editOwnNotificationSettings", "controlMessageQueue", "editTerritory", "editNodeJobResolution",
            "allowAnyPollPort", "editMeasurePoint", "closeIncident", "deleteIncident", "moveMeasurePoint", "editNodeGroup",
            "editServiceCompany", "editCustomer", "editMap", "editPlugins", "editReportTemplate", "sendMessage",
            "backupDatabase", "installSystemUpdate", "getUserSessionList", "closeUserSession", "viewSystemLog",
            "viewAccountLog", "viewUserSessionLog", "viewMessageLog", "viewLogFiles", "pollQueueControl", "viewPollSession",
            "manualPoll", "remoteConsole", "viewIncident", "viewMap", "deletePreparedReport", "editServicingStatuses",
            "deleteNode", "deleteMeasurePoint", "deleteRoom", "deleteEquipment", "viewAccountNodeJob", "createIncident");

    /** What the read-only demo account may do: look, print, but change nothing. */
    static final List<String> VIEWER_PERMISSIONS = List.of("viewData", "printReport", "viewDeviceConfig",
            "viewDeviceEvents", "temperatureChart", "houseSummary", "viewPreparedReport", "viewPollSession",
            "viewIncident", "viewMap", "viewGsmStatistics", "viewControllersStatistics");

    private static final int PURGE_ABOVE = 10_000;

    private final Map<String, AccountEntry> byLogin = new ConcurrentHashMap<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration lifetime;
    private final SecureRandom random = new SecureRandom();
    /** Signs the tokens; new for every emulator, so tokens of another run are unknown here. */
    private final byte[] signingKey = new byte[32];
    private final Map<String, Session> apiKeys = new ConcurrentHashMap<>();
    private int nextId = 1;

    static final class AccountEntry {
        final int id;
        final String login;
        final String password;
        final Set<String> permissions;
        final Account model;
        final List<AccountGroup> groups;

        AccountEntry(int id, String login, String password, Set<String> permissions, Account model,
                     List<AccountGroup> groups) {
            this.id = id;
            this.login = login;
            this.password = password;
            this.permissions = Collections.unmodifiableSet(permissions);
            this.model = model;
            this.groups = groups;
        }

        boolean may(String permission) {
            return permissions.contains(permission);
        }
    }

    static final class Session {
        final AccountEntry account;
        final String application;
        volatile Instant expires;

        Session(AccountEntry account, String application, Instant expires) {
            this.account = account;
            this.application = application;
            this.expires = expires;
        }
    }

    /** The outcome of checking an Authorization header. */
    enum Check { OK, MISSING, UNKNOWN, EXPIRED }

    Accounts(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
        random.nextBytes(signingKey);
    }

    Duration lifetime() {
        return lifetime;
    }

    synchronized void add(String login, String password, String displayName, boolean admin, List<String> permissions) {
        int id = nextId++;
        Set<String> normalised = new LinkedHashSet<>();
        for (String p : permissions) {
            if (p != null && !p.isBlank()) {
                String t = p.trim();
                normalised.add(Character.toLowerCase(t.charAt(0)) + t.substring(1));
            }
        }
        Account model = new Account().id(id).trusteeId(id).login(login).displayName(displayName)
                .description(admin ? "Полный доступ" : "").isAdmin(admin).isDisabled(false).isSystem(false)
                .hasAllNodeAccess(true).disablePasswordChange(false)
                .measurePointCheckAccessMode(MeasurePointCheckAccessMode.SYSTEM_TYPE)
                .sessionTimeout(0).allowAllReports(true).allowAllDiagrams(true)
                .allowedSystems(SystemType.fromValue("Heat, HotWater, ColdWater, Steam, Gas, Electricity, Sewage, Control"))
                .ipAddressListMode(false).tenantOfficeOnly(false).startPage(StartPage.NODE_LIST)
                .authenticationModes(AccountAuthenticationMode.BASIC).loginNotAllowed(false).tokenVersion(1)
                .passwordDoesNotExpire(true).failedLoginCount(0).eMail(login + "@example.ru");
        AccountGroup group = admin
                ? new AccountGroup().id(1).trusteeId(101).title("Администраторы").isSystem(true)
                .allowAllReports(true).allowAllDiagrams(true)
                : new AccountGroup().id(2).trusteeId(102).title("Операторы").isSystem(false)
                .allowAllReports(true).allowAllDiagrams(true);
        byLogin.put(login.toLowerCase(Locale.ROOT), new AccountEntry(id, login, password, normalised, model,
                List.of(group)));
    }

    AccountEntry find(String login) {
        return login == null ? null : byLogin.get(login.toLowerCase(Locale.ROOT));
    }

    /** The account when login and password match, else null. */
    AccountEntry authenticate(String login, String password) {
        AccountEntry a = find(login);
        return a != null && a.password.equals(password == null ? "" : password) ? a : null;
    }

    /** A token just issued and the moment it expires. */
    static final class Issued {
        final String token;
        final Instant expires;

        Issued(String token, Instant expires) {
            this.token = token;
            this.expires = expires;
        }
    }

    Issued issue(AccountEntry account, String application, Instant expires) {
        if (sessions.size() > PURGE_ABOVE) {
            Instant now = clock.instant();
            sessions.values().removeIf(s -> !s.expires.isAfter(now));
        }
        Session session = new Session(account, application, expires != null ? expires : clock.instant().plus(lifetime));
        String token = jwt(account, application, session.expires);
        sessions.put(token, session);
        return new Issued(token, session.expires);
    }

    /** A JWT as ASP.NET Core's JwtSecurityTokenHandler writes one: HS256, the account's name and id, {@code exp} in seconds. */
    private String jwt(AccountEntry account, String application, Instant expires) {
        long now = clock.instant().getEpochSecond();
        com.google.gson.JsonObject payload = new com.google.gson.JsonObject();
        payload.addProperty("unique_name", account.login);
        payload.addProperty("nameid", String.valueOf(account.id));
        payload.addProperty("app", application == null ? "" : application);
        payload.addProperty("jti", java.util.UUID.randomUUID().toString());
        payload.addProperty("nbf", now);
        payload.addProperty("exp", expires.getEpochSecond());
        payload.addProperty("iat", now);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signed = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(payload.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            return signed + "." + b64.encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** A new application key of the account, as issued on its card («Приложения»); null for an unknown login. */
    String issueApiKey(String login) {
        AccountEntry account = find(login);
        if (account == null) {
            return null;
        }
        String key = java.util.UUID.randomUUID().toString().replace("-", "");
        apiKeys.put(key, new Session(account, "api-key", Instant.MAX));
        return key;
    }

    /** Revokes a key: requests with it are refused from now on. */
    boolean revokeApiKey(String key) {
        return key != null && apiKeys.remove(key) != null;
    }

    /** The session of an application key header, with the reason when there is none. */
    Check checkApiKey(String key, Session[] out) {
        Session s = apiKeys.get(key.trim());
        if (s == null) {
            return Check.UNKNOWN;
        }
        out[0] = s;
        return Check.OK;
    }

    /** The session of an Authorization header value ("Bearer token"), with the reason when there is none. */
    Check check(String authorization, Session[] out) {
        if (authorization == null || authorization.isBlank()) {
            return Check.MISSING;
        }
        String value = authorization.trim();
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Check.MISSING;
        }
        Session s = sessions.get(value.substring(7).trim());
        if (s == null) {
            return Check.UNKNOWN;
        }
        if (!clock.instant().isBefore(s.expires)) {
            return Check.EXPIRED;
        }
        out[0] = s;
        return Check.OK;
    }

    /** The account with this id, or null. */
    AccountEntry findById(int id) {
        for (AccountEntry a : byLogin.values()) {
            if (a.id == id) {
                return a;
            }
        }
        return null;
    }

    /** Ends the session of a bearer token (an Authorization header value); false when there is none. */
    boolean revoke(String authorization) {
        if (authorization == null || authorization.trim().length() < 7) {
            return false;
        }
        return sessions.remove(authorization.trim().substring(7).trim()) != null;
    }

    /** Ends every bearer-token session of the account; its application keys stay. */
    void revokeAll(AccountEntry account) {
        sessions.values().removeIf(s -> s.account == account);
    }

    void expireAll() {
        Instant past = Instant.EPOCH;
        for (Session s : sessions.values()) {
            s.expires = past;
        }
    }
}
