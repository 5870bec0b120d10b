package dev.standin.core.control;

import dev.standin.core.sandbox.Sandbox;
import io.javalin.http.Context;

/** The sandbox a control request acts on, resolved once before its endpoint runs (see {@link ControlApi}). */
final class ControlScope {
    static final String SANDBOX = "standin.control.sandbox";

    private ControlScope() {
    }

    static Sandbox of(Context ctx) {
        Sandbox sandbox = ctx.attribute(SANDBOX);
        if (sandbox == null) {
            throw new IllegalStateException("no sandbox resolved for " + ctx.path());
        }
        return sandbox;
    }
}
