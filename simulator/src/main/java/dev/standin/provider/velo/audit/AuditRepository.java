package dev.standin.provider.velo.audit;

import dev.standin.provider.velo.VeloPage;
import dev.standin.provider.velo.payout.Payment;
import dev.standin.provider.velo.payout.Payout;
import dev.standin.provider.velo.payout.PayoutRepository;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.impl.DSL;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.standin.db.velo.Tables.FUNDING;
import static dev.standin.db.velo.Tables.FUNDING_EVENT;
import static dev.standin.db.velo.Tables.PAYEE;
import static dev.standin.db.velo.Tables.PAYMENT;
import static dev.standin.db.velo.Tables.PAYMENT_EVENT;
import static dev.standin.db.velo.Tables.PAYOR;
import static dev.standin.db.velo.Tables.PAYOUT;
import static dev.standin.db.velo.Tables.SOURCE_ACCOUNT;

/** The read side of payment audit: payouts, payments with their payee's bank details, events and fundings. */
public final class AuditRepository {
    private static final Field<Integer> TOTAL_PAYMENTS =
            DSL.field(DSL.selectCount().from(PAYMENT).where(PAYMENT.PAYOUT_ID.eq(PAYOUT.PAYOUT_ID))).as("total_payments");

    static final Map<String, Field<?>> PAYOUT_SORT = Map.of(
            "submittedDateTime", PAYOUT.SUBMITTED, "instructedDateTime", PAYOUT.INSTRUCTED,
            "status", PAYOUT.STATUS, "totalPayments", TOTAL_PAYMENTS);
    static final Map<String, Field<?>> PAYMENT_SORT = Map.of(
            "sourceAmount", PAYMENT.SOURCE_AMOUNT, "sourceCurrency", PAYMENT.SOURCE_CURRENCY,
            "paymentAmount", PAYMENT.AMOUNT, "paymentCurrency", PAYMENT.CURRENCY,
            "routingNumber", PAYEE.ROUTING_NUMBER, "accountNumber", PAYEE.ACCOUNT_NUMBER,
            "remoteId", PAYMENT.REMOTE_ID, "submittedDateTime", PAYOUT.SUBMITTED, "status", PAYMENT.STATUS);
    static final Map<String, Field<?>> FUNDING_SORT = Map.of(
            "dateTime", FUNDING.REQUESTED, "amount", FUNDING.AMOUNT, "sourceAccountName", SOURCE_ACCOUNT.NAME,
            "fundingType", DSL.inline("ACH"), "fundingAccountName", SOURCE_ACCOUNT.PHYSICAL_ACCOUNT_NAME);

    /** A payment as audit shows it: with its payout's submission time and quote, and its payee's bank details. */
    record PaymentRow(Payment payment, OffsetDateTime submitted, UUID quoteId, String routingNumber, String accountNumber,
                      String payorName, String railsId) {
    }

    /** An event of a payment or funding. */
    record Event(UUID eventId, OffsetDateTime at, String type) {
    }

    /** A funding with its source account's names and its events. */
    record FundingRow(long amount, OffsetDateTime requested, String status, String currency, String sourceAccountName,
                      String fundingAccountName, List<Event> events) {
    }

    record Page<T>(long total, List<T> rows) {
    }

    /** The payout list's filters; null means "any". Dates: from inclusive, to exclusive (the next day's start). */
    record PayoutFilter(UUID payorId, UUID payoutId, String memo, String status, OffsetDateTime from, OffsetDateTime to) {
    }

    /** The payment lists' filters; null means "any". */
    record PaymentFilter(UUID payorId, UUID payoutId, UUID paymentId, UUID payeeId, String remoteId, String status,
                         Long sourceAmountFrom, Long sourceAmountTo, Long paymentAmountFrom, Long paymentAmountTo,
                         String sourceCurrency, String paymentCurrency, OffsetDateTime from, OffsetDateTime to,
                         String payorName, String sourceAccountName, String paymentMemo) {
        /** One payment of the payor, by id. */
        static PaymentFilter byId(UUID payorId, UUID paymentId) {
            return new PaymentFilter(payorId, null, paymentId, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null);
        }
    }

    private final DSLContext dsl;
    private final PayoutRepository payouts;

    public AuditRepository(DSLContext dsl, PayoutRepository payouts) {
        this.dsl = dsl;
        this.payouts = payouts;
    }

