package dev.standin.core.http;

import dev.standin.core.id.IdGenerator;
import dev.standin.core.json.Json;
import io.javalin.Javalin;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Builds the Javalin server for one API (a provider, or the control API) with what they all share:
 * the JSON mapper, the body size limit, errors in the API's own shape (including unknown paths, wrong
 * methods and unexpected exceptions, which get a logged correlation id), and the request journal.
 */
public final class HttpServerFactory {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServerFactory.class);
    private static final int RESPONSE_COPY_BYTES = 2048;
    private static final byte[] NO_BODY = new byte[0];

    /**
     * What every server is built with.
     *
     * @param ready whether the simulation is ready; until then provider APIs answer 503 (start-up)
     */
    /**
     * {@code validateRequests}: strict mode for every sandbox ({@code --validate-requests});
     * {@code admission}: how many provider requests compute at once ({@code --max-concurrent-requests}).
     */
    public record Settings(String host, long maxBodyBytes, BooleanSupplier ready, long idleTimeoutMillis, boolean validateRequests,
                           Admission admission) {
        public Settings(String host, long maxBodyBytes, BooleanSupplier ready) {
            this(host, maxBodyBytes, ready, 30_000, false, Admission.NONE);
        }
    }

    private final Settings settings;

    public HttpServerFactory(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /** The request attribute naming the listener that took a provider request ("velo", "terminals/terminal-1"). */
    public static final String LISTENER = "standin.listener";
    /** The request attribute holding the request's {@link RequestScope} (its sandbox), once resolved. */
    public static final String SCOPE = "standin.scope";
    private static final String MODULE = "standin.module.";

    /** The provider instance serving this request (the one of the request's sandbox), set before any route runs. */
    @SuppressWarnings("unchecked")
    public static <T> T module(Context ctx, String provider) {
        return (T) ctx.attribute(MODULE + provider);
    }

    /** Records {@code module} as the instance serving {@code provider} for this request (the control API does it too). */
    public static void bindModule(Context ctx, String provider, Object module) {
        ctx.attribute(MODULE + provider, module);
    }

    /** A control-API server: no journal, no rules, no sandbox of its own (its endpoints resolve theirs). */
    public Javalin create(String name, ErrorRenderer errors, IdGenerator correlationIds, EndpointGroup routes) {
        return create(name, null, errors, correlationIds, null, routes, Json.mapper(), null);
    }

    /**
     * @param name           the listener's name, as the journal records it ("velo", "terminals/terminal-1")
     * @param provider       the provider it serves, or null for the control API
     * @param fallbackErrors renders errors before the request's sandbox is known (and for the control API)
     * @param correlationIds where correlation ids of unexpected failures come from
     * @param scopes         finds a provider request's sandbox (from its credentials, or the listener's own);
     *                       its journal records the exchange, its rules apply, its provider instance serves it
     * @param json           how the provider writes JSON (whether it sends absent values as null, for one)
     */
    public Javalin create(String name, String provider, ErrorRenderer fallbackErrors, IdGenerator correlationIds,
                          Function<Context, RequestScope> scopes, EndpointGroup routes, ObjectMapper json, String document) {
        return create(name, ctx -> name, provider, fallbackErrors, correlationIds, scopes, routes, json, document, null, 0);
    }

    /**
     * What many device servers share instead of each having its own: a thread pool and a timer (for
     * idle timeouts), both started beforehand so that no server stops them when it stops.
     */
    public record Shared(org.eclipse.jetty.util.thread.ThreadPool pool, org.eclipse.jetty.util.thread.Scheduler scheduler) {
    }

    /**
     * Javalin's low-resource monitor and the session house keeper (no API here uses sessions) would
     * each start the server's own timer thread.
     */
    private static void spareTimer(org.eclipse.jetty.server.Server server) {
        server.getBeans(org.eclipse.jetty.server.LowResourceMonitor.class).forEach(server::removeBean);
        org.eclipse.jetty.session.DefaultSessionIdManager sessionIds = new org.eclipse.jetty.session.DefaultSessionIdManager(server);
        org.eclipse.jetty.session.HouseKeeper keeper = new org.eclipse.jetty.session.HouseKeeper();
        try {
            keeper.setIntervalSec(0); // never scavenges
            sessionIds.setSessionHouseKeeper(keeper);
        } catch (Exception e) {
            throw new IllegalStateException("cannot configure the session house keeper", e);
        }
        server.addBean(sessionIds, true);
    }

    /**
     * As above, for the one server of a provider's devices (card terminals), whose {@link DeviceHost}
     * adds a port per device: on what they share, and one lean connector (no acceptor thread, one
     * selector) that serves every device. {@code names} names the device a request came to
     * ("terminals/terminal-1", by its port). Start it with {@code start()}; {@code port} is its first
     * device's.
     */
    public Javalin createDeviceHost(String provider, Function<Context, String> names, ErrorRenderer fallbackErrors,
                                    IdGenerator correlationIds, Function<Context, RequestScope> scopes, EndpointGroup routes,
                                    ObjectMapper json, String document, Shared shared, int port) {
        return create(provider, names, provider, fallbackErrors, correlationIds, scopes, routes, json, document, shared, port);
    }

    /** A lean connector of a device host on {@code port} (0: a free one), on the shared scheduler; not started. */
    private org.eclipse.jetty.server.ServerConnector deviceConnector(org.eclipse.jetty.server.Server server, Shared shared,
                                                             org.eclipse.jetty.server.HttpConfiguration httpConfig, int port) {
        org.eclipse.jetty.server.ServerConnector connector = new org.eclipse.jetty.server.ServerConnector(server,
                null, shared.scheduler(), null, 0, 1, new org.eclipse.jetty.server.HttpConnectionFactory(httpConfig));
        connector.unmanage(shared.scheduler()); // given, so managed: stopping this connector would stop it for all
        connector.setHost(settings.host);
        connector.setPort(port);
        connector.setIdleTimeout(settings.idleTimeoutMillis);
        return connector;
    }

    /**
     * To call before any Jetty server or thread pool is made. Jetty pads its queues to a cache line, and
     * without this property asks the JVM through JMX whether references are compressed: starting the
     * platform MBean server to learn it took about 0.1 s of CPU at start-up. They are below a 32 GB heap
     * (Jetty's own reading gives 64 / 4 = 16 then, else 8).
     */
    public static void withoutJmx() {
        String key = "org.eclipse.jetty.util.referencesPerCacheLine";
        if (System.getProperty(key) == null) {
            System.setProperty(key, Runtime.getRuntime().maxMemory() < 32L << 30 ? "16" : "8");
        }
    }

    private Javalin create(String name, Function<Context, String> names, String provider, ErrorRenderer fallbackErrors,
                           IdGenerator correlationIds, Function<Context, RequestScope> scopes, EndpointGroup routes,
                           ObjectMapper json, String document, Shared shared, int port) {
        return Javalin.create(config -> {
            if (shared != null) {
                config.jetty.threadPool = shared.pool();
                config.startup.startupWatcherEnabled = false; // a thread per server for its first 5 seconds
                config.jetty.addConnector((server, httpConfig) -> deviceConnector(server, shared, httpConfig, port));
            }
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jsonMapper(new JavalinJackson(json, false));
            config.http.maxRequestSize = settings.maxBodyBytes;
            // Javalin copies each answer to Jetty through a buffer of this size, 32 KB unless set: a quarter
            // of all a write request allocated. Jetty's own output buffer gathers the copies, so an answer
            // longer than most (a payor, a payment: under 2 KB) only takes more of them.
            config.http.responseBufferSize = RESPONSE_COPY_BYTES;
            config.jetty.multipartConfig.maxTotalRequestSize(settings.maxBodyBytes, io.javalin.config.SizeUnit.BYTES);
            config.jetty.multipartConfig.maxFileSize(settings.maxBodyBytes, io.javalin.config.SizeUnit.BYTES);
            config.http.prefer405over404 = true;
            config.http.defaultContentType = "application/json";
            config.jetty.host = settings.host;
            JettyErrors jettyErrors = new JettyErrors(fallbackErrors, settings.maxBodyBytes);
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(jettyErrors);
                if (shared != null) {
                    spareTimer(server);
                }
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
            config.jetty.modifyServletContextHandler(context -> {
                context.setErrorHandler(jettyErrors);
                if (settings.admission() != Admission.NONE) {
                    // a request's turn ends with its last after-handler; here whatever ended it early (a failure);
                    // the control API's too, whose provider simulations take turns (ControlApi)
                    context.addFilter(new AdmissionEnd(), "/*", java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
                }
            });
            Function<Context, ErrorRenderer> errors = ctx -> {
                RequestScope scope = ctx.attribute(SCOPE);
                ErrorRenderer own = scope == null || provider == null ? null : scope.errors(provider);
                return own != null ? own : fallbackErrors;
            };
            config.routes.exception(ApiError.class, (e, ctx) -> errors.apply(ctx).render(ctx, e));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> errors.apply(ctx).render(ctx, fromJavalin(e, ctx)));
            config.routes.exception(Exception.class, (e, ctx) -> {
                ApiError transport = transportFailure(e);
                if (transport != null) {
                    errors.apply(ctx).render(ctx, transport);
                    return;
                }
                String correlationId = correlationIds.uuidString();
                LOG.error("{} {} {} failed unexpectedly, correlationId={}", name, ctx.method(), ctx.path(), correlationId, e);
                errors.apply(ctx).render(ctx, ApiError.internal(correlationId));
            });
            if (provider != null) {
                config.routes.before(ctx -> {
                    ctx.attribute(LISTENER, names.apply(ctx));
                    if (!settings.ready.getAsBoolean()) {
                        throw new ApiError(503, "STARTING", "Standin is starting; retry shortly", null, null);
                    }
                });
            }
            config.routes.before(this::readWholeBody);
            if (provider != null) {
                // a turn to compute once the body is in (a client slow to send it holds none), for what may
                // change state: a read is short, and waiting in turn cost it more than it saved (Admission)
                config.routes.before(ctx -> {
                    if (Admission.takesTurn(ctx.method())) {
                        settings.admission().enter();
                    }
                });
                config.routes.before(ctx -> {
                    RequestScope scope = scopes.apply(ctx);
                    try {
                        scope.touch();
                    } catch (RequestScope.Gone gone) { // its sandbox was removed on another instance: the credential's owner now
                        scope = scopes.apply(ctx);
                        scope.touch();
                    }
                    ctx.attribute(SCOPE, scope);
                    bindModule(ctx, provider, scope.module(provider));
                    // strict mode refuses a request breaking the document before anything, rules included
                    if (document != null && (settings.validateRequests() || scope.validateRequests())) {
                        RequestValidation.check(ctx, document);
                    }
                    scope.filter(provider).before(ctx);
                });
                config.routes.after(ctx -> {
                    RequestScope scope = ctx.attribute(SCOPE);
                    if (scope != null) {
                        scope.filter(provider).after(ctx);
                    }
                });
                // the turn ends before the answer is written: a client slow to read it holds none
                config.routes.after(ctx -> Admission.leave());
                config.requestLogger.http((ctx, ms) -> {
                    RequestScope scope = ctx.attribute(SCOPE);
                    if (scope == null || !scope.journal().enabled()) {
                        return;
                    }
                    try {
                        String listener = ctx.attribute(LISTENER);
                        record(scope, listener != null ? listener : name, ctx, ms);
                    } catch (RuntimeException e) { // the journal must never change an answer
                        LOG.warn("{} {} {}: not journaled ({})", name, ctx.method(), ctx.path(), e.toString());
                    }
                });
            }
            config.routes.apiBuilder(routes);
        });
    }

    /** Ends the request's turn ({@link Admission}) however the request ended. */
    private static final class AdmissionEnd implements jakarta.servlet.Filter {
        @Override
        public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response,
                             jakarta.servlet.FilterChain chain) throws java.io.IOException, jakarta.servlet.ServletException {
            try {
                chain.doFilter(request, response);
            } finally {
                Admission.leave();
            }
        }
    }

    /**
     * Every request's body is read whole before any route runs, for every method: the size limit holds
     * for all routes (not only those that read a body), and a body that is shorter than its
     * Content-Length, or badly chunked, fails here, before a handler can act on the request. A request
     * that declares no body has nothing to read; its path and query are checked all the same.
     */
    private void readWholeBody(Context ctx) {
        if (ctx.contentLength() > settings.maxBodyBytes) {
            ctx.header("Connection", "close"); // the unread body makes the connection unusable: say so
            throw HttpErrors.tooLarge(settings.maxBodyBytes);
        }
        if (ctx.isMultipartFormData()) {
            return; // the servlet's multipart parser reads it, bounded by the same limit (multipartConfig)
        }
        if (declaresNoBody(ctx)) { // Javalin would read the empty stream through an 8 KB buffer: half of what a GET allocated
            NulCharacters.check(ctx, NO_BODY); // the path and the query still
            return;
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
        NulCharacters.check(ctx, body);
    }

    /** An HTTP/1 request without Transfer-Encoding and without a Content-Length above 0 has no body (RFC 9112, 6.3). */
    private static boolean declaresNoBody(Context ctx) {
        return ctx.req().getContentLengthLong() <= 0 && ctx.header("Transfer-Encoding") == null
                && ctx.req().getProtocol().startsWith("HTTP/1");
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
            if (t instanceof dev.standin.core.store.Room.Full full) {
                return new ApiError(507, full.code(), full.getMessage(), null, null);
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

    private void record(RequestScope scope, String name, Context ctx, float ms) {
        String requestBody;
        try {
            requestBody = declaresNoBody(ctx) ? "" : Redaction.body(RequestJournal.truncate(ctx.body()));
        } catch (Exception tooLargeOrBroken) { // Javalin rethrows the read's IOException unchecked
            requestBody = null;
        }
        Map<String, String> headers = ctx.headerMap();
        RequestJournal journal = scope.journal();
        journal.record(new RequestJournal.Entry(
                journal.nextId(), scope.now(), name,
                ctx.method().name().toUpperCase(Locale.ROOT), ctx.path(), ctx.queryString(),
                Redaction.headers(headers), requestBody, ctx.statusCode(), Redaction.body(RequestJournal.truncate(ResultText.of(ctx))), ms,
                ctx.attribute(RequestJournal.DECIDED_BY)));
    }
}
