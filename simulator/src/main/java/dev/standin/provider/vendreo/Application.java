package dev.standin.provider.vendreo;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** A Vendreo application as a scenario declares it: its keys, callback URL, bank details and the banks its pages offer. */
record Application(String key, String secretKey, String name, String callbackUrl, String sortCode, String accountNumber,
                   String accountName, List<String> institutions) {
    static Application of(JsonNode a) {
        List<String> banks = new ArrayList<>();
        a.path("institutions").forEach(i -> banks.add(i.asText()));
        if (banks.isEmpty()) {
            banks.addAll(Institutions.ALL.keySet());
        }
        JsonNode bank = a.path("bankDetails");
        return new Application(a.path("applicationKey").asText(), a.path("secretKey").asText(), a.path("name").asText("Merchant"),
                a.hasNonNull("callbackUrl") ? a.get("callbackUrl").asText() : null, bank.path("sortCode").asText("123456"),
                bank.path("accountNumber").asText("12345678"), bank.path("accountName").asText(a.path("name").asText("Merchant")), banks);
    }

    Application withCallback(String url) {
        return new Application(key, secretKey, name, url, sortCode, accountNumber, accountName, institutions);
    }
}
