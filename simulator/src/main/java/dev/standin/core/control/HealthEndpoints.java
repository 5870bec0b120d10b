package dev.standin.core.control;

import dev.standin.core.Simulation;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.provider.ProviderModule;
import dev.standin.core.scenario.Scenario;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static io.javalin.apibuilder.ApiBuilder.get;

/** {@code GET /_sim/health} and {@code GET /_sim/info}. */
final class HealthEndpoints implements EndpointGroup {
    private final BooleanSupplier serving;
    private final Supplier<Map<String, Object>> ports;
    private final String version;
    private final VirtualClock clock;
    private final Simulation simulation;

    HealthEndpoints(BooleanSupplier serving, Supplier<Map<String, Object>> ports, String version,
                    VirtualClock clock, Simulation simulation) {
        this.serving = serving;
        this.ports = ports;
        this.version = version;
        this.clock = clock;
        this.simulation = simulation;
    }

    @Override
    public void addEndpoints() {
        get("/_sim/health", this::health);
        get("/_sim/info", this::info);
    }

    private void health(Context ctx) {
        boolean up = serving.getAsBoolean();
        ctx.status(up ? 200 : 503).json(Map.of("status", up ? "UP" : "STARTING"));
    }

    private void info(Context ctx) {
        Map<String, Object> credentials = new LinkedHashMap<>();
        for (ProviderModule module : simulation.modules()) {
            credentials.put(module.name(), module.credentials());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", version);
        body.put("ports", ports.get());
        body.put("clock", ClockEndpoints.describe(clock));
        body.put("scenarios", simulation.scenarios().all().stream().map(Scenario::name).toList());
        body.put("credentials", credentials);
        ctx.json(body);
    }
}
