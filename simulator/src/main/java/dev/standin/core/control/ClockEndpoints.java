package dev.standin.core.control;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.clock.Scheduler;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.http.ApiError;
import dev.standin.core.http.JsonBody;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.post;

/** {@code GET /_sim/clock} and {@code POST /_sim/clock/advance}. */
final class ClockEndpoints implements EndpointGroup {
    static final Duration MAX_ADVANCE = Duration.ofDays(36_500);

    private final String prefix;

    ClockEndpoints(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public void addEndpoints() {
        get(prefix + "/clock", this::show);
        post(prefix + "/clock/advance", this::advance);
    }

    static Map<String, Object> describe(VirtualClock clock) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mode", clock.mode().label());
        body.put("now", clock.now().toString());
        return body;
    }

    private void show(Context ctx) {
        Map<String, Object> body = describe(ControlScope.of(ctx).clock());
        body.put("pending", ControlScope.of(ctx).scheduler().pending());
        ctx.json(body);
    }

    private void advance(Context ctx) {
        JsonNode by = JsonBody.lenientTree(ctx).path("by");
        if (!by.isTextual()) {
            throw ApiError.badBody("by", "'by' is required: an ISO-8601 duration such as \"PT90S\"");
        }
        Duration duration;
        try {
            duration = Duration.parse(by.asText());
        } catch (DateTimeParseException e) {
            throw ApiError.badBody("by", "'" + by.asText() + "' is not an ISO-8601 duration such as \"PT90S\"");
        }
        if (duration.isNegative()) {
            throw ApiError.badBody("by", "the clock only moves forward; 'by' must not be negative");
        }
        if (duration.compareTo(MAX_ADVANCE) > 0) {
            throw ApiError.badBody("by", "'by' may be at most " + MAX_ADVANCE + " (100 years)");
        }
        ControlScope.of(ctx).scheduler().advance(duration);
        show(ctx);
    }
}
