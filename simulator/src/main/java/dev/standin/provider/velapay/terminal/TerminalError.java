package dev.standin.provider.velapay.terminal;

import dev.standin.core.http.ApiError;

/** A terminal's refusal: {@code {"status": "error", "message": ...}} with an HTTP status. */
final class TerminalError extends ApiError {
    TerminalError(int httpStatus, String message) {
        super(httpStatus, "TERMINAL_ERROR", message, null, null);
    }

    static TerminalError missing(String parameter) {
        return new TerminalError(400, "Missing required parameter: " + parameter);
    }

    static TerminalError invalid(String parameter, String why) {
        return new TerminalError(400, "Invalid parameter " + parameter + ": " + why);
    }
}
