package dev.standin.core.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.standin.core.Lazy;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.json.Json;
import dev.standin.core.store.Database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Function;

import static dev.standin.db.core.Tables.ACCESS_TOKEN;

/**
 * Issued access tokens and who they belong to, expiring on the virtual clock
 * (advancing the clock past the lifetime expires them) and bounded in number. On a database several
 * instances share (PostgreSQL), each token is also a row of {@code core.access_token}, so a token one
 * instance issued is accepted by the others; the in-memory cache stays in front.
 */
public final class TokenStore<P> {
    /** Made at the first token: most sandboxes never log in to most providers. */
    private final Lazy<Cache<String, P>> tokens;
    private final VirtualClock clock;
    private final Duration lifetime;
    private final Database shared;
    private final String name;
    private final Function<P, String> write;
    private final Function<String, Optional<P>> read;

    public TokenStore(VirtualClock clock, Duration lifetime, long maximumSize) {
        this(clock, lifetime, maximumSize, null, null, null);
    }

    /** A store whose tokens are rows of {@code database} when several instances share it ({@code name}: whose tokens), principals as JSON. */
    public TokenStore(VirtualClock clock, Duration lifetime, long maximumSize, Database database, String name, Class<P> type) {
        this(clock, lifetime, maximumSize, database, name, TokenStore::json, text -> Optional.of(fromJson(text, type)));
    }

    /**
     * A store whose tokens are rows of {@code database} when several instances share it, each principal
     * stored as {@code write} makes it and found again by {@code read} (empty: it no longer exists).
     */
    public TokenStore(VirtualClock clock, Duration lifetime, long maximumSize, Database database, String name,
                      Function<P, String> write, Function<String, Optional<P>> read) {
        this.tokens = new Lazy<>(() -> Caffeine.newBuilder()
                .ticker(clock.ticker())
                .expireAfterWrite(lifetime)
                .maximumSize(maximumSize)
                .build());
        this.clock = clock;
        this.lifetime = lifetime;
        this.shared = database != null && database.sharedByInstances() ? database : null;
        this.name = name;
        this.write = write;
        this.read = read;
    }

    public void put(String token, P principal) {
        if (shared != null) {
            OffsetDateTime now = OffsetDateTime.ofInstant(clock.now(), ZoneOffset.UTC);
            shared.dsl().deleteFrom(ACCESS_TOKEN).where(ACCESS_TOKEN.EXPIRES_AT.le(now)).execute();
            shared.dsl().insertInto(ACCESS_TOKEN, ACCESS_TOKEN.TOKEN, ACCESS_TOKEN.STORE, ACCESS_TOKEN.PRINCIPAL, ACCESS_TOKEN.EXPIRES_AT)
                    .values(token, name, write.apply(principal), now.plus(lifetime)).execute();
        }
        tokens.get().put(token, principal);
    }

    public Optional<P> find(String token) {
        Cache<String, P> made = tokens.ifMade();
        P known = made == null ? null : made.getIfPresent(token);
        if (known != null || shared == null) {
            return Optional.ofNullable(known);
        }
        Optional<P> stored = shared.dsl().select(ACCESS_TOKEN.PRINCIPAL).from(ACCESS_TOKEN)
                .where(ACCESS_TOKEN.TOKEN.eq(token), ACCESS_TOKEN.STORE.eq(name),
                        ACCESS_TOKEN.EXPIRES_AT.gt(OffsetDateTime.ofInstant(clock.now(), ZoneOffset.UTC)))
                .fetchOptional(ACCESS_TOKEN.PRINCIPAL).flatMap(read);
        stored.ifPresent(p -> tokens.get().put(token, p)); // its cache entry may outlive the row by what this instance saw first: at most the lifetime
        return stored;
    }

    private static String json(Object principal) {
        try {
            return Json.mapper().writeValueAsString(principal);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T fromJson(String json, Class<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Live tokens (expired ones are dropped first). */
    public long size() {
        if (shared != null) {
            return shared.dsl().fetchCount(ACCESS_TOKEN, ACCESS_TOKEN.STORE.eq(name)
                    .and(ACCESS_TOKEN.EXPIRES_AT.gt(OffsetDateTime.ofInstant(clock.now(), ZoneOffset.UTC))));
        }
        Cache<String, P> t = tokens.ifMade();
        if (t == null) {
            return 0;
        }
        t.cleanUp();
        return t.estimatedSize();
    }

    /** Forgets the tokens held in memory; those stored for every instance stay (another instance reset the sandbox). */
    public void forgetCached() {
        tokens.ifMade(Cache::invalidateAll);
    }

    public void clear() {
        if (shared != null) {
            shared.dsl().deleteFrom(ACCESS_TOKEN).where(ACCESS_TOKEN.STORE.eq(name)).execute();
        }
        tokens.ifMade(Cache::invalidateAll);
    }
}
