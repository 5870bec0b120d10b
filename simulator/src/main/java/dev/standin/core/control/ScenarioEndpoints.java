package dev.standin.core.control;

import dev.standin.core.Simulation;
import dev.standin.core.http.ApiError;
import dev.standin.core.rules.Rule;
import dev.standin.core.scenario.Scenario;
import dev.standin.core.scenario.ScenarioException;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.post;

/** {@code GET /_sim/scenarios}, {@code POST /_sim/scenarios} (a YAML or JSON body) and {@code DELETE /_sim/scenarios/{name}}. */
final class ScenarioEndpoints implements EndpointGroup {
    static final String ORIGIN = "POST /_sim/scenarios";

    private final String prefix;

    ScenarioEndpoints(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void addEndpoints() {
        get(prefix + "/scenarios", this::list);
        post(prefix + "/scenarios", this::load);
        get(prefix + "/scenarios/shipped", this::shipped);
        post(prefix + "/scenarios/shipped/{name}", this::loadShipped);
        delete(prefix + "/scenarios/{name}", this::unload);
    }

    /** {@code {"scenarios": [{"name", "description"}]}}: what {@code POST .../scenarios/shipped/{name}} loads. */
    private void shipped(Context ctx) {
        List<Map<String, String>> out = new java.util.ArrayList<>();
        dev.standin.core.scenario.ShippedScenarios.described().forEach((name, description) -> out.add(Map.of("name", name, "description", description)));
        ctx.json(Map.of("scenarios", out));
    }

    private void loadShipped(Context ctx) {
        String name = ctx.pathParam("name");
        String text = dev.standin.core.scenario.ShippedScenarios.text(name).orElseThrow(() -> new ApiError(404, "NOT_FOUND",
                "No shipped scenario " + name + "; GET /_sim/scenarios/shipped lists them", "name", "pathParam"));
        try {
            Scenario scenario = ControlScope.of(ctx).simulation().load(new Simulation.Source("scenarios/" + name + ".yaml", text));
            ctx.status(201).json(describe(scenario));
        } catch (ScenarioException e) {
            refused(ctx, e, "The scenario was refused; nothing was changed");
        }
    }

    private void list(Context ctx) {
        Simulation simulation = ControlScope.of(ctx).simulation();
        ctx.json(Map.of("scenarios", simulation.scenarios().all().stream().map(s -> describeWithHits(simulation, s)).toList()));
    }

    private void load(Context ctx) {
        try {
            Scenario scenario = ControlScope.of(ctx).simulation().load(new Simulation.Source(ORIGIN, ctx.body()));
            ctx.status(201).json(describe(scenario));
        } catch (ScenarioException e) {
            refused(ctx, e, "The scenario was refused; nothing was changed");
        }
    }

    /** 400 INVALID_SCENARIO with every problem (file, line, field, why). */
    static void refused(Context ctx, ScenarioException e, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "INVALID_SCENARIO");
        body.put("message", message);
        body.put("problems", e.problems());
        ctx.status(400).json(body);
    }

    private void unload(Context ctx) {
        String name = ctx.pathParam("name");
        if (!ControlScope.of(ctx).simulation().unload(name)) {
            throw ApiError.notFound("No scenario named '" + name + "' is loaded");
        }
        ctx.status(204);
    }

    private static Map<String, Object> describeWithHits(Simulation simulation, Scenario scenario) {
        Map<String, Object> out = describe(scenario);
        List<Map<String, Object>> hits = new java.util.ArrayList<>();
        for (Rule r : simulation.rules().rules()) {
            if (r.scenario().equals(scenario.name())) {
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("name", r.name());
                h.put("matched", simulation.rules().matchedCount(r));
                h.put("fired", simulation.rules().firedCount(r));
                hits.add(h);
            }
        }
        out.put("ruleHits", hits);
        return out;
    }

    static Map<String, Object> describe(Scenario scenario) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", scenario.name());
        out.put("origin", scenario.origin());
        out.put("description", scenario.description());
        out.put("seeds", iterableToList(scenario.seed().fieldNames()));
        out.put("rules", scenario.rules().isMissingNode() ? List.of() : scenario.rules());
        out.put("settings", scenario.settings().isMissingNode() ? Map.of() : scenario.settings());
        return out;
    }

    private static List<String> iterableToList(java.util.Iterator<String> names) {
        List<String> out = new java.util.ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }
}
