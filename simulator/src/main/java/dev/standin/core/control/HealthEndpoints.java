package dev.standin.core.control;

import dev.standin.core.Simulation;
import dev.standin.core.provider.ProviderModule;
import dev.standin.core.scenario.Scenario;
import dev.standin.core.store.HeapGuard;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static io.javalin.apibuilder.ApiBuilder.get;

/** {@code GET /_sim/health} and {@code GET /_sim/info}. */
final class HealthEndpoints implements EndpointGroup {
    private final String prefix;
    private final BooleanSupplier serving;
    private final java.util.function.Function<dev.standin.core.sandbox.Sandbox, Map<String, Object>> ports;
    private final String version;
    private final HeapGuard heap;

    HealthEndpoints(String prefix, BooleanSupplier serving,
                    java.util.function.Function<dev.standin.core.sandbox.Sandbox, Map<String, Object>> ports, String version, HeapGuard heap) {
        this.heap = heap;
        this.prefix = prefix;
        this.serving = serving;
        this.ports = ports;
        this.version = version;
    }

    @Override
    public void addEndpoints() {
        if (prefix.equals(ControlApi.ROOT)) {
            get("/_sim/health", this::health);
        }
        get(prefix + "/info", this::info);
    }

    private void health(Context ctx) {
        boolean up = serving.getAsBoolean();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "STARTING");
        body.put("heap", heap.describe()); // full: writes answer 507 HEAP_FULL, and why
        ctx.status(up ? 200 : 503).json(body);
    }

    private void info(Context ctx) {
        dev.standin.core.sandbox.Sandbox sandbox = ControlScope.of(ctx);
        ctx.json(describe(sandbox, ports.apply(sandbox), version));
    }

    /** A sandbox as /_sim/info shows it: ports, clock, scenarios, every provider's credentials, rows held and their limit (0: none). */
    static Map<String, Object> describe(dev.standin.core.sandbox.Sandbox sandbox, Map<String, Object> ports, String version) {
        Simulation simulation = sandbox.simulation();
        Map<String, Object> credentials = new LinkedHashMap<>();
        for (ProviderModule module : simulation.modules()) {
            credentials.put(module.name(), module.credentials());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", version);
        body.put("sandbox", sandbox.id());
        body.put("ports", ports);
        body.put("clock", ClockEndpoints.describe(sandbox.clock()));
        body.put("scenarios", simulation.scenarios().all().stream().map(Scenario::name).toList());
        body.put("credentials", credentials);
        body.put("rows", sandbox.database().rowCount());
        body.put("maxRows", sandbox.spec().maxRows());
        return body;
    }
}
