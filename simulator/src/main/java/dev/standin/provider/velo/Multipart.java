package dev.standin.provider.velo;

import dev.standin.core.http.ApiError;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/** Velo's multipart uploads (CSV files, logos): one named part, and 400/415 naming what is wrong with the body. */
public final class Multipart {
    /** An uploaded part: its declared content type and its bytes. */
    public record Part(String contentType, String filename, byte[] bytes) {
    }

    private Multipart() {
    }

    /** A parameter given in the query or as a form field of the upload; a malformed upload is a 400 naming it. */
    public static String param(Context ctx, String name, String part) {
        if (ctx.queryParam(name) != null) {
            return ctx.queryParam(name);
        }
        check(ctx, part);
        try {
            return ctx.formParam(name);
        } catch (Exception e) { // the servlet's multipart parser: a wrong boundary, a truncated body
            throw malformed(ctx, part);
        }
    }

    /** The part named {@code name} ({@code what} says what it must hold, for the error). */
    public static Part part(Context ctx, String name, String what) {
        check(ctx, name);
        UploadedFile file;
        try {
            file = ctx.uploadedFile(name);
        } catch (Exception e) {
            throw malformed(ctx, name);
        }
        if (file == null) {
            throw new ApiError(400, "INVALID_VALUE", "A multipart part named '" + name + "' holding " + what + " is required",
                    name, "requestBody");
        }
        try (InputStream in = file.content()) {
            return new Part(file.contentType(), file.filename(), in.readAllBytes());
        } catch (IOException e) {
            throw new ApiError(400, "INVALID_VALUE", "The part '" + name + "' could not be read", name, "requestBody");
        }
    }

    /** Jetty closes the connection after a body it could not parse: say so, or a client reusing it finds it dead. */
    private static ApiError malformed(Context ctx, String part) {
        ctx.header("Connection", "close");
        return new ApiError(400, "INVALID_VALUE", "The multipart body is malformed (a boundary that does not match, or a truncated part)",
                part, "requestBody");
    }

    private static void check(Context ctx, String part) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("multipart/form-data")) {
            throw new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "Upload as multipart/form-data with a part named '" + part + "'",
                    "Content-Type", "header");
        }
        if (!type.contains("boundary=")) {
            throw new ApiError(400, "INVALID_VALUE", "The multipart/form-data Content-Type names no boundary", "Content-Type", "header");
        }
    }
}
