package dev.standin.provider.velapay.cloud;

import dev.standin.core.clock.VirtualClock;
import dev.standin.core.http.ApiError;
import dev.standin.core.http.ErrorRenderer;

import java.util.Map;

/**
 * The Cloud API's error body, for every error (its own, and those the HTTP server answers before
 * routing): {@code {"status":"error","timestamp":<Unix seconds>,"version":"1.0.0","message":...}}.
 */
final class CloudErrors implements ErrorRenderer {
    private final VirtualClock clock;

    CloudErrors(VirtualClock clock) {
        this.clock = clock;
    }

    @Override
    public Answer answer(ApiError error) {
        Map<String, Object> body = CloudResponse.base("error", clock.now());
        body.put("message", error.getMessage());
        return new Answer(error.status(), Map.of("Content-Type", "application/json; charset=utf-8"), body);
    }
}
