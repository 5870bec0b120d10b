package dev.standin.core.http;

import dev.standin.core.json.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/**
 * Jetty's error handler for one API: the answers Jetty gives before any route runs (headers or URI
 * too long, bytes a header may not hold, a malformed request line, a body that never arrives) come out
 * in the API's own error shape instead of Jetty's HTML or an empty body.
 */
final class JettyErrors extends ErrorHandler {
    private final ErrorRenderer renderer;
    private final long maxBodyBytes;

    JettyErrors(ErrorRenderer renderer, long maxBodyBytes) {
        this.renderer = renderer;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** A message Jetty could not even parse into a request (431, 414, 400): no request object exists. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        ErrorRenderer.Answer answer = renderer.answer(HttpErrors.of(status, reason, maxBodyBytes));
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        answer.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                fields.put(name, value);
            }
        });
        return ByteBuffer.wrap(bytes(answer));
    }

    /** A request Jetty refused after parsing it (an ambiguous path, a body read that failed). */
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Object statusAttribute = request.getAttribute(ERROR_STATUS);
        int status = statusAttribute instanceof Integer s ? s : response.getStatus();
        Object message = request.getAttribute(ERROR_MESSAGE);
        ErrorRenderer.Answer answer = renderer.answer(HttpErrors.of(status, message == null ? null : message.toString(), maxBodyBytes));
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        response.write(true, ByteBuffer.wrap(bytes(answer)), callback);
        return true;
    }

    private static byte[] bytes(ErrorRenderer.Answer answer) {
        try {
            return Json.mapper().writeValueAsBytes(answer.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
