package dev.standin.core.control;

import dev.standin.core.http.ApiError;
import dev.standin.core.webhooks.WebhookDelivery;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;

import java.util.Map;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.post;

/** {@code GET /_sim/webhooks} (newest first) and {@code POST /_sim/webhooks/{id}/redeliver}. */
final class WebhookEndpoints implements EndpointGroup {
    private final String prefix;

    WebhookEndpoints(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void addEndpoints() {
        get(prefix + "/webhooks", ctx -> ctx.json(Map.of("deliveries", ControlScope.of(ctx).webhooks().list())));
        post(prefix + "/webhooks/{id}/redeliver", this::redeliver);
    }

    private void redeliver(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiError.badPath("id", "id must be a whole number");
        }
        ctx.json(ControlScope.of(ctx).webhooks().redeliver(id).orElseThrow(() -> ApiError.notFound("No webhook delivery " + id)));
    }
}
