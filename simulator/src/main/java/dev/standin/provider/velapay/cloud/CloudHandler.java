package dev.standin.provider.velapay.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.http.ApiError;
import dev.standin.core.json.Json;
import io.javalin.http.Context;

import java.io.IOException;

/** {@code POST /v1/}: authenticate, parse and check, process, answer. */
final class CloudHandler {
    private final CloudAuth auth;
    private final CloudPayments payments;

    CloudHandler(CloudAuth auth, CloudPayments payments) {
        this.auth = auth;
        this.payments = payments;
    }

    void handle(Context ctx) {
        byte[] body = ctx.bodyAsBytes();
        Merchant merchant = auth.check(ctx, body);
        JsonNode tree;
        try {
            tree = body.length == 0 ? null : Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new ApiError(400, "INVALID_JSON", "Invalid request: the body is not valid JSON", null, null);
        }
        CloudRequest request = CloudRequest.parse(tree, payments.currentMonth());
        ctx.json(payments.process(merchant, request));
    }
}
