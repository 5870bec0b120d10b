package dev.standin.core.provider;

import dev.standin.core.http.ErrorRenderer;
import dev.standin.core.rules.RuleEvent;
import dev.standin.core.scenario.Scenario;
import dev.standin.core.scenario.SeedCheck;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import org.jooq.DSLContext;

import java.util.List;
import java.util.Map;

/**
 * One simulated provider. The core starts it on its own port, seeds it from the scenarios, resets it
 * and lists it in {@code /_sim/info}; everything else about it lives in its own package.
 */
public interface ProviderModule {

    /** The provider's key: in scenarios' {@code seed}, in {@code /_sim/info}, in {@code ?provider=}. */
    String name();

    /** What people call it (help text, the start banner): "Velo Payments". */
    default String title() {
        return name();
    }

    /** The port it listens on unless told otherwise ({@code --port-<name in kebab case>}, {@code STANDIN_PORT_<NAME>}). */
    int defaultPort();

    /**
     * Builds services and repositories on one sandbox's context; called once per instance, before
     * anything else. Every sandbox has its own instance (from {@code Providers.all()}); the routes of
     * one instance are registered once per port and must run on the instance of the request's sandbox
     * ({@code HttpServerFactory.module(ctx, name)}).
     */
    void init(ProviderContext context);

    /** The provider's own API, served at the root of its port. */
    EndpointGroup routes();

    /** False for providers that only serve {@link #listeners()} (a port per device); their default port is the first device's. */
    default boolean hasOwnPort() {
        return true;
    }

    /** The provider's OpenAPI document in the jar ({@code openapi/<name>.yaml}), which strict mode holds requests to; none by default. */
    default String openApiDocument() {
        return null;
    }

    /** How the provider writes JSON: the server's own by default, which sends absent values as null. */
    default com.fasterxml.jackson.databind.ObjectMapper json() {
        return dev.standin.core.json.Json.mapper();
    }


    /** Servers the loaded scenarios declare now, each on its own port (e.g. one per card terminal). */
    default java.util.List<Listener> listeners() {
        return java.util.List.of();
    }

    /**
     * The routes every one of its {@link #listeners()} serves, of every sandbox: one server holds them all,
     * each listener on a port of its own; a route finds its listener by the request's
     * {@code HttpServerFactory.LISTENER} attribute ("terminals/terminal-1") and its sandbox's instance by
     * {@code HttpServerFactory.module}.
     */
    default EndpointGroup deviceRoutes() {
        return () -> {
        };
    }

    /** Where {@link #controlRoutes()} are mounted: {@code /_sim/<controlPath>}; the name unless told otherwise. */
    default String controlPath() {
        return name();
    }

    /** Extra control endpoints, mounted under {@code /_sim/<controlPath>}. */
    default EndpointGroup controlRoutes() {
        return () -> {
        };
    }

    /** The lifecycle steps scenario rules can match ({@code match.event}) and the outcomes each understands. */
    default List<RuleEvent> ruleEvents() {
        return List.of();
    }

    /**
     * What identifies the caller's sandbox in this request (an API key, a bearer token, an invite id),
     * or null when nothing does (the default sandbox serves it). See {@link #owns}.
     */
    default String credential(Context ctx) {
        return null;
    }

    /** Whether this provider instance (of one sandbox) issued or was seeded with {@code credential}. */
    default boolean owns(String credential) {
        return false;
    }

    /**
     * The provider's seed section with new credentials for a new sandbox (fresh API keys, secrets; no
     * fixed ports), so that each sandbox's credentials are its own. Unchanged by default.
     */
    default com.fasterxml.jackson.databind.JsonNode freshCredentials(com.fasterxml.jackson.databind.JsonNode seed) {
        return seed;
    }

    /** The tenant a request speaks for (payor, application, merchant...), for tenant-scoped rules; null when unknown. */
    default String tenant(Context ctx) {
        return null;
    }

    /** Renders errors in the provider's own shape. */
    ErrorRenderer errors();

    /** Checks of the provider's seed section beyond the JSON Schema. */
    SeedCheck seedCheck();

    /** Inserts the scenario's seed for this provider, inside the caller's transaction. */
    void seed(Scenario scenario, DSLContext tx);

    /** Forgets all state (tables, caches, tokens); the core seeds it again afterwards. */
    void clear();

    /**
     * Forgets what this instance holds in memory of the stored state (caches, in-memory tokens), the
     * stored state staying: another instance sharing the database reset it or loaded a scenario.
     */
    default void forgetCached() {
    }

    /** The well-known credentials a client uses, for {@code /_sim/info}. */
    Map<String, Object> credentials();

    /** Sizes of what this provider keeps in memory or grows (tokens, logs), for GET /_sim/stats and soak runs. */
    default Map<String, Object> stats() {
        return Map.of();
    }
}
