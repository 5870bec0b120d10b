package dev.standin.junit5;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which journal entries a {@link Standin.Journal#verify} counts: by provider, method, path (exact, or
 * a prefix ending in {@code *}), status and the rule that decided it; unset parts match anything.
 */
public final class RequestPattern {
    private final String provider;
    private final String method;
    private final String path;
    private final Integer status;
    private final String rule;

    private RequestPattern(String provider, String method, String path, Integer status, String rule) {
        this.provider = provider;
        this.method = method;
        this.path = path;
        this.status = status;
        this.rule = rule;
    }

    public static RequestPattern any() {
        return new RequestPattern(null, null, null, null, null);
    }

    public static RequestPattern get(String provider, String path) {
        return any().provider(provider).method("GET").path(path);
    }

    public static RequestPattern post(String provider, String path) {
        return any().provider(provider).method("POST").path(path);
    }

    public RequestPattern provider(String p) {
        return new RequestPattern(p, method, path, status, rule);
    }

    public RequestPattern method(String m) {
        return new RequestPattern(provider, m, path, status, rule);
    }

    /** An exact path, or a prefix: {@code /v3/payouts/*}. */
    public RequestPattern path(String p) {
        return new RequestPattern(provider, method, p, status, rule);
    }

    public RequestPattern status(int s) {
        return new RequestPattern(provider, method, path, s, rule);
    }

    /** Decided by this scenario rule ("scenario/rule"). */
    public RequestPattern rule(String r) {
        return new RequestPattern(provider, method, path, status, r);
    }

    boolean matches(JsonNode entry) {
        String seenPath = entry.path("path").asText();
        return (provider == null || provider.equals(entry.path("provider").asText()) || entry.path("provider").asText().startsWith(provider + "/"))
                && (method == null || method.equalsIgnoreCase(entry.path("method").asText()))
                && (path == null || (path.endsWith("*") ? seenPath.startsWith(path.substring(0, path.length() - 1)) : path.equals(seenPath)))
                && (status == null || status == entry.path("status").asInt())
                && (rule == null || rule.equals(entry.path("rule").asText(null)));
    }

    @Override
    public String toString() {
        return "{" + (provider == null ? "" : "provider " + provider + " ") + (method == null ? "" : method + " ")
                + (path == null ? "any path" : path) + (status == null ? "" : " status " + status) + (rule == null ? "" : " rule " + rule) + "}";
    }
}
