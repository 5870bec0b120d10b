package dev.standin.provider.velo.audit;

import dev.standin.provider.velo.payout.FxSummary;
import dev.standin.provider.velo.payout.Payment;
import dev.standin.provider.velo.payout.Payout;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Payouts, payments and fundings as payment audit answers them, in v3's words or v4's: v4 calls a
 * failed (returned) payment RETURNED and counts returned payments where v3 counts failed ones.
 */
public final class AuditViews {
    /**
     * The audit API's version: the same state, two vocabularies. {@code V4_LIST} is v4's payment list,
     * whose items the document types with v3's payment (a FAILED payment stays FAILED there, while
     * v4's payment lookup and a v4 payout's payments call it RETURNED): each route answers what its
     * operation's schema accepts, so that a generated client reads every one.
     */
    public enum Version {
        V3, V4, V4_LIST;

        /** A stored payment status as this version names it. */
        String status(String stored) {
            return this == V4 && stored.equals("FAILED") ? "RETURNED" : stored;
        }

        boolean v3Totals() {
            return this == V3;
        }

        boolean returnFields() {
            return this != V3;
        }
    }

    /** Every version's status filter takes FAILED and RETURNED alike (the document's enum lists both). */
    static final List<String> PAYMENT_STATUS_FILTER = List.of("ACCEPTED", "AWAITING_FUNDS", "FUNDED", "UNFUNDED",
            "BANK_PAYMENT_REQUESTED", "REJECTED", "ACCEPTED_BY_RAILS", "CONFIRMED", "FAILED", "RETURNED", "WITHDRAWN");

    /** A status filter as stored. */
    static String stored(String status) {
        return status.equals("RETURNED") ? "FAILED" : status;
    }

    static final List<String> PAYOUT_STATUSES = List.of("ACCEPTED", "REJECTED", "SUBMITTED", "QUOTED", "INSTRUCTED",
            "COMPLETED", "INCOMPLETE", "CONFIRMED", "WITHDRAWN");
    private static final List<String> RELEASED = List.of("BANK_PAYMENT_REQUESTED", "ACCEPTED_BY_RAILS", "CONFIRMED");
    private static final List<String> NOT_COUNTED = List.of("REJECTED", "WITHDRAWN", "CONFIRMED", "FAILED");
    /** The rails of payments whose source account is unknown (a rejected payment): the guide's simulated rails. */
    private static final String DEFAULT_RAILS = "SIM";

    private AuditViews() {
    }

