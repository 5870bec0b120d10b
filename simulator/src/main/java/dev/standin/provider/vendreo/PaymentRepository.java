package dev.standin.provider.vendreo;

import dev.standin.db.vendreo.tables.records.InstalmentRecord;
import dev.standin.db.vendreo.tables.records.PaymentRecord;
import dev.standin.db.vendreo.tables.records.TxnRecord;
import org.jooq.DSLContext;

import java.util.List;
import java.util.Optional;

import static dev.standin.db.vendreo.Tables.INSTALMENT;
import static dev.standin.db.vendreo.Tables.PAYMENT;
import static dev.standin.db.vendreo.Tables.TXN;

/** Vendreo payments, their transactions and instalments. */
final class PaymentRepository {
    private final DSLContext dsl;

    PaymentRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    DSLContext dsl() {
        return dsl;
    }

    void insert(DSLContext tx, PaymentRecord p) {
        tx.insertInto(PAYMENT).set(p).execute();
    }

    void update(DSLContext tx, PaymentRecord p) {
        tx.executeUpdate(p);
    }

    void insert(DSLContext tx, TxnRecord t) {
        tx.insertInto(TXN).set(t).execute();
    }

    void insert(DSLContext tx, InstalmentRecord i) {
        tx.insertInto(INSTALMENT).set(i).execute();
    }

    void update(DSLContext tx, InstalmentRecord i) {
        tx.executeUpdate(i);
    }

    /** Any application's payment (the hosted pages know only its uuid). */
    Optional<PaymentRecord> find(DSLContext tx, String uuid) {
        return tx.selectFrom(PAYMENT).where(PAYMENT.PAYMENT_UUID.eq(uuid)).fetchOptional();
    }

    Optional<PaymentRecord> locked(DSLContext tx, String uuid) {
        return tx.selectFrom(PAYMENT).where(PAYMENT.PAYMENT_UUID.eq(uuid)).forUpdate().fetchOptional();
    }

    Optional<PaymentRecord> ofApplication(DSLContext tx, String application, String uuid) {
        return tx.selectFrom(PAYMENT).where(PAYMENT.APPLICATION_KEY.eq(application), PAYMENT.PAYMENT_UUID.eq(uuid)).fetchOptional();
    }

    List<TxnRecord> transactions(String uuid) {
        return dsl.selectFrom(TXN).where(TXN.PAYMENT_UUID.eq(uuid)).orderBy(TXN.CREATED, TXN.TXN_ID).fetch();
    }

    List<InstalmentRecord> instalments(DSLContext tx, String uuid) {
        return tx.selectFrom(INSTALMENT).where(INSTALMENT.PAYMENT_UUID.eq(uuid)).orderBy(INSTALMENT.SEQ).fetch();
    }

    Optional<InstalmentRecord> instalment(DSLContext tx, String uuid, int seq) {
        return tx.selectFrom(INSTALMENT).where(INSTALMENT.PAYMENT_UUID.eq(uuid), INSTALMENT.SEQ.eq(seq)).forUpdate().fetchOptional();
    }

    List<PaymentRecord> all(String application) {
        return dsl.selectFrom(PAYMENT).where(PAYMENT.APPLICATION_KEY.eq(application)).orderBy(PAYMENT.CREATED.desc()).fetch();
    }

    /** The total already paid out refunding {@code original}. */
    long refunded(DSLContext tx, String original) {
        Long sum = tx.select(org.jooq.impl.DSL.sum(PAYMENT.AMOUNT)).from(PAYMENT)
                .where(PAYMENT.ORIGINAL_PAYMENT_UUID.eq(original), PAYMENT.STATUS.ne("FAILED")).fetchOne(0, Long.class);
        return sum == null ? 0 : sum;
    }
}
