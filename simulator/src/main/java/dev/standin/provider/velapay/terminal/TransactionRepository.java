package dev.standin.provider.velapay.terminal;

import dev.standin.db.terminals.tables.records.TxnRecord;
import org.jooq.DSLContext;

import java.util.List;
import java.util.Optional;

import static dev.standin.db.terminals.Tables.TXN;

/** A terminal's card transactions. */
final class TransactionRepository {
    private final DSLContext dsl;

    TransactionRepository(DSLContext dsl) {
        this.dsl = dsl;
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

    List<TxnRecord> batch(String terminalId, String batchId) {
        return dsl.selectFrom(TXN).where(TXN.TERMINAL_ID.eq(terminalId).and(TXN.BATCH_ID.eq(batchId))).fetch();
    }
}
