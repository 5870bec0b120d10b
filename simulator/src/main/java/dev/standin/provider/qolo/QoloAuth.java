package dev.standin.provider.qolo;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.standin.core.Lazy;
import dev.standin.core.auth.Credentials;
import dev.standin.core.auth.Secrets;
import dev.standin.core.auth.TokenStore;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.http.ApiError;
import io.javalin.http.Context;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Logins and bearer tokens (12 hours on the virtual clock), each login's scope (an operation outside
 * it answers 405), and each token's request rate (a fixed window on the virtual clock; over it: 429
 * with Retry-After). On a database several instances share, tokens and windows are rows there, so
 * the limit counts a token's requests to every instance.
 */
final class QoloAuth {
    static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

    /** Who a token speaks for. */
    record Caller(Program program, Program.Login login, String token) {
    }

    private final VirtualClock clock;
    private final Supplier<List<Program>> programs;
    private final TokenStore<Caller> tokens;
    /** Per token: the start of its current window and the requests counted in it. */
    private final Lazy<Cache<String, long[]>> windows = new Lazy<>(() -> Caffeine.newBuilder().maximumSize(100_000).build());
    /** The windows as rows, when instances share the database; else null. */
    private final dev.standin.core.store.Database shared;

    QoloAuth(VirtualClock clock, Supplier<List<Program>> programs, dev.standin.core.store.Database database) {
        this.clock = clock;
        this.programs = programs;
        this.shared = database.sharedByInstances() ? database : null;
        // shared by instances: a token names its program and login, found again among the seeded ones
        this.tokens = new TokenStore<>(clock, TOKEN_LIFETIME, 100_000, database, "qolo",
                c -> c.program().guid() + "\n" + c.login().loginId() + "\n" + c.token(), this::caller);
    }

    private java.util.Optional<Caller> caller(String stored) {
        String[] parts = stored.split("\n", 3);
        return programs.get().stream().filter(p -> p.guid().equals(parts[0])).findFirst()
                .flatMap(p -> p.logins().stream().filter(l -> l.loginId().equals(parts[1])).findFirst().map(l -> new Caller(p, l, parts[2])));
    }

    /** {@code POST /api/v1/auth/login}. */
    Map<String, Object> login(JsonNode body) {
        Fields f = new Fields();
        String loginId = f.text(body, "", "loginid", true, 128);
        String apiKey = f.text(body, "", "apikey", true, 256);
        f.check();
        for (Program p : programs.get()) {
            for (Program.Login l : p.logins()) {
                if (l.loginId().equals(loginId) && java.security.MessageDigest.isEqual(
                        l.apiKey().getBytes(java.nio.charset.StandardCharsets.UTF_8), apiKey.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
                    String token = "qolo_" + Secrets.uuid().toString().replace("-", "") + Secrets.uuid().toString().replace("-", "");
                    tokens.put(token, new Caller(p, l, token));
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("access_token", token);
                    out.put("token_type", "Bearer");
                    out.put("expires_in", TOKEN_LIFETIME.toSeconds());
                    out.put("expires_at", clock.now().plus(TOKEN_LIFETIME).toString());
                    out.put("program_guid", p.guid());
                    return out;
                }
            }
        }
        throw new ApiError(401, "UNAUTHORIZED", "Invalid loginid or apikey", null, null);
    }

    /** The caller of an API request, checked against the operation's scope and the token's rate. */
    Caller require(Context ctx, String operation) {
        String token = Credentials.bearer(ctx.header("Authorization")).orElseThrow(() -> new ApiError(401, "UNAUTHORIZED",
                "An access token is required: Authorization: Bearer <token from /api/v1/auth/login>", null, null));
        Caller caller = tokens.find(token)
                .orElseThrow(() -> new ApiError(401, "UNAUTHORIZED", "The access token is invalid or expired; log in again", null, null));
        if (!caller.login().allows(operation)) {
            throw new ApiError(405, "METHOD_NOT_ALLOWED", "This access token may not " + operation.replace(':', ' ')
                    + " (login " + caller.login().loginId() + " is scoped)", null, null);
        }
        limit(ctx, caller);
        return caller;
    }

    Optional<Caller> find(String token) {
        return tokens.find(token);
    }

    private void limit(Context ctx, Caller caller) {
        Program p = caller.program();
        long now = clock.now().toEpochMilli();
        long per = p.ratePer().toMillis();
        long[] w = shared != null ? count(shared, caller.token(), now, per) : count(windows.get().get(caller.token(), k -> new long[]{now, 0}), now, per);
        if (w[1] <= p.rateRequests()) {
            return;
        }
        long retryAfterMs = w[0] + per - now;
        long seconds = Math.max(1, (retryAfterMs + 999) / 1000);
        ctx.header("Retry-After", Long.toString(seconds));
        throw new ApiError(429, "TOO_MANY_REQUESTS", "Rate limit of " + p.rateRequests() + " requests per " + p.ratePer()
                + " exceeded for this access token; retry after " + seconds + " s", null, null);
    }

    /** Counts a request at {@code now} in window {@code w} (its start, its count), starting the window again once {@code per} has passed; answers a copy. */
    private static long[] count(long[] w, long now, long per) {
        synchronized (w) {
            if (now - w[0] >= per) {
                w[0] = now - (now - w[0]) % per;
                w[1] = 0;
            }
            w[1]++;
            return w.clone();
        }
    }

    /** The same count as one atomic upsert of the token's row (the right-hand sides read the row as it was). */
    private static long[] count(dev.standin.core.store.Database db, String token, long now, long per) {
        org.jooq.Record r = db.dsl().fetchOne( // the table as a query part: a created sandbox's schema is rendered in its place
                "INSERT INTO {3} AS w (token, window_start, requests) VALUES ({0}, {1}, 1)"
                        + " ON CONFLICT (token) DO UPDATE SET"
                        + " window_start = CASE WHEN {1} - w.window_start >= {2} THEN {1} - ({1} - w.window_start) % {2} ELSE w.window_start END,"
                        + " requests = CASE WHEN {1} - w.window_start >= {2} THEN 1 ELSE w.requests + 1 END"
                        + " RETURNING window_start, requests",
                org.jooq.impl.DSL.val(token), org.jooq.impl.DSL.val(now), org.jooq.impl.DSL.val(per), dev.standin.db.qolo.Tables.RATE_WINDOW);
        return new long[]{r.get(0, Long.class), r.get(1, Long.class)};
    }

    /** Whether the token (for finding a request's sandbox) was issued here. */
    boolean knows(String token) {
        return tokens.find(token).isPresent();
    }

    Instant now() {
        return clock.now();
    }

    long size() {
        return tokens.size();
    }

    void clear() {
        tokens.clear();
        windows.ifMade(Cache::invalidateAll);
        if (shared != null) {
            shared.dsl().deleteFrom(dev.standin.db.qolo.Tables.RATE_WINDOW).execute();
        }
    }

    /** Forgets the tokens this instance knows (another instance reset; the rows stay the truth). */
    void forgetCached() {
        tokens.forgetCached();
    }
}
