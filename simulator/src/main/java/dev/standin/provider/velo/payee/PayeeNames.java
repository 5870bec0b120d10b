package dev.standin.provider.velo.payee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The two names some payee fields go by: the guide's ({@code type}, {@code paymentChannel.routingNumber})
 * and the published OpenAPI document's ({@code payeeType}, {@code paymentChannel.routingNo}). Requests
 * may use either; answers carry both, so that clients written from either source read them.
 */
final class PayeeNames {
    /** The payment channel's {@code type}, which the document requires and does not describe. */
    static final String CHANNEL_TYPE = "BANK";

    private PayeeNames() {
    }

    /** Copies the document's names of a submitted payee into the guide's, where only the former were sent. */
    static void normalize(JsonNode payee) {
        if (!(payee instanceof ObjectNode p)) {
            return;
        }
        if (!p.has("type") && p.path("payeeType").isTextual()) {
            p.set("type", p.get("payeeType"));
        }
        if (p.get("paymentChannel") instanceof ObjectNode channel
                && !channel.has("routingNumber") && channel.path("routingNo").isTextual()) {
            channel.set("routingNumber", channel.get("routingNo"));
        }
    }

    /** A submitted payee as a batch's failures show it: under both names. */
    static JsonNode submission(JsonNode submitted) {
        if (!(submitted instanceof ObjectNode p)) {
            return submitted;
        }
        ObjectNode out = p.deepCopy();
        if (out.path("type").isTextual()) {
            out.set("payeeType", out.get("type"));
        }
        if (out.path("paymentChannel").isObject()) {
            out.set("paymentChannel", channel(out.get("paymentChannel")));
        }
        return out;
    }

    /** A stored payment channel as answered: under both names, with its type. */
    static JsonNode channel(JsonNode stored) {
        ObjectNode out = stored.deepCopy();
        if (out.path("routingNumber").isTextual()) {
            out.set("routingNo", out.get("routingNumber"));
        }
        if (!out.has("type")) {
            out.put("type", CHANNEL_TYPE);
        }
        return out;
    }
}
