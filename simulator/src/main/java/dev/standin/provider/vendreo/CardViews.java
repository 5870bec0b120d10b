package dev.standin.provider.vendreo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.db.vendreo.tables.records.CardPaymentRecord;
import dev.standin.db.vendreo.tables.records.CardRefundRecord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How card payments are shown: the documented details, and the shapes of capture, cancel, refund and void answers. */
final class CardViews {
    private CardViews() {
    }

    static Map<String, Object> details(CardPaymentRecord p) {
        JsonNode customer = CardApi.json(p.getCustomer());
        JsonNode flags = CardApi.json(p.getFlags());
        boolean submitted = p.getLast_4() != null;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uuid", p.getPaymentUuid());
        out.put("payment_type", "PAYMENT");
        out.put("environment", "SANDBOX");
        out.put("transaction_id", p.getTransactionId() == null ? "" : p.getTransactionId());
        out.put("cross_reference", p.getCrossReference() == null ? "" : p.getCrossReference());
        out.put("type", "E_COMMERCE");
        out.put("action", flags.path("disable_auto_capture").asBoolean() ? "PREAUTH" : flags.path("enable_verify_card").asBoolean()
                && p.getAmount() == 0 ? "VERIFY" : "SALE");
        out.put("status", p.getStatus());
        out.put("state", p.getState());
        out.put("merchant_account", "12346789");
        out.put("merchant_category_code", "5999");
        out.put("amount", p.getAmount());
        out.put("amount_received", p.getAmountCaptured());
        out.put("amount_retained", p.getAmountCaptured() - p.getAmountRefunded());
        out.put("amount_refunded", p.getAmountRefunded());
        out.put("payment_method", "card");
        out.put("card_type", submitted ? p.getCardType() : "");
        out.put("card_scheme", submitted ? p.getCardScheme() : "");
        out.put("currency_symbol", "£");
        out.put("currency_exponent", "2");
        out.put("last_4", submitted ? p.getLast_4() : "");
        out.put("card_hash", submitted ? p.getCardHash() : "");
        out.put("card_issuer", submitted ? p.getCardScheme() + " Test Bank" : "");
        out.put("card_expiry", submitted ? p.getCardExpiry() : "");
        out.put("card_issuing_country", submitted ? "United Kingdom" : "");
        out.put("customer_name", customer.path("customer_name").asText(""));
        out.put("customer_address", customer.path("customer_billing_address").asText(""));
        out.put("customer_postcode", customer.path("customer_billing_post_code").asText(""));
        out.put("customer_country", customer.path("customer_billing_country_code").asText(""));
        out.put("customer_email", customer.path("customer_billing_email").asText(""));
        out.put("customer_ip", p.getIpAddress() == null ? "" : p.getIpAddress());
        String check = !submitted ? "not checked" : p.getStatus().equals("DECLINED") && "BANNED".equals(p.getDeclineReason()) ? "not checked" : "matched";
        out.put("security_address_check", flags.path("enable_address_field").asBoolean() ? check : "not checked");
        out.put("security_post_code_check", flags.path("enable_address_field").asBoolean() ? check : "not checked");
        out.put("security_3d_secure_check", p.getThreeDs() == null ? "not checked" : p.getThreeDs());
        out.put("security_risk_check", "Y");
        out.put("security_cvv2_check", check);
        out.put("token_uuid", p.getTokenUuid() == null ? "" : p.getTokenUuid());
        if (p.getDeclineReason() != null && p.getStatus().equals("DECLINED")) {
            out.put("decline_reason", p.getDeclineReason());
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("uuid", p.getRequestToken());
        request.put("merchant_id", p.getApplicationKey());
        request.put("action", out.get("action"));
        request.put("amount", p.getAmount());
        request.put("type", "1");
        request.put("currency_code", p.getCurrency());
        request.put("country_code", "GBR");
        request.put("customer_name", customer.path("customer_name").asText(""));
        request.put("customer_billing_email", customer.path("customer_billing_email").asText(""));
        request.put("customer_billing_address", customer.path("customer_billing_address").asText(""));
        request.put("customer_billing_post_code", customer.path("customer_billing_post_code").asText(""));
        request.put("reference", p.getReferenceId() == null ? "" : p.getReferenceId());
        request.put("description", p.getDescription() == null ? "" : p.getDescription());
        request.put("meta", Map.of());
        out.put("payment_request", request);
        return out;
    }

    /** {@code {payment_uuid, amount, options, meta}}: the answer of capture and cancel. */
    static Map<String, Object> amount(CardPaymentRecord p, long amount, Map<String, Object> meta) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("payment_uuid", p.getPaymentUuid());
        out.put("amount", amount);
        out.put("options", List.of());
        out.putAll(meta);
        return out;
    }

    /** The answer of refund (and void, with its {@code type}): the payment and the refund made. */
    static Map<String, Object> refunded(CardPaymentRecord p, CardRefundRecord refund, String type, Map<String, Object> meta) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (type != null) {
            out.put("type", type);
        }
        Map<String, Object> payment = new LinkedHashMap<>();
        payment.put("payment_uuid", p.getPaymentUuid());
        payment.put("environment", "SANDBOX");
        payment.put("amount", p.getAmount());
        payment.put("options", List.of());
        payment.put("payment_request_uuid", p.getRequestToken());
        payment.put("payment_request_id", p.getRequestId());
        out.put("payment", payment);
        if (refund != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("refund_uuid", refund.getRefundUuid());
            r.put("environment", "SANDBOX");
            r.put("amount", refund.getAmount());
            out.put("refund_payment", r);
        }
        out.putAll(meta);
        return out;
    }

    /** What the card form (and the test endpoint) learns after a card is submitted or a challenge answered. */
    static Map<String, Object> submitted(CardPaymentRecord p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("payment_uuid", p.getPaymentUuid());
        out.put("status", p.getState().equals("3DS_REQUIRED") ? "CHALLENGE" : p.getStatus());
        if (p.getStatus().equals("DECLINED")) {
            out.put("decline_reason", p.getDeclineReason());
        }
        boolean failed = p.getStatus().equals("DECLINED") || p.getStatus().equals("CANCELLED");
        String target = failed && p.getFailedUrl() != null ? p.getFailedUrl() : p.getRedirectUrl();
        if (target != null && !p.getState().equals("3DS_REQUIRED")) {
            out.put("redirect_url", target + (target.contains("?") ? "&" : "?") + "payment_uuid=" + p.getPaymentUuid()
                    + (p.getReferenceId() == null ? "" : "&reference_id=" + java.net.URLEncoder.encode(p.getReferenceId(),
                    java.nio.charset.StandardCharsets.UTF_8)) + "&status=" + (failed ? "FAILED" : "SUCCESS"));
        }
        return out;
    }
}
