package dev.standin.provider.velo.payout;

import dev.standin.db.velo.tables.records.PaymentRecord;
import dev.standin.db.velo.tables.records.PayoutRecord;
import org.jooq.DSLContext;
import org.jooq.Field;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static dev.standin.db.velo.Tables.PAYMENT;
import static dev.standin.db.velo.Tables.PAYMENT_EVENT;
import static dev.standin.db.velo.Tables.PAYOUT;

/**
 * Payouts, their payments and the payments' events. State changes are conditional updates
 * ("from this status to that"), so two concurrent calls can never both make the same move.
 */
public final class PayoutRepository {
    private final DSLContext dsl;

    public PayoutRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void insertPayout(DSLContext tx, UUID payoutId, UUID payorId, String memo, OffsetDateTime at) {
        tx.insertInto(PAYOUT)
                .set(PAYOUT.PAYOUT_ID, payoutId)
                .set(PAYOUT.PAYOR_ID, payorId)
                .set(PAYOUT.STATUS, "SUBMITTED")
                .set(PAYOUT.MEMO, memo)
                .set(PAYOUT.SUBMITTED, at)
                .set(PAYOUT.SUBMISSION, dev.standin.db.velo.Sequences.PAYOUT_SUBMISSION.nextval())
                .execute();
    }

    /** One prepared statement, executed as a JDBC batch: a 2,000-row payout is parsed once, not as one 26,000-value statement. */
    public void insertPayments(DSLContext tx, List<Payment> payments) {
        if (payments.isEmpty()) {
            return;
        }
        var batch = tx.batch(tx.insertInto(PAYMENT, PAYMENT.PAYMENT_ID, PAYMENT.PAYOUT_ID, PAYMENT.PAYOR_ID, PAYMENT.POSITION,
                PAYMENT.REMOTE_ID, PAYMENT.CURRENCY, PAYMENT.AMOUNT, PAYMENT.SOURCE_ACCOUNT_NAME, PAYMENT.PAYOR_PAYMENT_ID,
                PAYMENT.PAYMENT_MEMO, PAYMENT.STATUS, PAYMENT.REASON, PAYMENT.UPDATED)
                .values((UUID) null, null, null, null, null, null, null, null, null, null, null, null, null));
        for (Payment p : payments) {
            batch = batch.bind(p.paymentId(), p.payoutId(), p.payorId(), p.position(), p.remoteId(), p.currency(),
                    p.amount(), p.sourceAccountName(), p.payorPaymentId(), p.paymentMemo(), p.status(), p.reason(), p.updated());
        }
        batch.execute();
    }

    public Optional<Payout> find(UUID payorId, UUID payoutId) {
        return dsl.selectFrom(PAYOUT).where(PAYOUT.PAYOR_ID.eq(payorId).and(PAYOUT.PAYOUT_ID.eq(payoutId)))
                .fetchOptional().map(PayoutRepository::toPayout);
    }

    public Optional<Payout> find(DSLContext tx, UUID payoutId) {
        return tx.selectFrom(PAYOUT).where(PAYOUT.PAYOUT_ID.eq(payoutId)).fetchOptional().map(PayoutRepository::toPayout);
    }

    public List<Payment> payments(DSLContext tx, UUID payoutId) {
        return tx.selectFrom(PAYMENT).where(PAYMENT.PAYOUT_ID.eq(payoutId)).orderBy(PAYMENT.POSITION)
                .fetch(PayoutRepository::toPayment);
    }

    public Optional<Payment> payment(DSLContext tx, UUID paymentId) {
        return tx.selectFrom(PAYMENT).where(PAYMENT.PAYMENT_ID.eq(paymentId)).fetchOptional().map(PayoutRepository::toPayment);
    }

    /** Payments waiting for money on one source account, oldest first. */
    public List<Payment> awaitingFunds(UUID sourceAccountId) {
        return dsl.selectFrom(PAYMENT)
                .where(PAYMENT.SOURCE_ACCOUNT_ID.eq(sourceAccountId).and(PAYMENT.STATUS.eq(PaymentStatus.AWAITING_FUNDS)))
                .orderBy(PAYMENT.UPDATED, PAYMENT.PAYOUT_ID, PAYMENT.POSITION)
                .fetch(PayoutRepository::toPayment);
    }

    /**
     * Which of {@code payorPaymentIds} a live payment of this payor in a payout submitted before
     * {@code payoutId} already uses: the first submitted keeps the id, whichever is validated first.
     */
    public java.util.Set<String> payorPaymentIdsUsed(DSLContext tx, UUID payorId, Collection<String> payorPaymentIds, UUID payoutId) {
        var thisOne = tx.select(PAYOUT.SUBMISSION).from(PAYOUT).where(PAYOUT.PAYOUT_ID.eq(payoutId));
        return new java.util.HashSet<>(tx.selectDistinct(PAYMENT.PAYOR_PAYMENT_ID).from(PAYMENT)
                .join(PAYOUT).on(PAYOUT.PAYOUT_ID.eq(PAYMENT.PAYOUT_ID))
                .where(PAYMENT.PAYOR_ID.eq(payorId)
                        .and(PAYMENT.PAYOR_PAYMENT_ID.in(payorPaymentIds))
                        .and(PAYMENT.PAYOUT_ID.ne(payoutId))
                        .and(PAYOUT.SUBMISSION.lt(thisOne.asField()))
                        .and(PAYMENT.STATUS.notIn(PaymentStatus.REJECTED, PaymentStatus.WITHDRAWN)))
                .fetch(PAYMENT.PAYOR_PAYMENT_ID));
    }

