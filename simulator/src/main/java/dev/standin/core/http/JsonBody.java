package dev.standin.core.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.json.Json;
import io.javalin.http.Context;

import java.util.Locale;

/** Reads JSON request bodies, turning a wrong content type or malformed JSON into an {@link ApiError}. */
public final class JsonBody {
    private JsonBody() {
    }

    /** The body as a tree; an empty body reads as an empty object. */
    public static JsonNode tree(Context ctx) {
        requireJson(ctx);
        return parse(ctx);
    }

    /** The body as a tree whatever its declared Content-Type (for the control API, driven by hand with curl -d). */
    public static JsonNode lenientTree(Context ctx) {
        return parse(ctx);
    }

    private static JsonNode parse(Context ctx) {
        String body = ctx.body();
        if (body.isBlank()) {
            return Json.mapper().createObjectNode();
        }
        try {
            return Json.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.malformedJson(describe(e));
        }
    }

    /** A body that is present must be declared as JSON. A missing Content-Type is tolerated, as most servers do. */
    public static void requireJson(Context ctx) {
        String contentType = ctx.contentType();
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        String mime = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!mime.equals("application/json") && !mime.endsWith("+json")) {
            throw ApiError.unsupportedMediaType(contentType);
        }
    }

    private static String describe(JsonProcessingException e) {
        String where = e.getLocation() != null
                ? " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() : "";
        return "Malformed JSON request" + where + ": " + e.getOriginalMessage();
    }
}
