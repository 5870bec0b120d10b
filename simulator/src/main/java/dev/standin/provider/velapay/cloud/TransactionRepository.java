package dev.standin.provider.velapay.cloud;

import dev.standin.db.velapay_cloud.tables.records.CardTokenRecord;
import dev.standin.db.velapay_cloud.tables.records.TxnRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;

import java.util.List;
import java.util.Optional;

import static dev.standin.db.velapay_cloud.Tables.CARD_TOKEN;
import static dev.standin.db.velapay_cloud.Tables.TXN;

/** Cloud transactions and card tokens, always within one merchant. */
final class TransactionRepository {
    private final DSLContext dsl;

    TransactionRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    DSLContext dsl() {
        return dsl;
    }

    /** The merchant's transaction, locked for the rest of {@code tx}; a deleted auth is unknown. */
    Optional<TxnRecord> lockedByReference(DSLContext tx, String merchant, String reference) {
        return tx.selectFrom(TXN).where(TXN.MERCHANT_ID.eq(merchant), TXN.REFERENCE_NUMBER.eq(reference), TXN.DELETED.isFalse())
                .forUpdate().fetchOptional();
    }

    void insert(DSLContext tx, TxnRecord txn) {
        tx.insertInto(TXN).set(txn).execute();
    }

    void update(DSLContext tx, TxnRecord txn) {
        tx.executeUpdate(txn);
    }

    /** Whether a sale or capture has returns that still stand (not voided). */
    boolean hasStandingReturns(DSLContext tx, String merchant, String reference) {
        return tx.fetchExists(TXN, TXN.MERCHANT_ID.eq(merchant), TXN.ORIGINAL_REFERENCE.eq(reference),
                TXN.TRANSACTION_TYPE.eq("RETURN"), TXN.VOIDED.isFalse());
    }

    Optional<CardTokenRecord> token(DSLContext tx, String merchant, String token) {
        return tx.selectFrom(CARD_TOKEN).where(CARD_TOKEN.MERCHANT_ID.eq(merchant), CARD_TOKEN.TOKEN.eq(token)).fetchOptional();
    }

    Optional<CardTokenRecord> tokenOfCard(DSLContext tx, String merchant, String pan, String expiry) {
        return tx.selectFrom(CARD_TOKEN).where(CARD_TOKEN.MERCHANT_ID.eq(merchant), CARD_TOKEN.PAN.eq(pan), CARD_TOKEN.EXPIRY.eq(expiry))
                .fetchOptional();
    }

    void insertToken(DSLContext tx, CardTokenRecord token) {
        tx.insertInto(CARD_TOKEN).set(token).execute();
    }

    /** For the control API: newest first, filtered by whatever is given (null: any). */
    List<TxnRecord> list(String merchant, String type, String status, String reference, int limit) {
        Condition c = org.jooq.impl.DSL.trueCondition();
        if (merchant != null) {
            c = c.and(TXN.MERCHANT_ID.eq(merchant));
        }
        if (type != null) {
            c = c.and(TXN.TRANSACTION_TYPE.eq(type));
        }
        if (status != null) {
            c = c.and(TXN.PAYMENT_STATUS.eq(status));
        }
        if (reference != null) {
            c = c.and(TXN.REFERENCE_NUMBER.eq(reference).or(TXN.ORIGINAL_REFERENCE.eq(reference)));
        }
        return dsl.selectFrom(TXN).where(c).orderBy(TXN.CREATED.desc(), TXN.REFERENCE_NUMBER.desc()).limit(limit).fetch();
    }

    int count() {
        return dsl.fetchCount(TXN);
    }
}
