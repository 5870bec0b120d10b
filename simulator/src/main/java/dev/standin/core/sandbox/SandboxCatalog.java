package dev.standin.core.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.standin.core.Simulation;
import dev.standin.core.clock.ClockMode;
import dev.standin.core.json.Json;
import dev.standin.core.store.Database;
import org.jooq.impl.DSL;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.standin.db.core.Tables.SANDBOX;

/**
 * The created sandboxes of a database several instances share (rows of {@code core.sandbox} in the
 * default sandbox's database): what each was made from, so that any instance opens one it has not
 * seen with the same scenarios, credentials, clock and seed, and when any instance last used it.
 */
final class SandboxCatalog {
    /** What a created sandbox was made from (the server's own defaults give the rest: journal size, trusted networks). */
    record Made(String name, String controlToken, String clock, Instant start, long seed, long maxRows, List<Simulation.Source> scenarios) {
        static Made of(Sandbox.Spec spec) {
            return new Made(spec.name(), spec.controlToken(), spec.clockMode().label(), spec.start(), spec.seed(), spec.maxRows(),
                    spec.scenarios());
        }

        Sandbox.Spec spec(String id, Sandbox.Spec home) {
            return new Sandbox.Spec(id, name, controlToken, ClockMode.parse(clock), start, seed, home.location(), scenarios,
                    home.journalSize(), home.trustedNetworks(), maxRows);
        }
    }

    private final Database database;

    SandboxCatalog(Database database) {
        this.database = database;
    }

    /** A new sandbox id, unique among every instance on the database: sb1, sb2, ... */
    String nextId() {
        return "sb" + (database.count("sandboxes") + 1);
    }

    void save(Sandbox.Spec spec) {
        String made;
        try {
            made = Json.mapper().writeValueAsString(Made.of(spec));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write sandbox " + spec.id(), e);
        }
        database.dsl().insertInto(SANDBOX, SANDBOX.SANDBOX_ID, SANDBOX.NAME, SANDBOX.SPEC, SANDBOX.CREATED_AT, SANDBOX.USED_AT)
                .values(DSL.val(spec.id()), DSL.val(spec.name()), DSL.val(made), DSL.currentOffsetDateTime(), DSL.currentOffsetDateTime())
                .execute();
    }

    Optional<Made> find(String id) {
        return database.dsl().select(SANDBOX.SPEC).from(SANDBOX).where(SANDBOX.SANDBOX_ID.eq(id)).fetchOptional(SANDBOX.SPEC)
                .map(text -> {
                    try {
                        return Json.mapper().readValue(text, Made.class);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("sandbox " + id + " is stored unreadably", e);
                    }
                });
    }

    List<String> ids() {
        return database.dsl().select(SANDBOX.SANDBOX_ID).from(SANDBOX).orderBy(SANDBOX.CREATED_AT).fetch(SANDBOX.SANDBOX_ID);
    }

    int count() {
        return database.dsl().fetchCount(SANDBOX);
    }

    /** Forgets a sandbox; answers whether it was there (so that one instance alone drops its schemas). */
    boolean delete(String id) {
        return database.dsl().deleteFrom(SANDBOX).where(SANDBOX.SANDBOX_ID.eq(id)).execute() > 0;
    }

    /** Records when this instance last used a sandbox ({@code idle} ago), unless another used it later. */
    void used(String id, Duration idle) {
        database.dsl().update(SANDBOX)
                .set(SANDBOX.USED_AT, DSL.greatest(SANDBOX.USED_AT, DSL.field("CURRENT_TIMESTAMP - ({0} * INTERVAL '1 millisecond')",
                        SANDBOX.USED_AT.getDataType(), DSL.val(idle.toMillis()))))
                .where(SANDBOX.SANDBOX_ID.eq(id)).execute();
    }

    /** The sandboxes no instance used for {@code limit}, on the database's own time. */
    List<String> idle(Duration limit) {
        return database.dsl().select(SANDBOX.SANDBOX_ID).from(SANDBOX)
                .where(DSL.condition("used_at < CURRENT_TIMESTAMP - INTERVAL '" + limit.toSeconds() + " seconds'"))
                .fetch(SANDBOX.SANDBOX_ID);
    }
}
