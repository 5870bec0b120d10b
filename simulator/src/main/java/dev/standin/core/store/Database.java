package dev.standin.core.store;

import dev.standin.db.DefaultCatalog;
import org.flywaydb.core.Flyway;
import com.zaxxer.hikari.HikariDataSource;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.Schema;
import org.jooq.Table;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.RenderNameCase;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The embedded H2 database: in memory by default, file-backed under a data directory when asked.
 * Flyway's migrations (one per provider) make the schemas: applied by Flyway to a file database, and
 * replayed table by table, as queries name them, from the script the build took of them
 * ({@link SchemaScript}) into an in-memory one; all SQL goes through jOOQ.
 */
public final class Database implements AutoCloseable {
    private static final AtomicInteger IN_MEMORY_COUNT = new AtomicInteger();
    private static final AtomicInteger SHARED_COUNT = new AtomicInteger();

    private final DataSource pool;
    private final SQLDialect dialect;
    private final DSLContext dsl;
    private final boolean persistent;
    /** The prefix of this database's schemas in the shared database, or null for a database of its own. */
    private final String prefix;
    /** A created sandbox's place in the in-memory databases that hold them (see {@link H2Shards}), else null. */
    private final H2Shards.Place place;
    private final Meta meta;

    private Database(DataSource pool, SQLDialect dialect, boolean persistent, String prefix, Settings settings) {
        this(pool, dialect, persistent, prefix, settings, null);
    }

    private Database(DataSource pool, SQLDialect dialect, boolean persistent, String prefix, Settings settings, H2Shards.Place place) {
        this.place = place;
        this.pool = pool;
        this.dialect = dialect;
        this.persistent = persistent;
        this.prefix = prefix;
        this.dsl = DSL.using(new DefaultConfiguration().set(pool).set(dialect).set(settings)
                // schemas are made before H2 prepares the statement (it looks the tables up then)
                .set(ExecuteListener.onRenderEnd(this::createReferenced), ExecuteListener.onExecuteStart(ctx -> room.check(ctx)))
                .set(new AfterCommit()));
        this.meta = new Meta(dsl, dialect == SQLDialect.H2 && !persistent);
    }

    private static Settings settings() {
        return new Settings().withExecuteLogging(false).withRenderSchema(true);
    }

    /** On H2, bind values go without jOOQ's casts ({@link BindCasts}). */
    private static Settings h2Settings() {
        return BindCasts.none(settings());
    }

