package dev.standin.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A provider's checks of its own seed section beyond the JSON Schema: references between seeded
 * items, and clashes with the seeds already loaded (a tenant id or credential seeded twice).
 * Problems go to {@code problems} by JSON pointer.
 */
@FunctionalInterface
public interface SeedCheck {
    void check(JsonNode providerSeed, String pointer, List<JsonNode> alreadyLoaded, Problems problems);

    /**
     * Each of {@code fields} of the items of the seed's {@code list} (e.g. "merchants": "merchantId",
     * "apiKey") is unique across this seed and those already loaded: an id or a credential seeded twice
     * is named ("declared twice").
     */
    static SeedCheck unique(String list, String... fields) {
        return (seed, pointer, alreadyLoaded, problems) -> {
            for (String field : fields) {
                java.util.Set<String> seen = new java.util.HashSet<>();
                alreadyLoaded.forEach(other -> other.path(list).forEach(item -> seen.add(item.path(field).asText())));
                JsonNode items = seed.path(list);
                for (int i = 0; i < items.size(); i++) {
                    String value = items.get(i).path(field).asText();
                    if (!seen.add(value)) {
                        problems.add(pointer + "/" + list + "/" + i + "/" + field, field + " " + value + " is declared twice");
                    }
                }
            }
        };
    }

    /** This check, then {@code next}. */
    default SeedCheck and(SeedCheck next) {
        return (seed, pointer, alreadyLoaded, problems) -> {
            check(seed, pointer, alreadyLoaded, problems);
            next.check(seed, pointer, alreadyLoaded, problems);
        };
    }
}
