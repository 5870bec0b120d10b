package dev.standin.provider.vendreo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.standin.core.http.ApiError;
import dev.standin.core.http.JsonBody;
import dev.standin.core.json.Json;
import dev.standin.db.vendreo.tables.records.CardPaymentRecord;
import dev.standin.db.vendreo.tables.records.CardRefundRecord;
import dev.standin.provider.vendreo.card.Bans;
import dev.standin.provider.vendreo.card.CardOperations;
import dev.standin.provider.vendreo.card.CardPayments;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Vendreo's card routes, thin: the application from its secret key, the request checked, a card service answers. */
final class CardApi {
    static final Set<String> FLAGS = Set.of("tokenize_payment", "enable_address_field", "disable_auto_capture", "enable_verify_card",
            "mandate_3ds_challenge");
    private static final List<String> CUSTOMER = List.of("customer_name", "customer_billing_email", "customer_billing_address",
            "customer_billing_town", "customer_billing_post_code", "customer_billing_country_code", "user_session_id");

    private final VendreoApi api;
    private final CardPayments cards;
    private final CardOperations operations;
    private final Bans bans;
    private final Payments payments;

    CardApi(VendreoApi api, CardPayments cards, CardOperations operations, Bans bans, Payments payments) {
        this.api = api;
        this.cards = cards;
        this.operations = operations;
        this.bans = bans;
        this.payments = payments;
    }

    /** {@code POST /v1/card/request-payment}: a token for the card form; flags as booleans or "true"/"false". */
    void requestPayment(Context ctx) {
        Application app = api.application(ctx);
        JsonNode body = VendreoApi.body(ctx);
        Form f = new Form(body);
        String key = f.string("application_key", true, 64);
        if (key != null && !key.equals(app.key())) {
            throw new ApiError(401, "UNAUTHENTICATED", "Unauthenticated.", null, null);
        }
        Long amount = f.amount("amount", false);
        boolean verify = flag(f, body, "enable_verify_card");
        if (amount == null && !verify) {
            f.amount("amount", true);
        }
        String currency = f.currency("currency");
        String ip = f.string("ip_address", false, 45);
        if (ip != null && !ip.matches("[0-9a-fA-F:.]{3,45}")) {
            f.fail("ip_address", "The ip address must be a valid IP address.");
        }
        ObjectNode flags = Json.mapper().createObjectNode();
        for (String flag : FLAGS) {
            flags.put(flag, flag(f, body, flag));
        }
        ObjectNode customer = Json.mapper().createObjectNode();
        for (String field : CUSTOMER) {
            String v = f.string(field, false, 255);
            if (v != null) {
                customer.put(field, v);
            }
        }
        String description = f.string("description", false, 255);
        String reference = f.string("reference_id", false, 255);
        String redirect = f.url("redirect_url", false);
        String failed = f.url("failed_url", false);
        f.options();
        f.check();
        CardPaymentRecord p = cards.create(app.key(), amount == null ? 0 : amount, currency, description, reference, redirect, failed, flags,
                customer, ip);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("payment_request_id", p.getRequestId());
        out.put("payment_request_token", p.getRequestToken());
        out.putAll(payments.meta());
        ctx.json(out);
    }

    private static boolean flag(Form f, JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isTextual() && (v.asText().equalsIgnoreCase("true") || v.asText().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(v.asText().toLowerCase(java.util.Locale.ROOT));
        }
        f.fail(name, "The " + name.replace('_', ' ') + " field must be true or false.");
        return false;
    }

    void details(Context ctx) {
        Application app = api.application(ctx);
        CardPaymentRecord p = cards.repo().find(app.key(), ctx.pathParam("paymentCard"))
                .orElseThrow(() -> new ApiError(422, List.of(new ApiError.Violation("The selected payment card is invalid.", "INVALID",
                        "paymentCard", "pathParam"))));
        Map<String, Object> out = CardViews.details(p);
        out.putAll(payments.meta());
        ctx.json(out);
    }

    void capture(Context ctx) {
        Application app = api.application(ctx);
        JsonNode body = VendreoApi.body(ctx);
        Form f = new Form(body);
        Long amount = f.has("amount") && !"0".equals(body.path("amount").asText()) ? f.amount("amount", false) : null;
        f.check();
        CardPaymentRecord p = operations.capture(app.key(), ctx.pathParam("paymentCard"), amount);
        ctx.json(CardViews.amount(p, p.getAmountCaptured(), payments.meta()));
    }

    void refund(Context ctx) {
        Application app = api.application(ctx);
        JsonNode body = VendreoApi.body(ctx);
        CardRefundRecord r = operations.refund(app.key(), ctx.pathParam("paymentCard"), amount(body), reason(body));
        CardPaymentRecord p = cards.repo().find(app.key(), r.getPaymentUuid()).orElseThrow();
        ctx.json(CardViews.refunded(p, r, null, payments.meta()));
    }

