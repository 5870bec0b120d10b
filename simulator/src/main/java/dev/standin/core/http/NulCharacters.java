package dev.standin.core.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.json.Json;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A NUL character (U+0000) in a query parameter or a JSON string is refused with a 400 naming the
 * field, in the provider's shape, before any route runs. The providers' documents are silent; their
 * databases (PostgreSQL's text, for one) cannot store it, so a real provider fails such a request, and
 * Standin answers the same on every database rather than storing it in H2 and failing in PostgreSQL
 * (which the bad-input corpus found as 500s).
 */
final class NulCharacters {
    private static final String WHY = " holds a NUL character (\\u0000), which is not accepted in text";

    private NulCharacters() {
    }

    static void check(Context ctx, byte[] body) {
        if (ctx.path().indexOf('\0') >= 0 || ctx.path().toLowerCase(java.util.Locale.ROOT).contains("%00")) {
            throw ApiError.badPath("path", "the path" + WHY);
        }
        for (Map.Entry<String, List<String>> q : ctx.queryParamMap().entrySet()) {
            if (q.getKey().indexOf('\0') >= 0 || q.getValue().stream().anyMatch(v -> v.indexOf('\0') >= 0)) {
                throw ApiError.badQuery(q.getKey(), q.getKey() + WHY);
            }
        }
        if (body.length == 0 || !contains(body)) {
            return;
        }
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(body);
        } catch (java.io.IOException notJson) {
            if (new String(body, StandardCharsets.UTF_8).indexOf('\0') >= 0) {
                throw ApiError.badBody("body", "the request body" + WHY);
            }
            return; // the handler says what is wrong with it
        }
        String field = find(tree, "");
        if (field != null) {
            throw ApiError.badBody(field, field + WHY);
        }
    }

    /** Whether the body holds a raw NUL byte or the JSON escape of one. */
    private static boolean contains(byte[] body) {
        for (int i = 0; i < body.length; i++) {
            if (body[i] == 0 || (body[i] == '\\' && i + 5 < body.length && body[i + 1] == 'u' && body[i + 2] == '0'
                    && body[i + 3] == '0' && body[i + 4] == '0' && body[i + 5] == '0')) {
                return true;
            }
        }
        return false;
    }

    /** The dotted path of the first name or string value holding a NUL, or null. */
    private static String find(JsonNode node, String path) {
        if (node.isTextual()) {
            return node.asText().indexOf('\0') >= 0 ? (path.isEmpty() ? "body" : path) : null;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = find(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String at = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (e.getKey().indexOf('\0') >= 0) {
                    return at;
                }
                String found = find(e.getValue(), at);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
