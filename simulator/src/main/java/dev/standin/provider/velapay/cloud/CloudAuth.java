package dev.standin.provider.velapay.cloud;

import dev.standin.core.auth.TimestampSignature;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.http.ApiError;
import io.javalin.http.Context;

import java.util.Optional;
import java.util.function.Function;

/**
 * Every Cloud request is signed: {@code X-API-Key} names the merchant, {@code X-Timestamp} (Unix
 * seconds, within 5 minutes of the virtual clock) and {@code X-Signature} (hex HMAC-SHA256 with the
 * API secret over the timestamp then the exact body bytes) prove it. All failures answer 401.
 */
final class CloudAuth {
    private final VirtualClock clock;
    private final Function<String, Optional<Merchant>> merchants;

    CloudAuth(VirtualClock clock, Function<String, Optional<Merchant>> merchants) {
        this.clock = clock;
        this.merchants = merchants;
    }

    Merchant check(Context ctx, byte[] body) {
        String key = ctx.header("X-API-Key");
        if (key == null || key.isBlank()) {
            throw unauthorized("Authentication error: the X-API-Key header is required");
        }
        Merchant merchant = merchants.apply(key.trim())
                .orElseThrow(() -> unauthorized("Authentication error: unknown API key"));
        String problem = TimestampSignature.problem(ctx.header("X-Timestamp"), ctx.header("X-Signature"), merchant.apiSecret(),
                body, clock.now());
        if (problem != null) {
            throw unauthorized(problem);
        }
        return merchant;
    }

    private static ApiError unauthorized(String message) {
        return new ApiError(401, "UNAUTHORIZED", message, null, null);
    }
}
