package dev.standin.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.standin.core.clock.Scheduler;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.http.ApiError;
import dev.standin.core.http.ErrorRenderer;
import dev.standin.core.http.ResultText;
import dev.standin.core.json.Json;
import io.javalin.http.Context;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Applies request rules on a provider's server: before the endpoint (delay, respond, rate limit,
 * drop, empty or malformed answers) and after it (commit-then-fail, slow chunked answers, webhooks).
 */
public final class RuleFilter implements dev.standin.core.http.RequestFilter {
    private static final String FIRING = "standin.rule";
    private static final String FACTS = "standin.facts";

    private final RuleEngine engine;
    private final String provider;
    private final ErrorRenderer errors;
    private final Function<Context, String> tenant;
    private final Scheduler scheduler;
    private final VirtualClock clock;
    private final WebhookSink webhooks;

    /** Where webhook effects go (the shared webhook delivery). */
    @FunctionalInterface
    public interface WebhookSink {
        void send(String provider, Rule rule, String url, Map<String, String> headers, JsonNode body, java.time.Duration delay);
    }

    public RuleFilter(RuleEngine engine, String provider, ErrorRenderer errors, Function<Context, String> tenant,
                      Scheduler scheduler, VirtualClock clock, WebhookSink webhooks) {
        this.engine = engine;
        this.provider = provider;
        this.errors = errors;
        this.tenant = tenant;
        this.scheduler = scheduler;
        this.clock = clock;
        this.webhooks = webhooks;
    }

    @Override
    public void before(Context ctx) {
        if (!engine.hasRulesFor(provider)) {
            return;
        }
        Map<String, String> headers = new HashMap<>();
        ctx.headerMap().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        RequestFacts facts = new RequestFacts(provider, ctx.method().name().toUpperCase(Locale.ROOT), ctx.path(),
                ctx.queryParamMap(), headers, memo(() -> body(ctx)), memo(() -> tenant.apply(ctx)));
        var firing = engine.matchRequest(facts);
        if (firing.isEmpty()) {
            return;
        }
        ctx.attribute(FIRING, firing.get());
        ctx.attribute(FACTS, facts);
        ctx.attribute(dev.standin.core.http.RequestJournal.DECIDED_BY, firing.get().rule().scenario() + "/" + firing.get().rule().name());
        Rule.Effect e = firing.get().rule().effect();
        if (e.release() != null) {
            engine.holds().releaseRule(e.release());
        }
        VirtualWait.await(scheduler, provider, engine.delayOf(e));
        if (e.respond() != null) {
            respond(ctx, firing.get(), facts, e.respond());
            ctx.skipRemainingHandlers();
        } else if (e.rateLimitRetryAfter() != null) {
            ctx.header("Retry-After", Integer.toString(e.rateLimitRetryAfter()));
            throw new ApiError(429, "TOO_MANY_REQUESTS", "Too many requests; retry after " + e.rateLimitRetryAfter() + " s", null, null);
        } else if ("drop".equals(e.fault())) {
            drop(ctx);
            ctx.skipRemainingHandlers();
        } else if ("empty".equals(e.fault())) {
            ctx.status(200).result("");
            ctx.skipRemainingHandlers();
        } else if ("malformed".equals(e.fault())) {
            ctx.status(200).contentType("application/json").result("{\"status\":\"ACC");
            ctx.skipRemainingHandlers();
        }
    }

    @Override
    public void after(Context ctx) {
        RuleEngine.Firing firing = ctx.attribute(FIRING);
        if (firing == null) {
            return;
        }
        Rule.Effect e = firing.rule().effect();
        RequestFacts facts = ctx.attribute(FACTS);
        if (e.webhook() != null) {
            Map<String, JsonNode> extra = new java.util.HashMap<>(generated(firing));
            extra.put("status", Json.mapper().valueToTree(ctx.statusCode()));
            extra.put("response", responseJson(ctx));
            JsonNode body = Templates.render(e.webhook().body(), Templates.forRequest(facts, firing.pathVariables(), extra));
            webhooks.send(provider, firing.rule(), e.webhook().url(), e.webhook().headers(), body, e.webhook().delay());
        }
        if (e.commitThenFail() != null) {
            if (e.commitThenFail().drop()) {
                drop(ctx);
            } else {
                ctx.res().reset(); // nothing of the real answer (its Location, its body) may show through the failure
                errors.render(ctx, new ApiError(e.commitThenFail().status(), "SIMULATED_FAILURE",
                        "Simulated failure after the request was processed (rule " + firing.rule().name() + ")", null, null));
            }
        } else if ("chunked".equals(e.fault())) {
            String body = ResultText.of(ctx);
            ctx.result(new SlowStream(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** The template values a rule's answer and webhook both offer: {{uuid}} (one per firing) and {{now}}. */
    private Map<String, JsonNode> generated(RuleEngine.Firing firing) {
        return Map.of("uuid", TextNode.valueOf(java.util.UUID.nameUUIDFromBytes(
                        (firing.rule().name() + firing.match()).getBytes(StandardCharsets.UTF_8)).toString()),
                "now", TextNode.valueOf(clock.now().toString()));
    }

    private void respond(Context ctx, RuleEngine.Firing firing, RequestFacts facts, Rule.Respond r) {
        r.headers().forEach(ctx::header);
        if (r.body() == null) {
            errors.render(ctx, new ApiError(r.status(), "SIMULATED", "Simulated answer (rule " + firing.rule().name() + ")", null, null));
            return;
        }
        JsonNode body = Templates.render(r.body(), Templates.forRequest(facts, firing.pathVariables(), generated(firing)));
        ctx.status(r.status());
        if (body.isTextual()) {
            ctx.result(body.asText());
        } else {
            ctx.json(body);
        }
    }

    private static void drop(Context ctx) {
        ServletContextRequest.getServletContextRequest(ctx.req()).getConnectionMetaData().getConnection().getEndPoint().close();
    }

    private static JsonNode body(Context ctx) {
        try {
            String text = ctx.body();
            return text.isBlank() ? null : Json.mapper().readTree(text);
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    private static JsonNode responseJson(Context ctx) {
        try {
            String result = ResultText.of(ctx);
            return result == null || result.isBlank() ? null : Json.mapper().readTree(result);
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    private static <T> Supplier<T> memo(Supplier<T> supplier) {
        return new Supplier<>() {
            private boolean done;
            private T value;

            @Override
            public synchronized T get() {
                if (!done) {
                    value = supplier.get();
                    done = true;
                }
                return value;
            }
        };
    }

    /** Answers in 16-byte chunks, 200 ms of real time apart: a slow provider. */
    private static final class SlowStream extends InputStream {
        private final ByteArrayInputStream in;

        SlowStream(byte[] body) {
            this.in = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return in.read(b, off, Math.min(len, 16));
        }
    }
}
