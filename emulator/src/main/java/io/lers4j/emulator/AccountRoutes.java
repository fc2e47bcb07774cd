package io.lers4j.emulator;

import com.google.gson.JsonObject;
import io.lers4j.model.AuthenticatePlainRequestParameters;
import io.lers4j.model.AuthenticateRequestParameters;
import io.lers4j.model.CurrentLoginInfo;
import io.lers4j.model.LersLicenseType;
import io.lers4j.model.LicenseInformation;
import io.lers4j.model.LoginExtraInfo;
import io.lers4j.model.LoginResponseParameters;
import io.lers4j.model.MeasurePointType;
import io.lers4j.model.ServerInfo;
import io.lers4j.model.SystemParametersGui;
import io.lers4j.model.SystemType;
import io.lers4j.model.TimeZoneInformation;
import io.lers4j.types.LersDateTime;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Login, the current account, and server information (v1; v0.1's logins reuse the handlers). */
final class AccountRoutes {

    static final String VERSION = "3.67";
    static final int BUILD = 6712;

    private static final DateTimeFormatter DOTNET_ROUNDTRIP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSxxx", Locale.ROOT);

    private final DataView data;
    private final Accounts accounts;

    AccountRoutes(DataView data, Accounts accounts) {
        this.data = data;
        this.accounts = accounts;
    }

    void register(Routes r) {
        Router.Access any = Router.Access.AUTHENTICATED;
        r.on(Api.V1, "Login_LoginPlain", Router.Access.ANONYMOUS, null, this::loginPlain);
        r.on(Api.V1, "Login_GetCurrentLoginV1", any, null, this::current);
        r.on(Api.V1, "Login_LoginWindows", any, null, this::loginWindows);
        r.on(Api.V1, "Login_LoginUser", Router.Access.PERMISSION, "editAccount", this::loginUser);
        r.on(Api.V1, "ServerInfo_GetVersion", Router.Access.ANONYMOUS, null, this::serverInfo);
        r.on(Api.V1, "ServerInfo_GetExtraInfo", any, null, this::extra);
    }

    /** An instant as the server writes it: its local offset, .NET's 100 ns resolution. */
    static LersDateTime serverTime(Instant instant) {
        OffsetDateTime t = instant.atOffset(Catalog.SERVER_OFFSET);
        return LersDateTime.of(t.withNano(t.getNano() / 100 * 100));
    }

    private Reply issued(Accounts.AccountEntry account, String application, Instant expires) {
        Accounts.Issued token = accounts.issue(account, application, expires);
        return Reply.json(new LoginResponseParameters().token(token.token).tokenExpiration(serverTime(token.expires)));
    }

    Reply loginPlain(Call call) {
        AuthenticatePlainRequestParameters body = call.body(AuthenticatePlainRequestParameters.class);
        if (body.getLogin() == null || body.getLogin().isBlank()) {
            throw HttpError.unprocessable(HttpError.BAD_BODY, "Не указано имя пользователя.");
        }
        Accounts.AccountEntry account = accounts.authenticate(body.getLogin(), body.getPassword());
        if (account == null) {
            throw HttpError.unprocessable(HttpError.WRONG_CREDENTIALS, "Неверное имя пользователя или пароль");
        }
        return issued(account, body.getApplication(), null);
    }

    /** Windows authentication: in the emulator the Windows identity is the bearer token's account. */
    Reply loginWindows(Call call) {
        String application = null;
        if (call.hasBody()) {
            application = call.<AuthenticateRequestParameters>body(AuthenticateRequestParameters.class).getApplication();
        }
        return issued(call.session.account, application, null);
    }

    private Reply loginUser(Call call) {
        Accounts.AccountEntry account = accounts.find(call.param("login"));
        if (account == null) {
            throw HttpError.notFound("Учётная запись '" + call.param("login") + "' не найдена.");
        }
        Instant expires = null;
        String expiration = call.queryValue("expiration");
        if (expiration != null && !expiration.isBlank()) {
            try {
                LersDateTime t = LersDateTime.parse(expiration);
                expires = t.atOffsetIfAbsent(Catalog.SERVER_OFFSET).toInstant();
            } catch (DateTimeException e) {
                throw HttpError.invalidValue("expiration", expiration);
            }
            if (!expires.isAfter(data.instant())) {
                throw HttpError.badArgument("Срок действия токена уже истёк.");
            }
        }
        return issued(account, call.queryValue("application"), expires);
    }

    Reply current(Call call) {
        Accounts.AccountEntry a = call.session.account;
        return Reply.json(new CurrentLoginInfo().account(a.model).permissions(new ArrayList<>(a.permissions))
                .accountGroups(a.groups));
    }

    private Reply serverInfo(Call call) {
        ServerInfo info = new ServerInfo().type("ЛЭРС УЧЁТ").build(BUILD).version(VERSION)
                .fullVersion(VERSION + "." + BUILD + ".0")
                .osDescription(System.getProperty("os.name") + " " + System.getProperty("os.version")
                        + " (lers4j emulator)");
        JsonObject tree = Reply.GSON.toJsonTree(info).getAsJsonObject();
        // .NET writes DateTimeOffset round-trip: always seven fraction digits
        tree.addProperty("serverTime", DOTNET_ROUNDTRIP.format(data.instant().atOffset(Catalog.SERVER_OFFSET)));
        return Reply.json(tree);
    }

    private Reply extra(Call call) {
        int communal = 0;
        for (Catalog.PointEntry p : data.points) {
            if (p.type.equals(MeasurePointType.COMMUNAL)) {
                communal++;
            }
        }
        LicenseInformation license = new LicenseInformation().licenseType(LersLicenseType.COMMERCIAL)
                .licenseNumber("EMU-" + String.format(Locale.ROOT, "%06d", Math.floorMod(data.seed, 1_000_000L)))
                .nodeLicenseCount(Math.max(100, (data.nodes.size() + 99) / 100 * 100))
                .communalPollLicenseCount(Math.max(100, (communal + 99) / 100 * 100))
                .expireDate(LersDateTime.of(LocalDateTime.of(1, 1, 1, 0, 0)))
                .subscriptionExpireDate(LersDateTime.of(data.dataStart.plusYears(6)))
                .activationDate(LersDateTime.of(data.dataStart.minusDays(30)))
                .nodeUsed(data.nodes.size()).communalPollUsed(communal).owner("lers4j emulator");
        List<TimeZoneInformation> zones = new ArrayList<>();
        String[] cities = {"Калининград", "Москва", "Самара", "Екатеринбург", "Омск", "Новосибирск", "Иркутск",
                "Якутск", "Хабаровск", "Магадан", "Петропавловск-Камчатский"};
        for (int offset = 2; offset <= 12; offset++) {
            zones.add(new TimeZoneInformation().offset(offset)
                    .title(String.format(Locale.ROOT, "(UTC+%02d:00) %s", offset, cities[offset - 2])));
        }
        SystemParametersGui gui = new SystemParametersGui()
                .systems(SystemType.fromValue("Heat, HotWater, ColdWater, Gas, Electricity")).enableCommunal(true)
                .enableHolidaySkin(false).enableDataTableUserSetting(true).siteTitle("ЛЭРС УЧЁТ")
                .siteDescription("Эмулятор сервера ЛЭРС УЧЁТ (lers4j)").adminContacts("admin@example.ru");
        return Reply.json(new LoginExtraInfo().license(license).timeZones(zones)
                .localTimeZoneOffset(Catalog.SERVER_OFFSET.getTotalSeconds() / 3600)
                .defaultTerritory(data.territories.get(0).model).guiParameters(gui));
    }
}
