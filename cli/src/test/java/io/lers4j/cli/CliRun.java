package io.lers4j.cli;

import io.lers4j.LersClient;
import io.lers4j.emulator.LersEmulator;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Runs the command line in this process, as the program does, and keeps what it printed. */
final class CliRun {

    /** 13:30 server time on 15 March 2026: January and February are complete. */
    static final Instant NOW = Instant.parse("2026-03-15T10:30:00Z");
    /** An account of the emulators the tests start; its password must never be printed. */
    static final String LOGIN = "exporter";
    static final String PASSWORD = "Sekret-42!";

    final int code;
    final String out;
    final String err;

    private CliRun(int code, String out, String err) {
        this.code = code;
        this.out = out;
        this.err = err;
    }

    static LersEmulator emulator() {
        return LersEmulator.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .account(LOGIN, PASSWORD, "viewData").start();
    }

    /** The connection as the environment gives it: the server, the login and the password. */
    static Map<String, String> env(LersEmulator server) {
        Map<String, String> env = new HashMap<>();
        env.put(Connection.URL, server.baseUrl());
        env.put(Connection.LOGIN, LOGIN);
        env.put(Connection.PASSWORD, PASSWORD);
        return env;
    }

    static CliRun run(LersEmulator server, String... args) {
        return run(env(server), null, false, b -> b, args);
    }

    static CliRun run(Map<String, String> env, Context.Prompt prompt, boolean progressBar,
                      UnaryOperator<LersClient.Builder> clientSetup, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Context context = new Context(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.copyOf(env), prompt, progressBar, clientSetup);
        int code = LersCli.run(context, args);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "exit " + code + "\n--- out:\n" + out + "\n--- err:\n" + err;
    }
}
