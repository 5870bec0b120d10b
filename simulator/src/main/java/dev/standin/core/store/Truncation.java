package dev.standin.core.store;

import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.IntegrityConstraintViolationException;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Empties a schema's tables for a reset while requests and scheduled steps may still be running on
 * them: each database and heap state has its own way ({@link Database#truncate}).
 */
final class Truncation {
    private static final int DELETE_CHUNK = 5_000;
    /** How many times an emptying that raced a running request starts again before it fails. */
    private static final int PASSES = 10;

    private Truncation() {
    }

    /**
     * PostgreSQL: one TRUNCATE of every table. It locks each table whole: a transaction running
     * meanwhile that holds one and waits for another is a deadlock, which PostgreSQL breaks by failing
     * one of them: the truncate tries again.
     */
    static void postgres(DSLContext dsl, List<Table<?>> tables) {
        for (int pass = 1; ; pass++) {
            try {
                dsl.transaction(tx -> tx.dsl().execute("truncate table " + tables.stream()
                        .map(t -> tx.dsl().render(t)).collect(Collectors.joining(", ")) + " cascade"));
                return;
            } catch (DataAccessException raced) {
                if (!"40P01".equals(raced.sqlState()) || pass == PASSES) {
                    throw raced;
                }
            }
        }
    }

    /**
     * H2 with a nearly full heap: a DELETE keeps an undo entry per row in memory (one transaction of
     * every row ran out of heap in HeapLimitIT; chunks of it took 13 minutes of collections), so
     * TRUNCATE, which locks each table while it empties it: a request racing it may fail.
     */
    static void h2FullHeap(DSLContext dsl, List<Table<?>> tables) {
        List<Table<?>> order = childrenFirst(tables);
        for (Table<?> table : order) {
            dsl.execute("alter table {0} set referential_integrity false", table);
        }
        try {
            order.forEach(table -> dsl.truncate(table).execute());
        } finally {
            for (Table<?> table : order) {
                dsl.execute("alter table {0} set referential_integrity true nocheck", table);
            }
        }
    }

    /**
     * H2: deletes in chunks, each its own transaction: row locks only, so requests running meanwhile go
     * on. H2's own DELETE ... FETCH FIRST: jOOQ's DELETE ... LIMIT renders "where (key) in (select key
     * ... limit n)", which H2 ran again for every row it looked at (a reset of 20,000 payees took
     * minutes). A request or a scheduled step running meanwhile may add a child row to a table already
     * emptied (a payout's validation its payment's events): its parent's delete then fails, and the
     * pass starts again from the children.
     */
    static void h2(DSLContext dsl, List<Table<?>> tables) {
        List<Table<?>> order = childrenFirst(tables);
        for (int pass = 1; ; pass++) {
            try {
                for (Table<?> table : order) {
                    while (dsl.execute("delete from {0} fetch first " + DELETE_CHUNK + " rows only", table) > 0) {
                        // the next chunk
                    }
                }
                return;
            } catch (IntegrityConstraintViolationException raced) {
                if (pass == PASSES) {
                    throw raced;
                }
            }
        }
    }

    /** The tables ordered so that each comes before every table it references. */
    private static List<Table<?>> childrenFirst(List<Table<?>> tables) {
        List<Table<?>> order = new ArrayList<>();
        List<Table<?>> left = new ArrayList<>(tables);
        while (!left.isEmpty()) {
            Table<?> leaf = left.stream().filter(t -> left.stream()
                            .noneMatch(u -> u != t && u.getReferences().stream().anyMatch(r -> r.getKey().getTable().equals(t))))
                    .findFirst().orElseThrow(() -> new IllegalStateException("reference cycle among " + left));
            order.add(leaf);
            left.remove(leaf);
        }
        return order;
    }
}
