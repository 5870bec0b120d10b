package dev.standin;

import dev.standin.core.http.ApiError;
import dev.standin.core.http.DeviceHost;
import dev.standin.core.http.HttpServerFactory;
import dev.standin.core.http.RequestScope;
import dev.standin.core.id.IdGenerator;
import dev.standin.core.provider.Listener;
import dev.standin.core.provider.ProviderModule;
import dev.standin.core.sandbox.Sandbox;
import dev.standin.core.sandbox.Sandboxes;
import io.javalin.Javalin;
import io.javalin.http.Context;
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
import java.util.concurrent.ConcurrentHashMap;

/**
 * The devices sandboxes declare through their scenarios (one per card terminal), listening as scenarios
 * load and unload. The default sandbox's take the provider's base port plus their position (or the port
 * they name); a created sandbox's take free ports. A port in use is an error (exit code 1 at start, 409
 * PORT_IN_USE at runtime), never a silent move. One server per provider holds every sandbox's devices,
 * each on a port of its own, all served by one selector thread ({@link DeviceHost}); the port a request
 * came to names its device and so its sandbox. They run on one thread pool.
 */
final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    /** The threads serving requests to devices (one selector thread serves them all). */
    private static final int MAX_THREADS = 4000;

    /** A listening device: its sandbox, its key ("terminals/terminal-1") and its port. */
    private record Device(Sandbox sandbox, String key, int port) {
    }

    private final HttpServerFactory http;
    private final Options options;
    private final IdGenerator correlationIds;
    private final QueuedThreadPool pool;
    private final ScheduledExecutorScheduler timer = new ScheduledExecutorScheduler("standin-devices-timer", true);
    /** sandbox id, then "provider/id", then the device. */
    private final Map<String, Map<String, Device>> running = new LinkedHashMap<>();
    /** Every listening device by its port: how a request finds its device and sandbox. */
    private final Map<Integer, Device> byPort = new ConcurrentHashMap<>();
    /** Each provider's one server of devices, once its first device listens. */
    private final Map<String, DeviceHost> hosts = new LinkedHashMap<>();

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

    /** Starts the devices the sandbox's scenarios declare now and stops those no longer declared. */
    synchronized void reconcile(Sandbox sandbox) {
        boolean isDefault = sandbox.id().equals(Sandboxes.DEFAULT);
        Map<String, Device> mine = running.computeIfAbsent(sandbox.id(), k -> new LinkedHashMap<>());
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
                    mine.put(key, start(sandbox, module, key, port));
                }
            }
            mine.entrySet().removeIf(e -> {
                if (e.getKey().startsWith(module.name() + "/") && !keep.contains(e.getKey())) {
                    stop(e.getValue());
                    return true;
                }
                return false;
            });
        }
    }

    private Device start(Sandbox sandbox, ProviderModule module, String key, int port) {
        DeviceHost host = hosts.get(module.name());
        int bound;
        try {
            if (host == null) {
                host = open(sandbox, module, key, port);
                hosts.put(module.name(), host);
                bound = host.firstPort();
            } else {
                bound = host.add(port);
            }
        } catch (JavalinBindException | java.net.BindException e) {
            throw new ApiError(409, "PORT_IN_USE", "Port " + port + " for " + key + " is already in use", "port", null);
        } catch (java.io.IOException | RuntimeException e) { // e.g. the shared pool has no thread left
            if (e.getCause() instanceof java.net.BindException) {
                throw new ApiError(409, "PORT_IN_USE", "Port " + port + " for " + key + " is already in use", "port", null);
            }
            throw new ApiError(507, "NO_CAPACITY", "No capacity left for another device (" + key + "): "
                    + e.getMessage() + "; delete sandboxes or declare fewer terminals", null, null);
        }
        Device device = new Device(sandbox, key, bound);
        byPort.put(bound, device);
        LOG.info("{} listening on http://{}:{}{}", String.format("%-12s", key),
                options.host().equals("0.0.0.0") ? "localhost" : options.host(), bound,
                sandbox.id().equals(Sandboxes.DEFAULT) ? "" : " (sandbox " + sandbox.id() + ")");
        return device;
    }

    /** The provider's server of devices, started with its first device's connector. */
    private DeviceHost open(Sandbox sandbox, ProviderModule module, String key, int port) {
        // errors before a device is known are rendered by the first instance's renderer (the default sandbox's)
        var app = http.createDeviceHost(module.name(), this::nameOf, module.errors(), correlationIds, this::sandboxOf,
                module.deviceRoutes(), module.json(), module.openApiDocument(), new HttpServerFactory.Shared(pool, timer), port);
        try {
            return new DeviceHost(app);
        } catch (RuntimeException e) {
            app.stop();
            throw e;
        }
    }

    private Device deviceOf(Context ctx) {
        Device d = byPort.get(ctx.req().getLocalPort());
        if (d == null) { // removed while the request was on its way
            throw ApiError.notFound("No device listens on port " + ctx.req().getLocalPort());
        }
        return d;
    }

    private String nameOf(Context ctx) {
        Device d = byPort.get(ctx.req().getLocalPort());
        return d == null ? null : d.key();
    }

    private RequestScope sandboxOf(Context ctx) {
        return deviceOf(ctx).sandbox();
    }

    private void stop(Device device) {
        byPort.remove(device.port());
        DeviceHost host = hosts.get(device.key().substring(0, device.key().indexOf('/')));
        if (host != null) {
            host.remove(device.port());
        }
    }

    /** The server holding a sandbox's device by its key ({@code terminals/terminal-1}), or null. */
    synchronized Javalin find(String sandbox, String key) {
        Device d = running.getOrDefault(sandbox, Map.of()).get(key);
        return d == null ? null : hosts.get(key.substring(0, key.indexOf('/'))).app();
    }

    synchronized void stopAll(Sandbox sandbox) {
        Map<String, Device> mine = running.remove(sandbox.id());
        if (mine != null) {
            mine.values().forEach(this::stop);
        }
    }

    synchronized void stopAll() {
        running.clear();
        byPort.clear();
        hosts.values().forEach(DeviceHost::stop);
        hosts.clear();
        try {
            pool.stop();
            timer.stop();
        } catch (Exception ignored) {
            // stopping anyway
        }
    }

    synchronized int port(String sandboxId, String provider, String id) {
        Device d = running.getOrDefault(sandboxId, Map.of()).get(provider + "/" + id);
        if (d == null) {
            throw new IllegalArgumentException("no listener " + provider + "/" + id + " in sandbox " + sandboxId);
        }
        return d.port();
    }

    /** Each running listener's port by "provider/id". */
    synchronized Map<String, Integer> ports(String sandboxId) {
        Map<String, Integer> out = new LinkedHashMap<>();
        running.getOrDefault(sandboxId, Map.of()).forEach((key, d) -> out.put(key, d.port()));
        return out;
    }

    /** As /_sim/info shows them: per provider, a list of {id, port}. */
    synchronized Map<String, Object> shown(String sandboxId) {
        Map<String, Object> out = new LinkedHashMap<>();
        running.getOrDefault(sandboxId, Map.of()).forEach((key, d) -> {
            String provider = key.substring(0, key.indexOf('/'));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> list = (List<Map<String, Object>>) out.computeIfAbsent(provider, k -> new ArrayList<>());
            list.add(Map.of("id", key.substring(key.indexOf('/') + 1), "port", d.port()));
        });
        return out;
    }
}
