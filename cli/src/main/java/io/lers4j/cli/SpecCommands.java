package io.lers4j.cli;

import io.lers4j.tools.SpecTool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code spec fetch|diff}: the tools' {@link SpecTool} commands, run in this process with the options and
 * credentials of this tool. The report, the checks and what is written are SpecTool's.
 */
@Command(name = "spec", mixinStandardHelpOptions = true,
        description = "The server's API documents: fetch them into files, or compare two.",
        footerHeading = "%n",
        footer = {"Exit codes: 0 no breaking change (fetch: written), 3 breaking changes (fetch:",
                "not written), 1 failed, 2 wrong usage."})
final class SpecCommands implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a command: fetch or diff");
    }

    /** SpecTool's exit codes in this tool's: its 2 (breaking) is this tool's usage code, so it becomes 3. */
    static int exitCode(int specToolCode) {
        switch (specToolCode) {
            case SpecTool.OK:
                return 0;
            case SpecTool.BREAKING:
                return LersCli.BREAKING;
            default:
                return LersCli.FAILED;
        }
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Downloads <server>/api/swagger/v1/swagger.json and .../v0.1/swagger.json,",
                    "reports per document what changed against its file and writes it there in a",
                    "stable form. A breaking change is not written unless --accept-breaking is",
                    "given. Without an account it fetches anonymously."})
    static final class Fetch implements Callable<Integer> {
        private final Context context;

        @Option(names = "--api", paramLabel = "all|v1|v0.1", defaultValue = "all", description = "Which documents (default all).")
        String api;

        @Option(names = "--out", paramLabel = "FILE",
                description = "The v1 document's file (default " + SpecTool.DEFAULT_OUT + ", from the current directory).")
        Path out;

        @Option(names = "--out-v01", paramLabel = "FILE",
                description = "The v0.1 document's file (default " + SpecTool.V01_FILE + " beside --out).")
        Path outV01;

        @Option(names = "--accept-breaking", description = "Write a document even when its change is breaking.")
        boolean acceptBreaking;

        @Mixin
        Connection connection;

        Fetch(Context context) {
            this.context = context;
        }

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            if (!List.of("all", "v1", "v0.1").contains(api)) {
                throw new ParameterException(spec.commandLine(), "--api is all, v1 or v0.1, not " + api);
            }
            List<String> args = new ArrayList<>(List.of("fetch", "--url", connection.url(context), "--api", api));
            if (connection.caCert != null) {
                args.addAll(List.of("--ca-cert", connection.caCert.toString()));
            }
            if (out != null) {
                args.addAll(List.of("--out", out.toString()));
            }
            if (outV01 != null) {
                args.addAll(List.of("--out-v01", outV01.toString()));
            }
            if (acceptBreaking) {
                args.add("--accept-breaking");
            }
            // credentials go through SpecTool's environment, never its arguments
            SpecTool tool = new SpecTool(context.out, context.err, connection.specEnvironment(context));
            return exitCode(tool.run(args.toArray(new String[0])));
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "Reports what changed between two API documents, for Java users of the client.")
    static final class Diff implements Callable<Integer> {
        private final Context context;

        @Parameters(index = "0", paramLabel = "OLD", description = "The old document (swagger.json).")
        Path before;

        @Parameters(index = "1", paramLabel = "NEW", description = "The new document.")
        Path after;

        Diff(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            SpecTool tool = new SpecTool(context.out, context.err, java.util.Map.of());
            return exitCode(tool.run("diff", before.toString(), after.toString()));
        }
    }
}
