package io.lers4j.emulator;

import io.lers4j.api.LoginApi;
import io.lers4j.invoker.ApiClient;
import io.lers4j.model.AuthenticatePlainRequestParameters;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Clients for an emulator: the generated API logged in as some account, and plain HTTP. */
final class TestSupport {

    /** 13:30 server time on a March Sunday: the last complete hour is 12:00. */
    static final Instant NOW = Instant.parse("2026-03-15T10:30:00Z");

    static final OkHttpClient HTTP = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(20)).build();

    private TestSupport() {
    }

    static ApiClient anonymous(LersEmulator lers) {
        ApiClient client = new ApiClient(HTTP);
        client.setBasePath(lers.baseUrl());
        return client;
    }

    static String token(LersEmulator lers, String login, String password) {
        return new LoginApi(anonymous(lers)).loginPlain()
                .body(new AuthenticatePlainRequestParameters().login(login).password(password).application("lers4j tests"))
                .execute().getToken();
    }

    static ApiClient as(LersEmulator lers, String login, String password) {
        ApiClient client = anonymous(lers);
        client.addDefaultHeader("Authorization", "Bearer " + token(lers, login, password));
        return client;
    }

    static ApiClient demo(LersEmulator lers) {
        return as(lers, LersEmulator.DEFAULT_LOGIN, LersEmulator.DEFAULT_PASSWORD);
    }

    /** A plain request; the answer is closed by the caller. */
    static Response send(Request request) throws IOException {
        return HTTP.newCall(request).execute();
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
