package dev.standin.provider.vendreo;

import dev.standin.core.http.ApiError;
import dev.standin.core.http.ErrorRenderer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Vendreo's (Laravel's) error body for every error: {@code {"message":"...","errors":{"field":["..."]}}};
 * a 422 says "The given data was invalid." and lists each failing field's messages.
 */
final class VendreoErrors implements ErrorRenderer {
    @Override
    public Answer answer(ApiError error) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (ApiError.Violation v : error.violations()) {
            if (v.field() != null && (error.status() == 422 || error.status() == 400)) {
                errors.computeIfAbsent(v.field(), k -> new ArrayList<>()).add(v.message());
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", error.status() == 422 ? "The given data was invalid." : error.getMessage());
        body.put("errors", errors);
        return new Answer(error.status(), Map.of("Content-Type", "application/json"), body);
    }
}
