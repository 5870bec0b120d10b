package dev.standin.provider.vendreo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.http.ApiError;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Laravel-style validation of a request body: every failing field is collected, then one 422 names them all. */
final class Form {
    private final JsonNode body;
    private final List<ApiError.Violation> problems = new ArrayList<>();

    Form(JsonNode body) {
        this.body = body;
    }

    void fail(String field, String message) {
        problems.add(new ApiError.Violation(message, "INVALID", field, "requestBody"));
    }

    void check() {
        if (!problems.isEmpty()) {
            throw new ApiError(422, problems);
        }
    }

    boolean has(String field) {
        return body.hasNonNull(field) && !(body.get(field).isTextual() && body.get(field).asText().isEmpty());
    }

    private static String label(String field) {
        return field.replace('_', ' ');
    }

    String string(String field, boolean required, int max) {
        if (!has(field)) {
            if (required) {
                fail(field, "The " + label(field) + " field is required.");
            }
            return null;
        }
        JsonNode v = body.get(field);
        if (!v.isTextual() && !v.isNumber()) {
            fail(field, "The " + label(field) + " must be a string.");
            return null;
        }
        if (v.asText().length() > max) {
            fail(field, "The " + label(field) + " may not be greater than " + max + " characters.");
            return null;
        }
        return v.asText();
    }

    /** An amount in minor units: an integer, sent as a number or a string of digits. */
    Long amount(String field, boolean required) {
        if (!has(field)) {
            if (required) {
                fail(field, "The " + label(field) + " field is required.");
            }
            return null;
        }
        JsonNode v = body.get(field);
        String text = v.isIntegralNumber() ? v.asText() : v.isTextual() ? v.asText().trim() : null;
        if (text == null || !text.matches("\\d{1,12}")) {
            fail(field, "The " + label(field) + " must be an integer.");
            return null;
        }
        long amount = Long.parseLong(text);
        if (amount < 1) {
            fail(field, "The " + label(field) + " must be at least 1.");
            return null;
        }
        return amount;
    }

    Integer integer(String field, boolean required, int min, int max) {
        if (!has(field)) {
            if (required) {
                fail(field, "The " + label(field) + " field is required.");
            }
            return null;
        }
        JsonNode v = body.get(field);
        String text = v.isIntegralNumber() ? v.asText() : v.isTextual() ? v.asText().trim() : "";
        if (!text.matches("-?\\d{1,9}")) {
            fail(field, "The " + label(field) + " must be an integer.");
            return null;
        }
        int n = Integer.parseInt(text);
        if (n < min || n > max) {
            fail(field, "The " + label(field) + " must be between " + min + " and " + max + ".");
            return null;
        }
        return n;
    }

    String url(String field, boolean required) {
        String v = string(field, required, 2048);
        if (v != null && !v.matches("(?i)https?://[^\\s/$.?#][^\\s]*")) {
            fail(field, "The " + label(field) + " format is invalid.");
            return null;
        }
        return v;
    }

    /** One of {@code values}, compared without case; answered upper-case. */
    String in(String field, boolean required, Set<String> values) {
        String v = string(field, required, 64);
        if (v == null) {
            return null;
        }
        String upper = v.toUpperCase(Locale.ROOT);
        if (!values.contains(upper)) {
            fail(field, "The selected " + label(field) + " is invalid.");
            return null;
        }
        return upper;
    }

    String currency(String field) {
        String v = string(field, false, 3);
        if (v != null && !v.equals("GBP")) {
            fail(field, "The selected " + label(field) + " is invalid.");
            return null;
        }
        return v == null ? "GBP" : v;
    }

    String digits(String field, boolean required, int length) {
        String v = string(field, required, 32);
        if (v != null && !v.matches("\\d{" + length + "}")) {
            fail(field, "The " + label(field) + " must be " + length + " digits.");
            return null;
        }
        return v;
    }

    /** {@code basket_items}: a list of {description, quantity, price, total}; kept as sent. */
    JsonNode basket() {
        JsonNode items = body.get("basket_items");
        if (items == null || items.isNull()) {
            return null;
        }
        if (!items.isArray()) {
            fail("basket_items", "The basket items must be an array.");
            return null;
        }
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (!item.isObject() || !item.hasNonNull("description")) {
                fail("basket_items." + i + ".description", "The basket_items." + i + ".description field is required.");
            }
        }
        return items;
    }

    /** {@code options}: a JSON string (as documented) or an object; kept as text. */
    String options() {
        JsonNode v = body.get("options");
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isObject()) {
            return v.toString();
        }
        if (!v.isTextual()) {
            fail("options", "The options must be a valid JSON string.");
            return null;
        }
        try {
            dev.standin.core.json.Json.mapper().readTree(v.asText());
        } catch (java.io.IOException e) {
            fail("options", "The options must be a valid JSON string.");
            return null;
        }
        return v.asText();
    }
}
