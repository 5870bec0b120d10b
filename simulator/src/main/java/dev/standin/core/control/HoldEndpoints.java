package dev.standin.core.control;

import dev.standin.core.http.ApiError;
import dev.standin.core.rules.Holds;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;

import java.util.Map;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.post;

/** {@code GET /_sim/holds} and {@code POST /_sim/holds/{id}/release}: lifecycle steps held back by rules. */
final class HoldEndpoints implements EndpointGroup {
    private final Holds holds;

    HoldEndpoints(Holds holds) {
        this.holds = holds;
    }

    @Override
    public void addEndpoints() {
        get("/_sim/holds", ctx -> ctx.json(Map.of("holds", holds.list())));
        post("/_sim/holds/{id}/release", this::release);
    }

    private void release(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiError.badPath("id", "id must be a whole number");
        }
        if (!holds.release(id)) {
            throw ApiError.notFound("No hold " + id);
        }
        ctx.json(Map.of("released", id));
    }
}
