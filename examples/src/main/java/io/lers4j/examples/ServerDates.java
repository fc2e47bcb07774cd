package io.lers4j.examples;

import io.lers4j.LersClient;
import io.lers4j.api.ServerInfoApi;

import java.time.LocalDateTime;

/** Dates in LERS are the server's local time: ask the server what time it is there. */
final class ServerDates {

    private ServerDates() {
    }

    static LocalDateTime now(LersClient lers) {
        return lers.call(ServerInfoApi.class, api -> api.getVersion().execute()).getServerTime().toLocalDateTime();
    }
}
