package dev.standin.provider.qolo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.http.ApiError;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads a request body's fields, collecting every problem; {@link #check()} throws one 400 naming them all. */
final class Fields {
    private final List<ApiError.Violation> problems = new ArrayList<>();

    void problem(String field, String message) {
        problems.add(new ApiError.Violation(field + ": " + message, "INVALID_VALUE", field, "requestBody"));
    }

    boolean ok() {
        return problems.isEmpty();
    }

    void check() {
        if (!problems.isEmpty()) {
            throw new ApiError(400, problems);
        }
    }

    /** A string field; required ones must be present and not blank; at most {@code max} characters. */
    String text(JsonNode node, String path, String name, boolean required, int max) {
        JsonNode v = node == null ? null : node.get(name);
        String field = path.isEmpty() ? name : path + "." + name;
        if (v == null || v.isNull()) {
            if (required) {
                problem(field, "is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            problem(field, "must be a string");
            return null;
        }
        if (required && v.asText().isBlank()) {
            problem(field, "must not be blank");
            return null;
        }
        if (v.asText().length() > max) {
            problem(field, "must be at most " + max + " characters");
            return null;
        }
        return v.asText();
    }

    String oneOf(JsonNode node, String path, String name, boolean required, Set<String> values) {
        String v = text(node, path, name, required, 64);
        if (v != null && !values.contains(v.toUpperCase(java.util.Locale.ROOT))) {
            problem(path.isEmpty() ? name : path + "." + name, "must be one of " + String.join(", ", new java.util.TreeSet<>(values)));
            return null;
        }
        return v == null ? null : v.toUpperCase(java.util.Locale.ROOT);
    }

    /** A positive amount with at most two decimals, as a number or a string. */
    BigDecimal amount(JsonNode node, String name, boolean required) {
        JsonNode v = node == null ? null : node.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                problem(name, "is required");
            }
            return null;
        }
        try {
            BigDecimal d = v.isNumber() ? v.decimalValue() : v.isTextual() ? new BigDecimal(v.asText().trim()) : null;
            if (d != null && d.signum() > 0 && d.stripTrailingZeros().scale() <= 2 && d.compareTo(new BigDecimal("999999999999.99")) <= 0) {
                return d.setScale(2, java.math.RoundingMode.UNNECESSARY);
            }
        } catch (NumberFormatException | ArithmeticException ignored) {
            // named below
        }
        problem(name, "must be an amount above 0 with at most two decimals");
        return null;
    }

    Integer integer(JsonNode node, String name, int min, int max, Integer fallback) {
        JsonNode v = node == null ? null : node.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
            problem(name, "must be a whole number from " + min + " to " + max);
            return fallback;
        }
        return v.asInt();
    }

    JsonNode object(JsonNode node, String name, boolean required) {
        JsonNode v = node == null ? null : node.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                problem(name, "is required");
            }
            return null;
        }
        if (!v.isObject()) {
            problem(name, "must be an object");
            return null;
        }
        return v;
    }
}
