package dev.standin.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * A validated scenario: its name, where it came from, the source text (kept so a persistent
 * server can load it again) and its three sections.
 */
public record Scenario(String name, String origin, String text, String description,
                       JsonNode seed, JsonNode rules, JsonNode settings) implements dev.standin.core.rules.RuleSet {

    /** This scenario's seed for one provider, or a missing node. */
    public JsonNode seedFor(String provider) {
        JsonNode node = seed.path(provider);
        return node.isMissingNode() ? MissingNode.getInstance() : node;
    }
}
