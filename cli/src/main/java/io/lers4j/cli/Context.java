package io.lers4j.cli;

import io.lers4j.LersClient;

import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/** What the commands talk to: the output streams, the environment, the terminal. Tests make their own. */
final class Context {

    /** Asks the person at the terminal; nothing typed is echoed for a password. */
    interface Prompt {
        String readLine(String prompt);

        char[] readPassword(String prompt);
    }

    final PrintStream out;
    final PrintStream err;
    final Map<String, String> env;
    /** Null when there is no terminal to ask. */
    final Prompt prompt;
    /** Whether a progress bar may be drawn on {@link #err}. */
    final boolean progressBar;
    /** Tests add interceptors or retry policies to the client here; the program leaves it as it is. */
    final UnaryOperator<LersClient.Builder> clientSetup;

    Context(PrintStream out, PrintStream err, Map<String, String> env, Prompt prompt, boolean progressBar,
            UnaryOperator<LersClient.Builder> clientSetup) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.prompt = prompt;
        this.progressBar = progressBar;
        this.clientSetup = clientSetup;
    }

    static Context system() {
        Console console = System.console();
        Prompt prompt = console == null ? null : new Prompt() {
            @Override
            public String readLine(String text) {
                return console.readLine("%s", text);
            }

            @Override
            public char[] readPassword(String text) {
                return console.readPassword("%s", text);
            }
        };
        return new Context(new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8), System.getenv(), prompt,
                console != null && stderrIsTerminal(), b -> b);
    }

    /**
     * Whether standard error is a terminal. {@link System#console()} only tells about standard input and
     * output; on Linux {@code /proc} names the file behind descriptor 2. Where there is no {@code /proc}
     * the console alone decides.
     */
    static boolean stderrIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        if (!Files.isDirectory(Path.of("/proc/self/fd"))) {
            return true;
        }
        try {
            if (!Files.isSymbolicLink(fd) && !Files.exists(fd, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            String target = Files.readSymbolicLink(fd).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
