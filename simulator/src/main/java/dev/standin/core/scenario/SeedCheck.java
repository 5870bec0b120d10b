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
}