    Page<Payout> payouts(PayoutFilter f, VeloPage page) {
        Condition where = PAYOUT.PAYOR_ID.eq(f.payorId())
                .and(f.payoutId() == null ? DSL.noCondition() : PAYOUT.PAYOUT_ID.eq(f.payoutId()))
                .and(f.memo() == null ? DSL.noCondition() : PAYOUT.MEMO.containsIgnoreCase(f.memo()))
                .and(f.status() == null ? DSL.noCondition() : PAYOUT.STATUS.eq(f.status()))
                .and(range(PAYOUT.SUBMITTED, f.from(), f.to()));
        long total = dsl.fetchCount(PAYOUT, where);
        List<Payout> rows = dsl.select(PAYOUT.fields()).select(TOTAL_PAYMENTS).from(PAYOUT).where(where)
                .orderBy(order(page, PAYOUT_SORT, PAYOUT.PAYOUT_ID.asc())).limit(page.pageSize()).offset(page.offset())
                .fetch(r -> PayoutRepository.toPayout(r.into(PAYOUT)));
        return new Page<>(total, rows);
    }

    List<Payment> paymentsOf(UUID payoutId) {
        return payouts.payments(dsl, payoutId);
    }

    Page<PaymentRow> payments(PaymentFilter f, VeloPage page) {
        // a payment enters audit when its payout is validated (the document knows no SUBMITTED payment)
        // and only with a payee and a source account (the document requires both: a payment rejected
        // for an unknown remote id or account shows in its payout's rejectedPayments only)
        Condition where = PAYMENT.PAYOR_ID.eq(f.payorId()).and(PAYMENT.STATUS.ne("SUBMITTED"))
                .and(PAYMENT.PAYEE_ID.isNotNull()).and(PAYMENT.SOURCE_ACCOUNT_ID.isNotNull())
                .and(f.payoutId() == null ? DSL.noCondition() : PAYMENT.PAYOUT_ID.eq(f.payoutId()))
                .and(f.paymentId() == null ? DSL.noCondition() : PAYMENT.PAYMENT_ID.eq(f.paymentId()))
                .and(f.payeeId() == null ? DSL.noCondition() : PAYMENT.PAYEE_ID.eq(f.payeeId()))
                .and(f.remoteId() == null ? DSL.noCondition() : PAYMENT.REMOTE_ID.containsIgnoreCase(f.remoteId()))
                .and(f.status() == null ? DSL.noCondition() : PAYMENT.STATUS.eq(f.status()))
                .and(f.sourceCurrency() == null ? DSL.noCondition() : PAYMENT.SOURCE_CURRENCY.eq(f.sourceCurrency()))
                .and(f.paymentCurrency() == null ? DSL.noCondition() : PAYMENT.CURRENCY.eq(f.paymentCurrency()))
                .and(range(PAYMENT.SOURCE_AMOUNT, f.sourceAmountFrom(), f.sourceAmountTo()))
                .and(range(PAYMENT.AMOUNT, f.paymentAmountFrom(), f.paymentAmountTo()))
                .and(range(PAYOUT.SUBMITTED, f.from(), f.to()))
                .and(f.payorName() == null ? DSL.noCondition() : PAYOR.PAYOR_NAME.containsIgnoreCase(f.payorName()))
                .and(f.sourceAccountName() == null ? DSL.noCondition() : PAYMENT.SOURCE_ACCOUNT_NAME.eq(f.sourceAccountName()))
                .and(f.paymentMemo() == null ? DSL.noCondition() : PAYMENT.PAYMENT_MEMO.containsIgnoreCase(f.paymentMemo()));
        var from = PAYMENT.join(PAYOUT).on(PAYOUT.PAYOUT_ID.eq(PAYMENT.PAYOUT_ID))
                .join(PAYOR).on(PAYOR.PAYOR_ID.eq(PAYMENT.PAYOR_ID))
                .leftJoin(PAYEE).on(PAYEE.PAYEE_ID.eq(PAYMENT.PAYEE_ID))
                .leftJoin(SOURCE_ACCOUNT).on(SOURCE_ACCOUNT.SOURCE_ACCOUNT_ID.eq(PAYMENT.SOURCE_ACCOUNT_ID));
        long total = dsl.fetchCount(dsl.select(PAYMENT.PAYMENT_ID).from(from).where(where));
        List<PaymentRow> rows = dsl.select(PAYMENT.fields()).select(PAYOUT.SUBMITTED, PAYOUT.QUOTE_ID, PAYEE.ROUTING_NUMBER,
                        PAYEE.ACCOUNT_NUMBER, PAYOR.PAYOR_NAME, SOURCE_ACCOUNT.RAILS_ID)
                .from(from).where(where)
                .orderBy(order(page, PAYMENT_SORT, PAYMENT.PAYMENT_ID.asc())).limit(page.pageSize()).offset(page.offset())
                .fetch(this::toRow);
        return new Page<>(total, rows);
    }

