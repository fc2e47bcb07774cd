package io.lers4j.emulator;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulator as a program, for clients in any language:
 * {@code java -jar lers4j-emulator-<version>-standalone.jar --port 10000}. It serves until Ctrl-C.
 *
 * <p>Options are parsed by hand (the emulator is a test library and brings no CLI library into its
 * users' class paths). Faults given on the command line are armed once, at the start, in the order
 * given: the first requests other than logins take them, as {@link Faults} describes.
 */
public final class StandaloneEmulator {

    /** Exit code of a mistake on the command line. */
    static final int USAGE = 2;
    /** Exit code when the emulator cannot start (the port is taken, say). */
    static final int FAILED = 1;

    /** Where {@code --account LOGIN} takes the password from: never the command line, which {@code ps} shows. */
    static final String PASSWORD_VARIABLE = "LERS_PASSWORD";

    static final String USAGE_TEXT = String.join("\n",
            "Usage: java -jar lers4j-emulator-<version>-standalone.jar [options]",
            "",
            "Serves a fake LERS UCHET server (API v1 and v0.1) until Ctrl-C.",
            "",
            "Where:",
            "  --port N               port to listen on (default 10000; 0 picks a free one)",
            "  --host ADDRESS         IPv4 address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)",
            "Data set:",
            "  --points N             measure points (default 14)",
            "  --nodes N              nodes carrying them (default about one per 3.5 points)",
            "  --seed N               seed of every generated value (default 20250101)",
            "Accounts and tokens (built in: demo, every permission; viewer, reads only):",
            "  --account LOGIN        one more account, with every permission; its password is read from",
            "                         the environment variable " + PASSWORD_VARIABLE,
            "  --token-lifetime D     how long tokens live (default 1h)",
            "Behaviour:",
            "  --poll-duration D      how long a manual poll session runs (default 2s)",
            "  --threads N            request threads (default 16)",
            "Faults (armed at the start, taken by the first requests that are not logins, in the order given):",
            "  --latency D            delay every answer by D",
            "  --fail STATUSxN        the next N requests answer STATUS, e.g. --fail 503x2",
            "  --throttle NxD         the next N requests answer 429 with Retry-After D, e.g. --throttle 1x2s",
            "  --html-error STATUSxN  the next N requests answer an nginx HTML page with STATUS, e.g. 502x1",
            "  --drop-mid-body N      the next N answers break off after half their body",
            "  --poll-fails POINT:ERROR  manual polls of that measure point fail with the PollError, e.g.",
            "                         1002:DEV_NOT_CONNECTED (repeatable)",
            "  --help                 this text",
            "",
            "D is a duration: 250ms, 2s, 5m, 1h, or ISO-8601 (PT2S).",
            "Exit codes: 0 stopped, 1 could not start, 2 wrong options.");

    private StandaloneEmulator() {
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        if (!dependenciesPresent()) {
            // java -jar on the library jar, whose manifest names no class path
            err.println("lers4j-emulator: this is the library jar, without the libraries it needs (lers4j-generated,");
            err.println("gson, okhttp). Run the standalone jar built beside it instead:");
            err.println("  java -jar lers4j-emulator-<version>-standalone.jar --port 10000");
            System.exit(FAILED);
        }
        // Jetty logs through SLF4J; the standalone jar's provider shows its warnings and errors only
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        LersEmulator emulator;
        try {
            Options options = Options.parse(List.of(args), System.getenv());
            if (options.help) {
                out.println(USAGE_TEXT);
                return;
            }
            emulator = start(options, out);
        } catch (UsageException e) {
            err.println("lers4j-emulator: " + e.getMessage());
            err.println("Try --help.");
            System.exit(USAGE);
            return;
        } catch (RuntimeException e) {
            err.println("lers4j-emulator: cannot start: " + e.getMessage()
                    + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""));
            System.exit(FAILED);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "lers-emulator-shutdown"));
        stopped.await(); // the request threads are daemons: this keeps the JVM up until Ctrl-C
    }

    /** Starts an emulator as the options say and prints where it listens; the caller closes it. */
    static LersEmulator start(Options o, PrintStream out) {
        LersEmulator.Builder b = LersEmulator.builder().host(o.host).port(o.port).measurePoints(o.points)
                .seed(o.seed).tokenLifetime(o.tokenLifetime).pollDuration(o.pollDuration).threads(o.threads);
        if (o.nodes > 0) {
            b.nodes(o.nodes);
        }
        if (o.account != null) {
            b.account(o.account, o.accountPassword, Accounts.ALL_PERMISSIONS.toArray(new String[0]));
        }
        LersEmulator emulator = b.start();
        try {
            armFaults(emulator.faults(), o.faults);
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
        String local = "http://" + (o.host.equals("0.0.0.0") ? "127.0.0.1" : o.host) + ":" + emulator.port();
        DataSet data = emulator.dataSet();
        out.println("LERS emulator at " + local + " (" + data.measurePoints().size() + " measure points on "
                + data.nodes().size() + " nodes, seed " + o.seed + ")");
        if (o.host.equals("0.0.0.0")) {
            out.println("Listening on every interface, port " + emulator.port()
                    + ": anyone who reaches this machine can log in with the built-in accounts.");
        }
        out.println("Accounts: " + LersEmulator.DEFAULT_LOGIN + " (every permission), " + LersEmulator.VIEWER_LOGIN
                + " (reads only)" + (o.account != null ? ", " + o.account + " (every permission, password from "
                + PASSWORD_VARIABLE + ")" : "") + "; the built-in passwords are in the emulator's README.");
        out.println("Log in: POST " + local + "/api/v1/Login {\"login\": ..., \"password\": ...}, then send"
                + " Authorization: Bearer <token>. Documents: " + local + "/api/swagger/v1/swagger.json and /v0.1/.");
        if (!o.faults.isEmpty()) {
            out.println("Faults armed: " + String.join(", ", o.faultNames));
        }
        out.println("Ctrl-C stops it.");
        return emulator;
    }

    private static void armFaults(Faults faults, List<Fault> armed) {
        for (Fault f : armed) {
            f.arm(faults);
        }
    }

    private static boolean dependenciesPresent() {
        ClassLoader loader = StandaloneEmulator.class.getClassLoader();
        for (String name : new String[] {"io.lers4j.model.Node", "com.google.gson.Gson"}) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException e) {
                return false;
            }
        }
        return true;
    }

    /** One fault of the command line, armed when the emulator has started. */
    @FunctionalInterface
    interface Fault {
        void arm(Faults faults);
    }

    /** The parsed command line. */
    static final class Options {
        boolean help;
        String host = "127.0.0.1";
        int port = 10_000;
        int points = 14;
        int nodes;
        long seed = 20_250_101L;
        String account;
        String accountPassword;
        Duration tokenLifetime = Duration.ofHours(1);
        Duration pollDuration = Duration.ofSeconds(2);
        int threads = 16;
        final List<Fault> faults = new ArrayList<>();
        final List<String> faultNames = new ArrayList<>();

        private static final Pattern TIMES = Pattern.compile("([0-9]{3})x([0-9]+)");
        private static final Pattern THROTTLE = Pattern.compile("([0-9]+)x(.+)");
        private static final Pattern POLL_FAILS = Pattern.compile("([0-9]+):([A-Za-z_]+)");

        /**
         * Parses {@code --name value} and {@code --name=value}.
         *
         * @param env where {@code --account}'s password comes from
         */
        static Options parse(List<String> args, Map<String, String> env) throws UsageException {
            Options o = new Options();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("--help") || arg.equals("-h")) {
                    o.help = true;
                    continue;
                }
                if (!arg.startsWith("--")) {
                    throw new UsageException("unexpected argument " + quote(arg) + " (options start with --)");
                }
                String name = arg;
                String value;
                int eq = arg.indexOf('=');
                if (eq > 0) {
                    name = arg.substring(0, eq);
                    value = arg.substring(eq + 1);
                } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                    value = args.get(++i);
                } else {
                    value = null;
                }
                o.set(name, value, env);
            }
            return o;
        }

        private void set(String name, String value, Map<String, String> env) throws UsageException {
            if (!List.of("--port", "--host", "--points", "--nodes", "--seed", "--account", "--token-lifetime",
                    "--poll-duration", "--threads", "--latency", "--fail", "--throttle", "--html-error",
                    "--drop-mid-body", "--poll-fails").contains(name)) {
                throw new UsageException("unknown option " + quote(name));
            }
            if (value == null || value.isBlank()) {
                throw new UsageException(name + " needs a value");
            }
            switch (name) {
                case "--port":
                    port = integer(name, value, 0, 65_535);
                    break;
                case "--host":
                    try {
                        LersEmulator.builder().host(value);
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--host: " + e.getMessage() + " (e.g. 127.0.0.1 or 0.0.0.0)");
                    }
                    host = value;
                    break;
                case "--points":
                    points = integer(name, value, 1, 1_000_000);
                    break;
                case "--nodes":
                    nodes = integer(name, value, 1, 1_000_000);
                    break;
                case "--seed":
                    try {
                        seed = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new UsageException("--seed is a whole number, not " + quote(value));
                    }
                    break;
                case "--account":
                    if (value.equalsIgnoreCase(LersEmulator.DEFAULT_LOGIN) || value.equalsIgnoreCase(LersEmulator.VIEWER_LOGIN)) {
                        throw new UsageException("--account " + value + " is built in");
                    }
                    String password = env.get(PASSWORD_VARIABLE);
                    if (password == null || password.isEmpty()) {
                        throw new UsageException("--account " + value + " takes its password from the environment variable "
                                + PASSWORD_VARIABLE + ", which is not set");
                    }
                    account = value;
                    accountPassword = password;
                    break;
                case "--token-lifetime":
                    tokenLifetime = duration(name, value);
                    if (tokenLifetime.isZero()) {
                        throw new UsageException("--token-lifetime must be longer than zero");
                    }
                    break;
                case "--poll-duration":
                    pollDuration = duration(name, value);
                    break;
                case "--threads":
                    threads = integer(name, value, 1, 1_000);
                    break;
                case "--latency":
                    Duration latency = duration(name, value);
                    add("latency " + value, f -> f.latency(latency));
                    break;
                case "--fail": {
                    int[] st = statusTimes(name, value);
                    add(st[0] + " x" + st[1], f -> f.status(st[0], st[1]));
                    break;
                }
                case "--html-error": {
                    int[] st = statusTimes(name, value);
                    add("HTML " + st[0] + " x" + st[1], f -> f.htmlErrorPage(st[0], st[1]));
                    break;
                }
                case "--throttle": {
                    Matcher m = THROTTLE.matcher(value);
                    if (!m.matches()) {
                        throw new UsageException("--throttle is NxD, e.g. 1x2s, not " + quote(value));
                    }
                    int times = integer(name, m.group(1), 1, 1_000_000);
                    Duration retryAfter = duration(name, m.group(2));
                    add("429 x" + times + " (Retry-After " + retryAfter.toSeconds() + " s)", f -> f.throttle(times, retryAfter));
                    break;
                }
                case "--drop-mid-body": {
                    int times = integer(name, value, 1, 1_000_000);
                    add("dropped mid-body x" + times, f -> f.dropConnectionMidBody(times));
                    break;
                }
                case "--poll-fails": {
                    Matcher m = POLL_FAILS.matcher(value);
                    if (!m.matches()) {
                        throw new UsageException("--poll-fails is POINT:ERROR, e.g. 1002:DEV_NOT_CONNECTED, not " + quote(value));
                    }
                    int point = integer(name, m.group(1), 1, Integer.MAX_VALUE);
                    String error = m.group(2);
                    try {
                        new Faults().pollFails(point, error); // Faults' own check, on a throwaway instance
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--poll-fails: " + e.getMessage());
                    }
                    add("polls of " + point + " fail with " + error, f -> f.pollFails(point, error));
                    break;
                }
                default:
                    throw new AssertionError(name);
            }
        }

        private void add(String description, Fault fault) {
            faults.add(fault);
            faultNames.add(description);
        }

        private static int[] statusTimes(String name, String value) throws UsageException {
            Matcher m = TIMES.matcher(value);
            if (!m.matches()) {
                throw new UsageException(name + " is STATUSxN, e.g. 503x2, not " + quote(value));
            }
            int status = integer(name, m.group(1), 100, 599);
            int times = integer(name, m.group(2), 1, 1_000_000);
            return new int[] {status, times};
        }

        private static int integer(String name, String value, int min, int max) throws UsageException {
            int n;
            try {
                n = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new UsageException(name + " is a whole number, not " + quote(value));
            }
            if (n < min || n > max) {
                throw new UsageException(name + " is from " + min + " to " + max + ", not " + n);
            }
            return n;
        }

        private static final Pattern SHORT_DURATION = Pattern.compile("([0-9]+)(ms|s|m|h)");

        static Duration duration(String name, String value) throws UsageException {
            Matcher m = SHORT_DURATION.matcher(value.toLowerCase(Locale.ROOT));
            try {
                if (m.matches()) {
                    long n = Long.parseLong(m.group(1));
                    switch (m.group(2)) {
                        case "ms":
                            return Duration.ofMillis(n);
                        case "s":
                            return Duration.ofSeconds(n);
                        case "m":
                            return Duration.ofMinutes(n);
                        default:
                            return Duration.ofHours(n);
                    }
                }
                Duration d = Duration.parse(value);
                if (d.isNegative()) {
                    throw new UsageException(name + " must not be negative: " + quote(value));
                }
                return d;
            } catch (java.time.format.DateTimeParseException | ArithmeticException | NumberFormatException e) {
                throw new UsageException(name + " is a duration such as 250ms, 2s, 5m, 1h or PT2S, not " + quote(value));
            }
        }

        private static String quote(String s) {
            return "'" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "'";
        }
    }

    /** A mistake on the command line. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
