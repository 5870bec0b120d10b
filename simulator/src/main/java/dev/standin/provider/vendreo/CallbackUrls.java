package dev.standin.provider.vendreo;

import dev.standin.core.clock.VirtualClock;
import dev.standin.core.store.BindCasts;
import dev.standin.core.store.Database;
import dev.standin.core.store.VersionedCache;

import java.util.Map;

import static dev.standin.db.vendreo.Tables.CALLBACK_URL;

/**
 * Applications' callback URLs changed through the control API, by application key: rows, read through
 * a cache that every instance sharing the database keeps right ({@link VersionedCache}), since every
 * Vendreo request looks its application up.
 */
final class CallbackUrls {
    private static final String ALL = "all";
    private final Database database;
    private final VersionedCache<String, Map<String, String>> cache;

    CallbackUrls(Database database, VirtualClock clock) {
        this.database = database;
        this.cache = new VersionedCache<>("vendreo.callbacks", 1, database, clock::dataVersion);
    }

    /** The changed URLs, by application key. */
    Map<String, String> all() {
        return cache.get(ALL, k -> !database.mayHoldRows(CALLBACK_URL) ? Map.of()
                : Map.copyOf(database.dsl().selectFrom(CALLBACK_URL).fetchMap(CALLBACK_URL.APPLICATION_KEY, CALLBACK_URL.CALLBACK_URL_)));
    }

    void set(String applicationKey, String url) {
        BindCasts.typed(database.dsl()).insertInto(CALLBACK_URL, CALLBACK_URL.APPLICATION_KEY, CALLBACK_URL.CALLBACK_URL_).values(applicationKey, url)
                .onConflict(CALLBACK_URL.APPLICATION_KEY).doUpdate().set(CALLBACK_URL.CALLBACK_URL_, url).execute();
        cache.changed(ALL);
    }

    /** After a reset (the table emptied with the rest) or another instance's. */
    void forgetCached() {
        cache.forgetAll();
    }
}
