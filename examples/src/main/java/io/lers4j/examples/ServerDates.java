package io.lers4j.examples;

import io.lers4j.LersClient;

import java.time.LocalDateTime;

/** Dates in LERS are the server's local time: ask the server what time it is there. */
final class ServerDates {

    private ServerDates() {
    }

    static LocalDateTime now(LersClient lers) {
        return lers.serverInfo().getVersion().execute().getServerTime().toLocalDateTime();
    }
}
