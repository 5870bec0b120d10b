package dev.standin.core.http;

import io.javalin.http.Context;

import java.util.Map;

/**
 * Turns an {@link ApiError} into one API's own error answer. The answer is plain data (status,
 * headers, a JSON body) so that both Javalin handlers and Jetty's error handler (which answers
 * before any routing: oversized headers or URIs, malformed requests, body timeouts) write the same thing.
 */
@FunctionalInterface
public interface ErrorRenderer {

    /** An error answer: its status, extra headers and the JSON body. */
    record Answer(int status, Map<String, String> headers, Object body) {
        public Answer(int status, Object body) {
            this(status, Map.of(), body);
        }
    }

    Answer answer(ApiError error);

    /** Writes the answer on a Javalin context. */
    default void render(Context ctx, ApiError error) {
        Answer answer = answer(error);
        ctx.status(answer.status()).json(answer.body());
        answer.headers().forEach(ctx::header);
    }
}
