package dev.standin.core.store;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static dev.standin.db.core.Tables.META;

/**
 * A database's {@code core.meta}: counters and marks by key (starts, seeded scenarios, resets). An
 * in-memory H2 database (the default sandbox's without a data directory, and every created sandbox's)
 * keeps them in memory instead: it lives only as long as the server, so it never counts a second start;
 * a table of two rows (with its schema) cost each created sandbox about 5 KB, and counting the default
 * sandbox's start in a transaction of its own (making the table first) was 35 ms of a start's CPU.
 * Writes inside a transaction land when it commits, as rows would.
 */
final class Meta {
    private final DSLContext dsl;
    /** The keys and values of an in-memory H2 database, else null (they are rows). */
    private final Map<String, String> memory;

    Meta(DSLContext dsl, boolean inMemory) {
        this.dsl = dsl;
        this.memory = inMemory ? new ConcurrentHashMap<>() : null;
    }

    /** Counts one more of {@code key}, atomically, and answers how many came before (0 the first time). */
    long count(String key) {
        if (memory != null) {
            return Long.parseLong(memory.merge(key, "0", (before, zero) -> Long.toString(Long.parseLong(before) + 1)));
        }
        for (int attempt = 0; ; attempt++) {
            try {
                return dsl.transactionResult(tx -> {
                    Optional<String> before = tx.dsl().select(META.META_VALUE).from(META).where(META.META_KEY.eq(key)).forUpdate()
                            .fetchOptional(META.META_VALUE);
                    long epoch = before.map(v -> Long.parseLong(v) + 1).orElse(0L);
                    if (before.isPresent()) {
                        tx.dsl().update(META).set(META.META_VALUE, Long.toString(epoch)).where(META.META_KEY.eq(key)).execute();
                    } else {
                        tx.dsl().insertInto(META, META.META_KEY, META.META_VALUE).values(key, Long.toString(epoch)).execute();
                    }
                    return epoch;
                });
            } catch (org.jooq.exception.DataAccessException raced) { // two first counts inserted the row at once
                if (attempt >= 3) {
                    throw raced;
                }
            }
        }
    }

    Optional<String> get(DSLContext tx, String key) {
        if (memory != null) {
            return Optional.ofNullable(memory.get(key));
        }
        return tx.select(META.META_VALUE).from(META).where(META.META_KEY.eq(key)).fetchOptional(META.META_VALUE);
    }

    void put(DSLContext tx, String key, String value) {
        if (memory != null) {
            AfterCommit.run(() -> memory.put(key, value));
            return;
        }
        tx.mergeInto(META).using(DSL.selectOne())
                .on(META.META_KEY.eq(key))
                .whenMatchedThenUpdate().set(META.META_VALUE, value)
                .whenNotMatchedThenInsert(META.META_KEY, META.META_VALUE).values(key, value)
                .execute();
    }

    void forget(String key) {
        if (memory != null) {
            memory.remove(key);
            return;
        }
        dsl.deleteFrom(META).where(META.META_KEY.eq(key)).execute();
    }
}
