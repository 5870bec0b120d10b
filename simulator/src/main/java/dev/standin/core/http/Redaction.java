package dev.standin.core.http;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of what the control port shows (the request journal, the webhook log): an
 * Authorization header keeps only what tells which credential was used (the Basic user, i.e. the API
 * key; the first characters of a bearer token), and JSON fields holding secrets are masked.
 */
public final class Redaction {
    public static final String MASK = "***";
    private static final java.util.Set<String> SECRET_NAMES = java.util.Set.of("access_token", "refresh_token", "apiSecret",
            "api_secret", "secret", "secretKey", "secret_key", "storeSecret", "password", "smsChallengeToken");
    private static final Pattern SECRET_FIELDS = Pattern.compile(
            "(\"(?:" + String.join("|", SECRET_NAMES) + ")\"\\s*:\\s*)\"(?:[^\"\\\\]++|\\\\.)*+\"");

    private Redaction() {
    }

    public static Map<String, String> headers(Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, value) -> out.put(name, switch (name.toLowerCase(Locale.ROOT)) {
            case "authorization", "proxy-authorization" -> authorization(value);
            case "cookie", "x-api-key" -> MASK;
            default -> value;
        }));
        return out;
    }

    /** "Basic key:***" (the key decoded), "Bearer abcd1234***", or the scheme alone. */
    static String authorization(String value) {
        if (value == null) {
            return null;
        }
        var basic = dev.standin.core.auth.Credentials.basic(value);
        if (basic.isPresent()) {
            return "Basic " + basic.get().user() + ":" + MASK;
        }
        var bearer = dev.standin.core.auth.Credentials.bearer(value);
        if (bearer.isPresent()) {
            String token = bearer.get();
            return "Bearer " + token.substring(0, Math.min(8, token.length() / 4)) + MASK;
        }
        int space = value.indexOf(' ');
        return (space > 0 ? value.substring(0, space + 1) : "") + MASK;
    }

    private static boolean mayHoldSecret(String body) {
        for (String name : SECRET_NAMES) {
            if (body.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** A copy of a JSON tree with the values of secret fields masked (the webhook log shows bodies). */
    public static com.fasterxml.jackson.databind.JsonNode json(com.fasterxml.jackson.databind.JsonNode node) {
        if (node == null || !node.isContainerNode()) {
            return node;
        }
        com.fasterxml.jackson.databind.JsonNode copy = node.deepCopy();
        mask(copy);
        return copy;
    }

    private static void mask(com.fasterxml.jackson.databind.JsonNode node) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
            java.util.List<String> names = new java.util.ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (SECRET_NAMES.contains(name) && object.get(name).isTextual()) {
                    object.put(name, MASK);
                } else {
                    mask(object.get(name));
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(Redaction::mask);
        }
    }

    /** A JSON (or any text) body with the values of secret fields masked. */
    public static String body(String body) {
        if (body == null || !mayHoldSecret(body)) {
            return body; // most bodies hold none: a few indexOf calls instead of the regex on every request
        }
        Matcher m = SECRET_FIELDS.matcher(body);
        return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + "\"" + MASK + "\""));
    }
}
