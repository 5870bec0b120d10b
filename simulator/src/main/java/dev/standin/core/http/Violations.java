package dev.standin.core.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Validates the fields of a JSON request body, collecting every violation so the client hears about
 * all of them at once, then {@link #throwIfAny() throws} a 400 {@link ApiError}.
 */
public final class Violations {
    private final List<ApiError.Violation> found = new ArrayList<>();
    private final String prefix;

    public Violations() {
        this("");
    }

    /** Fields are reported as {@code prefix + field}, e.g. {@code "address."}. */
    public Violations(String prefix) {
        this.prefix = prefix;
    }

    public void add(String field, String message) {
        found.add(new ApiError.Violation(message, "INVALID_VALUE", prefix + field, "requestBody"));
    }

    /** A text field: required or not, its length within [min, max]. Answers the value or null. */
    public String text(JsonNode body, String field, int min, int max, boolean required) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                found.add(new ApiError.Violation(prefix + field + " must not be null", "REQUIRED", prefix + field, "requestBody"));
            }
            return null;
        }
        if (!node.isTextual()) {
            add(field, prefix + field + " must be a string");
            return null;
        }
        String value = node.asText();
        if (value.length() < min || value.length() > max) {
            add(field, prefix + field + ": size must be between " + min + " and " + max + " inclusive");
        }
        return value;
    }

    /** A required non-empty array of strings. */
    public List<String> strings(JsonNode body, String field, int minItems) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            found.add(new ApiError.Violation(prefix + field + " must not be null", "REQUIRED", prefix + field, "requestBody"));
            return List.of();
        }
        if (!node.isArray()) {
            add(field, prefix + field + " must be an array of strings");
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                add(field + "[" + i + "]", prefix + field + "[" + i + "] must be a string");
            } else {
                values.add(node.get(i).asText());
            }
        }
        if (node.size() < minItems) {
            add(field, prefix + field + ": size must be at least " + minItems);
        }
        return values;
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ApiError(400, found);
        }
    }
}
