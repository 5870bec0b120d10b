package dev.standin.core.control;

import dev.standin.core.http.ApiError;
import dev.standin.core.http.RequestJournal;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;

import java.util.List;
import java.util.Map;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;

/**
 * {@code GET /_sim/requests?provider=&method=&path=&limit=} (newest first) and {@code DELETE /_sim/requests}.
 * On a database several instances share, both cover every live instance's journal ({@link PeerJournals})
 * unless {@code instance=local} asks for this instance's alone.
 */
final class JournalEndpoints implements EndpointGroup {
    private static final int DEFAULT_LIMIT = 100;

    private final String prefix;
    private final List<String> providers;

    JournalEndpoints(String prefix, List<String> providers) {
        this.prefix = prefix;
        this.providers = providers;
    }

    @Override
    public void addEndpoints() {
        get(prefix + "/requests", this::list);
        delete(prefix + "/requests", this::clear);
    }

    /**
     * Every filter is optional, and an empty one ({@code ?provider=&limit=}) counts as absent. A
     * provider filter takes a provider ("terminals" matches every terminal) or one listener
     * ("terminals/terminal-1"); one that names no provider is a 400, not an empty answer.
     */
    private void list(Context ctx) {
        int limit = DEFAULT_LIMIT;
        String limitParam = given(ctx, "limit");
        if (limitParam != null) {
            try {
                limit = Integer.parseInt(limitParam);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1) {
                throw ApiError.badQuery("limit", "limit must be a positive whole number, was '" + limitParam + "'");
            }
        }
        String provider = given(ctx, "provider");
        if (provider != null && !providers.contains(provider.split("/", 2)[0])) {
            throw ApiError.badQuery("provider", "provider must be one of " + providers + " (or provider/listener), was '" + provider + "'");
        }
        String method = given(ctx, "method");
        if (method != null && !method.matches("[A-Za-z]{1,10}")) {
            throw ApiError.badQuery("method", "method must be an HTTP method such as GET, was '" + method + "'");
        }
        var entries = ControlScope.of(ctx).journal().find(provider, method, given(ctx, "path"), limit);
        var instances = ControlScope.of(ctx).instances();
        if (instances.isEmpty() || local(ctx)) {
            ctx.json(Map.of("requests", entries, "count", entries.size()));
            return;
        }
        PeerJournals.Merged merged = PeerJournals.list(instances.get(), ControlScope.of(ctx).id(), entries, ctx.queryString(), ctx.header("Authorization"), limit);
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("requests", merged.requests());
        out.put("count", merged.requests().size());
        out.put("unreachable", merged.unreachable());
        ctx.json(out);
    }

    /** {@code instance=local}: this instance's journal only (what the others ask each other for). */
    private static boolean local(Context ctx) {
        String instance = given(ctx, "instance");
        if (instance != null && !instance.equals("local")) {
            throw ApiError.badQuery("instance", "instance may only be 'local' (this instance's journal alone), was '" + instance + "'");
        }
        return instance != null;
    }

    private static String given(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private void clear(Context ctx) {
        ControlScope.of(ctx).journal().clear();
        var instances = ControlScope.of(ctx).instances();
        if (instances.isPresent() && !local(ctx)) {
            PeerJournals.clear(instances.get(), ControlScope.of(ctx).id(), ctx.header("Authorization"));
        }
        ctx.status(204);
    }
}
