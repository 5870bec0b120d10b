package dev.standin.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Connection pools of H2 databases. HikariCP, not H2's own pool: H2's rolls back every connection it
 * takes back, and a rollback empties the session's cache of parsed statements, so every statement was
 * parsed again (a quarter of a read's time); HikariCP rolls back only a connection left inside a
 * transaction.
 */
final class H2Pool {
    /** The pools of the databases created sandboxes share have one housekeeping thread (HikariCP starts one per pool otherwise). */
    private static final ScheduledExecutorService HOUSEKEEPER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "standin-h2-housekeeper");
        t.setDaemon(true);
        return t;
    });

    private H2Pool() {
    }

    /** A pool of its own for the database at {@code url}. */
    static HikariDataSource open(String url) {
        return open(url, null);
    }

    /** A pool for one of the databases created sandboxes share ({@link H2Shards}). */
    static HikariDataSource openShard(String url) {
        return open(url, HOUSEKEEPER);
    }

    private static HikariDataSource open(String url, ScheduledExecutorService housekeeper) {
        HikariConfig config = new HikariConfig();
        config.setScheduledExecutor(housekeeper);
        config.setJdbcUrl(url);
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(64);
        config.setMinimumIdle(2); // embedded sessions open in microseconds: no need to keep 64 ready
        config.setMaxLifetime(0); // a session (and its statement cache) lives as long as the pool
        config.setPoolName("standin-h2");
        return new HikariDataSource(config);
    }
}
