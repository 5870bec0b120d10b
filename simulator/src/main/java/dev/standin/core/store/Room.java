package dev.standin.core.store;

import org.jooq.ExecuteContext;
import org.jooq.Insert;
import org.jooq.Merge;

import java.util.function.LongSupplier;

/**
 * Whether a database may take more rows: its sandbox's row limit ({@code --max-sandbox-rows},
 * SANDBOX_FULL) and the server's heap ({@link HeapGuard}, HEAP_FULL). Checked before every INSERT or
 * MERGE runs, so a refused statement rolls its whole transaction back; steps of something already
 * accepted, and resets re-seeding, run {@link #unlimited}.
 */
public final class Room {
    private static final long RECOUNT_NANOS = 250_000_000L;
    /** Set while a scheduled step runs: it completes what was accepted before, so no limit applies. */
    private static final ThreadLocal<Boolean> UNLIMITED = ThreadLocal.withInitial(() -> false);

    /** Thrown (by the statement about to run) when a statement would add rows to a full database or a full heap. */
    public static final class Full extends RuntimeException {
        private final String code;

        public Full(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        /** SANDBOX_FULL (the sandbox's row limit), HEAP_FULL (the server's heap) or SCHEDULER_FULL (its pending events). */
        public String code() {
            return code;
        }
    }

    private final LongSupplier rowCount;
    private volatile long maxRows;
    private volatile HeapGuard heap;
    private volatile long rows;
    private volatile long countedNanos;

    Room(LongSupplier rowCount) {
        this.rowCount = rowCount;
    }

    /** Runs {@code task} with no limit on this thread. */
    public static void unlimited(Runnable task) {
        boolean before = UNLIMITED.get();
        UNLIMITED.set(true);
        try {
            task.run();
        } finally {
            UNLIMITED.set(before);
        }
    }

    /** Whether limits apply on this thread: not while a scheduled step completes what was accepted before. */
    public static boolean limitsApply() {
        return !UNLIMITED.get();
    }

    void limitRows(long max) {
        this.maxRows = max;
        recount();
    }

    void guard(HeapGuard heap) {
        this.heap = heap;
    }

    HeapGuard heap() {
        return heap;
    }

    /** The row count is taken afresh before the next insert (after a reset, say). */
    void recount() {
        countedNanos = System.nanoTime() - RECOUNT_NANOS;
    }

    void check(ExecuteContext ctx) {
        if (UNLIMITED.get() || !(ctx.query() instanceof Insert<?> || ctx.query() instanceof Merge<?>)) {
            return;
        }
        HeapGuard guard = heap;
        String heapFull = guard == null ? null : guard.full();
        if (heapFull != null) {
            throw new Full("HEAP_FULL", heapFull);
        }
        long max = maxRows;
        if (max <= 0) {
            return;
        }
        long now = System.nanoTime();
        if (now - countedNanos >= RECOUNT_NANOS) { // the count is at most a quarter of a second old
            rows = rowCount.getAsLong();
            countedNanos = now;
        }
        if (rows >= max) {
            throw new Full("SANDBOX_FULL", "This sandbox holds " + rows + " rows, its maximum of " + max
                    + " (--max-sandbox-rows); reset it or create a new sandbox");
        }
    }
}
