package dev.standin.provider.velo.payee;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.json.Json;
import dev.standin.db.velo.tables.records.PayeeBatchRecord;
import dev.standin.db.velo.tables.records.PayeeSubmissionRecord;
import org.jooq.DSLContext;

import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static dev.standin.db.velo.Tables.PAYEE_BATCH;
import static dev.standin.db.velo.Tables.PAYEE_SUBMISSION;

/** Payee batches and their submissions, pending until processed, then kept when they failed. */
public final class PayeeBatchRepository {
    /** A submission of a batch: its position, the JSON sent, and why it failed (or null). */
    public record Submission(int position, JsonNode payee, String failureMessage, boolean processed) {
    }

    private final DSLContext dsl;

    public PayeeBatchRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void insert(DSLContext tx, UUID batchId, UUID payorId, JsonNode payees, OffsetDateTime created) {
        tx.insertInto(PAYEE_BATCH)
                .set(PAYEE_BATCH.BATCH_ID, batchId)
                .set(PAYEE_BATCH.PAYOR_ID, payorId)
                .set(PAYEE_BATCH.STATUS, "SUBMITTED")
                .set(PAYEE_BATCH.SUBMITTED_COUNT, payees.size())
                .set(PAYEE_BATCH.CREATED, created)
                .execute();
        var insert = tx.insertInto(PAYEE_SUBMISSION, PAYEE_SUBMISSION.BATCH_ID, PAYEE_SUBMISSION.POSITION,
                PAYEE_SUBMISSION.PAYOR_ID, PAYEE_SUBMISSION.SUBMISSION);
        for (int i = 0; i < payees.size(); i++) {
            insert = insert.values(batchId, i, payorId, payees.get(i).toString());
        }
        insert.execute();
    }

    public Optional<PayeeBatchRecord> find(UUID payorId, UUID batchId) {
        return dsl.selectFrom(PAYEE_BATCH).where(PAYEE_BATCH.PAYOR_ID.eq(payorId).and(PAYEE_BATCH.BATCH_ID.eq(batchId))).fetchOptional();
    }

    public Optional<PayeeBatchRecord> find(UUID batchId) {
        return dsl.selectFrom(PAYEE_BATCH).where(PAYEE_BATCH.BATCH_ID.eq(batchId)).fetchOptional();
    }

    public List<Submission> submissions(UUID batchId) {
        return dsl.selectFrom(PAYEE_SUBMISSION).where(PAYEE_SUBMISSION.BATCH_ID.eq(batchId))
                .orderBy(PAYEE_SUBMISSION.POSITION).fetch(PayeeBatchRepository::toSubmission);
    }

    public void markProcessed(DSLContext tx, UUID batchId, int position, String failureMessage) {
        tx.update(PAYEE_SUBMISSION)
                .set(PAYEE_SUBMISSION.PROCESSED, true)
                .set(PAYEE_SUBMISSION.FAILURE_MESSAGE, failureMessage)
                .where(PAYEE_SUBMISSION.BATCH_ID.eq(batchId).and(PAYEE_SUBMISSION.POSITION.eq(position)))
                .execute();
    }

    public void accept(DSLContext tx, UUID batchId) {
        tx.update(PAYEE_BATCH).set(PAYEE_BATCH.STATUS, "ACCEPTED").where(PAYEE_BATCH.BATCH_ID.eq(batchId)).execute();
    }

    private static Submission toSubmission(PayeeSubmissionRecord r) {
        try {
            return new Submission(r.getPosition(), Json.mapper().readTree(r.getSubmission()), r.getFailureMessage(), r.getProcessed());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
