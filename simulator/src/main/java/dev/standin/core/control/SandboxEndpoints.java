package dev.standin.core.control;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.http.ApiError;
import dev.standin.core.http.JsonBody;
import dev.standin.core.sandbox.Sandbox;
import dev.standin.core.sandbox.Sandboxes;
import dev.standin.core.scenario.ScenarioException;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.post;

/** {@code POST/GET /_sim/sandboxes} and {@code GET/DELETE /_sim/sandboxes/{id}}. */
public final class SandboxEndpoints implements EndpointGroup {

    /** Makes a sandbox from a creation request's body (the server knows its defaults and the shipped scenarios). */
    @FunctionalInterface
    public interface Factory {
        Sandbox create(JsonNode request);
    }

    private final Sandboxes sandboxes;
    private final Factory factory;
    private final Function<Sandbox, Map<String, Object>> ports;
    private final String version;

    SandboxEndpoints(Sandboxes sandboxes, Factory factory, Function<Sandbox, Map<String, Object>> ports, String version) {
        this.sandboxes = sandboxes;
        this.factory = factory;
        this.ports = ports;
        this.version = version;
    }

    @Override
    public void addEndpoints() {
        post("/_sim/sandboxes", this::create);
        get("/_sim/sandboxes", this::list);
        get("/_sim/sandboxes/{sandbox}", ctx -> ctx.json(HealthEndpoints.describe(ControlScope.of(ctx), ports.apply(ControlScope.of(ctx)), version)));
        delete("/_sim/sandboxes/{sandbox}", this::remove);
    }

    private void create(Context ctx) {
        JsonNode request = JsonBody.lenientTree(ctx);
        if (!request.isObject()) {
            throw ApiError.badBody("body", "a sandbox request is a JSON object: {name, scenarios, clock, seed}");
        }
        Sandbox sandbox;
        try {
            sandbox = factory.create(request);
        } catch (ScenarioException e) {
            ScenarioEndpoints.refused(ctx, e, "A scenario of the sandbox was refused; no sandbox was created");
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", sandbox.id());
        body.put("name", sandbox.name());
        body.put("controlToken", sandbox.controlToken());
        body.put("control", "/_sim/sandboxes/" + sandbox.id());
        body.putAll(HealthEndpoints.describe(sandbox, ports.apply(sandbox), version));
        ctx.status(201).json(body);
    }

    private void list(Context ctx) {
        sandboxes.openAll(); // on a shared database: those other instances made too
        List<Map<String, Object>> out = sandboxes.all().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("name", s.name());
            m.put("scenarios", s.simulation().scenarios().all().stream().map(x -> x.name()).toList());
            m.put("idleSeconds", s.idleNanos() / 1_000_000_000L);
            return m;
        }).toList();
        ctx.json(Map.of("sandboxes", out, "count", out.size(), "max", sandboxes.max()));
    }

    private void remove(Context ctx) {
        sandboxes.remove(ControlScope.of(ctx).id());
        ctx.status(204);
    }
}
