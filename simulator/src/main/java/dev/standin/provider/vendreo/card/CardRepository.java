package dev.standin.provider.vendreo.card;

import dev.standin.db.vendreo.tables.records.CardBanRecord;
import dev.standin.db.vendreo.tables.records.CardPaymentRecord;
import dev.standin.db.vendreo.tables.records.CardRefundRecord;
import dev.standin.db.vendreo.tables.records.CardTokenRecord;
import org.jooq.DSLContext;

import java.util.List;
import java.util.Optional;

import static dev.standin.db.vendreo.Tables.CARD_BAN;
import static dev.standin.db.vendreo.Tables.CARD_PAYMENT;
import static dev.standin.db.vendreo.Tables.CARD_REFUND;
import static dev.standin.db.vendreo.Tables.CARD_TOKEN;

/** Card payments, their refunds, card tokens and bans, within one application. */
public final class CardRepository {
    private final DSLContext dsl;

    public CardRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    DSLContext dsl() {
        return dsl;
    }

    void insert(DSLContext tx, CardPaymentRecord p) {
        tx.insertInto(CARD_PAYMENT).set(p).execute();
    }

    void update(DSLContext tx, CardPaymentRecord p) {
        tx.executeUpdate(p);
    }

    Optional<CardPaymentRecord> locked(DSLContext tx, String application, String uuid) {
        return tx.selectFrom(CARD_PAYMENT).where(CARD_PAYMENT.APPLICATION_KEY.eq(application), CARD_PAYMENT.PAYMENT_UUID.eq(uuid))
                .forUpdate().fetchOptional();
    }

    /** An application's card payment (no lock), for reading. */
    public Optional<CardPaymentRecord> find(String application, String uuid) {
        return dsl.selectFrom(CARD_PAYMENT).where(CARD_PAYMENT.APPLICATION_KEY.eq(application), CARD_PAYMENT.PAYMENT_UUID.eq(uuid)).fetchOptional();
    }

    /** The card payment a card form's token opens (no lock), for the hosted pages. */
    public Optional<CardPaymentRecord> byToken(String token) {
        return dsl.selectFrom(CARD_PAYMENT).where(CARD_PAYMENT.REQUEST_TOKEN.eq(token)).fetchOptional();
    }

    Optional<CardPaymentRecord> byToken(DSLContext tx, String token) {
        return tx.selectFrom(CARD_PAYMENT).where(CARD_PAYMENT.REQUEST_TOKEN.eq(token)).forUpdate().fetchOptional();
    }

    Optional<CardPaymentRecord> byUuid(DSLContext tx, String uuid) {
        return tx.selectFrom(CARD_PAYMENT).where(CARD_PAYMENT.PAYMENT_UUID.eq(uuid)).forUpdate().fetchOptional();
    }

    void insert(DSLContext tx, CardRefundRecord r) {
        tx.insertInto(CARD_REFUND).set(r).execute();
    }

    void insert(DSLContext tx, CardTokenRecord t) {
        tx.insertInto(CARD_TOKEN).set(t).execute();
    }

    Optional<CardTokenRecord> token(DSLContext tx, String application, String token) {
        return tx.selectFrom(CARD_TOKEN).where(CARD_TOKEN.APPLICATION_KEY.eq(application), CARD_TOKEN.TOKEN_UUID.eq(token)).fetchOptional();
    }

    void insert(CardBanRecord b) {
        dsl.insertInto(CARD_BAN).set(b).execute();
    }

    boolean deleteBan(String application, long id) {
        return dsl.deleteFrom(CARD_BAN).where(CARD_BAN.APPLICATION_KEY.eq(application), CARD_BAN.BAN_ID.eq(id)).execute() > 0;
    }

    /** The application's bans in force at {@code now} (epoch ms). */
    List<CardBanRecord> bans(String application, long now) {
        return dsl.selectFrom(CARD_BAN).where(CARD_BAN.APPLICATION_KEY.eq(application),
                CARD_BAN.EXPIRES_AT.isNull().or(CARD_BAN.EXPIRES_AT.gt(now))).orderBy(CARD_BAN.CREATED, CARD_BAN.BAN_ID).fetch();
    }
}
