package io.lers4j.emulator;

import io.lers4j.model.Account;
import io.lers4j.model.AccountAuthenticationMode;
import io.lers4j.model.AccountGroup;
import io.lers4j.model.MeasurePointCheckAccessMode;
import io.lers4j.model.StartPage;
import io.lers4j.model.SystemType;

import java.security.SecureRandom;
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

/** Accounts, their permissions, and the bearer tokens issued to them. */
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
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Session session = new Session(account, application, expires != null ? expires : clock.instant().plus(lifetime));
        sessions.put(token, session);
        return new Issued(token, session.expires);
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

    void expireAll() {
        Instant past = Instant.EPOCH;
        for (Session s : sessions.values()) {
            s.expires = past;
        }
    }
}
