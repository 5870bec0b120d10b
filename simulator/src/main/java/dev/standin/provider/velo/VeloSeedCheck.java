package dev.standin.provider.velo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.scenario.Problems;
import dev.standin.core.scenario.SeedCheck;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Velo seed checks the schema cannot make: payor, payee and source account ids and API keys unique
 * across every loaded scenario; remote ids and account names unique within their payor; a parent
 * payor seeded too.
 */
final class VeloSeedCheck implements SeedCheck {

    @Override
    public void check(JsonNode seed, String pointer, List<JsonNode> alreadyLoaded, Problems problems) {
        Set<String> payorIds = new HashSet<>();
        Set<String> apiKeys = new HashSet<>();
        Set<String> payeeIds = new HashSet<>();
        Set<String> accountIds = new HashSet<>();
        for (JsonNode other : alreadyLoaded) {
            other.path("payors").forEach(p -> {
                payorIds.add(p.path("payorId").asText());
                p.path("apiKeys").forEach(k -> apiKeys.add(k.path("apiKey").asText()));
                p.path("payees").forEach(e -> payeeIds.add(e.path("payeeId").asText()));
                p.path("sourceAccounts").forEach(a -> accountIds.add(a.path("id").asText()));
            });
        }
        JsonNode payors = seed.path("payors");
        Set<String> known = new HashSet<>(payorIds);
        payors.forEach(p -> known.add(p.path("payorId").asText()));
        for (int i = 0; i < payors.size(); i++) {
            String parent = payors.get(i).path("parentPayorId").asText(null);
            if (parent != null && (!known.contains(parent) || parent.equals(payors.get(i).path("payorId").asText()))) {
                problems.add(pointer + "/payors/" + i + "/parentPayorId", "parent payor " + parent + " is not a seeded payor");
            }
        }
        for (int i = 0; i < payors.size(); i++) {
            JsonNode payor = payors.get(i);
            String at = pointer + "/payors/" + i;
            if (!payorIds.add(payor.path("payorId").asText())) {
                problems.add(at + "/payorId", "payor " + payor.path("payorId").asText() + " is seeded twice");
            }
            unique(payor.path("payees"), at + "/payees", "payeeId", payeeIds, "payee", problems);
            unique(payor.path("payees"), at + "/payees", "remoteId", new HashSet<>(), "remote id", problems);
            unique(payor.path("sourceAccounts"), at + "/sourceAccounts", "id", accountIds, "source account", problems);
            unique(payor.path("sourceAccounts"), at + "/sourceAccounts", "name", new HashSet<>(), "source account name", problems);
            JsonNode keys = payor.path("apiKeys");
            for (int k = 0; k < keys.size(); k++) {
                String apiKey = keys.get(k).path("apiKey").asText();
                if (!apiKeys.add(apiKey)) {
                    problems.add(at + "/apiKeys/" + k + "/apiKey", "API key " + apiKey + " is seeded twice");
                }
            }
        }
    }

    /** {@code field} must not repeat among {@code items} nor match anything already in {@code seen}. */
    private static void unique(JsonNode items, String pointer, String field, Set<String> seen, String what, Problems problems) {
        for (int i = 0; i < items.size(); i++) {
            String value = items.get(i).path(field).asText();
            if (!seen.add(value)) {
                problems.add(pointer + "/" + i + "/" + field, what + " " + value + " is seeded twice");
            }
        }
    }
}
