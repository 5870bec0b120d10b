package dev.standin.core.rules;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What request rules can match on; the body and the tenant are read only when a rule asks.
 *
 * @param headers header names lower-cased
 */
public record RequestFacts(String provider, String method, String path, Map<String, List<String>> query,
                           Map<String, String> headers, Supplier<JsonNode> body, Supplier<String> tenant) {
}
