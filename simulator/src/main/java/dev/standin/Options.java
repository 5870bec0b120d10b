package dev.standin;

import dev.standin.core.clock.ClockMode;
import dev.standin.core.provider.ProviderModule;
import dev.standin.core.store.Database;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The server's options. Each is a flag ({@code --port-velo 9000}, or {@code --port-velo=9000}) and an
 * environment variable ({@code STANDIN_PORT_VELO}); the flag wins.
 */
public record Options(List<String> scenarios, String host, Map<String, Integer> explicitPorts, int portOffset,
                      Optional<Path> dataDir, ClockMode clock, Optional<Instant> startTime, long seed,
                      int journalSize, long maxBodyBytes, int idleTimeoutSeconds, boolean defaultScenario,
                      List<String> terminalTrustedNetworks, Optional<Path> portsFile, Optional<String> controlToken,
                      int maxSandboxes, int sandboxIdleSeconds, long maxSandboxRows, int heapLimitPercent, boolean validateRequests,
                      Optional<Database.External> database, int maxConcurrentRequests, boolean help) {

    /** Who counts as the terminal's own network (no signature needed) unless told otherwise: loopback only. */
    public static final List<String> LOOPBACK = List.of("127.0.0.0/8", "::1/128");

    /** The API names that have a port option, with their default ports. */
    public static final Map<String, Integer> DEFAULT_PORTS = defaultPorts();

    private static final String USAGE = """
            Usage: java -jar standin.jar [options]   (every option can also be set as STANDIN_<NAME>, e.g. STANDIN_PORT_VELO)

              --scenario FILE             load a scenario file (repeatable), on top of the built-in default scenario
              --no-default-scenario       do not load the built-in scenarios/default.yaml (only the --scenario files)
              --host HOST                 interface to listen on (default 0.0.0.0)
              --port-control N            control API (default 8080)
            %PORTS%
              --port-offset N             add N to every default port (explicit ports are kept as given)
                                          a port of 0 picks a free one
              --data-dir DIR              keep state in a file database under DIR (default: in memory)
              --database URL              keep the default sandbox's state in PostgreSQL instead (jdbc:postgresql://host:port/db)
              --database-user USER        its user (default standin); --database-password PASSWORD, its password
              --database-pool N           its connection pool's size (default 16)
              --advertise-host HOST       where the other instances on that database reach this one's control API
                                          (default: --host, or this machine's name when --host is 0.0.0.0)
              --clock system|manual       system: follows the wall clock; manual: moves only when advanced (default system)
              --start-time ISO-8601       the clock's start, e.g. 2026-01-01T00:00:00Z (default: now)
              --seed N                    seed of the id and random generators (default 1)
              --journal-size N            requests kept in the journal, 0 turns it off (default 1000)
              --max-body-size BYTES       largest accepted request body (default 10485760)
              --idle-timeout SECONDS      how long a request's body may stall before a 408 (default 30)
              --terminal-trusted-networks CIDR,...
                                          callers a terminal serves without an HMAC signature, as a device does
                                          its local network (default 127.0.0.0/8,::1/128; the container image
                                          adds the private networks 10/8, 172.16/12, 192.168/16, fc00::/7)
              --ports-file FILE           once serving, write the bound ports as name=port lines (control=8080, ...)
              --control-token TOKEN       require 'Authorization: Bearer TOKEN' on the control API (default: open)
              --max-sandboxes N           sandboxes that may exist besides the default one (default 1000)
              --sandbox-idle-timeout S    remove a created sandbox unused for S seconds (default 3600)
              --max-sandbox-rows N        rows a created sandbox may hold before its writes answer 507
                                          (default 100000; 0: no limit)
              --heap-limit-percent P      refuse writes (507 in each provider's shape) while more than P % of the
                                          heap's old generation, where stored data lives, is in use after
                                          garbage collection (default 90; the heap's size: STANDIN_MAX_HEAP
                                          for run.sh and the image, default 512m)
              --max-concurrent-requests N provider requests other than GET, HEAD and OPTIONS that compute at
                                          once, the others waiting their turn in arrival order (default: two
                                          per core; 0: no limit, the default with --database, where requests
                                          wait on the network)
              --validate-requests         strict mode: requests that break the API's OpenAPI document are
                                          answered 400 in the provider's shape before any handler runs
                                          (also per scenario: settings.validateRequests)
              --help                      print this and exit
            """;

    public static String usage() {
        StringBuilder ports = new StringBuilder();
        for (ProviderModule m : Providers.all()) {
            String option = String.format(Locale.ROOT, "  %-26s  ", Providers.portOption(m.name()) + " N");
            ports.append(option).append(m.hasOwnPort() ? m.title() + " (default " + m.defaultPort() + ")"
                    : "first of the " + m.title() + " (default " + m.defaultPort() + ", the next ones follow)").append('\n');
        }
        return USAGE.replace("%PORTS%\n", ports.toString());
    }

    /** The port to listen on for {@code api}: given explicitly, or its default plus the offset. */
    public int port(String api) {
        Integer explicit = explicitPorts.get(api);
        return explicit != null ? explicit : DEFAULT_PORTS.get(api) + portOffset;
    }

    public static Options parse(String[] args, Map<String, String> env) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Flag flag : FLAGS) {
            String fromEnv = env.get(flag.envName());
            if (fromEnv != null && !fromEnv.isBlank()) {
                values.put(flag.name, flag.repeatable ? Arrays.asList(fromEnv.split(",")) : List.of(fromEnv));
            }
        }
        Map<String, List<String>> fromArgs = new LinkedHashMap<>();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (arg.equals("--no-default-scenario") || arg.equals("--validate-requests")) {
                fromArgs.put(arg, List.of("true"));
                continue;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            Flag flag = Flag.byName(name);
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new StartupException(name + " needs a value");
                }
                value = args[++i];
            }
            fromArgs.computeIfAbsent(flag.name, k -> new ArrayList<>()).add(value);
        }
        values.putAll(fromArgs);
        return build(values, help);
    }

    private static Options build(Map<String, List<String>> v, boolean help) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (Flag flag : FLAGS) {
            if (flag.api != null && v.containsKey(flag.name)) {
                ports.put(flag.api, port(flag.name, last(v, flag.name)));
            }
        }
        int offset = v.containsKey("--port-offset") ? integer("--port-offset", last(v, "--port-offset"), 0, 60000) : 0;
        return new Options(
                v.getOrDefault("--scenario", List.of()).stream().map(String::trim).filter(s -> !s.isEmpty()).toList(),
                v.containsKey("--host") ? last(v, "--host") : "0.0.0.0",
                ports,
                offset,
                Optional.ofNullable(v.containsKey("--data-dir") ? Path.of(last(v, "--data-dir")) : null),
                v.containsKey("--clock") ? clock(last(v, "--clock")) : ClockMode.SYSTEM,
                Optional.ofNullable(v.containsKey("--start-time") ? instant(last(v, "--start-time")) : null),
                v.containsKey("--seed") ? longValue("--seed", last(v, "--seed")) : 1L,
                v.containsKey("--journal-size") ? integer("--journal-size", last(v, "--journal-size"), 0, 1_000_000) : 1000,
                v.containsKey("--max-body-size") ? integer("--max-body-size", last(v, "--max-body-size"), 1024, Integer.MAX_VALUE) : 10 * 1024 * 1024,
                v.containsKey("--idle-timeout") ? integer("--idle-timeout", last(v, "--idle-timeout"), 1, 3600) : 30,
                !v.containsKey("--no-default-scenario") || !Boolean.parseBoolean(last(v, "--no-default-scenario")),
                v.containsKey("--terminal-trusted-networks") ? networks(v.get("--terminal-trusted-networks")) : LOOPBACK,
                Optional.ofNullable(v.containsKey("--ports-file") ? Path.of(last(v, "--ports-file")) : null),
                Optional.ofNullable(v.containsKey("--control-token") ? last(v, "--control-token") : null).filter(t -> !t.isBlank()),
                v.containsKey("--max-sandboxes") ? integer("--max-sandboxes", last(v, "--max-sandboxes"), 0, 100_000) : 1000,
                v.containsKey("--sandbox-idle-timeout") ? integer("--sandbox-idle-timeout", last(v, "--sandbox-idle-timeout"), 1, 31_536_000) : 3600,
                v.containsKey("--max-sandbox-rows") ? integer("--max-sandbox-rows", last(v, "--max-sandbox-rows"), 0, 1_000_000_000) : 100_000,
                v.containsKey("--heap-limit-percent") ? integer("--heap-limit-percent", last(v, "--heap-limit-percent"), 1, 100) : 90,
                v.containsKey("--validate-requests") && Boolean.parseBoolean(last(v, "--validate-requests")),
                database(v),
                v.containsKey("--max-concurrent-requests") ? integer("--max-concurrent-requests", last(v, "--max-concurrent-requests"), 0, 10_000)
                        : v.containsKey("--database") ? 0 : 2 * Runtime.getRuntime().availableProcessors(),
                help);
    }

    /** An option: its flag, the API whose port it sets (or null), and whether it may be given more than once. */
    private record Flag(String name, String api, boolean repeatable) {
        String envName() {
            return "STANDIN_" + name.substring(2).replace('-', '_').toUpperCase(Locale.ROOT);
        }

        static Flag byName(String name) {
            for (Flag f : FLAGS) {
                if (f.name.equals(name)) {
                    return f;
                }
            }
            throw new StartupException("unknown option " + name + " (see --help)");
        }
    }

    /** Every option; one port option per provider, from {@link Providers}. */
    private static final List<Flag> FLAGS = flags();

    private static List<Flag> flags() {
        List<Flag> flags = new ArrayList<>(List.of(new Flag("--scenario", null, true), new Flag("--host", null, false),
                new Flag("--port-control", "control", false)));
        for (ProviderModule m : Providers.all()) {
            flags.add(new Flag(Providers.portOption(m.name()), m.name(), false));
        }
        for (String name : List.of("--port-offset", "--data-dir", "--clock", "--start-time", "--seed", "--journal-size",
                "--max-body-size", "--idle-timeout", "--no-default-scenario", "--ports-file", "--control-token", "--max-sandboxes",
                "--sandbox-idle-timeout", "--max-sandbox-rows", "--heap-limit-percent", "--validate-requests", "--database",
                "--max-concurrent-requests", "--database-user", "--database-password", "--database-pool", "--advertise-host")) {
            flags.add(new Flag(name, null, false));
        }
        flags.add(new Flag("--terminal-trusted-networks", null, true));
        return List.copyOf(flags);
    }

    private static Optional<Database.External> database(Map<String, List<String>> v) {
        if (!v.containsKey("--database")) {
            return Optional.empty();
        }
        String url = last(v, "--database");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new StartupException("--database must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database), was " + url);
        }
        if (v.containsKey("--data-dir")) {
            throw new StartupException("--database and --data-dir both say where the state lives: give one");
        }
        return Optional.of(new Database.External(url, v.containsKey("--database-user") ? last(v, "--database-user") : "standin",
                v.containsKey("--database-password") ? last(v, "--database-password") : "",
                v.containsKey("--database-pool") ? integer("--database-pool", last(v, "--database-pool"), 1, 1000) : 16,
                v.containsKey("--advertise-host") ? last(v, "--advertise-host") : null));
    }

    /** Where the default sandbox keeps its state. */
    public Database.Location location() {
        return new Database.Location(dataDir, database);
    }

    private static Map<String, Integer> defaultPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("control", 8080);
        for (ProviderModule m : Providers.all()) {
            ports.put(m.name(), m.defaultPort());
        }
        return Map.copyOf(ports);
    }

    private static String last(Map<String, List<String>> v, String name) {
        List<String> values = v.get(name);
        return values.get(values.size() - 1).trim();
    }

    private static int port(String name, String value) {
        return integer(name, value, 0, 65535);
    }

    private static int integer(String name, String value, int min, int max) {
        long n = longValue(name, value);
        if (n < min || n > max) {
            throw new StartupException(name + " must be between " + min + " and " + max + ", was " + value);
        }
        return (int) n;
    }

    private static long longValue(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new StartupException(name + " must be a whole number, was '" + value + "'");
        }
    }

    private static List<String> networks(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String value : values) {
            for (String cidr : value.split(",")) {
                String c = cidr.trim();
                if (c.isEmpty()) {
                    continue;
                }
                try {
                    dev.standin.core.http.Cidr.parse(c);
                } catch (IllegalArgumentException e) {
                    throw new StartupException("--terminal-trusted-networks: " + e.getMessage());
                }
                out.add(c);
            }
        }
        return List.copyOf(out);
    }

    private static ClockMode clock(String value) {
        try {
            return ClockMode.parse(value);
        } catch (IllegalArgumentException e) {
            throw new StartupException("--clock " + e.getMessage());
        }
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new StartupException("--start-time must be an ISO-8601 instant such as 2026-01-01T00:00:00Z, was '" + value + "'");
        }
    }
}
