package dev.standin.provider.velo.audit;

import dev.standin.core.clock.VirtualClock;
import dev.standin.core.http.ApiError;
import dev.standin.provider.velo.VeloPage;
import dev.standin.provider.velo.VeloPaths;
import dev.standin.provider.velo.auth.AuthService;
import dev.standin.provider.velo.auth.VeloPrincipal;
import dev.standin.provider.velo.payout.FxSummary;
import dev.standin.provider.velo.payout.Payment;
import dev.standin.provider.velo.payout.Payout;
import io.javalin.http.Context;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Payment audit: {@code /v3/paymentaudit/payouts[/{payoutId}]}, {@code /v3/paymentaudit/payments[/{paymentId}]},
 * {@code /v1/paymentaudit/payoutStatistics} and {@code /v1/paymentaudit/fundings}, always within the caller's payor.
 */
public final class AuditHandler {
    static final List<String> PAYOUT_STATUSES = List.of("ACCEPTED", "REJECTED", "SUBMITTED", "QUOTED", "INSTRUCTED",
            "COMPLETED", "INCOMPLETE", "CONFIRMED", "WITHDRAWN");
    static final List<String> PAYMENT_STATUSES = List.of("SUBMITTED", "ACCEPTED", "AWAITING_FUNDS", "FUNDED", "UNFUNDED",
            "BANK_PAYMENT_REQUESTED", "REJECTED", "ACCEPTED_BY_RAILS", "CONFIRMED", "FAILED", "WITHDRAWN");
    private static final List<String> RELEASED = List.of("BANK_PAYMENT_REQUESTED", "ACCEPTED_BY_RAILS", "CONFIRMED");
    private static final List<String> NOT_COUNTED = List.of("REJECTED", "WITHDRAWN", "CONFIRMED", "FAILED");

    private final AuthService auth;
    private final AuditRepository audit;
    private final VirtualClock clock;

    public AuditHandler(AuthService auth, AuditRepository audit, VirtualClock clock) {
        this.auth = auth;
        this.audit = audit;
        this.clock = clock;
    }

    public void payouts(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        AuditQuery q = new AuditQuery(ctx);
        caller.requireOwn(java.util.Objects.toString(q.uuid("payorId"), null), "queryParam", true);
        AuditRepository.PayoutFilter filter = new AuditRepository.PayoutFilter(caller.payorId(), null, q.text("payoutMemo"),
                q.oneOf("status", PAYOUT_STATUSES), q.date("submittedDateFrom", false), q.date("submittedDateTo", true));
        VeloPage page = VeloPage.from(ctx, List.copyOf(AuditRepository.PAYOUT_SORT.keySet()), "submittedDateTime:asc", q.problems);
        q.throwIfAny();
        AuditRepository.Page<Payout> result = audit.payouts(filter, page);
        ctx.json(page.render(ctx, result.total(), result.rows().stream().map(this::payout).toList()));
    }

    public void payoutPayments(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        UUID payoutId = VeloPaths.uuid(ctx, "payoutId");
        AuditQuery q = new AuditQuery(ctx);
        AuditRepository.PaymentFilter filter = paymentFilter(q, caller.payorId(), payoutId, null, null, null, null);
        VeloPage page = VeloPage.from(ctx, List.copyOf(AuditRepository.PAYMENT_SORT.keySet()), "remoteId:asc", q.problems);
        q.throwIfAny();
        Payout payout = audit.payouts(new AuditRepository.PayoutFilter(caller.payorId(), payoutId, null, null, null, null),
                        VeloPage.first()).rows().stream().findFirst()
                .orElseThrow(() -> new ApiError(404, "NOT_FOUND", "Payout not found", "payoutId", "pathParam"));
        AuditRepository.Page<AuditRepository.PaymentRow> result = audit.payments(filter, page);
        boolean sensitive = q.flag("sensitive");
        Map<String, Object> body = page.render(ctx, result.total(), result.rows().stream().map(r -> payment(r, sensitive)).toList());
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("links", body.get("links"));
        ordered.put("page", body.get("page"));
        ordered.put("summary", payoutSummary(payout, audit.paymentsOf(payoutId)));
        ordered.put("content", body.get("content"));
        ctx.json(ordered);
    }

    public void payments(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        AuditQuery q = new AuditQuery(ctx);
        caller.requireOwn(java.util.Objects.toString(q.uuid("payorId"), null), "queryParam", true);
        AuditRepository.PaymentFilter filter = paymentFilter(q, caller.payorId(), null, null, q.uuid("payeeId"),
                q.text("sourceCurrency"), q.text("paymentCurrency"));
        VeloPage page = VeloPage.from(ctx, List.of("remoteId", "sourceCurrency", "sourceAmount", "paymentCurrency",
                "paymentAmount", "submittedDateTime", "status"), "submittedDateTime:asc", q.problems);
        q.throwIfAny();
        AuditRepository.Page<AuditRepository.PaymentRow> result = audit.payments(filter, page);
        boolean sensitive = q.flag("sensitive");
        ctx.json(page.render(ctx, result.total(), result.rows().stream().map(r -> payment(r, sensitive)).toList()));
    }

