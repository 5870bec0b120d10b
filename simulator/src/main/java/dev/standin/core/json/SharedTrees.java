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
 *
 * <p>A subtree is kept for sharing from its second sighting on: each sandbox's tree has about fifty
 * nodes of its own (its credentials and the nodes above them), which, kept at their first sighting,
 * cost every sandbox about 4 KB of cache entries and outlived it. The first sighting waits in a
 * small bounded cache, so what never comes again is forgotten.
 */
public final class SharedTrees {
    /** Subtrees by their content (Jackson's equality is deep); bounded, so a stream of distinct scenarios only evicts. */
    private static final Cache<JsonNode, JsonNode> NODES = Caffeine.newBuilder().maximumSize(50_000).build();
    /** Subtrees seen once (the first copy, handed out at the time), until seen again or pushed out by newer ones. */
    private static final Cache<JsonNode, JsonNode> SEEN_ONCE = Caffeine.newBuilder().maximumSize(5_000).build();

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
        JsonNode shared = NODES.getIfPresent(built);
        if (shared != null) {
            return shared;
        }
        JsonNode first = SEEN_ONCE.asMap().remove(built);
        if (first == null) {
            SEEN_ONCE.put(built, built);
            return built;
        }
        JsonNode raced = NODES.asMap().putIfAbsent(first, first);
        return raced != null ? raced : first;
    }

    /** How many subtrees are kept for sharing (not counting those seen once). */
    public static long kept() {
        NODES.cleanUp();
        return NODES.estimatedSize();
    }
}
