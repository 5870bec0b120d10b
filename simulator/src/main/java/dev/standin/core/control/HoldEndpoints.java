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
    private final String prefix;

    HoldEndpoints(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void addEndpoints() {
        get(prefix + "/holds", ctx -> ctx.json(Map.of("holds", ControlScope.of(ctx).rules().holds().list())));
        post(prefix + "/holds/{id}/release", this::release);
    }

    private void release(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiError.badPath("id", "id must be a whole number");
        }
        if (!ControlScope.of(ctx).rules().holds().release(id)) {
            throw ApiError.notFound("No hold " + id);
        }
        ctx.json(Map.of("released", id));
    }
}
