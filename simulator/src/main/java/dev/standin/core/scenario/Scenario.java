package dev.standin.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * A validated scenario: its name, where it came from, the source text (kept so a persistent
 * server can load it again) and its three sections.
 */
public record Scenario(String name, String origin, String text, String description,
                       JsonNode seed, JsonNode rules, JsonNode settings) implements dev.standin.core.rules.RuleSet {

    /**
     * The same without its source text, for a scenario given at start, which is never stored (only those
     * loaded at runtime are, to be loaded again): hundreds of sandboxes each kept a copy of theirs.
     */
    public Scenario withoutText() {
        return new Scenario(name, origin, null, description, seed, rules, settings);
    }

    /** This scenario's seed for one provider, or a missing node. */
    public JsonNode seedFor(String provider) {
        JsonNode node = seed.path(provider);
        return node.isMissingNode() ? MissingNode.getInstance() : node;
    }
}
