package dev.standin.core.store;

import com.zaxxer.hikari.HikariDataSource;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The in-memory H2 databases that hold the created sandboxes' schemas, at most {@link #SIZE} sandboxes
 * each. One database for all of them made every removal slower the more sandboxes existed: H2 checks
 * each dropped table and sequence against every table of the database for dependents, so removing one
 * of 300 sandboxes took 895 ms (median) and removing them all grew with the square of their number.
 * A database of its own per sandbox costs about 600 KB of H2's fixed transaction structures; a shard of
 * {@link #SIZE} shares those and bounds what a removal scans. A new sandbox goes to the fullest shard
 * with room (so emptier ones drain); a shard left empty is shut down while another stays open.
 */
final class H2Shards {
    /**
     * Sandboxes per database: a removal scans at most this many sandboxes' tables (about 11 each for the
     * default scenario, made as first used: 14.6 ms a removal among 500 sandboxes, 8 ms with 32 a
     * database), and they share its fixed transaction structures (two 256 KB arrays: 4 KB a sandbox,
     * 16 KB with 32).
     */
    static final int SIZE = 128;

    /** One database: its pool, the sandboxes placed in it, and a lock for its DDL (H2 locks the catalog for each). */
    static final class Shard {
        final int number;
        final HikariDataSource pool;
        final Object ddl = new Object();
        private int sandboxes;

        private Shard(int number, HikariDataSource pool) {
            this.number = number;
            this.pool = pool;
        }

        int sandboxes() {
            synchronized (H2Shards.class) {
                return sandboxes;
            }
        }
    }

    /** A sandbox's place in a shard, given back once. */
    static final class Place {
        final Shard shard;
        private final AtomicBoolean released = new AtomicBoolean();

        private Place(Shard shard) {
            this.shard = shard;
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                H2Shards.release(shard);
            }
        }
    }

    private static final List<Shard> OPEN = new ArrayList<>();
    private static int opened;

    private H2Shards() {
    }

    /** A place for one more sandbox, opening a database when every open one is full. */
    static synchronized Place take() {
        Shard best = null;
        for (Shard s : OPEN) {
            if (s.sandboxes < SIZE && (best == null || s.sandboxes > best.sandboxes)) {
                best = s;
            }
        }
        if (best == null) {
            int number = ++opened;
            best = new Shard(number, H2Pool.openShard("jdbc:h2:mem:standin-sandboxes-" + number + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000"));
            OPEN.add(best);
        }
        best.sandboxes++;
        return new Place(best);
    }

    private static void release(Shard shard) {
        synchronized (H2Shards.class) {
            shard.sandboxes--;
            if (shard.sandboxes > 0 || OPEN.size() == 1) {
                return;
            }
            OPEN.remove(shard);
        }
        try (var connection = shard.pool.getConnection(); var statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException ignored) {
            // already closed
        }
        shard.pool.close();
    }

    /** How many databases hold created sandboxes now (for tests). */
    static synchronized int open() {
        return OPEN.size();
    }
}
