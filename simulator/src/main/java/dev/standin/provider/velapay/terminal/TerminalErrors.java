package dev.standin.provider.velapay.terminal;

import dev.standin.core.clock.VirtualClock;
import dev.standin.core.http.ApiError;
import dev.standin.core.http.ErrorRenderer;

import java.util.LinkedHashMap;
import java.util.Map;

/** The terminal's error body: {@code {"status":"error","timestamp":ms,"version":"1.0.0","message":...}}. */
final class TerminalErrors implements ErrorRenderer {
    static final String VERSION = "1.0.0";

    private final VirtualClock clock;

    TerminalErrors(VirtualClock clock) {
        this.clock = clock;
    }

    @Override
    public Answer answer(ApiError error) {
        return new Answer(error.status(), Map.of("Content-Type", "application/json; charset=utf-8"), body(clock, error.getMessage()));
    }

    static Map<String, Object> body(VirtualClock clock, String message) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "error");
        out.put("timestamp", clock.epochMillis());
        out.put("version", VERSION);
        out.put("message", message);
        return out;
    }
}
