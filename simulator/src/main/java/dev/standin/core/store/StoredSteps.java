package dev.standin.core.store;

import org.jooq.DSLContext;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static dev.standin.db.core.Tables.SCHEDULED_STEP;

/**
 * The rows of scheduled steps that must survive a restart (see {@code core.scheduled_step}). An
 * in-memory database keeps none: nothing of it survives a restart, so the scheduler's queue alone
 * holds its steps (a row per step cost a Vendreo payment request a quarter of its time).
 */
public final class StoredSteps {
    /** One stored step. */
    public record Row(long stepId, String owner, String kind, String subject, String name, Instant dueAt) {
    }

    private final Database database;
    /** Whether rows are kept at all (a persistent database: a data directory or PostgreSQL). */
    private final boolean kept;

    public StoredSteps(Database database) {
        this.database = database;
        this.kept = database.persistent();
    }

    /** Stores a step in {@code tx}: it exists exactly when the state it belongs to was committed. */
    public void insert(DSLContext tx, Row row) {
        insertAll(tx, List.of(row));
    }

    /** Stores many steps in {@code tx} as one JDBC batch (a payout's thousands of payments). */
    public void insertAll(DSLContext tx, List<Row> rows) {
        if (rows.isEmpty() || !kept) {
            return;
        }
        var insert = tx.insertInto(SCHEDULED_STEP, SCHEDULED_STEP.STEP_ID, SCHEDULED_STEP.OWNER, SCHEDULED_STEP.KIND,
                SCHEDULED_STEP.SUBJECT, SCHEDULED_STEP.NAME, SCHEDULED_STEP.DUE_AT).values((Long) null, null, null, null, null, null);
        var batch = tx.batch(insert);
        for (Row row : rows) {
            batch.bind(row.stepId(), row.owner(), row.kind(), row.subject(),
                    row.name().length() > 300 ? row.name().substring(0, 300) : row.name(),
                    OffsetDateTime.ofInstant(row.dueAt(), ZoneOffset.UTC));
        }
        batch.execute();
    }

    /** Whether several instances share these rows (PostgreSQL): each then claims a due step before running it. */
    public boolean shared() {
        return database.sharedByInstances();
    }

    /** The earliest due time of a step due at {@code limit} or before (claimed by another instance or not), or null. */
    public Instant earliestDue(Instant limit) {
        OffsetDateTime due = database.dsl().select(org.jooq.impl.DSL.min(SCHEDULED_STEP.DUE_AT)).from(SCHEDULED_STEP)
                .where(SCHEDULED_STEP.DUE_AT.le(OffsetDateTime.ofInstant(limit, ZoneOffset.UTC))).fetchOne(0, OffsetDateTime.class);
        return due == null ? null : due.toInstant();
    }

    /**
     * Claims the earliest step due at {@code limit} or before that no other instance holds ({@code FOR
     * UPDATE SKIP LOCKED}), runs it while holding it, and deletes it in the same transaction; answers
     * false when there was none to claim. An instance that dies mid-step releases it with its
     * connection, and another runs it again: handlers check the state they move.
     */
    public boolean runClaimed(Instant limit, java.util.function.Consumer<Row> run) {
        return database.dsl().transactionResult(tx -> {
            var r = tx.dsl().selectFrom(SCHEDULED_STEP).where(SCHEDULED_STEP.DUE_AT.le(OffsetDateTime.ofInstant(limit, ZoneOffset.UTC)))
                    .orderBy(SCHEDULED_STEP.DUE_AT, SCHEDULED_STEP.STEP_ID).limit(1).forUpdate().skipLocked().fetchOne();
            if (r == null) {
                return false;
            }
            try {
                run.accept(new Row(r.getStepId(), r.getOwner(), r.getKind(), r.getSubject(), r.getName(), r.getDueAt().toInstant()));
            } finally {
                tx.dsl().deleteFrom(SCHEDULED_STEP).where(SCHEDULED_STEP.STEP_ID.eq(r.getStepId())).execute();
            }
            return true;
        });
    }

    public void delete(long stepId) {
        if (!kept) {
            return;
        }
        database.dsl().deleteFrom(SCHEDULED_STEP).where(SCHEDULED_STEP.STEP_ID.eq(stepId)).execute();
    }

    /** Deletes the steps of one owner (a provider being reset), or all when owner is null. */
    public void deleteOwner(String owner) {
        if (!kept) {
            return;
        }
        database.dsl().deleteFrom(SCHEDULED_STEP).where(owner == null ? org.jooq.impl.DSL.trueCondition() : SCHEDULED_STEP.OWNER.eq(owner))
                .execute();
    }

    public List<Row> all() {
        if (!kept) {
            return List.of();
        }
        return database.dsl().selectFrom(SCHEDULED_STEP).orderBy(SCHEDULED_STEP.DUE_AT, SCHEDULED_STEP.STEP_ID)
                .fetch(r -> new Row(r.getStepId(), r.getOwner(), r.getKind(), r.getSubject(), r.getName(), r.getDueAt().toInstant()));
    }

    public int count() {
        if (!kept) {
            return 0;
        }
        return database.dsl().fetchCount(SCHEDULED_STEP);
    }

    public long maxId() {
        if (!kept) {
            return 0;
        }
        Long max = database.dsl().select(org.jooq.impl.DSL.max(SCHEDULED_STEP.STEP_ID)).from(SCHEDULED_STEP).fetchOne(0, Long.class);
        return max == null ? 0 : max;
    }
}
