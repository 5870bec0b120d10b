package dev.standin.support;

import dev.standin.core.store.Database;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An in-memory database whose queries' H2 plans are recorded as they run: the SQL as run, with its
 * bind values bound (jOOQ's casts of them once changed H2's plan; the same query inlined showed a good
 * one). Checked on the plan, since a query that walks a whole table shows in time only once it is large.
 */
public final class QueryPlans implements AutoCloseable {
    public final Database database = Database.connect(Optional.empty());
    public final List<String> plans = new ArrayList<>();

    /** Makes the tables of {@code schemas} (the recording listener replaces the one that makes them when first named). */
    public QueryPlans(Schema... schemas) {
        database.migrate();
        for (Schema schema : schemas) {
            schema.getTables().forEach(table -> database.dsl().fetchCount(table));
        }
        // the database's own configuration, so repositories holding its DSLContext are recorded too
        DSLContext unrecorded = database.dsl().configuration().derive(new org.jooq.ExecuteListenerProvider[0]).dsl();
        database.dsl().configuration().set(ExecuteListener.onExecuteStart(ctx -> {
            if (ctx.sql() != null && ctx.sql().startsWith("select")) {
                plans.add(String.valueOf(unrecorded.resultQuery("explain " + ctx.sql(), ctx.query().getBindValues().toArray()).fetchOne(0)));
            }
        }));
    }

    public DSLContext dsl() {
        return database.dsl();
    }

    @Override
    public void close() {
        database.close();
    }
}
