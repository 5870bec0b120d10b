package dev.standin.core.clock;

import dev.standin.core.store.Database;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static dev.standin.db.core.Tables.CLOCK;

/** A shared clock's state as the one row of {@code core.clock}; each change is one transaction holding the row. */
public final class ClockRow implements ClockState {
    private static final int ID = 1;
    private final Database database;

    public ClockRow(Database database) {
        this.database = database;
    }

    @Override
    public State load(State initial) {
        return database.dsl().transactionResult(tx -> {
            State stored = locked(tx.dsl());
            if (stored != null) {
                return stored;
            }
            tx.dsl().insertInto(CLOCK, CLOCK.CLOCK_ID, CLOCK.ANCHOR_AT, CLOCK.OFFSET_NANOS, CLOCK.GENERATION)
                    .values(ID, OffsetDateTime.ofInstant(initial.anchor(), ZoneOffset.UTC), initial.offsetNanos(), initial.generation())
                    .onConflictDoNothing().execute();
            return locked(tx.dsl());
        });
    }

    @Override
    public State read() {
        return database.dsl().select(CLOCK.ANCHOR_AT, CLOCK.OFFSET_NANOS, CLOCK.GENERATION, CLOCK.DATA_VERSION).from(CLOCK).where(CLOCK.CLOCK_ID.eq(ID))
                .fetchOne(r -> new State(r.value1().toInstant(), r.value2(), r.value3(), r.value4()));
    }

    @Override
    public State advance(long nanos) {
        return change(CLOCK.OFFSET_NANOS.plus(nanos));
    }

    @Override
    public State advanceTo(long offsetNanos) {
        return change(DSL.greatest(CLOCK.OFFSET_NANOS, DSL.val(offsetNanos)));
    }

    @Override
    public State restart() {
        return change(DSL.val(0L));
    }

    @Override
    public State nextGeneration() {
        return change(CLOCK.GENERATION, CLOCK.GENERATION.plus(1L));
    }

    private State change(org.jooq.Field<Long> offset) {
        return change(CLOCK.OFFSET_NANOS, offset);
    }

    private State change(org.jooq.TableField<?, Long> column, org.jooq.Field<Long> value) {
        return database.dsl().transactionResult(tx -> {
            tx.dsl().update(CLOCK).set(column, value).where(CLOCK.CLOCK_ID.eq(ID)).execute();
            return locked(tx.dsl());
        });
    }

    private static State locked(DSLContext tx) {
        return tx.select(CLOCK.ANCHOR_AT, CLOCK.OFFSET_NANOS, CLOCK.GENERATION, CLOCK.DATA_VERSION).from(CLOCK).where(CLOCK.CLOCK_ID.eq(ID)).forUpdate()
                .fetchOne(r -> new State(r.value1().toInstant(), r.value2(), r.value3(), r.value4()));
    }
}
