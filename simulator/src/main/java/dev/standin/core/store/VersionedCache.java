package dev.standin.core.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.standin.core.Lazy;

import java.util.function.Function;
import java.util.function.LongSupplier;

import static dev.standin.db.core.Tables.CACHE_VERSION;
import static dev.standin.db.core.Tables.CLOCK;

/**
 * An in-memory cache of something stored, kept right when several instances write the same database
 * (PostgreSQL). Each entry remembers the version of its key in {@code core.cache_version} when it
 * was loaded, and {@link #changed} raises that version, together with the sandbox's data version in
 * the clock's row, in one transaction. A read answers from memory at once when the data version (read
 * with the clock before every request) has not moved since the entry was last checked; otherwise it
 * reads the key's version (one primary-key read) and reloads only when that moved. So a change one
 * instance made is never answered stale by another, and a read-only load costs no query of its own.
 * With one instance (H2) it is a plain cache and {@link #changed} only forgets.
 */
public final class VersionedCache<K, V> {
    private record Entry<V>(long version, long dataVersion, V value) {
    }

    private final String name;
    private final Database shared;
    private final LongSupplier dataVersion;
    /** Made at first use: many sandboxes never use most caches. */
    private final Lazy<Cache<K, Entry<V>>> entries;

    /** {@code dataVersion}: the shared data version as read before this request (the virtual clock's). */
    public VersionedCache(String name, long maximumSize, Database database, LongSupplier dataVersion) {
        this.name = name;
        this.shared = database.sharedByInstances() ? database : null;
        this.dataVersion = dataVersion;
        this.entries = new Lazy<>(() -> Caffeine.newBuilder().maximumSize(maximumSize).build());
    }

    public V get(K key, Function<K, V> loader) {
        if (shared == null) {
            return entries.get().get(key, k -> new Entry<>(0, 0, loader.apply(k))).value();
        }
        long data = dataVersion.getAsLong(); // read first: a change after it makes the entry checked again, never wrong
        Entry<V> entry = entries.get().getIfPresent(key);
        if (entry != null && entry.dataVersion() == data) {
            return entry.value(); // nothing cached changed anywhere since this entry was checked
        }
        long current = version(key);
        if (entry != null && entry.version() == current) {
            entries.get().put(key, new Entry<>(current, data, entry.value()));
            return entry.value();
        }
        V value = loader.apply(key);
        entries.get().put(key, new Entry<>(current, data, value));
        return value;
    }

    /**
     * What {@code key} caches changed: once the change commits (at once outside a transaction; see
     * {@link AfterCommit}) it is forgotten here and its version and the data version raised, so every
     * other instance's entry is stale before the change is answered.
     */
    public void changed(K key) {
        AfterCommit.run(() -> {
            if (shared != null) {
                shared.dsl().transaction(tx -> {
                    tx.dsl().insertInto(CACHE_VERSION, CACHE_VERSION.CACHE_NAME, CACHE_VERSION.CACHE_KEY, CACHE_VERSION.VERSION)
                            .values(name, key.toString(), 1L)
                            .onConflict(CACHE_VERSION.CACHE_NAME, CACHE_VERSION.CACHE_KEY)
                            .doUpdate().set(CACHE_VERSION.VERSION, CACHE_VERSION.VERSION.plus(1L))
                            .execute();
                    tx.dsl().update(CLOCK).set(CLOCK.DATA_VERSION, CLOCK.DATA_VERSION.plus(1L)).execute();
                });
            }
            entries.ifMade(c -> c.invalidate(key));
        });
    }

    /** Forgets every entry of this instance (a reset; other instances forget theirs when they see its generation). */
    public void forgetAll() {
        entries.ifMade(Cache::invalidateAll);
    }

    private long version(K key) {
        Long v = shared.dsl().select(CACHE_VERSION.VERSION).from(CACHE_VERSION)
                .where(CACHE_VERSION.CACHE_NAME.eq(name), CACHE_VERSION.CACHE_KEY.eq(key.toString()))
                .fetchOne(CACHE_VERSION.VERSION);
        return v == null ? 0 : v;
    }
}