    static Map<String, Object> payout(Payout p, List<Payment> payments, Instant now, Version version) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("payoutId", p.payoutId().toString());
        out.put("payorId", p.payorId().toString());
        out.put("status", p.status());
        out.put("submittedDateTime", instant(p.submitted()));
        out.put("instructedDateTime", instant(p.instructed()));
        out.put("withdrawnDateTime", instant(p.withdrawn()));
        out.put("totalPayments", payments.size());
        out.put("totalIncompletePayments", payments.stream().filter(x -> !NOT_COUNTED.contains(x.status())).count());
        out.put(version.v3Totals() ? "totalFailedPayments" : "totalReturnedPayments",
                payments.stream().filter(x -> x.status().equals("FAILED")).count());
        Map<UUID, Map<String, Object>> accounts = new LinkedHashMap<>();
        for (Payment x : payments) {
            if (x.sourceAccountId() != null && x.sourceAmount() != null) {
                Map<String, Object> a = accounts.computeIfAbsent(x.sourceAccountId(), id -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("sourceAccountId", id.toString());
                    m.put("totalCost", 0L);
                    m.put("currency", x.sourceCurrency());
                    return m;
                });
                a.put("totalCost", (Long) a.get("totalCost") + x.sourceAmount());
            }
        }
        out.put("sourceAccountSummary", new ArrayList<>(accounts.values()));
        List<Map<String, Object>> fx = new ArrayList<>();
        for (FxSummary s : FxSummary.of(p, payments, now)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("quoteId", s.quoteId() == null ? null : s.quoteId().toString());
            m.put("creationDateTime", dev.standin.core.clock.Timestamps.millis(s.creationTime()));
            m.put("rate", s.rate());
            m.put("invertedRate", s.invertedRate());
            m.put("totalCost", s.totalSourceAmount());
            m.put("totalPaymentAmount", s.totalPaymentAmount());
            m.put("sourceCurrency", s.sourceCurrency());
            m.put("paymentCurrency", s.paymentCurrency());
            m.put("status", s.status());
            m.put("fundingStatus", s.fundingStatus());
            fx.add(m);
        }
        out.put("fxSummaries", fx);
        out.put("payoutMemo", p.memo());
        return out;
    }

    static Map<String, Object> payoutSummary(Payout p, List<Payment> payments, Version version) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("payoutStatus", p.status());
        out.put("submittedDateTime", instant(p.submitted()));
        out.put("instructedDateTime", instant(p.instructed()));
        out.put("withdrawnDateTime", instant(p.withdrawn()));
        out.put("payoutMemo", p.memo());
        out.put("totalPayments", payments.size());
        out.put("confirmedPayments", payments.stream().filter(x -> x.status().equals("CONFIRMED")).count());
        out.put("releasedPayments", payments.stream().filter(x -> RELEASED.contains(x.status())).count());
        out.put("incompletePayments", payments.stream().filter(x -> !NOT_COUNTED.contains(x.status())).count());
        out.put(version.v3Totals() ? "failedPayments" : "returnedPayments",
                payments.stream().filter(x -> x.status().equals("FAILED")).count());
        return out;
    }

    /** A payment with its events ({@code principal}: who caused them, shown to the caller as its API key). */
    static Map<String, Object> payment(AuditRepository.PaymentRow r, List<AuditRepository.Event> events, String principal,
                                       boolean sensitive, Version version) {
        Payment p = r.payment();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("paymentId", p.paymentId().toString());
        out.put("payeeId", p.payeeId() == null ? null : p.payeeId().toString());
        out.put("payorId", p.payorId().toString());
        out.put("payorName", r.payorName());
        out.put("quoteId", r.quoteId() == null ? null : r.quoteId().toString());
        out.put("sourceAccountId", p.sourceAccountId() == null ? null : p.sourceAccountId().toString());
        out.put("sourceAccountName", p.sourceAccountName());
        out.put("remoteId", p.remoteId());
        out.put("sourceAmount", p.sourceAmount());
        out.put("sourceCurrency", p.sourceCurrency());
        out.put("paymentAmount", p.amount());
        out.put("paymentCurrency", p.currency());
        out.put("rate", p.rate());
        out.put("invertedRate", p.rate() == null ? null : FxSummary.inverted(p.rate()));
        out.put("submittedDateTime", instant(r.submitted()));
        out.put("status", version.status(p.status()));
        out.put("fundingStatus", FxSummary.fundingStatusOf(p));
        out.put("routingNumber", sensitive ? r.routingNumber() : mask(r.routingNumber()));
        out.put("accountNumber", sensitive ? r.accountNumber() : mask(r.accountNumber()));
        out.put("paymentMemo", p.paymentMemo());
        out.put("payorPaymentId", p.payorPaymentId());
        out.put("railsId", r.railsId() == null ? DEFAULT_RAILS : r.railsId());
        if (p.reason() != null) {
            out.put("rejectionReason", p.reason());
        }
        if (p.failureReason() != null) {
            out.put("failureReason", p.failureReason());
            if (version.returnFields()) {
                out.put("returnReason", p.failureReason());
                out.put("returnCost", 0);
            }
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (AuditRepository.Event e : events) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("eventId", e.eventId().toString());
            event.put("eventDateTime", instant(e.at()));
            event.put("eventType", e.type());
            event.put("principal", principal);
            list.add(event);
        }
        out.put("events", list);
        return out;
    }

    static Map<String, Object> funding(AuditRepository.FundingRow f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("amount", f.amount());
        out.put("dateTime", instant(f.requested()));
        out.put("status", f.status());
        out.put("currency", f.currency());
        out.put("sourceAccountName", f.sourceAccountName());
        out.put("fundingAccountName", f.fundingAccountName());
        out.put("fundingType", "ACH");
        out.put("events", f.events().stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("eventId", e.eventId().toString());
            m.put("eventDateTime", instant(e.at()));
            m.put("fundingEventType", e.type());
            return m;
        }).toList());
        return out;
    }

    /** "XXXXX6789": all but the last four characters hidden. */
    static String mask(String value) {
        if (value == null) {
            return null;
        }
        int keep = Math.min(4, value.length());
        return "X".repeat(value.length() - keep) + value.substring(value.length() - keep);
    }

    /** As the guide shows them: milliseconds, always three digits. */
    static String instant(OffsetDateTime t) {
        return dev.standin.core.clock.Timestamps.millis(t);
    }
}
