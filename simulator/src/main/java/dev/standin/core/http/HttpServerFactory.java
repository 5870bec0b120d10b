package dev.standin.core.http;

import dev.standin.core.clock.VirtualClock;
import dev.standin.core.id.IdGenerator;
import dev.standin.core.json.Json;
import io.javalin.Javalin;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Builds the Javalin server for one API (a provider, or the control API) with what they all share:
 * the JSON mapper, the body size limit, errors in the API's own shape (including unknown paths, wrong
 * methods and unexpected exceptions, which get a logged correlation id), and the request journal.
 */
public final class HttpServerFactory {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServerFactory.class);

    /**
     * What every server is built with.
     *
     * @param ready whether the simulation is ready; until then provider APIs answer 503 (start-up)
     */
    public record Settings(String host, long maxBodyBytes, RequestJournal journal, VirtualClock clock, BooleanSupplier ready,
                           long idleTimeoutMillis) {
        public Settings(String host, long maxBodyBytes, RequestJournal journal, VirtualClock clock, BooleanSupplier ready) {
            this(host, maxBodyBytes, journal, clock, ready, 30_000);
        }
    }

    private final Settings settings;

    public HttpServerFactory(Settings settings) {
        this.settings = settings;
    }

    /** The request attribute naming the listener that took a provider request ("velo", "terminals/terminal-1"). */
    public static final String LISTENER = "standin.listener";

    /**
     * @param name           the API's name, as the journal records it ("velo", "control")
     * @param errors         renders errors in this API's shape
     * @param correlationIds where correlation ids of unexpected failures come from
     * @param provider       whether it is a provider API: its exchanges go to the request journal,
     *                       and it answers 503 until the simulation is ready
     */
    public Javalin create(String name, ErrorRenderer errors, IdGenerator correlationIds, boolean provider, EndpointGroup routes) {
        return create(name, errors, correlationIds, provider, null, routes);
    }

    /** As above, with scenario rules applied to the API's requests when {@code rules} is given. */
    public Javalin create(String name, ErrorRenderer errors, IdGenerator correlationIds, boolean provider, RequestFilter rules,
                          EndpointGroup routes) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jsonMapper(new JavalinJackson(Json.mapper(), false));
            config.http.maxRequestSize = settings.maxBodyBytes;
            config.jetty.multipartConfig.maxTotalRequestSize(settings.maxBodyBytes, io.javalin.config.SizeUnit.BYTES);
            config.jetty.multipartConfig.maxFileSize(settings.maxBodyBytes, io.javalin.config.SizeUnit.BYTES);
            config.http.prefer405over404 = true;
            config.http.defaultContentType = "application/json";
            config.jetty.host = settings.host;
            JettyErrors jettyErrors = new JettyErrors(errors, settings.maxBodyBytes);
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(jettyErrors);
                server.addEventListener(new org.eclipse.jetty.util.component.LifeCycle.Listener() {
                    @Override
                    public void lifeCycleStarting(org.eclipse.jetty.util.component.LifeCycle event) {
                        for (org.eclipse.jetty.server.Connector c : server.getConnectors()) {
                            if (c instanceof org.eclipse.jetty.server.AbstractConnector connector) {
                                connector.setIdleTimeout(settings.idleTimeoutMillis);
                            }
                        }
                    }
                });
            });
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(jettyErrors));
            config.routes.exception(ApiError.class, (e, ctx) -> errors.render(ctx, e));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> errors.render(ctx, fromJavalin(e, ctx)));
            config.routes.exception(Exception.class, (e, ctx) -> {
                ApiError transport = transportFailure(e);
                if (transport != null) {
                    errors.render(ctx, transport);
                    return;
                }
                String correlationId = correlationIds.uuidString();
                LOG.error("{} {} {} failed unexpectedly, correlationId={}", name, ctx.method(), ctx.path(), correlationId, e);
                errors.render(ctx, ApiError.internal(correlationId));
            });
            if (provider) {
                config.routes.before(ctx -> {
                    ctx.attribute(LISTENER, name);
                    if (!settings.ready.getAsBoolean()) {
                        throw new ApiError(503, "STARTING", "Standin is starting; retry shortly", null, null);
                    }
                });
            }
            config.routes.before(this::readWholeBody);
            if (rules != null) {
                config.routes.before(rules::before);
                config.routes.after(rules::after);
            }
            if (provider && settings.journal.enabled()) {
                config.requestLogger.http((ctx, ms) -> {
                    try {
                        record(name, ctx, ms);
                    } catch (RuntimeException e) { // the journal must never change an answer
                        LOG.warn("{} {} {}: not journaled ({})", name, ctx.method(), ctx.path(), e.toString());
                    }
                });
            }
            config.routes.apiBuilder(routes);
        });
    }

    /**
     * Every request's body is read whole before any route runs, for every method: the size limit holds
     * for all routes (not only those that read a body), and a body that is shorter than its
     * Content-Length, or badly chunked, fails here, before a handler can act on the request.
     */
    private void readWholeBody(Context ctx) {
        if (ctx.contentLength() > settings.maxBodyBytes) {
            ctx.header("Connection", "close"); // the unread body makes the connection unusable: say so
            throw HttpErrors.tooLarge(settings.maxBodyBytes);
        }
        if (ctx.isMultipartFormData()) {
            return; // the servlet's multipart parser reads it, bounded by the same limit (multipartConfig)
        }
        byte[] body;
        try {
            body = ctx.bodyAsBytes();
        } catch (Exception e) { // Javalin answers read timeouts and early ends with an empty body unless caught here
            ApiError transport = transportFailure(e);
            if (transport == null) {
                throw e;
            }
            ctx.header("Connection", "close");
            throw transport;
        }
        if (body.length > settings.maxBodyBytes) {
            ctx.header("Connection", "close");
            throw HttpErrors.tooLarge(settings.maxBodyBytes);
        }
    }

    /** A failure of the connection or the HTTP framing while reading the request, as the client's error it is; null otherwise. */
    private ApiError transportFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.eclipse.jetty.http.HttpException http) {
                return HttpErrors.of(http.getCode(), http.getReason(), settings.maxBodyBytes);
            }
            if (t instanceof java.util.concurrent.TimeoutException || t instanceof java.net.SocketTimeoutException) {
                return HttpErrors.of(408, null, settings.maxBodyBytes);
            }
            if (t instanceof org.eclipse.jetty.io.EofException) {
                return HttpErrors.of(400, "the request body ended early", settings.maxBodyBytes);
            }
        }
        return null;
    }

    private ApiError fromJavalin(HttpResponseException e, Context ctx) {
        return switch (e.getStatus()) {
            case 404 -> ApiError.notFound("No endpoint " + ctx.method() + " " + ctx.path());
            case 405 -> new ApiError(405, "METHOD_NOT_ALLOWED",
                    "Method " + ctx.method() + " is not allowed on " + ctx.path(), null, null);
            default -> HttpErrors.of(e.getStatus(), e.getMessage(), settings.maxBodyBytes);
        };
    }

    private void record(String name, Context ctx, float ms) {
        String requestBody;
        try {
            requestBody = Redaction.body(RequestJournal.truncate(ctx.body()));
        } catch (Exception tooLargeOrBroken) { // Javalin rethrows the read's IOException unchecked
            requestBody = null;
        }
        Map<String, String> headers = ctx.headerMap();
        settings.journal.record(new RequestJournal.Entry(
                settings.journal.nextId(), settings.clock.now(), name,
                ctx.method().name().toUpperCase(Locale.ROOT), ctx.path(), ctx.queryString(),
                Redaction.headers(headers), requestBody, ctx.statusCode(), Redaction.body(RequestJournal.truncate(ctx.result())), ms));
    }
}
