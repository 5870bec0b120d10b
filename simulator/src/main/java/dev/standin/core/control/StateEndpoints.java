package dev.standin.core.control;

import dev.standin.core.Simulation;
import dev.standin.core.http.ApiError;
import dev.standin.core.provider.ProviderModule;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;

import java.util.Map;

import static io.javalin.apibuilder.ApiBuilder.post;

/** {@code POST /_sim/reset[?provider=velo]}. */
final class StateEndpoints implements EndpointGroup {
    private final String prefix;

    StateEndpoints(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void addEndpoints() {
        post(prefix + "/reset", this::reset);
    }

    private void reset(Context ctx) {
        Simulation simulation = ControlScope.of(ctx).simulation();
        String provider = ctx.queryParam("provider");
        if (provider == null || provider.isBlank()) {
            simulation.resetAll();
            ctx.json(Map.of("reset", "all"));
            return;
        }
        ProviderModule module = simulation.module(provider).orElseThrow(() -> ApiError.badQuery("provider",
                "unknown provider '" + provider + "'; one of " + simulation.modules().stream().map(ProviderModule::name).toList()));
        simulation.reset(module);
        ctx.json(Map.of("reset", module.name()));
    }
}
