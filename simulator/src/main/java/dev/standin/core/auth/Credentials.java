package dev.standin.core.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** Reads the two common Authorization header forms without ever throwing on a malformed one. */
public final class Credentials {
    /** A decoded Basic credential pair. */
    public record Basic(String user, String password) {
    }

    private Credentials() {
    }

    public static Optional<Basic> basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            // some encoders append a newline (the Velo guide's own example does): ignore trailing line breaks
            return Optional.of(new Basic(decoded.substring(0, colon), decoded.substring(colon + 1).stripTrailing()));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    public static Optional<String> bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
