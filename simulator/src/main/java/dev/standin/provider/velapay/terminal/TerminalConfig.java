package dev.standin.provider.velapay.terminal;

import dev.standin.core.http.Cidr;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** A terminal as a scenario declares it. */
record TerminalConfig(String id, Integer port, String uid, String manufacture, String model, String sn,
                      String merchantId, String storeSecret, List<String> tenders, String batchId,
                      boolean requireSignature, boolean tokenization, List<JsonNode> customer,
                      List<Cidr> trustedNetworks, int logSize) {

    /** Entries a terminal's request log keeps unless its settings.logSize says otherwise; the oldest go first. */
    static final int DEFAULT_LOG_SIZE = 1000;

    static TerminalConfig of(JsonNode t) {
        List<String> tenders = new ArrayList<>();
        t.path("tenders").forEach(x -> tenders.add(x.asText()));
        return new TerminalConfig(t.get("id").asText(), t.has("port") ? t.get("port").asInt() : null,
                t.path("uid").asText("GN" + t.get("id").asText()), t.path("manufacture").asText("GENERIC"),
                t.path("model").asText("GENERIC"), t.path("sn").asText(t.get("id").asText()),
                t.get("merchantId").asText(), t.get("storeSecret").asText(),
                tenders.isEmpty() ? List.of("credit", "debit") : List.copyOf(tenders), t.path("batchId").asText("1"),
                t.path("settings").path("requireSignature").asBoolean(false), t.path("settings").path("tokenization").asBoolean(false),
                customer(t.path("customer")), trusted(t.path("settings").path("trustedNetworks")),
                t.path("settings").path("logSize").asInt(DEFAULT_LOG_SIZE));
    }

    /** The scenario's own {@code settings.trustedNetworks} for this terminal (added to the server's), checked by the seed check. */
    private static List<Cidr> trusted(JsonNode networks) {
        List<Cidr> out = new ArrayList<>();
        networks.forEach(n -> out.add(Cidr.parse(n.asText())));
        return List.copyOf(out);
    }

    private static List<JsonNode> customer(JsonNode script) {
        List<JsonNode> out = new ArrayList<>();
        script.forEach(out::add);
        return List.copyOf(out);
    }
}
