package dev.standin.provider.velo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.scenario.Problems;
import dev.standin.core.scenario.SeedCheck;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Velo seed checks the schema cannot make: payor ids and API keys unique across every loaded scenario. */
final class VeloSeedCheck implements SeedCheck {

    @Override
    public void check(JsonNode seed, String pointer, List<JsonNode> alreadyLoaded, Problems problems) {
        Set<String> payorIds = new HashSet<>();
        Set<String> apiKeys = new HashSet<>();
        for (JsonNode other : alreadyLoaded) {
            other.path("payors").forEach(p -> {
                payorIds.add(p.path("payorId").asText());
                p.path("apiKeys").forEach(k -> apiKeys.add(k.path("apiKey").asText()));
            });
        }
        JsonNode payors = seed.path("payors");
        for (int i = 0; i < payors.size(); i++) {
            JsonNode payor = payors.get(i);
            String at = pointer + "/payors/" + i;
            if (!payorIds.add(payor.path("payorId").asText())) {
                problems.add(at + "/payorId", "payor " + payor.path("payorId").asText() + " is seeded twice");
            }
            JsonNode keys = payor.path("apiKeys");
            for (int k = 0; k < keys.size(); k++) {
                String apiKey = keys.get(k).path("apiKey").asText();
                if (!apiKeys.add(apiKey)) {
                    problems.add(at + "/apiKeys/" + k + "/apiKey", "API key " + apiKey + " is seeded twice");
                }
            }
        }
    }
}
