package io.lers4j.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the repository's API document in step with a LERS server.
 *
 * <pre>
 * fetch --url &lt;baseUrl&gt; [--login L --password P | --token T] [--ca-cert ca.pem] [--api all|v1|v0.1]
 *       [--out file] [--out-v01 file] [--accept-breaking]
 * diff &lt;old.json&gt; &lt;new.json&gt;
 * </pre>
 *
 * {@code fetch} downloads {@code <baseUrl>/api/swagger/v1/swagger.json} and {@code .../v0.1/swagger.json} (one login
 * for both), checks each, prints per document what changed against its file ({@code --out}, {@code --out-v01}) and
 * writes the new document there in a stable form, unless its change is breaking and {@code --accept-breaking} was
 * not given. A server that publishes no v0.1 document leaves that file as it is. {@code diff} prints the same report
 * for two files.
 *
 * <p>Exit codes: 0 written / compatible, 2 breaking changes (fetch: that document not written), 1 usage, network or
 * document errors (that document not written); with two documents, the worse of the two.
 */
public final class SpecTool {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BREAKING = 2;

    /** The repository's v1 document, relative to the repository root. */
    public static final String DEFAULT_OUT = "api-spec/lers-v1.swagger.json";
    /** The v0.1 document's file name; by default beside the v1 document's {@code --out}. */
    public static final String V01_FILE = "lers-v0.1.swagger.json";

    static final String USAGE = String.join("\n",
            "Usage:",
            "  fetch --url <baseUrl> [--login <login> --password <password> | --token <token>]",
            "        [--ca-cert <ca.pem>] [--api all|v1|v0.1] [--out <file>] [--out-v01 <file>] [--accept-breaking]",
            "      Downloads <baseUrl>/api/swagger/v1/swagger.json and .../v0.1/swagger.json (--api: one of",
            "      them), reports per document what changed against its file (--out, default " + DEFAULT_OUT + ";",
            "      --out-v01, default " + V01_FILE + " beside --out) and writes it there. A breaking change",
            "      is not written unless --accept-breaking is given. Options may also come from LERS_URL,",
            "      LERS_LOGIN, LERS_PASSWORD and LERS_TOKEN; an empty value counts as not given.",
            "  diff <old.json> <new.json>",
            "      Reports what changed between two documents.",
            "Exit codes: 0 no breaking change (fetch: written), 2 breaking changes (fetch: not written),",
            "            1 usage, network or document error (nothing written).");

    private static final Set<String> FETCH_OPTIONS = Set.of("url", "login", "password", "token", "ca-cert", "out",
            "out-v01", "api", "accept-breaking");

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    /**
     * @param env the environment to read LERS_* values from ({@code System.getenv()} outside tests)
     */
    public SpecTool(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public static void main(String[] args) {
        // swagger-parser and openapi-diff log through SLF4J, which has no backend here: keep it from saying so
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(new SpecTool(out, err, System.getenv()).run(args));
    }

    /** Runs one command and returns its exit code. */
    public int run(String... args) {
        if (args.length == 0 || "--help".equals(args[0]) || "-h".equals(args[0])) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? FAILED : OK;
        }
        List<String> rest = List.of(args).subList(1, args.length);
        try {
            switch (args[0]) {
                case "fetch":
                    return fetch(rest);
                case "diff":
                    return diff(rest);
                default:
                    throw new UsageException("unknown command " + args[0]);
            }
        } catch (UsageException e) {
            err.println("lers4j-tools: " + e.getMessage());
            err.println(USAGE);
            return FAILED;
        } catch (InvalidSpecException e) {
            err.println("lers4j-tools: " + e.getMessage());
            err.println("Nothing was written.");
            return FAILED;
        } catch (IOException | IllegalArgumentException e) {
            err.println("lers4j-tools: " + e.getMessage());
            return FAILED;
        } catch (RuntimeException e) {
            // openapi-diff refuses some documents (two paths with the same template, say): say which step failed
            err.println("lers4j-tools: cannot compare the documents: " + e);
            return FAILED;
        }
    }

