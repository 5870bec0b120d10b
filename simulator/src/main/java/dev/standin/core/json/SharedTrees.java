package dev.standin.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * One copy of equal JSON subtrees across the server: every sandbox created from the default scenario
 * holds its parsed tree, which differs from the others' only in the fresh credentials, so without this
 * each sandbox kept its own copy of the same payees, terminals and settings (about 50 KB each). Trees
 * shared this way must never be changed: copy one ({@code deepCopy()}) before changing it.
 */
public final class SharedTrees {
    /** Subtrees by their content (Jackson's equality is deep); bounded, so a stream of distinct scenarios only evicts. */
    private static final Cache<JsonNode, JsonNode> NODES = Caffeine.newBuilder().maximumSize(50_000).build();

    private SharedTrees() {
    }

    /** An equal tree whose subtrees are shared with every equal subtree handed out before. */
    public static JsonNode share(JsonNode node) {
        JsonNode built;
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), share(e.getValue())));
            built = copy;
        } else if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(element -> copy.add(share(element)));
            built = copy;
        } else if (node.isTextual()) {
            built = node;
        } else {
            return node; // numbers, booleans, null, missing: small, or singletons already
        }
        return NODES.get(built, k -> k);
    }
}
