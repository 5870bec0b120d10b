package dev.standin.provider.velo;

import dev.standin.core.http.ApiError;
import io.javalin.http.Context;

import java.util.UUID;

/** Reads Velo's UUID path parameters, answering 400 naming the parameter when one is not a UUID. */
public final class VeloPaths {
    private VeloPaths() {
    }

    public static UUID uuid(Context ctx, String param) {
        String raw = ctx.pathParam(param);
        try {
            if (raw.length() == 36) {
                return UUID.fromString(raw);
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw ApiError.badPath(param, param + " must be a UUID, was '" + raw + "'");
    }
}
