package io.lers4j.cli;

import io.lers4j.LersException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * {@code lers4j-cli}: exports archives of a LERS server to CSV or JSON lines, lists its nodes and
 * measure points, and fetches or compares its API document, for people who have a JDK but no
 * build. Each subcommand is its own class; this one wires them to one {@link Context}.
 */
@Command(name = "lers4j-cli", mixinStandardHelpOptions = true, versionProvider = LersCli.Version.class,
        description = "Reads a LERS UCHET server: archives to CSV or JSON lines, nodes, measure points, its API document.",
        footerHeading = "%n",
        footer = {
                "Connection: --server or LERS_URL; LERS_LOGIN (or --login) and LERS_PASSWORD,",
                "or LERS_TOKEN, or LERS_API_KEY. A password not in the environment is asked",
                "for on the terminal and never echoed.",
                "",
                "Exit codes: 0 done; 1 failed (a point failed, the server refused, a file could",
                "not be written); 2 wrong usage; 3 breaking changes in the API document (spec)."})
public final class LersCli implements Runnable {

    /** A point, the server or a file failed. */
    static final int FAILED = 1;
    /** Picocli's code for a mistake on the command line. */
    static final int USAGE = CommandLine.ExitCode.USAGE;
    /** spec fetch|diff found breaking changes (the tools' own code for them is 2, this tool's usage code). */
    static final int BREAKING = 3;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        // swagger-parser and openapi-diff (spec) log through SLF4J, which has no backend here: keep it from saying so
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        // the client reports retries at WARNING through java.util.logging: one line each, without the date and class
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%6$s%n");
        }
        System.exit(run(Context.system(), args));
    }

    /** Runs one command line and returns its exit code. */
    static int run(Context context, String... args) {
        return commandLine(context).execute(args);
    }

    static CommandLine commandLine(Context context) {
        CommandLine cli = new CommandLine(new LersCli());
        cli.addSubcommand("export", new ExportCommand(context));
        cli.addSubcommand("nodes", new ListCommands.Nodes(context));
        cli.addSubcommand("points", new ListCommands.Points(context));
        CommandLine spec = new CommandLine(new SpecCommands());
        spec.addSubcommand("fetch", new SpecCommands.Fetch(context));
        spec.addSubcommand("diff", new SpecCommands.Diff(context));
        cli.addSubcommand("spec", spec);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(new PrintWriter(context.out, true));
        cli.setErr(new PrintWriter(context.err, true));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            context.err.println("lers4j-cli: " + describe(e));
            return FAILED;
        });
        return cli;
    }

    /** What went wrong, in one line: the client's messages name the operation and never hold a credential. */
    static String describe(Throwable e) {
        if (e instanceof LersException) {
            return e.getMessage();
        }
        if (e instanceof UncheckedIOException && e.getCause() != null) {
            return e.getMessage();
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command: export, nodes, points or spec");
    }

    /** The version in the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = LersCli.class.getPackage().getImplementationVersion();
            return new String[] {"lers4j-cli " + (version == null ? "(development build)" : version)};
        }
    }
}