    /** Connects to (creating when needed) the database; {@link #migrate()} must run before any query. */
    public static Database connect(Optional<Path> dataDir) {
        String url = dataDir
                // WRITE_DELAY=0: a commit is written out before the request that made it is answered, so an
                // acknowledged write survives the process being killed (H2 otherwise waits up to 500 ms)
                .map(dir -> "jdbc:h2:file:" + dir.toAbsolutePath().resolve("standin") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0")
                .orElseGet(() -> "jdbc:h2:mem:standin-" + IN_MEMORY_COUNT.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        return new Database(H2Pool.open(url), SQLDialect.H2, dataDir.isPresent(), null, h2Settings());
    }

    /** Where the default sandbox keeps its state: in memory, under a data directory, or in an external database. */
    public record Location(Optional<Path> dataDir, Optional<External> external) {
        public static Location memory() {
            return new Location(Optional.empty(), Optional.empty());
        }
    }

    /**
     * An external PostgreSQL database ({@code --database jdbc:postgresql://host:port/db}), its connection
     * pool's size, and the host other instances on it reach this one's control API at (null: the
     * listening host unless a wildcard, else this machine's name).
     */
    public record External(String url, String user, String password, int poolSize, String advertiseHost) {
    }

    /** Connects to where {@code location} says; {@link #migrate()} must run before any query. */
    public static Database connect(Location location) {
        return location.external().map(Postgres::connect).orElseGet(() -> connect(location.dataDir()));
    }

    /** A database on PostgreSQL (see {@link Postgres}): persistent, shared by every instance pointed at it. */
    static Database postgres(DataSource pool) {
        // the migrations' unquoted names are lower case in PostgreSQL; jOOQ's generated ones are H2's upper case
        return new Database(pool, SQLDialect.POSTGRES, true, null, settings().withRenderNameCase(RenderNameCase.LOWER));
    }

    public SQLDialect dialect() {
        return dialect;
    }

    /** Whether several Standin instances may use this database at once (PostgreSQL): clock and steps then live in it. */
    public boolean sharedByInstances() {
        return dialect == SQLDialect.POSTGRES;
    }

    /**
     * A created sandbox's database: schemas of its own ({@code SB<n>_VELO} for {@code VELO} ...) in one
     * of the in-memory databases created sandboxes share ({@link H2Shards}), which jOOQ's render mapping
     * puts in every query; {@link #migrate()} creates them, {@link #close()} drops them.
     */
    public static Database shared() {
        String prefix = "SB" + SHARED_COUNT.incrementAndGet() + "_";
        RenderMapping mapping = new RenderMapping();
        for (String schema : H2Schemas.names()) {
            mapping.withSchemata(new MappedSchema().withInput(schema).withOutput(prefix + schema));
        }
        H2Shards.Place place = H2Shards.take();
        return new Database(place.shard.pool, SQLDialect.H2, false, prefix, h2Settings().withRenderMapping(mapping), place);
    }

    /** Which in-memory database holds this created sandbox (null for a database of its own). */
    H2Shards.Shard shard() {
        return place == null ? null : place.shard;
    }

    /**
     * The schemas and objects made so far of an in-memory database whose objects are made when a query
     * first names them, by their unprefixed names ({@code VELO}, {@code VELO.PAYEE}).
     */
    private final Set<String> created = ConcurrentHashMap.newKeySet();
    /**
     * Whether objects are made as queries name them: a created sandbox's on H2, and an in-memory database
     * of its own made from the build's script (the default sandbox's: making all 45 tables and sequences
     * took a fifth of its opening, and the default scenario's seed uses a dozen).
     */
    private volatile boolean lazy;

    /**
     * A created sandbox's database: on PostgreSQL (when {@code home}, the default sandbox's, is there),
     * schemas of its own named after the sandbox in that database ({@code sb7_velo} for {@code velo}),
     * which every instance sharing it can open; otherwise {@link #shared()}.
     */
    public static Database sandbox(Database home, String sandboxId) {
        if (home.dialect != SQLDialect.POSTGRES) {
            return shared();
        }
        String prefix = sandboxId.toUpperCase(java.util.Locale.ROOT) + "_";
        RenderMapping mapping = new RenderMapping();
        for (String schema : PostgresSchemas.names()) {
            mapping.withSchemata(new MappedSchema().withInput(schema).withOutput(prefix + schema));
        }
        return new Database(home.pool, SQLDialect.POSTGRES, true, prefix,
                settings().withRenderNameCase(RenderNameCase.LOWER).withRenderMapping(mapping));
    }

    /**
     * Makes the schemas of the migrations (one per provider, plus the core's): Flyway for a file database
     * or PostgreSQL; an in-memory one's tables are made from the build's script of them as queries name them.
     */
    public void migrate() {
        if (dialect == SQLDialect.POSTGRES) {
            if (prefix == null) {
                Postgres.migrate(pool);
            } else { // a created sandbox's schemas, unless another instance made them (it is being opened there too)
                madeSchemas = PostgresSchemas.create(pool, prefix);
                created.addAll(PostgresSchemas.names());
            }
            return;
        }
        if (prefix == null && (persistent || SchemaScript.shipped().isEmpty())) {
            migrateWithFlyway(); // a file keeps the history of migrations its later ones need
            return;
        }
        // a fresh in-memory database: each object is made from the build's script when a query first
        // names it (a sandbox uses a fraction of them), the default sandbox's with its foreign keys
        lazy = true;
    }

    /** Applies the Flyway migrations to this database of its own. */
    void migrateWithFlyway() {
        Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .loggers("slf4j")
                .load()
                .migrate();
    }

    DataSource pool() {
        return pool;
    }

    /** Before a query on a database whose objects are made as named: makes those it names that do not exist yet. */
    private void createReferenced(ExecuteContext ctx) {
        if (!lazy || created.size() == H2Schemas.objects() + H2Schemas.names().size()) {
            return;
        }
        String sql = ctx.sql() != null ? ctx.sql() : ctx.batchSQL() == null ? "" : String.join("\n", ctx.batchSQL());
        if (place != null) {
            H2Schemas.createReferenced(sql, prefix, false, pool, place.shard.ddl, created);
        } else {
            H2Schemas.createReferenced(sql, "", true, pool, created, created);
        }
    }

    /**
     * Whether {@code table} may hold rows: false for a table an in-memory sandbox has never named, which
     * reading would only make (a table costs about 5 KB of H2's description): answer its read as empty.
     */
    public boolean mayHoldRows(Table<?> table) {
        return exists(table);
    }

    /** Whether a table exists (always where objects are not made as named: a file, PostgreSQL). */
    private boolean exists(Table<?> table) {
        return !lazy || created.contains(table.getSchema().getName() + "." + table.getName());
    }

    public DSLContext dsl() {
        return dsl;
    }

    public boolean persistent() {
        return persistent;
    }

    /**
     * Deletes every row of every table in {@code schema}, children before the tables they reference (a
     * database-wide switch of the integrity checks would reach other sandboxes' schemas, so each table's own is used).
     */
    public void truncate(Schema schema) {
        List<Table<?>> tables = schema.getTables().stream().filter(this::exists).toList();
        if (tables.isEmpty()) {
            return; // never used: nothing to delete
        }
        HeapGuard guard = room.heap();
        if (dialect == SQLDialect.POSTGRES) {
            Truncation.postgres(dsl, tables);
        } else if (guard != null && guard.full() != null) {
            Truncation.h2FullHeap(dsl, tables);
        } else {
            Truncation.h2(dsl, tables);
        }
        room.recount(); // a reset seeds again
    }

    private final Room room = new Room(this::rowCount);

    /** From now on an INSERT or MERGE (outside a scheduled step) fails with {@link Room.Full} while {@code heap} says the heap is full. */
    public void guard(HeapGuard heap) {
        room.guard(heap);
    }

    /**
     * From now on an INSERT or MERGE (outside a scheduled step) fails with {@link Room.Full} while the
     * database holds {@code max} rows or more, so its transaction rolls back; 0: no limit.
     */
    public void limitRows(long max) {
        room.limitRows(max);
    }

    /** How many rows all tables hold together (H2 answers each count from the table's own size). */
    public long rowCount() {
        long total = 0;
        for (Schema schema : DefaultCatalog.DEFAULT_CATALOG.getSchemas()) {
            for (Table<?> table : schema.getTables()) {
                if (!exists(table)) {
                    continue; // never used
                }
                if (prefix != null && dialect == SQLDialect.POSTGRES && PostgresSchemas.wholeDatabase(table)) {
                    continue; // not the sandbox's own
                }
                total += dsl.fetchCount(table);
            }
        }
        return total;
    }

    /**
     * Counts a start on this database and answers how many came before (0 the first time): the epoch
     * that keeps each start's id streams apart. Atomic, so two instances starting on one PostgreSQL
     * database never get the same epoch (and so never the same ids).
     */
    public long countStart() {
        return count("starts");
    }

    /** Counts one more of {@code key} in {@code core.meta}, atomically, and answers how many came before (0 the first time). */
    public long count(String key) {
        return meta.count(key);
    }

    public Optional<String> meta(String key) {
        return meta.get(dsl, key);
    }

    public Optional<String> meta(DSLContext tx, String key) {
        return meta.get(tx, key);
    }

    public void meta(String key, String value) {
        meta.put(dsl, key, value);
    }

    public void forget(String key) {
        meta.forget(key);
    }

    public void meta(DSLContext tx, String key, String value) {
        meta.put(tx, key, value);
    }

    /**
     * Closes the database: a file database is written out; an in-memory one (kept alive by
     * DB_CLOSE_DELAY=-1 while the server runs) is dropped with all its data, and a shared database's
     * schemas are dropped, so a removed sandbox frees its memory.
     */
    @Override
    public void close() {
        if (prefix != null && dialect == SQLDialect.POSTGRES) {
            return; // the pool is the default sandbox's; the schemas stay for other instances (drop() removes them)
        }
        if (prefix != null) {
            H2Schemas.drop(dsl, place.shard.ddl, prefix, created);
            place.release();
            return;
        }
        if (dialect == SQLDialect.POSTGRES) { // only the pool closes: the data stays in the database
            Postgres.close(pool);
            return;
        }
        try {
            dsl.execute("SHUTDOWN");
        } catch (RuntimeException ignored) {
            // already closed
        }
        ((HikariDataSource) pool).close();
    }

    /** Whether {@link #migrate()} made this created sandbox's schemas on PostgreSQL (rather than finding them made by another instance). */
    public boolean madeSchemas() {
        return madeSchemas;
    }

    private volatile boolean madeSchemas;

    /** Removes a created sandbox's schemas and all they hold (closing an in-memory one does that already). */
    public void drop() {
        if (prefix != null && dialect == SQLDialect.POSTGRES) {
            PostgresSchemas.drop(pool, prefix);
        } else {
            close();
        }
    }
}
