package dev.standin.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code java -jar standin.jar ctl [--url URL] [--sandbox ID] [--token T] COMMAND ...}: the control API
 * for CI scripts and people. Exit codes: 0 done, 1 Standin refused (its message printed), 2 bad
 * usage, 3 Standin unreachable.
 */
public final class Ctl {
    static final int OK = 0;
    static final int REFUSED = 1;
    static final int USAGE = 2;
    static final int UNREACHABLE = 3;

    private final PrintStream out;
    private final PrintStream err;
    private ControlClient client;

    Ctl(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs one command; answers the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        return new Ctl(out, err).execute(new ArrayList<>(List.of(args)), env);
    }

    private int execute(List<String> args, Map<String, String> env) {
        String url = env.getOrDefault("STANDIN_URL", "http://localhost:8080");
        String sandbox = env.get("STANDIN_SANDBOX");
        String token = env.get("STANDIN_CONTROL_TOKEN");
        try {
            url = option(args, "--url", url);
            sandbox = option(args, "--sandbox", sandbox);
            token = option(args, "--token", token);
            if (args.isEmpty() || args.getFirst().equals("help") || args.contains("--help")) {
                out.print(usage());
                return args.isEmpty() ? USAGE : OK;
            }
            client = new ControlClient(url, sandbox == null || sandbox.equals("default") ? null : sandbox, token);
            String command = args.removeFirst();
            return switch (command) {
                case "status" -> status();
                case "info" -> info(option(args, "--format", "text"));
                case "advance" -> advance(one(args, "a duration such as PT1H"));
                case "load" -> load(one(args, "a scenario file or a shipped scenario's name"));
                case "unload" -> print(client.delete(client.path("/scenarios/" + one(args, "a scenario name"))), "unloaded");
                case "reset" -> reset(option(args, "--provider", null));
                case "requests" -> new Tail(client, out).requests(args);
                case "webhooks" -> new Tail(client, out).webhooks(args);
                case "trigger" -> new Triggers(client, out).trigger(args);
                default -> throw new Usage("unknown command '" + command + "'");
            };
        } catch (Usage e) {
            err.println("standin ctl: " + e.getMessage());
            err.print(usage());
            return USAGE;
        } catch (ControlClient.Refused e) {
            err.println("standin ctl: " + e.getMessage());
            return REFUSED;
        } catch (ControlClient.Unreachable e) {
            err.println("standin ctl: " + e.getMessage());
            return UNREACHABLE;
        }
    }

    /** A command line that cannot be run as written. */
    static final class Usage extends Exception {
        Usage(String message) {
            super(message);
        }
    }

    static String option(List<String> args, String name, String fallback) throws Usage {
        int i = args.indexOf(name);
        if (i < 0) {
            for (int j = 0; j < args.size(); j++) {
                if (args.get(j).startsWith(name + "=")) {
                    return args.remove(j).substring(name.length() + 1);
                }
            }
            return fallback;
        }
        if (i + 1 >= args.size()) {
            throw new Usage(name + " needs a value");
        }
        args.remove(i);
        return args.remove(i);
    }

    static String one(List<String> args, String what) throws Usage {
        if (args.size() != 1) {
            throw new Usage("expected " + what + (args.isEmpty() ? "" : ", got " + args));
        }
        return args.getFirst();
    }

    private int print(JsonNode answer, String word) {
        out.println(word + (answer.isEmpty() ? "" : " " + answer));
        return OK;
    }

    private int status() throws ControlClient.Refused, ControlClient.Unreachable {
        JsonNode health = client.get("/_sim/health");
        JsonNode info = client.get(client.path("/info"));
        out.println(health.path("status").asText() + "  Standin " + info.path("version").asText() + " at " + client.url()
                + "  sandbox " + info.path("sandbox").asText() + "  clock " + info.path("clock").path("now").asText()
                + " (" + info.path("clock").path("mode").asText() + ")  scenarios " + info.path("scenarios"));
        return OK;
    }

