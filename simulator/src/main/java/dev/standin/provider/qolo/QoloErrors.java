package dev.standin.provider.qolo;

import dev.standin.core.http.ApiError;
import dev.standin.core.http.ErrorRenderer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Qolo's one error body, for every error (its own and those the HTTP server answers before routing):
 * {@code {"status_code":400,"error":"Bad Request","message":"...","errors":[{"field":"...","message":"..."}]}};
 * {@code errors} lists every failing field of a 400 and is empty otherwise.
 */
final class QoloErrors implements ErrorRenderer {
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(404, "Not Found"),
            Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Timeout"), Map.entry(409, "Conflict"),
            Map.entry(413, "Payload Too Large"), Map.entry(414, "URI Too Long"), Map.entry(415, "Unsupported Media Type"),
            Map.entry(422, "Unprocessable Entity"), Map.entry(429, "Too Many Requests"), Map.entry(431, "Request Header Fields Too Large"),
            Map.entry(500, "Internal Server Error"), Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"),
            Map.entry(507, "Insufficient Storage"));

    @Override
    public Answer answer(ApiError error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status_code", error.status());
        body.put("error", REASONS.getOrDefault(error.status(), "Error"));
        List<Map<String, String>> fields = new ArrayList<>();
        for (ApiError.Violation v : error.violations()) {
            if (v.field() != null && error.status() == 400) {
                Map<String, String> f = new LinkedHashMap<>();
                f.put("field", v.field());
                f.put("message", v.message());
                fields.add(f);
            }
        }
        body.put("message", error.status() == 400 && fields.size() > 1 ? "Request has " + fields.size() + " invalid fields"
                : error.getMessage());
        body.put("errors", fields);
        return new Answer(error.status(), Map.of("Content-Type", "application/json"), body);
    }
}
