package dev.standin.core.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.standin.core.clock.VirtualClock;

import java.time.Duration;
import java.util.Optional;

/**
 * Issued access tokens and who they belong to, expiring on the virtual clock
 * (advancing the clock past the lifetime expires them) and bounded in number.
 */
public final class TokenStore<P> {
    private final Cache<String, P> tokens;

    public TokenStore(VirtualClock clock, Duration lifetime, long maximumSize) {
        this.tokens = Caffeine.newBuilder()
                .ticker(clock.ticker())
                .expireAfterWrite(lifetime)
                .maximumSize(maximumSize)
                .build();
    }

    public void put(String token, P principal) {
        tokens.put(token, principal);
    }

    public Optional<P> find(String token) {
        return Optional.ofNullable(tokens.getIfPresent(token));
    }

    /** Live tokens (expired ones are dropped first). */
    public long size() {
        tokens.cleanUp();
        return tokens.estimatedSize();
    }

    public void clear() {
        tokens.invalidateAll();
    }
}