    /** Moves the payout from one of {@code from} to {@code to}; answers whether this call made the move. */
    public boolean movePayout(DSLContext tx, UUID payoutId, Collection<String> from, String to, Field<OffsetDateTime> stamp,
                              OffsetDateTime at) {
        var update = tx.update(PAYOUT).set(PAYOUT.STATUS, to);
        if (stamp != null) {
            update = update.set(stamp, at);
        }
        return update.where(PAYOUT.PAYOUT_ID.eq(payoutId).and(PAYOUT.STATUS.in(from))).execute() == 1;
    }

    public void setQuote(DSLContext tx, UUID payoutId, UUID quoteId, OffsetDateTime created, OffsetDateTime expiry) {
        tx.update(PAYOUT).set(PAYOUT.QUOTE_ID, quoteId).set(PAYOUT.QUOTE_CREATED, created).set(PAYOUT.QUOTE_EXPIRY, expiry)
                .where(PAYOUT.PAYOUT_ID.eq(payoutId)).execute();
    }

    /** Validation's verdict on one payment. */
    public record Verdict(UUID paymentId, String status, String reason, UUID payeeId, UUID sourceAccountId, String sourceCurrency) {
    }

    /** Records validation's verdicts in one batched statement. */
    public void judge(DSLContext tx, List<Verdict> verdicts, OffsetDateTime at) {
        var batch = tx.batch(tx.update(PAYMENT).set(PAYMENT.STATUS, (String) null).set(PAYMENT.REASON, (String) null)
                .set(PAYMENT.PAYEE_ID, (UUID) null).set(PAYMENT.SOURCE_ACCOUNT_ID, (UUID) null)
                .set(PAYMENT.SOURCE_CURRENCY, (String) null).set(PAYMENT.UPDATED, (OffsetDateTime) null)
                .where(PAYMENT.PAYMENT_ID.eq((UUID) null)));
        for (Verdict v : verdicts) {
            batch = batch.bind(v.status(), v.reason(), v.payeeId(), v.sourceAccountId(), v.sourceCurrency(), at, v.paymentId());
        }
        if (!verdicts.isEmpty()) {
            batch.execute();
        }
    }

    public void price(DSLContext tx, UUID paymentId, BigDecimal rate, long sourceAmount) {
        tx.update(PAYMENT).set(PAYMENT.RATE, rate).set(PAYMENT.SOURCE_AMOUNT, sourceAmount)
                .where(PAYMENT.PAYMENT_ID.eq(paymentId)).execute();
    }

    /** Moves a payment from one of {@code from} to {@code to}; answers whether this call made the move. */
    public boolean movePayment(DSLContext tx, UUID paymentId, Collection<String> from, String to, String failureReason,
                               OffsetDateTime at) {
        var update = tx.update(PAYMENT).set(PAYMENT.STATUS, to).set(PAYMENT.UPDATED, at);
        if (failureReason != null) {
            update = update.set(PAYMENT.FAILURE_REASON, failureReason);
        }
        return update.where(PAYMENT.PAYMENT_ID.eq(paymentId).and(PAYMENT.STATUS.in(from))).execute() == 1;
    }

    public void moveAllPayments(DSLContext tx, UUID payoutId, Collection<String> from, String to, OffsetDateTime at) {
        tx.update(PAYMENT).set(PAYMENT.STATUS, to).set(PAYMENT.UPDATED, at)
                .where(PAYMENT.PAYOUT_ID.eq(payoutId).and(PAYMENT.STATUS.in(from))).execute();
    }

    public void event(DSLContext tx, UUID paymentId, UUID eventId, String type, OffsetDateTime at) {
        events(tx, List.of(new Event(paymentId, eventId, type, at)));
    }

    /** A payment event to record. */
    public record Event(UUID paymentId, UUID eventId, String type, OffsetDateTime at) {
    }

    /** Records many events through one batched statement (a 2,000-payment payout records 2,000 at a time). */
    public void events(DSLContext tx, List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        var batch = tx.batch(tx.insertInto(PAYMENT_EVENT, PAYMENT_EVENT.PAYMENT_ID, PAYMENT_EVENT.EVENT_ID,
                PAYMENT_EVENT.EVENT_TYPE, PAYMENT_EVENT.AT).values((UUID) null, null, null, null));
        for (Event e : events) {
            batch = batch.bind(e.paymentId(), e.eventId(), e.type(), e.at());
        }
        batch.execute();
    }

    public List<String> eventTypes(UUID paymentId) {
        return dsl.select(PAYMENT_EVENT.EVENT_TYPE).from(PAYMENT_EVENT).where(PAYMENT_EVENT.PAYMENT_ID.eq(paymentId))
                .orderBy(PAYMENT_EVENT.ORDINAL).fetch(PAYMENT_EVENT.EVENT_TYPE);
    }

    public static Payout toPayout(PayoutRecord r) {
        return new Payout(r.getPayoutId(), r.getPayorId(), r.getStatus(), r.getMemo(), r.getSubmitted(), r.getQuoteId(),
                r.getQuoteCreated(), r.getQuoteExpiry(), r.getInstructed(), r.getCompleted(), r.getWithdrawn());
    }

    public static Payment toPayment(PaymentRecord r) {
        return new Payment(r.getPaymentId(), r.getPayoutId(), r.getPayorId(), r.getPosition(), r.getRemoteId(),
                r.getPayeeId(), r.getCurrency(), r.getAmount(), r.getSourceAccountName(), r.getSourceAccountId(),
                r.getSourceCurrency(), r.getSourceAmount(), r.getRate(), r.getPayorPaymentId(), r.getPaymentMemo(),
                r.getStatus(), r.getReason(), r.getFailureReason(), r.getUpdated());
    }
}
