package io.lers4j.cli;

import io.lers4j.LersClient;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server and the account, shared by the commands that talk to a server. Secrets come only from the
 * environment or the terminal, never from options, which {@code ps} and shell histories show.
 */
final class Connection {

    static final String URL = "LERS_URL";
    static final String LOGIN = "LERS_LOGIN";
    static final String PASSWORD = "LERS_PASSWORD";
    static final String TOKEN = "LERS_TOKEN";
    static final String API_KEY = "LERS_API_KEY";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL", order = 100,
            description = "The LERS server, e.g. http://lers.example:10000 (default: $" + URL + ").")
    String server;

    @Option(names = "--login", paramLabel = "LOGIN", order = 101,
            description = "The account (default: $" + LOGIN + "). Its password comes from $" + PASSWORD
                    + " or is asked for.")
    String login;

    @Option(names = "--ca-cert", paramLabel = "PEM", order = 102,
            description = "Trust this certificate authority too, for a server with its own (PEM file).")
    Path caCert;

    /** A client logged in as the environment or the person at the terminal says. */
    LersClient client(Context context) {
        LersClient.Builder builder = LersClient.builder().baseUrl(url(context)).application("lers4j-cli");
        if (caCert != null) {
            builder.trustCertificates(existing(caCert));
        }
        String apiKey = env(context, API_KEY);
        String token = env(context, TOKEN);
        String account = login != null && !login.isBlank() ? login : env(context, LOGIN);
        if (apiKey != null) {
            if (token != null || account != null) {
                throw usage(API_KEY + " is a credential of its own: unset " + (token != null ? TOKEN : LOGIN)
                        + " or " + API_KEY);
            }
            builder.apiKey(apiKey);
        } else if (token != null) {
            builder.token(token);
            String password = env(context, PASSWORD);
            if (account != null && password != null) {
                builder.credentials(account, password); // to log in again when the token expires
            }
        } else {
            if (account == null) {
                account = ask(context, "Login: ");
            }
            builder.credentials(account, password(context, account));
        }
        return context.clientSetup.apply(builder).build();
    }

    /**
     * The variables {@code SpecTool} reads its credentials from: login and password, a token, or none (an
     * anonymous fetch, for servers that publish their documents to anyone).
     */
    Map<String, String> specEnvironment(Context context) {
        Map<String, String> env = new LinkedHashMap<>();
        String token = env(context, TOKEN);
        String account = login != null && !login.isBlank() ? login : env(context, LOGIN);
        if (token != null) {
            env.put(TOKEN, token);
        } else if (account != null) {
            env.put(LOGIN, account);
            env.put(PASSWORD, password(context, account));
        } else if (env(context, API_KEY) != null) {
            // fetching anonymously instead would fail on servers that publish the documents to accounts only
            throw usage("spec fetch logs in with a login and password or uses " + TOKEN + "; it does not send "
                    + API_KEY);
        }
        return env;
    }

    String url(Context context) {
        String url = server != null && !server.isBlank() ? server : env(context, URL);
        if (url == null) {
            throw usage("which server? Give --server URL or set " + URL + ", e.g. http://lers.example:10000");
        }
        return url;
    }

    private String password(Context context, String account) {
        String password = env(context, PASSWORD);
        if (password != null) {
            return password;
        }
        if (context.prompt == null) {
            throw usage("no password for " + account + ": set " + PASSWORD + " (or " + TOKEN + "), or run in a terminal"
                    + " to be asked");
        }
        char[] typed = context.prompt.readPassword("Password for " + account + ": ");
        if (typed == null || typed.length == 0) {
            throw usage("no password given for " + account);
        }
        String text = new String(typed);
        Arrays.fill(typed, '\0');
        return text;
    }

    private String ask(Context context, String question) {
        if (context.prompt == null) {
            throw usage("no credentials: set " + LOGIN + " and " + PASSWORD + " (or " + TOKEN + ", or " + API_KEY
                    + "), or run in a terminal to be asked");
        }
        String answer = context.prompt.readLine(question);
        if (answer == null || answer.isBlank()) {
            throw usage("no login given");
        }
        return answer.trim();
    }

    private Path existing(Path file) {
        if (!Files.isRegularFile(file)) {
            throw usage("--ca-cert: no such file: " + file);
        }
        return file;
    }

    private static String env(Context context, String name) {
        String value = context.env.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
