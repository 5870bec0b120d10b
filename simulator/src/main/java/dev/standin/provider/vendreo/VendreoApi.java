package dev.standin.provider.vendreo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.http.ApiError;
import dev.standin.core.http.JsonBody;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Vendreo's API routes, thin: the Bearer secret key names the application, then a service answers. */
final class VendreoApi {
    private final Payments payments;
    private final Function<String, Optional<Application>> bySecret;

    VendreoApi(Payments payments, Function<String, Optional<Application>> bySecret) {
        this.payments = payments;
        this.bySecret = bySecret;
    }

    Application application(Context ctx) {
        return dev.standin.core.auth.Credentials.bearer(ctx.header("Authorization")).flatMap(bySecret)
                .orElseThrow(() -> new ApiError(401, "UNAUTHENTICATED", "Unauthenticated.", null, null));
    }

    /** The JSON object body: a declared non-JSON type is 415, malformed JSON 400, another JSON value 422. */
    static JsonNode body(Context ctx) {
        JsonNode body = JsonBody.tree(ctx);
        if (!body.isObject()) {
            throw new ApiError(422, List.of(new ApiError.Violation("The request body must be a JSON object.", "INVALID", "body", "requestBody")));
        }
        return body;
    }

    /** The scheme and host the client called, so that redirect URLs point back at this port. */
    private static String base(Context ctx) {
        return ctx.scheme() + "://" + ctx.host();
    }

    void requestPayment(Context ctx) {
        Application app = application(ctx);
        ctx.json(payments.requestPayment(app, body(ctx), base(ctx), false));
    }

    void headlessRequestPayment(Context ctx) {
        Application app = application(ctx);
        ctx.json(payments.requestPayment(app, body(ctx), base(ctx), true));
    }

    void createSubscription(Context ctx) {
        Application app = application(ctx);
        ctx.json(payments.createSubscription(app, body(ctx), base(ctx)));
    }

    void requestOutgoing(Context ctx) {
        Application app = application(ctx);
        ctx.json(payments.requestOutgoing(app, body(ctx), base(ctx)));
    }

    void requestAPayment(Context ctx) {
        Application app = application(ctx);
        ctx.json(payments.requestAPayment(app, body(ctx), base(ctx)));
    }

    void payment(Context ctx) {
        ctx.json(payments.get(application(ctx), ctx.pathParam("payment")));
    }

    /** {@code GET /v1/payments}: uuids in a JSON body (as documented), or as {@code payments} / {@code payments[]} query parameters. */
    void list(Context ctx) {
        Application app = application(ctx);
        List<String> uuids = new ArrayList<>(ctx.queryParams("payments"));
        uuids.addAll(ctx.queryParams("payments[]"));
        if (uuids.isEmpty()) {
            JsonNode body = body(ctx);
            JsonNode list = body.path("payments");
            if (!list.isArray() || list.isEmpty()) {
                throw new ApiError(422, List.of(new ApiError.Violation("The payments field is required.", "INVALID", "payments", "requestBody")));
            }
            list.forEach(u -> uuids.add(u.asText()));
        }
        ctx.json(payments.list(app, uuids));
    }

    /** {@code POST /v1/headless/setup}: the application's banks, its payment details and Vendreo's. */
    void headlessSetup(Context ctx) {
        Application app = application(ctx);
        JsonNode body = body(ctx);
        if (body.hasNonNull("application_key") && !body.get("application_key").asText().equals(app.key())) {
            throw new ApiError(401, "UNAUTHENTICATED", "Unauthenticated.", null, null);
        }
        String base = base(ctx);
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sort_code", app.sortCode());
        details.put("account_number", app.accountNumber());
        details.put("account_name", app.accountName());
        details.put("environment", "LIVE");
        out.put("paymentDetails", details);
        Map<String, Object> vendreo = new LinkedHashMap<>();
        vendreo.put("logo", base + "/assets/vendreo.svg");
        vendreo.put("terms_and_conditions", "https://www.vendreo.com/terms-and-conditions");
        vendreo.put("privacy_policy", "https://www.vendreo.com/privacy-policy");
        out.put("vendreoDetails", vendreo);
        List<Map<String, Object>> institutions = new ArrayList<>();
        for (String id : app.institutions()) {
            Institutions.Institution i = Institutions.ALL.get(id);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("institution_remote_id", id);
            m.put("name", i.name());
            m.put("country_code", "GB");
            m.put("full_logo_url", base + "/assets/banks/" + id + ".svg");
            m.put("environment", "LIVE");
            m.put("features", Institutions.FEATURES);
            institutions.add(m);
        }
        out.put("institutions", institutions);
        out.putAll(payments.meta());
        ctx.json(out);
    }
}
