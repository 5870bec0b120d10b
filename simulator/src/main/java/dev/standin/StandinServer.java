package dev.standin;

import dev.standin.core.Simulation;
import dev.standin.core.clock.Scheduler;
import dev.standin.core.control.ControlApi;
import dev.standin.core.http.Admission;
import dev.standin.core.http.Cidr;
import dev.standin.core.http.HttpServerFactory;
import dev.standin.core.id.IdGenerator;
import dev.standin.core.provider.ProviderModule;
import dev.standin.core.sandbox.Sandbox;
import dev.standin.core.sandbox.SandboxRequest;
import dev.standin.core.sandbox.Sandboxes;
import dev.standin.core.store.HeapGuard;
import dev.standin.core.scenario.ScenarioException;
import io.javalin.Javalin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The whole simulator: the sandboxes (the default one from the options, others created through the
 * control API), every provider on its own port (a request finds its sandbox by its credentials), each
 * sandbox's declared device servers on ports of their own, and the control API on its own port.
 */
public final class StandinServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StandinServer.class);
    private static final String DEFAULT_SCENARIO = "scenarios/default.yaml";

    private final Options options;
    private final Sandboxes sandboxes;
    private final HttpServerFactory http;
    private final IdGenerator correlationIds;
    private final Listeners listeners;
    private final List<Javalin> servers = new ArrayList<>();
    private final Map<String, Object> ports = new LinkedHashMap<>();
    private final Map<String, Javalin> apps = new LinkedHashMap<>();
    private final ScheduledExecutorService reaper;
    /** What every sandbox gets unless its creation request says otherwise: the server's own options. */
    private final SandboxRequest.Defaults defaults;
    private volatile boolean serving;

    private StandinServer(Options options, Sandboxes sandboxes, SandboxRequest.Defaults defaults) {
        this.options = options;
        this.sandboxes = sandboxes;
        this.http = new HttpServerFactory(new HttpServerFactory.Settings(options.host(), options.maxBodyBytes(), () -> serving,
                options.idleTimeoutSeconds() * 1000L, options.validateRequests(), Admission.of(options.maxConcurrentRequests())));
        this.correlationIds = new IdGenerator(options.seed(), "correlation", 0);
        this.defaults = defaults;
        this.listeners = new Listeners(http, options, correlationIds);
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "standin-sandbox-reaper");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts everything; a bad scenario throws {@link StartupException} naming file, line and field.
     * Provider ports answer 503 and health says STARTING until all of it is done.
     */
    public static StandinServer start(Options options) {
        long t0 = System.nanoTime();
        HttpServerFactory.withoutJmx(); // in-process servers (the JUnit 5 extension's) too, not only the jar's
        List<Simulation.Source> sources = readScenarios(options.scenarios(), options.defaultScenario());
        Sandboxes sandboxes = new Sandboxes(Providers::all, options.maxSandboxes(), Duration.ofSeconds(options.sandboxIdleSeconds()),
                new HeapGuard(options.heapLimitPercent()));
        SandboxRequest.Defaults d = new SandboxRequest.Defaults(options.clock(), options.startTime().orElse(null), options.seed(),
                options.journalSize(), Cidr.parseAll(options.terminalTrustedNetworks()), options.maxSandboxRows());
        // the default sandbox opens (database, scenarios, seed) while the HTTP servers start (from here on:
        // the sandbox is the longer path); they answer 503 in each API's shape until it is open
        List<ProviderModule> modules = Providers.all();
        java.util.concurrent.ExecutorService startup = Executors.newSingleThreadExecutor(r -> new Thread(r, "standin-startup"));
        java.util.concurrent.Future<Sandbox> opening = startup.submit(() -> sandboxes.openDefault(new Sandbox.Spec(Sandboxes.DEFAULT,
                Sandboxes.DEFAULT, null, d.clockMode(), d.start(), d.seed(), options.location(), sources, d.journalSize(),
                d.trustedNetworks(), 0), modules));
        startup.shutdown();
        StandinServer server = new StandinServer(options, sandboxes, d);
        try {
            server.listen("control", options.port("control"), server.http.create("control", ControlApi.errors(), server.correlationIds,
                    new ControlApi(sandboxes, modules, () -> server.serving, server::ports, version(), options.controlToken().orElse(null),
                            server::createSandbox, server.http.settings().admission())));
            for (ProviderModule module : modules) {
                if (module.hasOwnPort()) {
                    // one server per provider for every sandbox: the routes run on the instance of the request's sandbox
                    server.listen(module.name(), options.port(module.name()), server.http.create(module.name(), module.name(),
                            error -> module.errors().answer(error), server.correlationIds,
                            ctx -> sandboxes.byCredential(module.name(), module.credential(ctx)), module.routes(),
                            module.json(), module.openApiDocument()));
                }
            }
            long tHttp = System.nanoTime();
            Sandbox defaultSandbox = await(opening);
            long tSandbox = System.nanoTime();
            sandboxes.onChange(server::opened, server::closed);
            server.opened(defaultSandbox);
            server.reaper.scheduleWithFixedDelay(() -> server.quietly("removing idle sandboxes", sandboxes::removeIdle), 30, 30, TimeUnit.SECONDS);
            long sync = Sandboxes.SYNC_PERIOD.toMillis(); // on a shared database: follow removals by other instances
            server.reaper.scheduleWithFixedDelay(() -> server.quietly("following other instances' sandboxes", sandboxes::sync), sync, sync,
                    TimeUnit.MILLISECONDS);
            defaultSandbox.instances().ifPresent(instances -> server.join(instances, options));
            server.serving = true;
            options.portsFile().ifPresent(server::writePorts);
            LOG.info("ready in {} ms (http up at {} ms, default sandbox open at {} ms)", millis(t0, System.nanoTime()),
                    millis(t0, tHttp), millis(t0, tSandbox));
        } catch (ScenarioException e) {
            server.close();
            throw new StartupException("invalid scenario:\n" + e.getMessage());
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Waits for the default sandbox, rethrowing what opening it threw (a ScenarioException for a bad scenario). */
    private static Sandbox await(java.util.concurrent.Future<Sandbox> opening) {
        try {
            return opening.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    /** A sandbox created through the control API, from the request's scenarios, clock and seed. */
    private Sandbox createSandbox(com.fasterxml.jackson.databind.JsonNode request) {
        return sandboxes.create(SandboxRequest.spec(request, sandboxes.nextId(), defaults, sandboxes.defaultSandbox().modules(),
                StandinServer::shipped));
    }

    /** A sandbox was opened: its declared device servers start, and follow its scenarios from now on. */
    private void opened(Sandbox sandbox) {
        sandbox.simulation().onScenariosChanged(() -> listeners.reconcile(sandbox));
        listeners.reconcile(sandbox);
    }

    private void closed(Sandbox sandbox) {
        listeners.stopAll(sandbox);
    }

    private synchronized void listen(String name, int port, Javalin app) {
        servers.add(app);
        apps.put(name, app);
        app.start(options.host(), port);
        ports.put(name, app.port());
        String shownHost = options.host().equals("0.0.0.0") ? "localhost" : options.host();
        LOG.info("{} listening on http://{}:{}", String.format("%-12s", name), shownHost, app.port());
    }

    /** Writes {@code name=port} lines for every API listening (terminals as terminals/id=port), for health checks and scripts. */
    private void writePorts(Path file) {
        StringBuilder out = new StringBuilder();
        ports(sandboxes.defaultSandbox()).forEach((name, port) -> {
            if (port instanceof Integer p) {
                out.append(name).append('=').append(p).append('\n');
            }
        });
        listeners.ports(Sandboxes.DEFAULT).forEach((key, port) -> out.append(key).append('=').append(port).append('\n'));
        try {
            Files.writeString(file, out.toString());
        } catch (IOException e) {
            throw new StartupException("--ports-file " + file + ": cannot be written (" + e.getMessage() + ")");
        }
    }

    /**
     * The routes an API's server serves ("GET /v1/payees/{payeeId}"), from its router: what its
     * OpenAPI document must describe (the route-coverage test compares the two); a device server by its
     * key, e.g. "terminals/terminal-1".
     */
    public synchronized List<String> routes(String name) {
        Javalin app = apps.containsKey(name) ? apps.get(name) : listeners.find(Sandboxes.DEFAULT, name);
        if (app == null) {
            throw new IllegalArgumentException("no API named " + name);
        }
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .filter(e -> e.endpoint.method.isHttpMethod())
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path)
                .distinct().sorted().toList();
    }

    /** The port each API actually listens on (useful when started with port 0). */
    public synchronized int port(String name) {
        return (Integer) ports.get(name);
    }

    /** What {@code /_sim/info} answers for the default sandbox. */
    public com.fasterxml.jackson.databind.JsonNode info() {
        Sandbox sandbox = sandboxes.defaultSandbox();
        return dev.standin.core.json.Json.mapper().valueToTree(ControlApi.info(sandbox, ports(sandbox), version()));
    }

    /** The ports a sandbox is served on: the shared API ports, and its own device servers by provider. */
    public Map<String, Object> ports(Sandbox sandbox) {
        Map<String, Object> out;
        synchronized (this) {
            out = new LinkedHashMap<>(ports);
        }
        out.putAll(listeners.shown(sandbox.id()));
        return out;
    }

    /** The port of one declared listener of the default sandbox, e.g. {@code listenerPort("terminals", "terminal-1")}. */
    public int listenerPort(String provider, String id) {
        return listenerPort(Sandboxes.DEFAULT, provider, id);
    }

    public int listenerPort(String sandboxId, String provider, String id) {
        return listeners.port(sandboxId, provider, id);
    }

    public Sandboxes sandboxes() {
        return sandboxes;
    }

    public Simulation simulation() {
        return sandboxes.defaultSandbox().simulation();
    }

    public Scheduler scheduler() {
        return sandboxes.defaultSandbox().scheduler();
    }

    /** Registers this instance among those sharing the database, where their control APIs find it, and keeps its row alive. */
    private void join(dev.standin.core.store.InstanceRegistry instances, Options options) {
        String host = options.database().map(dev.standin.core.store.Database.External::advertiseHost).orElse(null);
        if (host == null) {
            host = options.host().equals("0.0.0.0") || options.host().equals("::") ? localName() : options.host();
        }
        instances.register("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port("control"));
        reaper.scheduleWithFixedDelay(() -> {
            try {
                instances.heartbeat();
            } catch (RuntimeException e) { // the database away for a moment: the next beat tries again
                LOG.warn("instance heartbeat failed: {}", e.getMessage());
            }
        }, 2, 2, TimeUnit.SECONDS);
    }

    /** Runs a periodic task so that a failure (the database away for a moment) is logged and the next run still happens. */
    private void quietly(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("{} failed: {}", what, e.getMessage());
        }
    }

    private static String localName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "127.0.0.1";
        }
    }

    /** How many provider requests compute at once (--max-concurrent-requests), the control API's simulations included. */
    public Admission admission() {
        return http.settings().admission();
    }

    /** Whether the server answers requests (false once {@link #close} began). */
    public boolean serving() {
        return serving;
    }

    @Override
    public void close() {
        serving = false;
        reaper.shutdownNow();
        try {
            sandboxes.defaultSandbox().instances().ifPresent(dev.standin.core.store.InstanceRegistry::leave);
        } catch (RuntimeException e) { // not open yet, or the database gone: its row ages out
            LOG.debug("leaving the instance registry: {}", e.getMessage());
        }
        listeners.stopAll();
        synchronized (this) {
            for (Javalin app : servers.reversed()) {
                app.stop();
            }
        }
        sandboxes.close();
    }

    /** The text of a scenario shipped in the jar, by name ("default", "velo-partial-failure"). */
    static Optional<String> shipped(String name) {
        return dev.standin.core.scenario.ShippedScenarios.text(name);
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
            sources.add(new Simulation.Source(DEFAULT_SCENARIO, shipped("default")
                    .orElseThrow(() -> new IllegalStateException(DEFAULT_SCENARIO + " is missing from the jar"))));
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