    /** The events of each of {@code paymentIds} (one query for a page of payments), oldest first. */
    Map<UUID, List<Event>> paymentEvents(java.util.Collection<UUID> paymentIds) {
        Map<UUID, List<Event>> out = new java.util.HashMap<>();
        paymentIds.forEach(id -> out.put(id, new ArrayList<>()));
        dsl.select(PAYMENT_EVENT.PAYMENT_ID, PAYMENT_EVENT.EVENT_ID, PAYMENT_EVENT.AT, PAYMENT_EVENT.EVENT_TYPE)
                .from(PAYMENT_EVENT).where(PAYMENT_EVENT.PAYMENT_ID.in(paymentIds)).orderBy(PAYMENT_EVENT.ORDINAL)
                .forEach(r -> out.get(r.value1()).add(new Event(r.value2(), r.value3(), r.value4())));
        return out;
    }

    int payoutsSubmittedBetween(UUID payorId, OffsetDateTime from, OffsetDateTime to) {
        return dsl.fetchCount(PAYOUT, PAYOUT.PAYOR_ID.eq(payorId).and(PAYOUT.SUBMITTED.ge(from)).and(PAYOUT.SUBMITTED.lt(to)));
    }

    int paymentsFailedBetween(UUID payorId, OffsetDateTime from, OffsetDateTime to) {
        return dsl.fetchCount(PAYMENT, PAYMENT.PAYOR_ID.eq(payorId).and(PAYMENT.STATUS.eq("FAILED"))
                .and(PAYMENT.UPDATED.ge(from)).and(PAYMENT.UPDATED.lt(to)));
    }

    Page<FundingRow> fundings(UUID payorId, VeloPage page) {
        Condition where = FUNDING.PAYOR_ID.eq(payorId);
        long total = dsl.fetchCount(FUNDING, where);
        List<FundingRow> rows = dsl.select(FUNDING.FUNDING_ID, FUNDING.AMOUNT, FUNDING.REQUESTED, FUNDING.STATUS, FUNDING.CURRENCY,
                        SOURCE_ACCOUNT.NAME, SOURCE_ACCOUNT.PHYSICAL_ACCOUNT_NAME)
                .from(FUNDING.join(SOURCE_ACCOUNT).on(SOURCE_ACCOUNT.SOURCE_ACCOUNT_ID.eq(FUNDING.SOURCE_ACCOUNT_ID)))
                .where(where).orderBy(order(page, FUNDING_SORT, FUNDING.FUNDING_ID.asc()))
                .limit(page.pageSize()).offset(page.offset())
                .fetch(r -> new FundingRow(r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7(),
                        dsl.select(FUNDING_EVENT.EVENT_ID, FUNDING_EVENT.AT, FUNDING_EVENT.EVENT_TYPE).from(FUNDING_EVENT)
                                .where(FUNDING_EVENT.FUNDING_ID.eq(r.value1())).orderBy(FUNDING_EVENT.ORDINAL)
                                .fetch(e -> new Event(e.value1(), e.value2(), e.value3()))));
        return new Page<>(total, rows);
    }

    private PaymentRow toRow(Record r) {
        return new PaymentRow(PayoutRepository.toPayment(r.into(PAYMENT)), r.get(PAYOUT.SUBMITTED), r.get(PAYOUT.QUOTE_ID),
                r.get(PAYEE.ROUTING_NUMBER), r.get(PAYEE.ACCOUNT_NUMBER), r.get(PAYOR.PAYOR_NAME), r.get(SOURCE_ACCOUNT.RAILS_ID));
    }

    /** from inclusive; to inclusive for amounts, exclusive for dates (already the next day's start). */
    private static <T extends Comparable<T>> Condition range(Field<T> field, T from, T to) {
        Condition c = DSL.noCondition();
        if (from != null) {
            c = c.and(field.ge(from));
        }
        if (to != null) {
            c = c.and(to instanceof OffsetDateTime ? field.lt(to) : field.le(to));
        }
        return c;
    }

    private static List<SortField<?>> order(VeloPage page, Map<String, Field<?>> sortable, SortField<?> tieBreak) {
        List<SortField<?>> order = new ArrayList<>();
        for (VeloPage.Sort s : page.sort()) {
            Field<?> field = sortable.get(s.field());
            order.add(s.ascending() ? field.asc() : field.desc());
        }
        order.add(tieBreak);
        return order;
    }
}
