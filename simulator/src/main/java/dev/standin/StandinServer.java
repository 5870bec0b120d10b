package dev.standin;

import dev.standin.core.Simulation;
import dev.standin.core.clock.Scheduler;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.control.ControlApi;
import dev.standin.core.http.HttpServerFactory;
import dev.standin.core.http.RequestJournal;
import dev.standin.core.id.Ids;
import dev.standin.core.provider.ProviderContext;
import dev.standin.core.provider.ProviderModule;
import dev.standin.core.rules.RuleEngine;
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
        List<Simulation.Source> sources = readScenarios(options.scenarios());
        VirtualClock clock = new VirtualClock(options.clock(), options.startTime().orElse(null));
        Database database = Database.connect(options.dataDir());
        ExecutorService startup = Executors.newFixedThreadPool(2, r -> new Thread(r, "standin-startup"));
        Future<?> migrated = startup.submit(database::migrate);

        Ids ids = new Ids(options.seed());
        Scheduler scheduler = new Scheduler(clock, 100_000);
        List<ProviderModule> modules = Providers.all();
        ScenarioRegistry registry = new ScenarioRegistry();
        Map<String, SeedCheck> seedChecks = new LinkedHashMap<>();
        modules.forEach(m -> seedChecks.put(m.name(), m.seedCheck()));
        RuleEngine rules = new RuleEngine(ids.stream("rules"));
        WebhookDelivery webhooks = new WebhookDelivery(clock, scheduler, rules, () -> new WebhookPolicy(
                registry.setting("webhooks", "ackTimeout", WebhookPolicy.DEFAULT.ackTimeout()),
                registry.settings("webhooks", "retryDelays", WebhookPolicy.DEFAULT.retryDelays()),
                WebhookPolicy.DEFAULT.signer()));
        Simulation simulation = new Simulation(modules, registry, new ScenarioParser(seedChecks, registry),
                database, clock, scheduler, ids, rules, webhooks);
        Future<?> parsed = startup.submit(() -> simulation.parseAtStart(sources));
        modules.forEach(m -> m.init(new ProviderContext(clock, scheduler, ids.stream(m.name()), database, registry, rules, webhooks)));

        StandinServer server = new StandinServer(database, scheduler, simulation);
        try {
            RequestJournal journal = new RequestJournal(options.journalSize());
            HttpServerFactory http = new HttpServerFactory(new HttpServerFactory.Settings(
                    options.host(), options.maxBodyBytes(), journal, clock, () -> server.serving));
            ControlApi control = new ControlApi(simulation, clock, scheduler, journal, webhooks,
                    () -> server.serving, () -> server.ports, version());
            server.listen("control", options.port("control"),
                    http.create("control", ControlApi.errors(), ids.stream(CORE_STREAM), false, control), options.host());
            for (ProviderModule module : modules) {
                RuleFilter filter = new RuleFilter(rules, module.name(), module.errors(), module::tenant, scheduler, clock,
                        webhooks::sendFromRule);
                server.listen(module.name(), options.port(module.name()),
                        http.create(module.name(), module.errors(), ids.stream(module.name()), true, filter, module.routes()), options.host());
            }
            long tHttp = System.nanoTime();
            await(migrated);
            long epoch = database.meta("starts").map(Long::parseLong).orElse(-1L) + 1;
            database.meta("starts", Long.toString(epoch));
            ids.epoch(epoch);
            long tDatabase = System.nanoTime();
            await(parsed);
            simulation.seedAtStart();
            scheduler.start();
            server.serving = true;
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

    private void listen(String name, int port, Javalin app, String host) {
        app.start(host, port);
        servers.add(app);
        ports.put(name, app.port());
        String shownHost = host.equals("0.0.0.0") ? "localhost" : host;
        LOG.info("{} listening on http://{}:{}", String.format("%-12s", name), shownHost, app.port());
    }

    /** The port each API actually listens on (useful when started with port 0). */
    public int port(String name) {
        return (Integer) ports.get(name);
    }

    public Map<String, Object> ports() {
        return Map.copyOf(ports);
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
        for (Javalin app : servers.reversed()) {
            app.stop();
        }
        scheduler.close();
        database.close();
    }

    private static List<Simulation.Source> readScenarios(List<String> files) {
        if (files.isEmpty()) {
            try (InputStream in = StandinServer.class.getClassLoader().getResourceAsStream(DEFAULT_SCENARIO)) {
                if (in == null) {
                    throw new IllegalStateException(DEFAULT_SCENARIO + " is missing from the jar");
                }
                return List.of(new Simulation.Source(DEFAULT_SCENARIO, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the built-in " + DEFAULT_SCENARIO, e);
            }
        }
        List<Simulation.Source> sources = new ArrayList<>();
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
