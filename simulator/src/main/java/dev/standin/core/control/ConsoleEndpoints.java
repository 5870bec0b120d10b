package dev.standin.core.control;

import dev.standin.core.http.ApiError;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import static io.javalin.apibuilder.ApiBuilder.get;

/**
 * The web console at the control port's root: a static page and script from the jar (no CDN, no
 * build step) that drive the control API from the browser, for the sandbox chosen on the page.
 */
final class ConsoleEndpoints implements EndpointGroup {
    static final String ASSETS = "/_sim/console/";
    private static final Map<String, String> TYPES = Map.of("console.js", "text/javascript; charset=utf-8",
            "console.css", "text/css; charset=utf-8");

    @Override
    public void addEndpoints() {
        get("/", ctx -> serve(ctx, "index.html", "text/html; charset=utf-8"));
        get(ASSETS + "{asset}", ctx -> {
            String asset = ctx.pathParam("asset");
            if (!TYPES.containsKey(asset)) {
                throw new ApiError(404, "NOT_FOUND", "No console file " + asset, "asset", "pathParam");
            }
            serve(ctx, asset, TYPES.get(asset));
        });
    }

    private static void serve(Context ctx, String file, String type) throws IOException {
        try (InputStream in = ConsoleEndpoints.class.getResourceAsStream("/console/" + file)) {
            if (in == null) {
                throw new ApiError(404, "NOT_FOUND", "The console is not in this build", null, null);
            }
            ctx.header("Cache-Control", "no-cache").contentType(type).result(in.readAllBytes());
        }
    }
}
