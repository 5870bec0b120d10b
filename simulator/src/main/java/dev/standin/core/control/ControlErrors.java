package dev.standin.core.control;

import dev.standin.core.http.ApiError;
import dev.standin.core.http.ErrorRenderer;

import java.util.LinkedHashMap;
import java.util.Map;

/** The control API's own error shape: {@code {"error": CODE, "message": ..., "field": ...}}. */
final class ControlErrors implements ErrorRenderer {
    @Override
    public Answer answer(ApiError error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.code());
        body.put("message", error.getMessage());
        if (error.field() != null) {
            body.put("field", error.field());
        }
        if (error.correlationId() != null) {
            body.put("correlationId", error.correlationId());
        }
        return new Answer(error.status(), body);
    }
}
