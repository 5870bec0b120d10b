package dev.standin;

import dev.standin.core.http.ApiError;
import dev.standin.core.http.HttpServerFactory;
import dev.standin.core.id.IdGenerator;
import dev.standin.core.provider.Listener;
import dev.standin.core.provider.ProviderModule;
import dev.standin.core.sandbox.Sandbox;
import dev.standin.core.sandbox.Sandboxes;
import io.javalin.Javalin;
import io.javalin.util.JavalinBindException;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The servers sandboxes declare through their scenarios (one per card terminal), started and stopped
 * as scenarios load and unload. The default sandbox's take the provider's base port plus their
 * position (or the port they name); a created sandbox's take free ports. A port in use is an error
 * (exit code 1 at start, 409 PORT_IN_USE at runtime), never a silent move. All of them share one
 * thread pool, so a thousand sandboxes' terminals do not cost a thousand pools.
 */
final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    /** Device servers cost one selector thread each, plus the threads serving requests. */
    private static final int MAX_THREADS = 4000;

    private final HttpServerFactory http;
    private final Options options;
    private final IdGenerator correlationIds;
    private final QueuedThreadPool pool;
    private final ScheduledExecutorScheduler timer = new ScheduledExecutorScheduler("standin-devices-timer", true);
    /** sandbox id, then "provider/id", then the running server. */
    private final Map<String, Map<String, Javalin>> running = new LinkedHashMap<>();

    Listeners(HttpServerFactory http, Options options, IdGenerator correlationIds) {
        this.http = http;
        this.options = options;
        this.correlationIds = correlationIds;
        this.pool = new QueuedThreadPool(MAX_THREADS, 8, 60_000);
        this.pool.setName("standin-devices");
        // every thread idle for a minute ends (Jetty ends one per minute otherwise: after 500 sandboxes
        // were removed, their 500 selector threads would have taken eight hours to go)
        this.pool.setMaxEvictCount(MAX_THREADS);
        try {
            this.pool.start(); // started before any server, so that no server stops it when it stops
            this.timer.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the device servers' thread pool", e);
        }
    }

    /** Starts the servers the sandbox's scenarios declare now and stops those no longer declared. */
    synchronized void reconcile(Sandbox sandbox) {
        boolean isDefault = sandbox.id().equals(Sandboxes.DEFAULT);
        Map<String, Javalin> mine = running.computeIfAbsent(sandbox.id(), k -> new LinkedHashMap<>());
        for (ProviderModule module : sandbox.modules()) {
            List<Listener> wanted = module.listeners();
            Set<String> keep = new HashSet<>();
            int base = isDefault ? options.port(module.name()) : 0;
            for (int i = 0; i < wanted.size(); i++) {
                Listener l = wanted.get(i);
                String key = module.name() + "/" + l.id();
                keep.add(key);
                if (!mine.containsKey(key)) {
                    int port = isDefault && l.port() != null ? l.port() : base == 0 ? 0 : base + i;
                    mine.put(key, start(sandbox, module, key, port, l));
                }
            }
            mine.entrySet().removeIf(e -> {
                if (e.getKey().startsWith(module.name() + "/") && !keep.contains(e.getKey())) {
                    e.getValue().stop();
                    return true;
                }
                return false;
            });
        }
    }

    private Javalin start(Sandbox sandbox, ProviderModule module, String key, int port, Listener l) {
        Javalin app = http.create(key, module.name(), module.errors(), correlationIds, ctx -> sandbox, l.routes(), module.json(), module.openApiDocument(),
                new HttpServerFactory.Shared(pool, timer), port);
        try {
            app.start();
        } catch (JavalinBindException e) {
            app.stop();
            throw new ApiError(409, "PORT_IN_USE", "Port " + port + " for " + key + " is already in use", "port", null);
        } catch (RuntimeException e) { // e.g. the shared pool has no thread left for another selector
            app.stop();
            throw new ApiError(507, "NO_CAPACITY", "No capacity left for another device server (" + key + "): "
                    + e.getMessage() + "; delete sandboxes or declare fewer terminals", null, null);
        }
        LOG.info("{} listening on http://{}:{}{}", String.format("%-12s", key),
                options.host().equals("0.0.0.0") ? "localhost" : options.host(), app.port(),
                sandbox.id().equals(Sandboxes.DEFAULT) ? "" : " (sandbox " + sandbox.id() + ")");
        return app;
    }

    /** A running device server of a sandbox by its key ({@code terminals/terminal-1}), or null. */
    synchronized Javalin find(String sandbox, String key) {
        return running.getOrDefault(sandbox, Map.of()).get(key);
    }

    synchronized void stopAll(Sandbox sandbox) {
        Map<String, Javalin> mine = running.remove(sandbox.id());
        if (mine != null) {
            mine.values().forEach(Javalin::stop);
        }
    }

    synchronized void stopAll() {
        running.values().forEach(m -> m.values().forEach(Javalin::stop));
        running.clear();
        try {
            pool.stop();
            timer.stop();
        } catch (Exception ignored) {
            // stopping anyway
        }
    }

    synchronized int port(String sandboxId, String provider, String id) {
        Javalin app = running.getOrDefault(sandboxId, Map.of()).get(provider + "/" + id);
        if (app == null) {
            throw new IllegalArgumentException("no listener " + provider + "/" + id + " in sandbox " + sandboxId);
        }
        return app.port();
    }

    /** Each running listener's port by "provider/id". */
    synchronized Map<String, Integer> ports(String sandboxId) {
        Map<String, Integer> out = new LinkedHashMap<>();
        running.getOrDefault(sandboxId, Map.of()).forEach((key, app) -> out.put(key, app.port()));
        return out;
    }

    /** As /_sim/info shows them: per provider, a list of {id, port}. */
    synchronized Map<String, Object> shown(String sandboxId) {
        Map<String, Object> out = new LinkedHashMap<>();
        running.getOrDefault(sandboxId, Map.of()).forEach((key, app) -> {
            String provider = key.substring(0, key.indexOf('/'));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> list = (List<Map<String, Object>>) out.computeIfAbsent(provider, k -> new ArrayList<>());
            list.add(Map.of("id", key.substring(key.indexOf('/') + 1), "port", app.port()));
        });
        return out;
    }
}