    public void payment(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        UUID paymentId = VeloPaths.uuid(ctx, "paymentId");
        boolean sensitive = new AuditQuery(ctx).flag("sensitive");
        AuditRepository.PaymentRow row = audit.payments(new AuditRepository.PaymentFilter(caller.payorId(), null, paymentId,
                        null, null, null, null, null, null, null, null, null, null, null), VeloPage.first()).rows().stream().findFirst()
                .orElseThrow(() -> new ApiError(404, "NOT_FOUND", "Payment not found", "paymentId", "pathParam"));
        Map<String, Object> body = payment(row, sensitive);
        List<Map<String, Object>> events = new ArrayList<>();
        for (AuditRepository.Event e : audit.paymentEvents(paymentId)) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("eventId", e.eventId().toString());
            event.put("eventDateTime", e.at().toInstant().toString());
            event.put("eventType", e.type());
            event.put("principal", caller.apiKey());
            events.add(event);
        }
        body.put("events", events);
        ctx.json(body);
    }

    /** This month on the virtual clock (UTC): payouts submitted and payments failed. */
    public void statistics(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        AuditQuery q = new AuditQuery(ctx);
        caller.requireOwn(java.util.Objects.toString(q.uuid("payorId"), null), "queryParam", true);
        q.throwIfAny();
        OffsetDateTime monthStart = clock.now().atOffset(ZoneOffset.UTC).toLocalDate().withDayOfMonth(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime nextMonth = monthStart.plusMonths(1);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("thisMonthPayoutsCount", audit.payoutsSubmittedBetween(caller.payorId(), monthStart, nextMonth));
        body.put("thisMonthFailedPaymentsCount", audit.paymentsFailedBetween(caller.payorId(), monthStart, nextMonth));
        ctx.json(body);
    }

    public void fundings(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        AuditQuery q = new AuditQuery(ctx);
        caller.requireOwn(java.util.Objects.toString(q.uuid("payorId"), null), "queryParam", true);
        VeloPage page = VeloPage.from(ctx, List.copyOf(AuditRepository.FUNDING_SORT.keySet()), "dateTime:asc", q.problems);
        q.throwIfAny();
        AuditRepository.Page<AuditRepository.FundingRow> result = audit.fundings(caller.payorId(), page);
        ctx.json(page.render(ctx, result.total(), result.rows().stream().map(AuditHandler::funding).toList()));
    }

    private Map<String, Object> payout(Payout p) {
        List<Payment> payments = audit.paymentsOf(p.payoutId());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("payoutId", p.payoutId().toString());
        out.put("payorId", p.payorId().toString());
        out.put("status", p.status());
        out.put("submittedDateTime", instant(p.submitted()));
        out.put("instructedDateTime", instant(p.instructed()));
        out.put("withdrawnDateTime", instant(p.withdrawn()));
        out.put("totalPayments", payments.size());
        out.put("totalIncompletePayments", payments.stream().filter(x -> !NOT_COUNTED.contains(x.status())).count());
        out.put("totalFailedPayments", payments.stream().filter(x -> x.status().equals("FAILED")).count());
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
        for (FxSummary s : FxSummary.of(p, payments, clock.now())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("quoteId", s.quoteId() == null ? null : s.quoteId().toString());
            m.put("creationDateTime", s.creationTime() == null ? null : s.creationTime().toString());
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

    private static Map<String, Object> payoutSummary(Payout p, List<Payment> payments) {
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
        out.put("failedPayments", payments.stream().filter(x -> x.status().equals("FAILED")).count());
        return out;
    }

    static Map<String, Object> payment(AuditRepository.PaymentRow r, boolean sensitive) {
        Payment p = r.payment();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("paymentId", p.paymentId().toString());
        out.put("payeeId", p.payeeId() == null ? null : p.payeeId().toString());
        out.put("payorId", p.payorId().toString());
        out.put("quoteId", r.quoteId() == null ? null : r.quoteId().toString());
        out.put("sourceAccountId", p.sourceAccountId() == null ? null : p.sourceAccountId().toString());
        out.put("remoteId", p.remoteId());
        out.put("sourceAmount", p.sourceAmount());
        out.put("sourceCurrency", p.sourceCurrency());
        out.put("paymentAmount", p.amount());
        out.put("paymentCurrency", p.currency());
        out.put("rate", p.rate());
        out.put("invertedRate", p.rate() == null ? null : FxSummary.inverted(p.rate()));
        out.put("submittedDateTime", instant(r.submitted()));
        out.put("status", p.status());
        out.put("fundingStatus", FxSummary.fundingStatusOf(p));
        out.put("routingNumber", sensitive ? r.routingNumber() : mask(r.routingNumber()));
        out.put("accountNumber", sensitive ? r.accountNumber() : mask(r.accountNumber()));
        out.put("paymentMemo", p.paymentMemo());
        out.put("payorPaymentId", p.payorPaymentId());
        if (p.reason() != null) {
            out.put("rejectionReason", p.reason());
        }
        if (p.failureReason() != null) {
            out.put("failureReason", p.failureReason());
        }
        return out;
    }

    private static Map<String, Object> funding(AuditRepository.FundingRow f) {
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

    private static AuditRepository.PaymentFilter paymentFilter(AuditQuery q, UUID payorId, UUID payoutId, UUID paymentId,
                                                             UUID payeeId, String sourceCurrency, String paymentCurrency) {
        return new AuditRepository.PaymentFilter(payorId, payoutId, paymentId, payeeId, q.text("remoteId"),
                q.oneOf("status", PAYMENT_STATUSES), q.number("sourceAmountFrom"), q.number("sourceAmountTo"),
                q.number("paymentAmountFrom"), q.number("paymentAmountTo"), sourceCurrency, paymentCurrency,
                q.date("submittedDateFrom", false), q.date("submittedDateTo", true));
    }

    /** "XXXXX6789": all but the last four characters hidden. */
    static String mask(String value) {
        if (value == null) {
            return null;
        }
        int keep = Math.min(4, value.length());
        return "X".repeat(value.length() - keep) + value.substring(value.length() - keep);
    }

    private static String instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant().toString();
    }
}
