package dev.standin.core.http;

import io.javalin.http.Context;

/** Renders an {@link ApiError} in one provider's own error shape. */
@FunctionalInterface
public interface ErrorRenderer {
    void render(Context ctx, ApiError error);
}
