package dev.standin.core.store;

import org.jooq.impl.DSL;

import java.util.List;

import static dev.standin.db.core.Tables.INSTANCE;

/**
 * The instances serving one shared database (rows of {@code core.instance}), so that the control API
 * of any of them can gather what each keeps in memory (the request journal). Liveness is the
 * database's own time: an instance refreshes its row every few seconds, and rows older than
 * {@value #ALIVE_SECONDS} s are taken for instances that died.
 */
public final class InstanceRegistry {
    /** Another live instance: its id (its start count) and its control API's base URL. */
    public record Peer(long id, String controlUrl) {
    }

    private static final int ALIVE_SECONDS = 10;
    private final Database database;
    private final long id;

    public InstanceRegistry(Database database, long id) {
        this.database = database;
        this.id = id;
    }

    /** This instance's id (its start count on the database). */
    public long id() {
        return id;
    }

    public void register(String controlUrl) {
        database.dsl().insertInto(INSTANCE, INSTANCE.INSTANCE_ID, INSTANCE.CONTROL_URL, INSTANCE.SEEN_AT)
                .values(DSL.val(id), DSL.val(controlUrl), DSL.currentOffsetDateTime())
                .onConflict(INSTANCE.INSTANCE_ID).doUpdate()
                .set(INSTANCE.CONTROL_URL, controlUrl).set(INSTANCE.SEEN_AT, DSL.currentOffsetDateTime())
                .execute();
        // rows of instances dead long ago go (each start counts a new id)
        database.dsl().deleteFrom(INSTANCE).where(DSL.condition("seen_at < CURRENT_TIMESTAMP - INTERVAL '1 day'")).execute();
    }

    public void heartbeat() {
        database.dsl().update(INSTANCE).set(INSTANCE.SEEN_AT, DSL.currentOffsetDateTime()).where(INSTANCE.INSTANCE_ID.eq(id)).execute();
    }

    /** The ids of the instances seen alive lately, as a subquery (e.g. whose holds still stand). */
    public static org.jooq.Select<org.jooq.Record1<Long>> alive() {
        return DSL.select(INSTANCE.INSTANCE_ID).from(INSTANCE).where(recentlySeen());
    }

    private static org.jooq.Condition recentlySeen() {
        return DSL.condition("seen_at > CURRENT_TIMESTAMP - INTERVAL '" + ALIVE_SECONDS + " seconds'");
    }

    /** Whether instance {@code id} was seen alive lately. */
    public static boolean isAlive(Database database, long id) {
        return database.dsl().fetchExists(INSTANCE, INSTANCE.INSTANCE_ID.eq(id).and(recentlySeen()));
    }

    /** The other instances seen alive lately. */
    public List<Peer> others() {
        return database.dsl().select(INSTANCE.INSTANCE_ID, INSTANCE.CONTROL_URL).from(INSTANCE)
                .where(INSTANCE.INSTANCE_ID.ne(id), INSTANCE.INSTANCE_ID.in(alive()))
                .orderBy(INSTANCE.INSTANCE_ID)
                .fetch(r -> new Peer(r.value1(), r.value2()));
    }

    public void leave() {
        database.dsl().deleteFrom(INSTANCE).where(INSTANCE.INSTANCE_ID.eq(id)).execute();
    }
}