    private int diff(List<String> args) throws UsageException, IOException, InvalidSpecException {
        List<String> files = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("--")) {
                throw new UsageException("diff takes no options: " + a);
            }
            if (!a.isBlank()) {
                files.add(a);
            }
        }
        if (files.size() != 2) {
            throw new UsageException("diff needs two files, the old and the new document");
        }
        SpecDocument before = SpecDocument.read(existing(files.get(0)));
        SpecDocument after = SpecDocument.read(existing(files.get(1)));
        ChangeReport report = SpecComparator.compare(before, after);
        out.print(report.render());
        return report.hasBreakingChanges() ? BREAKING : OK;
    }

    private int fetch(List<String> args)
            throws UsageException, IOException, InvalidSpecException {
        Map<String, String> options = options(args);
        String url = option(options, "url", "LERS_URL");
        String login = option(options, "login", "LERS_LOGIN");
        String password = option(options, "password", "LERS_PASSWORD");
        String token = option(options, "token", "LERS_TOKEN");
        String caCert = option(options, "ca-cert", null);
        String outFile = option(options, "out", null);
        boolean acceptBreaking = flag(options, "accept-breaking");
        if (url == null) {
            throw new UsageException("fetch needs --url (or LERS_URL), e.g. --url http://lers.example:10000");
        }
        if (token != null && (login != null || password != null)) {
            throw new UsageException("give either --login and --password, or --token, not both");
        }
        if ((login == null) != (password == null)) {
            throw new UsageException("--login and --password go together");
        }
        Path target = Path.of(outFile == null ? DEFAULT_OUT : outFile);
        String v01File = option(options, "out-v01", null);
        Path v01Target = v01File == null ? target.toAbsolutePath().resolveSibling(V01_FILE) : Path.of(v01File);
        String api = option(options, "api", null);
        List<String> versions = api == null || api.equals("all") ? SpecFetcher.VERSIONS : List.of(api);
        if (!SpecFetcher.VERSIONS.containsAll(versions)) {
            throw new UsageException("--api is all, v1 or v0.1, not " + api);
        }

        int code = OK;
        try (SpecFetcher fetcher = new SpecFetcher(url, caCert == null ? null : existing(caCert), login, password, token)) {
            for (String version : versions) {
                Path file = version.equals("v1") ? target : v01Target;
                int result;
                try {
                    result = fetchOne(fetcher, version, file, acceptBreaking);
                } catch (SpecFetcher.DocumentMissingException e) {
                    if (versions.size() == 1) {
                        throw e;
                    }
                    out.println(version + ": " + e.getMessage() + "; " + file + " is left as it is.");
                    result = OK;
                } catch (InvalidSpecException e) {
                    err.println("lers4j-tools: " + version + ": " + e.getMessage());
                    err.println("Nothing was written for " + version + ".");
                    result = FAILED;
                }
                code = worse(code, result);
            }
        }
        return code;
    }

    /** Errors before breaking changes before success. */
    private static int worse(int a, int b) {
        if (a == FAILED || b == FAILED) {
            return FAILED;
        }
        return a == BREAKING || b == BREAKING ? BREAKING : OK;
    }

    private int fetchOne(SpecFetcher fetcher, String version, Path target, boolean acceptBreaking)
            throws IOException, InvalidSpecException {
        SpecDocument fetched = SpecDocument.parse(fetcher.download(version), fetcher.documentUrl(version));
        out.println("Fetched " + fetched.source() + ": " + fetched.kind() + ", " + fetched.operationCount()
                + " operations");

        if (!Files.exists(target)) {
            write(target, fetched.stableText());
            out.println("Wrote " + target + " (there was no document to compare with).");
            return OK;
        }
        String previousText = Files.readString(target, StandardCharsets.UTF_8);
        if (previousText.equals(fetched.stableText())) {
            out.println("No changes: " + target + " is up to date.");
            return OK;
        }
        SpecDocument previous;
        try {
            previous = SpecDocument.parse(previousText, target.toString());
        } catch (InvalidSpecException e) {
            err.println("lers4j-tools: the previous document cannot be compared: " + e.getMessage());
            write(target, fetched.stableText());
            out.println("Wrote " + target + " without a change report.");
            return OK;
        }
        ChangeReport report = SpecComparator.compare(previous, fetched);
        if (report.isEmpty()) {
            write(target, fetched.stableText());
            out.println("No API changes; only descriptions or the layout differ. Wrote " + target + ".");
            return OK;
        }
        out.print(report.render());
        if (report.hasBreakingChanges() && !acceptBreaking) {
            err.println("Not written: " + report.breakingCount() + " breaking changes. " + target
                    + " is unchanged; review the report, then rerun with --accept-breaking to take the new document.");
            return BREAKING;
        }
        write(target, fetched.stableText());
        out.println("Wrote " + target + (report.hasBreakingChanges() ? " (breaking changes accepted)." : "."));
        return OK;
    }

    /** Writes through a temporary file, so an interrupted run never leaves half a document behind. */
    private static void write(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, ".lers-spec", ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static Path existing(String file) throws IOException {
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new IOException("no such file: " + file);
        }
        return path;
    }

    /** Parses {@code --name value} and {@code --name=value}; {@code --accept-breaking} may stand alone. */
    private static Map<String, String> options(List<String> args) throws UsageException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                throw new UsageException("unexpected argument " + a);
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (!FETCH_OPTIONS.contains(name)) {
                throw new UsageException("unknown option --" + name);
            }
            if (value == null) {
                if ("accept-breaking".equals(name)) {
                    value = "true";
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new UsageException("--" + name + " needs a value");
                }
            }
            options.put(name, value);
        }
        return options;
    }

    private String option(Map<String, String> options, String name, String envName) {
        String value = options.get(name);
        if ((value == null || value.isBlank()) && envName != null) {
            value = env.get(envName);
        }
        return value == null || value.isBlank() ? null : value;
    }

    private static boolean flag(Map<String, String> options, String name) throws UsageException {
        String value = options.get(name);
        if (value == null || value.isBlank() || "false".equalsIgnoreCase(value)) {
            return false;
        }
        if ("true".equalsIgnoreCase(value)) {
            return true;
        }
        throw new UsageException("--" + name + " is true or false, not " + value);
    }

    /** A mistake in the command line. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