    private int info(String format) throws ControlClient.Refused, ControlClient.Unreachable, Usage {
        JsonNode info = client.get(client.path("/info"));
        switch (format) {
            case "json" -> out.println(info.toPrettyString());
            case "env" -> Environment.print(info, URI.create(client.url()).getHost(), client.url(), out);
            case "text" -> {
                out.println("Standin " + info.path("version").asText() + ", sandbox " + info.path("sandbox").asText()
                        + ", clock " + info.path("clock").path("now").asText());
                info.path("ports").properties().forEach(p -> out.println("  " + p.getKey() + ": " + p.getValue()));
                info.path("credentials").properties().forEach(p -> out.println("  " + p.getKey() + " credentials: " + p.getValue()));
            }
            default -> throw new Usage("--format is text, json or env, not '" + format + "'");
        }
        return OK;
    }

    private int advance(String by) throws ControlClient.Refused, ControlClient.Unreachable {
        JsonNode clock = client.post(client.path("/clock/advance"), "{\"by\":" + quoted(by) + "}", "application/json");
        out.println("clock now " + clock.path("now").asText() + " (" + clock.path("pending").size() + " events pending)");
        return OK;
    }

    private int load(String fileOrName) throws ControlClient.Refused, ControlClient.Unreachable, Usage {
        Path file = Path.of(fileOrName);
        JsonNode loaded;
        if (Files.isRegularFile(file)) {
            try {
                loaded = client.post(client.path("/scenarios"), Files.readString(file), "application/yaml");
            } catch (IOException e) {
                throw new Usage("cannot read " + file + ": " + e.getMessage());
            }
        } else if (fileOrName.matches("[a-z0-9-]{1,64}")) {
            loaded = client.post(client.path("/scenarios/shipped/" + fileOrName), null, null);
        } else {
            throw new Usage("no file " + fileOrName + ", and not a shipped scenario's name");
        }
        out.println("loaded " + loaded.path("name").asText() + " (" + loaded.path("rules").size() + " rules)");
        return OK;
    }

    private int reset(String provider) throws ControlClient.Refused, ControlClient.Unreachable {
        JsonNode answer = client.post(client.path("/reset" + (provider == null ? "" : "?provider=" + provider)), null, null);
        out.println("reset " + answer.path("reset").asText());
        return OK;
    }

    static String quoted(String text) {
        return dev.standin.core.json.Json.mapper().valueToTree(text).toString();
    }

    /** Environment variable names: {@code velapayCloud} and {@code apiKey} become {@code VELAPAY_CLOUD} and {@code API_KEY}. */
    static String envName(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("[^A-Za-z0-9]+", "_").toUpperCase(Locale.ROOT);
    }

    static String usage() {
        return """
                usage: standin ctl [--url URL] [--sandbox ID] [--token TOKEN] COMMAND
                  (URL defaults to $STANDIN_URL, then http://localhost:8080; ID to $STANDIN_SANDBOX; TOKEN to $STANDIN_CONTROL_TOKEN)
                commands:
                  status                          is it up; version, sandbox, clock, scenarios
                  info [--format text|json|env]   ports and credentials; env prints export lines for a shell or CI
                  advance DURATION                move the virtual clock (ISO-8601: PT90S, PT1H, P1D)
                  load FILE|NAME                  load a scenario file, or a shipped scenario by name (velo-partial-failure)
                  unload NAME                     unload a scenario
                  reset [--provider NAME]         back to what the scenarios seed (one provider: velo, terminals, ...)
                  requests [--provider P] [--method M] [--path PREFIX] [--limit N] [--tail]
                                                  the request journal, oldest first; --tail keeps printing new ones
                  webhooks [--tail]               webhook deliveries and their attempts; --tail keeps printing changes
                  trigger velo payment-fail PAYMENT_ID [--reason CODE]
                  trigger terminal decline-next [TERMINAL_ID] [--reason insufficientFunds|doNotHonor|...]
                  trigger qolo authorization CARD_PROXY AMOUNT [--merchant NAME]
                  trigger webhook redeliver DELIVERY_ID
                  trigger hold release HOLD_ID
                exit codes: 0 done, 1 Standin refused (its message is printed), 2 bad usage, 3 Standin unreachable
                """;
    }
}
