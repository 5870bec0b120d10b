package dev.standin;

import dev.standin.core.Simulation;
import dev.standin.core.clock.Scheduler;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.control.ControlApi;
import dev.standin.core.http.HttpServerFactory;
import dev.standin.core.http.RequestJournal;
import dev.standin.core.id.Ids;
import dev.standin.core.provider.Listener;
import dev.standin.core.provider.ProviderContext;
import dev.standin.core.provider.ProviderModule;
import dev.standin.core.rules.RuleEngine;
import dev.standin.core.rules.RuleEvent;
import dev.standin.core.rules.RuleEventCheck;
import dev.standin.core.rules.RuleFilter;
import dev.standin.core.webhooks.WebhookDelivery;
import dev.standin.core.webhooks.WebhookPolicy;
import dev.standin.core.scenario.ScenarioException;
import dev.standin.core.scenario.ScenarioParser;
import dev.standin.core.scenario.ScenarioRegistry;
import dev.standin.core.scenario.SeedCheck;
import dev.standin.core.store.Database;
import io.javalin.Javalin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The whole simulator: the core, every provider on its own port and the control API on its own. */
public final class StandinServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StandinServer.class);
    private static final String DEFAULT_SCENARIO = "scenarios/default.yaml";
    private static final String CORE_STREAM = "core";

    private final Database database;
    private final Scheduler scheduler;
    private final Simulation simulation;
    private final List<Javalin> servers = new ArrayList<>();
    private final Map<String, Object> ports = new LinkedHashMap<>();
    private final Map<String, RuleFilter> filters = new LinkedHashMap<>();
    private final Map<String, Javalin> listeners = new LinkedHashMap<>();
    private HttpServerFactory http;
    private Options options;
    private Ids ids;
    private volatile boolean serving;

    private StandinServer(Database database, Scheduler scheduler, Simulation simulation) {
        this.database = database;
        this.scheduler = scheduler;
        this.simulation = simulation;
    }

    /**
     * Starts everything; a bad scenario throws {@link StartupException} naming file, line and field.
     * The database migrations and the scenario parsing run in parallel with starting the HTTP
     * servers; provider ports answer 503 and health says STARTING until all of it is done.
     */
    public static StandinServer start(Options options) {
        long t0 = System.nanoTime();
        List<Simulation.Source> sources = readScenarios(options.scenarios(), options.defaultScenario());
        VirtualClock clock = new VirtualClock(options.clock(), options.startTime().orElse(null));
        Database database = Database.connect(options.dataDir());
        ExecutorService startup = Executors.newFixedThreadPool(2, r -> new Thread(r, "standin-startup"));
        Future<?> migrated = startup.submit(database::migrate);

        Ids ids = new Ids(options.seed());
        Scheduler scheduler = new Scheduler(clock, 100_000, new dev.standin.core.store.StoredSteps(database));
        List<ProviderModule> modules = Providers.all();
        ScenarioRegistry registry = new ScenarioRegistry();
        Map<String, SeedCheck> seedChecks = new LinkedHashMap<>();
        modules.forEach(m -> seedChecks.put(m.name(), m.seedCheck()));
        Map<String, List<RuleEvent>> ruleEvents = new LinkedHashMap<>();
        modules.forEach(m -> ruleEvents.put(m.name(), m.ruleEvents()));
        RuleEventCheck eventCheck = new RuleEventCheck(ruleEvents, List.of(WebhookDelivery.RULE_EVENT));
        RuleEngine rules = new RuleEngine(ids.stream("rules"));
        WebhookDelivery webhooks = new WebhookDelivery(clock, scheduler, rules, () -> new WebhookPolicy(
                registry.setting("webhooks", "ackTimeout", WebhookPolicy.DEFAULT.ackTimeout()),
                registry.settings("webhooks", "retryDelays", WebhookPolicy.DEFAULT.retryDelays()),
                WebhookPolicy.DEFAULT.signer()));
        Simulation simulation = new Simulation(modules, registry, new ScenarioParser(seedChecks, eventCheck, registry),
                database, clock, scheduler, ids, rules, webhooks);
        Future<?> parsed = startup.submit(() -> simulation.parseAtStart(sources));
        modules.forEach(m -> m.init(new ProviderContext(clock, scheduler, ids.stream(m.name()), database, registry, rules, webhooks,
                dev.standin.core.http.Cidr.parseAll(options.terminalTrustedNetworks()))));

        StandinServer server = new StandinServer(database, scheduler, simulation);
        try {
            RequestJournal journal = new RequestJournal(options.journalSize());
            HttpServerFactory http = new HttpServerFactory(new HttpServerFactory.Settings(
                    options.host(), options.maxBodyBytes(), journal, clock, () -> server.serving, options.idleTimeoutSeconds() * 1000L));
            ControlApi control = new ControlApi(simulation, clock, scheduler, journal, webhooks,
                    () -> server.serving, server::ports, version());
            server.listen("control", options.port("control"),
                    http.create("control", ControlApi.errors(), ids.stream(CORE_STREAM), false, control), options.host());
            for (ProviderModule module : modules) {
                RuleFilter filter = new RuleFilter(rules, module.name(), module.errors(), module::tenant, scheduler, clock,
                        webhooks::sendFromRule);
                server.filters.put(module.name(), filter);
                if (module.hasOwnPort()) {
                    server.listen(module.name(), options.port(module.name()),
                            http.create(module.name(), module.errors(), ids.stream(module.name()), true, filter, module.routes()), options.host());
                }
            }
            server.http = http;
            server.options = options;
            server.ids = ids;
            simulation.onScenariosChanged(server::reconcileListeners);
            long tHttp = System.nanoTime();
            await(migrated);
            long epoch = database.meta("starts").map(Long::parseLong).orElse(-1L) + 1;
            database.meta("starts", Long.toString(epoch));
            ids.epoch(epoch);
            long tDatabase = System.nanoTime();
            await(parsed);
            simulation.seedAtStart();
            server.reconcileListeners();
            int restored = scheduler.restore();
            if (restored > 0) {
                LOG.info("{} pending steps from before the restart are scheduled again", restored);
            }
            scheduler.start();
            server.serving = true;
            options.portsFile().ifPresent(server::writePorts);
            LOG.info("ready in {} ms (http up at {} ms, database at {} ms, scenarios seeded at {} ms)",
                    millis(t0, System.nanoTime()), millis(t0, tHttp), millis(t0, tDatabase), millis(t0, System.nanoTime()));
        } catch (ScenarioException e) {
            server.close();
            throw new StartupException("invalid scenario:\n" + e.getMessage());
        } catch (RuntimeException e) {
            server.close();
            throw e;
        } finally {
            startup.shutdownNow();
        }
        return server;
    }

    /** Waits for a start-up task, rethrowing what it threw. */
    private static void await(Future<?> task) {
        try {
            task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    /**
     * Starts the servers the loaded scenarios declare (e.g. card terminals) and stops those no longer
     * declared. A listener without a port takes its provider's base port plus its position in the declared list.
     */
    private synchronized void reconcileListeners() {
        for (ProviderModule module : simulation.modules()) {
            List<Listener> wanted = module.listeners();
            if (wanted.isEmpty() && module.hasOwnPort()) {
                continue;
            }
            java.util.Set<String> keep = new java.util.HashSet<>();
            List<Map<String, Object>> shown = new ArrayList<>();
            int base = options.port(module.name());
            for (int i = 0; i < wanted.size(); i++) {
                Listener l = wanted.get(i);
                String key = module.name() + "/" + l.id();
                keep.add(key);
                Javalin app = listeners.get(key);
                if (app == null) {
                    // a listener without a port of its own takes the provider's base port plus its position; a port in
                    // use is an error (exit code 1 at start, 409 PORT_IN_USE at runtime), never a silent move elsewhere
                    int port = l.port() != null ? l.port() : base == 0 ? 0 : base + i;
                    app = http.create(key, module.errors(), ids.stream(module.name()), true, filters.get(module.name()), l.routes());
                    try {
                        app.start(options.host(), port);
                    } catch (io.javalin.util.JavalinBindException e) {
                        app.stop();
                        throw new dev.standin.core.http.ApiError(409, "PORT_IN_USE",
                                "Port " + port + " for " + key + " is already in use", "port", null);
                    }
                    listeners.put(key, app);
                    LOG.info("{} listening on http://{}:{}", String.format("%-12s", key),
                            options.host().equals("0.0.0.0") ? "localhost" : options.host(), app.port());
                }
                shown.add(Map.of("id", l.id(), "port", app.port()));
            }
            listeners.entrySet().removeIf(e -> {
                if (e.getKey().startsWith(module.name() + "/") && !keep.contains(e.getKey())) {
                    e.getValue().stop();
                    return true;
                }
                return false;
            });
            ports.put(module.name(), shown);
        }
    }

    private synchronized void listen(String name, int port, Javalin app, String host) {
        app.start(host, port);
        servers.add(app);
        ports.put(name, app.port());
        String shownHost = host.equals("0.0.0.0") ? "localhost" : host;
        LOG.info("{} listening on http://{}:{}", String.format("%-12s", name), shownHost, app.port());
    }

    /** Writes {@code name=port} lines for every API listening (terminals as terminals/id=port), for health checks and scripts. */
    private synchronized void writePorts(Path file) {
        StringBuilder out = new StringBuilder();
        ports.forEach((name, port) -> {
            if (port instanceof Integer p) {
                out.append(name).append('=').append(p).append('\n');
            }
        });
        listeners.forEach((key, app) -> out.append(key).append('=').append(app.port()).append('\n'));
        try {
            Files.writeString(file, out.toString());
        } catch (IOException e) {
            throw new StartupException("--ports-file " + file + ": cannot be written (" + e.getMessage() + ")");
        }
    }

    /** The port each API actually listens on (useful when started with port 0). */
    public synchronized int port(String name) {
        return (Integer) ports.get(name);
    }

    public synchronized Map<String, Object> ports() {
        return new LinkedHashMap<>(ports);
    }

    /** The port of one declared listener, e.g. {@code listenerPort("terminals", "terminal-1")}. */
    public synchronized int listenerPort(String provider, String id) {
        Javalin app = listeners.get(provider + "/" + id);
        if (app == null) {
            throw new IllegalArgumentException("no listener " + provider + "/" + id);
        }
        return app.port();
    }

    public Simulation simulation() {
        return simulation;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public void close() {
        serving = false;
        synchronized (this) {
            listeners.values().forEach(Javalin::stop);
            listeners.clear();
        }
        for (Javalin app : servers.reversed()) {
            app.stop();
        }
        scheduler.close();
        database.close();
    }

    /**
     * The start-up scenarios: the built-in default one (unless turned off, or a given file is itself
     * named default.yaml and so replaces it), then the given files in order. Failure scenarios build
     * on the default one's tenants, so loading one alone still gives credentials that work.
     */
    private static List<Simulation.Source> readScenarios(List<String> files, boolean withDefault) {
        List<Simulation.Source> sources = new ArrayList<>();
        boolean replaced = files.stream().anyMatch(f -> Path.of(f).getFileName() != null
                && Path.of(f).getFileName().toString().equals("default.yaml"));
        if (withDefault && !replaced) {
            try (InputStream in = StandinServer.class.getClassLoader().getResourceAsStream(DEFAULT_SCENARIO)) {
                if (in == null) {
                    throw new IllegalStateException(DEFAULT_SCENARIO + " is missing from the jar");
                }
                sources.add(new Simulation.Source(DEFAULT_SCENARIO, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the built-in " + DEFAULT_SCENARIO, e);
            }
        }
        for (String file : files) {
            try {
                sources.add(new Simulation.Source(file, Files.readString(Path.of(file))));
            } catch (NoSuchFileException e) {
                throw new StartupException("--scenario " + file + ": no such file");
            } catch (IOException e) {
                throw new StartupException("--scenario " + file + ": cannot be read (" + e.getMessage() + ")");
            }
        }
        return sources;
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private static String version() {
        String v = StandinServer.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
