package dev.standin.core.http;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Validates the fields of a JSON request body, collecting every violation so the client hears about
 * all of them at once, then {@link #throwIfAny() throws} a 400 {@link ApiError}.
 */
public final class Violations {
    private final List<ApiError.Violation> found;
    private final String prefix;

    public Violations() {
        this(new ArrayList<>(), "");
    }

    private Violations(List<ApiError.Violation> found, String prefix) {
        this.found = found;
        this.prefix = prefix;
    }

    /** The same collector for a nested object: its fields are reported as e.g. {@code payees[0].address.city}. */
    public Violations at(String path) {
        return new Violations(found, prefix + path + ".");
    }

    /** A required nested object; answers it, or a missing node (and a violation) when absent or not an object. */
    public JsonNode object(JsonNode body, String field, boolean required) {
        JsonNode node = body.path(field);
        if (node.isObject()) {
            return node;
        }
        if (!node.isMissingNode() && !node.isNull()) {
            add(field, prefix + field + " must be an object");
        } else if (required) {
            missing(field);
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** A text field that must also match {@code pattern} (when present), described by {@code rule}. */
    public String matching(JsonNode body, String field, int min, int max, boolean required, String pattern, String rule) {
        String value = text(body, field, min, max, required);
        if (value != null && !value.matches(pattern)) {
            add(field, prefix + field + ": " + rule);
        }
        return value;
    }

    /** One of {@code allowed}. */
    public String oneOf(JsonNode body, String field, boolean required, List<String> allowed) {
        String value = text(body, field, 0, Integer.MAX_VALUE, required);
        if (value != null && !allowed.contains(value)) {
            add(field, prefix + field + ": must be one of " + allowed);
        }
        return value;
    }

    /** A whole number within [min, max]; null when absent (and a violation when required). */
    public Long number(JsonNode body, String field, long min, long max, boolean required) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                missing(field);
            }
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            add(field, prefix + field + " must be a whole number");
            return null;
        }
        long value = node.asLong();
        if (value < min) {
            add(field, prefix + field + ": must be at least " + min);
        } else if (value > max) {
            add(field, prefix + field + ": must be at most " + max);
        }
        return value;
    }

    private void missing(String field) {
        found.add(new ApiError.Violation(prefix + field + " must not be null", "REQUIRED", prefix + field, "requestBody"));
    }

    public void add(String field, String message) {
        found.add(new ApiError.Violation(message, "INVALID_VALUE", prefix + field, "requestBody"));
    }

    /** A text field: required or not, its length within [min, max]. Answers the value or null. */
    public String text(JsonNode body, String field, int min, int max, boolean required) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                missing(field);
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
            missing(field);
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
