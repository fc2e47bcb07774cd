package io.lers4j.examples;

import io.lers4j.LersClient;
import io.lers4j.emulator.LersEmulator;

/**
 * Where the examples connect: the server named by {@code LERS_URL} (with {@code LERS_LOGIN} and
 * {@code LERS_PASSWORD}), or else an embedded emulator started for the run. Copy {@link #client()}'s
 * builder lines into your own code; the rest only spares you a server.
 */
public final class ExampleConnection implements AutoCloseable {

    private final LersEmulator emulator;
    private final LersClient client;

    private ExampleConnection(LersEmulator emulator, LersClient client) {
        this.emulator = emulator;
        this.client = client;
    }

    public static ExampleConnection open() {
        String url = System.getenv("LERS_URL");
        if (url != null && !url.isBlank()) {
            String login = require("LERS_LOGIN");
            String password = require("LERS_PASSWORD");
            return new ExampleConnection(null, LersClient.builder()
                    .baseUrl(url)
                    .credentials(login, password)
                    .application("lers4j examples")
                    .build());
        }
        LersEmulator emulator = LersEmulator.start();
        return new ExampleConnection(emulator, LersClient.builder()
                .baseUrl(emulator.baseUrl())
                .credentials(LersEmulator.DEFAULT_LOGIN, LersEmulator.DEFAULT_PASSWORD)
                .application("lers4j examples")
                .build());
    }

    private static String require(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("LERS_URL is set, so " + name + " must be set too");
        }
        return value;
    }

    public LersClient client() {
        return client;
    }

    /** One line saying where the example runs. */
    public String describe() {
        return emulator != null ? "embedded LERS emulator at " + emulator.baseUrl() + " (set LERS_URL to use a real server)"
                : "LERS server at " + client.baseUrl();
    }

    @Override
    public void close() {
        client.close();
        if (emulator != null) {
            emulator.close();
        }
    }
}
