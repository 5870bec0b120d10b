package dev.standin.provider.velo;

import dev.standin.core.http.ApiError;
import dev.standin.core.http.ErrorRenderer;
import dev.standin.core.id.IdGenerator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Velo's error body: {@code {"correlationId", "httpStatusCode", "errors": [{"errorMessage", "errorCode",
 * "location", "locationType", "reasonCode"}]}}. 401s use the OAuth shape {@code {"error", "error_description"}}.
 */
final class VeloErrors implements ErrorRenderer {
    private final IdGenerator ids;

    VeloErrors(IdGenerator ids) {
        this.ids = ids;
    }

    /** Before its sandbox is open (a request while the server starts): correlation ids from a stream of their own. */
    static final VeloErrors STARTING = new VeloErrors(new IdGenerator(0, "velo-starting", 0));

    @Override
    public Answer answer(ApiError error) {
        if (error.status() == 401) {
            return new Answer(401, Map.of("WWW-Authenticate", "Bearer error=\"" + error.code() + "\", error_description=\""
                    + error.getMessage().replace('"', '\'') + "\""), Map.of("error", error.code(), "error_description", error.getMessage()));
        }
        List<Map<String, Object>> errors = error.violations().stream().map(VeloErrors::describe).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("correlationId", error.correlationId() != null ? error.correlationId() : ids.uuidString());
        body.put("httpStatusCode", error.status());
        body.put("errors", errors);
        return new Answer(error.status(), body);
    }

    private static Map<String, Object> describe(ApiError.Violation v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("errorMessage", v.message());
        out.put("errorCode", v.code());
        if (v.field() != null) {
            out.put("location", v.field());
            out.put("locationType", v.locationType());
        }
        out.put("reasonCode", v.code());
        return out;
    }
}
