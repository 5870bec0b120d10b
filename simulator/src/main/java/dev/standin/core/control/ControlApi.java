package dev.standin.core.control;

import dev.standin.core.auth.Credentials;
import dev.standin.core.http.Admission;
import dev.standin.core.http.ApiError;
import dev.standin.core.http.RequestScope;
import dev.standin.core.http.ErrorRenderer;
import dev.standin.core.http.HttpServerFactory;
import dev.standin.core.provider.ProviderModule;
import dev.standin.core.sandbox.Sandbox;
import dev.standin.core.sandbox.Sandboxes;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.javalin.apibuilder.ApiBuilder.after;
import static io.javalin.apibuilder.ApiBuilder.before;
import static io.javalin.apibuilder.ApiBuilder.path;

/**
 * The control API ({@code /_sim/...}) on its own port. Every endpoint acts on one sandbox: the one
 * named by the path ({@code /_sim/sandboxes/{id}/clock/advance}), else by the {@code Standin-Sandbox}
 * header on the plain path, else the default sandbox. A created sandbox's endpoints require its
 * control token ({@code Authorization: Bearer}); the default sandbox's, and creating sandboxes,
 * require {@code --control-token} when the server has one.
 */
public final class ControlApi implements EndpointGroup {
    static final String ROOT = "/_sim";
    static final String SANDBOX_ROOT = "/_sim/sandboxes/{sandbox}";
    private static final Pattern IN_SANDBOX = Pattern.compile("^/_sim/sandboxes/([^/]+)(/.*)?$");

    private final Sandboxes sandboxes;
    private final String serverToken;
    private final List<EndpointGroup> groups;

    private final List<ProviderModule> modules;
    private final Admission admission;

    /** A sandbox as {@code /_sim/info} shows it, for the start-up banner (which reads it in-process). */
    public static Map<String, Object> info(Sandbox sandbox, Map<String, Object> ports, String version) {
        return HealthEndpoints.describe(sandbox, ports, version);
    }

    /**
     * @param modules   the providers (any sandbox's instances: their control routes run on the request's sandbox's)
     * @param admission how many provider requests compute at once: the providers' simulations take turns,
     *                  {@code /_sim/stats} shows them
     */
    public ControlApi(Sandboxes sandboxes, List<ProviderModule> modules, BooleanSupplier serving,
                      Function<Sandbox, Map<String, Object>> ports, String version, String serverToken, SandboxEndpoints.Factory factory,
                      Admission admission) {
        this.sandboxes = sandboxes;
        this.serverToken = serverToken;
        this.modules = modules;
        this.admission = admission;
        List<String> providers = modules.stream().map(ProviderModule::name).toList();
        this.groups = new java.util.ArrayList<>();
        for (String prefix : List.of(ROOT, SANDBOX_ROOT)) {
            groups.add(new HealthEndpoints(prefix, serving, ports, version, sandboxes.heap()));
            groups.add(new ClockEndpoints(prefix));
            groups.add(new StateEndpoints(prefix));
            groups.add(new JournalEndpoints(prefix, providers));
            groups.add(new StatsEndpoints(prefix, admission));
            groups.add(new ScenarioEndpoints(prefix));
            groups.add(new HoldEndpoints(prefix));
            groups.add(new WebhookEndpoints(prefix));
        }
        groups.add(new SandboxEndpoints(sandboxes, factory, ports, version));
        groups.add(new DocsEndpoints(modules, ports));
        groups.add(new ConsoleEndpoints());
    }

    public static ErrorRenderer errors() {
        return new ControlErrors();
    }

    @Override
    public void addEndpoints() {
        before(this::resolve);
        groups.forEach(EndpointGroup::addEndpoints);
        for (String prefix : List.of(ROOT, SANDBOX_ROOT)) {
            for (ProviderModule module : modules) {
                // a simulated card authorisation or bank answer is a provider write: it takes a turn as one (Admission)
                String simulations = prefix + "/" + module.controlPath();
                before(simulations + "/*", ctx -> {
                    if (Admission.takesTurn(ctx.method())) {
                        admission.enter();
                    }
                });
                path(simulations, module.controlRoutes());
                after(simulations + "/*", ctx -> Admission.leave());
            }
        }
    }

    /** Finds the request's sandbox and checks the token that guards it. */
    private void resolve(Context ctx) {
        String path = ctx.path();
        if (path.equals("/_sim/health") || !path.startsWith(ROOT) || path.startsWith(ConsoleEndpoints.ASSETS)) {
            return;
        }
        if (sandboxes.defaultSandbox() == null) {
            throw new ApiError(503, "STARTING", "Standin is starting; retry shortly", null, null);
        }
        Matcher m = IN_SANDBOX.matcher(path);
        Sandbox sandbox;
        if (m.matches()) {
            sandbox = sandboxes.find(m.group(1))
                    .orElseThrow(() -> new ApiError(404, "NOT_FOUND", "No sandbox " + m.group(1), "sandbox", "pathParam"));
        } else if (path.equals("/_sim/sandboxes")) {
            require(ctx, serverToken, "the server's control token (--control-token)");
            return;
        } else {
            String named = ctx.header("Standin-Sandbox");
            sandbox = named == null || named.isBlank() ? sandboxes.defaultSandbox() : sandboxes.find(named.trim())
                    .orElseThrow(() -> new ApiError(404, "NOT_FOUND", "No sandbox " + named, "Standin-Sandbox", "header"));
        }
        if (sandbox == sandboxes.defaultSandbox()) {
            require(ctx, serverToken, "the server's control token (--control-token)");
        } else if (!matches(ctx, sandbox.controlToken()) && !matches(ctx, serverToken)) {
            require(ctx, sandbox.controlToken(), "the sandbox's control token (answered when it was created)");
        }
        try {
            sandbox.touch();
        } catch (RequestScope.Gone gone) {
            throw new ApiError(404, "NOT_FOUND", "No sandbox " + sandbox.id() + " (removed)", "sandbox", "pathParam");
        }
        ctx.attribute(ControlScope.SANDBOX, sandbox);
        for (ProviderModule module : sandbox.modules()) {
            HttpServerFactory.bindModule(ctx, module.name(), module);
        }
    }

    private static void require(Context ctx, String token, String what) {
        if (token != null && !matches(ctx, token)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiError(401, "UNAUTHORIZED", "This control endpoint needs " + what + " as 'Authorization: Bearer <token>'",
                    "Authorization", "header");
        }
    }

    private static boolean matches(Context ctx, String token) {
        if (token == null) {
            return false;
        }
        String given = Credentials.bearer(ctx.header("Authorization")).orElse("");
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }
}
