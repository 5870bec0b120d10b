package dev.standin.provider.velapay.cloud;

import com.fasterxml.jackson.databind.JsonNode;

/** A Cloud API merchant as a scenario declares it: its id, API key and secret, and what its answers show. */
record Merchant(String id, String apiKey, String apiSecret, String paymentModule, String currency, String partnerAppId) {
    static Merchant of(JsonNode m) {
        return new Merchant(m.path("merchantId").asText(), m.path("apiKey").asText(), m.path("apiSecret").asText(),
                m.path("paymentModule").asText("converge"), m.path("currency").asText("USD"),
                m.hasNonNull("partnerAppId") ? m.get("partnerAppId").asText() : null);
    }
}
