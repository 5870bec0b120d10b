package dev.standin.core.store;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.standin.db.core.Tables.META;

/**
 * The embedded H2 database: in memory by default, file-backed under a data directory when asked.
 * Flyway creates the schema at start (one migration per provider); all SQL goes through jOOQ.
 */
public final class Database implements AutoCloseable {
    private static final AtomicInteger IN_MEMORY_COUNT = new AtomicInteger();

    private final JdbcConnectionPool pool;
    private final DSLContext dsl;
    private final boolean persistent;

    private Database(String url, boolean persistent) {
        this.pool = JdbcConnectionPool.create(url, "sa", "");
        this.pool.setMaxConnections(64);
        this.persistent = persistent;
        this.dsl = DSL.using(pool, SQLDialect.H2, new Settings()
                .withExecuteLogging(false)
                .withRenderSchema(true));
    }

    /** Connects to (creating when needed) the database; {@link #migrate()} must run before any query. */
    public static Database connect(Optional<Path> dataDir) {
        String url = dataDir
                // WRITE_DELAY=0: a commit is written out before the request that made it is answered, so an
                // acknowledged write survives the process being killed (H2 otherwise waits up to 500 ms)
                .map(dir -> "jdbc:h2:file:" + dir.toAbsolutePath().resolve("standin") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0")
                .orElseGet(() -> "jdbc:h2:mem:standin-" + IN_MEMORY_COUNT.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        return new Database(url, dataDir.isPresent());
    }

    /**
     * The schema of a freshly migrated in-memory database as DDL statements (H2's {@code SCRIPT NODATA}),
     * taken once: a new sandbox's database replays them instead of running Flyway (about ten times faster).
     */
    private static volatile List<String> schemaTemplate;

    /** Applies the Flyway migrations: one per provider, plus the core's. */
    public void migrate() {
        migrate(false);
    }

    /**
     * As {@link #migrate()}; with {@code shareSchema} (a created sandbox's in-memory database) it
     * replays the schema taken from the first such database instead of running Flyway again. The
     * server's own database never pays for taking it.
     */
    public void migrate(boolean shareSchema) {
        boolean share = shareSchema && !persistent;
        List<String> template = schemaTemplate;
        if (share && template != null) {
            try (var connection = pool.getConnection(); var statement = connection.createStatement()) {
                for (String ddl : template) {
                    statement.addBatch(ddl);
                }
                statement.executeBatch();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("cannot create the schema of a new database", e);
            }
            return;
        }
        Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .loggers("slf4j")
                .load()
                .migrate();
        if (share) {
            schemaTemplate = dsl.fetch("SCRIPT NODATA").stream().map(r -> r.get(0, String.class))
                    .filter(sql -> !sql.startsWith("CREATE USER")).toList();
        }
    }

    public DSLContext dsl() {
        return dsl;
    }

    public boolean persistent() {
        return persistent;
    }

    /** Deletes every row of every table in {@code schema} (children first is not needed: checks are off meanwhile). */
    public void truncate(Schema schema) {
        dsl.transaction(tx -> {
            DSLContext t = tx.dsl();
            t.execute("SET REFERENTIAL_INTEGRITY FALSE");
            try {
                for (Table<?> table : schema.getTables()) {
                    t.truncate(table).execute();
                }
            } finally {
                t.execute("SET REFERENTIAL_INTEGRITY TRUE");
            }
        });
    }

    public Optional<String> meta(String key) {
        return meta(dsl, key);
    }

    public Optional<String> meta(DSLContext tx, String key) {
        return tx.select(META.META_VALUE).from(META).where(META.META_KEY.eq(key)).fetchOptional(META.META_VALUE);
    }

    public void meta(String key, String value) {
        meta(dsl, key, value);
    }

    public void forget(String key) {
        dsl.deleteFrom(META).where(META.META_KEY.eq(key)).execute();
    }

    public void meta(DSLContext tx, String key, String value) {
        tx.mergeInto(META).using(DSL.selectOne())
                .on(META.META_KEY.eq(key))
                .whenMatchedThenUpdate().set(META.META_VALUE, value)
                .whenNotMatchedThenInsert(META.META_KEY, META.META_VALUE).values(key, value)
                .execute();
    }

    /**
     * Closes the database: a file database is written out; an in-memory one (kept alive by
     * DB_CLOSE_DELAY=-1 while the server runs) is dropped with all its data, so a removed sandbox
     * frees its memory.
     */
    @Override
    public void close() {
        try {
            dsl.execute("SHUTDOWN");
        } catch (RuntimeException ignored) {
            // already closed
        }
        pool.dispose();
    }

}
