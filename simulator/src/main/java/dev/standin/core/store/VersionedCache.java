package dev.standin.core.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.function.Function;

import static dev.standin.db.core.Tables.CACHE_VERSION;

/**
 * An in-memory cache of something stored, kept right when several instances write the same database
 * (PostgreSQL). Each entry remembers the version of its key in {@code core.cache_version} when it
 * was loaded; a read answers from memory only while that version is still current (one primary-key
 * read), and {@link #changed} raises the version, so a change one instance made is never answered
 * stale by another. With one instance (H2) it is a plain cache and {@link #changed} only forgets.
 */
public final class VersionedCache<K, V> {
    private record Entry<V>(long version, V value) {
    }

    private final String name;
    private final Database shared;
    private final Cache<K, Entry<V>> entries;

    public VersionedCache(String name, long maximumSize, Database database) {
        this.name = name;
        this.shared = database.sharedByInstances() ? database : null;
        this.entries = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    public V get(K key, Function<K, V> loader) {
        if (shared == null) {
            return entries.get(key, k -> new Entry<>(0, loader.apply(k))).value();
        }
        long current = version(key); // read before loading: a change racing the load makes the entry stale, never wrong
        Entry<V> entry = entries.getIfPresent(key);
        if (entry != null && entry.version() == current) {
            return entry.value();
        }
        V value = loader.apply(key);
        entries.put(key, new Entry<>(current, value));
        return value;
    }

    /**
     * What {@code key} caches changed: once the change commits (at once outside a transaction; see
     * {@link AfterCommit}) it is forgotten here and its version raised, so every other instance's
     * entry is stale before the change is answered.
     */
    public void changed(K key) {
        AfterCommit.run(() -> {
            if (shared != null) {
                shared.dsl().insertInto(CACHE_VERSION, CACHE_VERSION.CACHE_NAME, CACHE_VERSION.CACHE_KEY, CACHE_VERSION.VERSION)
                        .values(name, key.toString(), 1L)
                        .onConflict(CACHE_VERSION.CACHE_NAME, CACHE_VERSION.CACHE_KEY)
                        .doUpdate().set(CACHE_VERSION.VERSION, CACHE_VERSION.VERSION.plus(1L))
                        .execute();
            }
            entries.invalidate(key);
        });
    }

    /** Forgets every entry of this instance (a reset; other instances forget theirs when they see its generation). */
    public void forgetAll() {
        entries.invalidateAll();
    }

    private long version(K key) {
        Long v = shared.dsl().select(CACHE_VERSION.VERSION).from(CACHE_VERSION)
                .where(CACHE_VERSION.CACHE_NAME.eq(name), CACHE_VERSION.CACHE_KEY.eq(key.toString()))
                .fetchOne(CACHE_VERSION.VERSION);
        return v == null ? 0 : v;
    }
}