    void cancel(Context ctx) {
        Application app = api.application(ctx);
        CardPaymentRecord p = operations.cancel(app.key(), ctx.pathParam("paymentCard"));
        ctx.json(CardViews.amount(p, p.getAmount(), payments.meta()));
    }

    void voidPayment(Context ctx) {
        Application app = api.application(ctx);
        JsonNode body = VendreoApi.body(ctx);
        CardOperations.Voided v = operations.voidPayment(app.key(), ctx.pathParam("paymentCard"), amount(body), reason(body));
        ctx.json(CardViews.refunded(v.payment(), v.refund(), v.type(), payments.meta()));
    }

    void rebill(Context ctx) {
        Application app = api.application(ctx);
        Form f = new Form(VendreoApi.body(ctx));
        String key = f.string("application_key", true, 64);
        if (key != null && !key.equals(app.key())) {
            throw new ApiError(401, "UNAUTHENTICATED", "Unauthenticated.", null, null);
        }
        Long amount = f.amount("amount", true);
        String currency = f.currency("currency");
        String description = f.string("description", false, 255);
        String reference = f.string("reference_id", false, 255);
        f.check();
        CardPaymentRecord p = cards.rebill(app.key(), ctx.pathParam("cardPaymentToken"), amount, currency, description, reference);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("payment_uuid", p.getPaymentUuid());
        out.put("status", p.getStatus().equals("DECLINED") ? "FAILED" : "COMPLETED");
        out.put("environment", "SANDBOX");
        out.put("payment_request_id", p.getRequestId());
        out.put("payment_request_uuid", p.getRequestToken());
        out.put("options", List.of());
        out.put("token", ctx.pathParam("cardPaymentToken"));
        if (p.getDeclineReason() != null) {
            out.put("decline_reason", p.getDeclineReason());
        }
        out.putAll(payments.meta());
        ctx.json(out);
    }

    void listBans(Context ctx) {
        ctx.json(bans.list(api.application(ctx).key()));
    }

    void addBan(Context ctx) {
        Application app = api.application(ctx);
        long id = bans.add(app.key(), VendreoApi.body(ctx));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", "true");
        out.put("ban_id", id);
        out.putAll(payments.meta());
        ctx.json(out);
    }

    void removeBan(Context ctx) {
        Application app = api.application(ctx);
        bans.remove(app.key(), ctx.pathParam("ban"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("success", "true");
        out.putAll(payments.meta());
        ctx.json(out);
    }

    /** {@code POST /_sim/vendreo/card-payments/{token}/submit} {@code {card_number, expiry MM/YY, cvv, name}}: what the card form posts. */
    void submit(Context ctx) {
        JsonNode body = JsonBody.lenientTree(ctx);
        CardPaymentRecord p = cards.submit(ctx.pathParam("token"), CardPayments.readCard(body, cards.month()), bans);
        ctx.json(CardViews.submitted(p));
    }

    /** {@code POST /_sim/vendreo/card-payments/{token}/challenge} {@code {"result":"pass"|"fail"}}: the 3-D Secure answer. */
    void challenge(Context ctx) {
        String result = JsonBody.lenientTree(ctx).path("result").asText("");
        if (!result.equals("pass") && !result.equals("fail")) {
            throw ApiError.badBody("result", "result must be pass or fail");
        }
        ctx.json(CardViews.submitted(cards.challenge(ctx.pathParam("token"), result.equals("pass"))));
    }

    private static Long amount(JsonNode body) {
        JsonNode a = body.get("amount");
        if (a == null || a.isNull() || a.asLong(0) == 0) {
            return null;
        }
        if (!a.canConvertToLong() && !a.asText().matches("\\d{1,12}")) {
            throw new ApiError(422, List.of(new ApiError.Violation("The amount must be an integer.", "INVALID", "amount", "requestBody")));
        }
        return a.asLong();
    }

    private static String reason(JsonNode body) {
        JsonNode r = body.get("reason");
        String reason = r == null || r.isNull() ? null : r.isArray() ? (r.isEmpty() ? null : r.get(0).asText()) : r.asText();
        if (reason != null && !Set.of("DUPLICATE_ORDER", "GOODS_RETURNED", "ORDER_CANCELLED", "MERCHANT_OUT_OF_STOCK", "GOODS_NOT_RECEIVED",
                "LATE_CONFIRMATION", "DISPUTES").contains(reason)) {
            throw new ApiError(422, List.of(new ApiError.Violation("The selected reason is invalid.", "INVALID", "reason", "requestBody")));
        }
        return reason;
    }

    static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
