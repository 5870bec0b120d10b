package dev.standin.provider.velapay.terminal;

import dev.standin.core.store.BindCasts;
import dev.standin.db.terminals.tables.records.TxnRecord;
import org.jooq.DSLContext;

import java.util.List;
import java.util.Optional;

import static dev.standin.db.terminals.Tables.SETTLED_BATCH;
import static dev.standin.db.terminals.Tables.TXN;

/** A terminal's card transactions. */
final class TransactionRepository {
    private final DSLContext dsl;
    private final dev.standin.core.store.Database database;

    TransactionRepository(dev.standin.core.store.Database database) {
        this.database = database;
        this.dsl = database.dsl();
    }

    void insert(TxnRecord r) {
        dsl.executeInsert(r);
    }

    int nextNumber(String terminalId) {
        return dsl.fetchCount(TXN, TXN.TERMINAL_ID.eq(terminalId)) + 1;
    }

    Optional<TxnRecord> byReference(String terminalId, String reference) {
        return dsl.selectFrom(TXN).where(TXN.TERMINAL_ID.eq(terminalId).and(TXN.REFERENCE_NUMBER.eq(reference))).fetchOptional();
    }

    /** Marks captured or voided; answers whether this call did it (once only). */
    boolean mark(String transactionId, boolean voided) {
        var field = voided ? TXN.VOIDED : TXN.CAPTURED;
        return dsl.update(TXN).set(field, true).where(TXN.TRANSACTION_ID.eq(transactionId).and(field.isFalse())).execute() == 1;
    }

    void adjustTip(String transactionId, java.math.BigDecimal tip, java.math.BigDecimal amount) {
        dsl.update(TXN).set(TXN.AMOUNT_TIP, tip).set(TXN.AMOUNT, amount).where(TXN.TRANSACTION_ID.eq(transactionId)).execute();
    }

    /** The open batch: the configured one's first successor ({@link Terminal#successor}) not settled yet. */
    String openBatch(String terminalId, String configured) {
        if (!database.mayHoldRows(SETTLED_BATCH)) {
            return configured; // nothing settled yet in this sandbox
        }
        java.util.Set<String> settled = new java.util.HashSet<>(dsl.select(SETTLED_BATCH.BATCH_ID).from(SETTLED_BATCH)
                .where(SETTLED_BATCH.TERMINAL_ID.eq(terminalId)).fetch(SETTLED_BATCH.BATCH_ID));
        String batch = configured;
        while (settled.contains(batch)) {
            batch = Terminal.successor(batch);
        }
        return batch;
    }

    /** Records the batch as settled; false when it already was (a concurrent settlement won). */
    boolean settle(String terminalId, String batchId, java.time.OffsetDateTime at) {
        return BindCasts.typed(dsl).insertInto(SETTLED_BATCH).set(SETTLED_BATCH.TERMINAL_ID, terminalId).set(SETTLED_BATCH.BATCH_ID, batchId)
                .set(SETTLED_BATCH.SETTLED, at).onDuplicateKeyIgnore().execute() == 1;
    }

    List<TxnRecord> batch(String terminalId, String batchId) {
        return dsl.selectFrom(TXN).where(TXN.TERMINAL_ID.eq(terminalId).and(TXN.BATCH_ID.eq(batchId))).fetch();
    }
}
