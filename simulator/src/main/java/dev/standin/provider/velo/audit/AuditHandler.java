package dev.standin.provider.velo.audit;

import dev.standin.core.clock.VirtualClock;
import dev.standin.core.http.ApiError;
import dev.standin.provider.velo.VeloPage;
import dev.standin.provider.velo.VeloPaths;
import dev.standin.provider.velo.auth.AuthService;
import dev.standin.provider.velo.auth.VeloPrincipal;
import dev.standin.provider.velo.payout.Payout;
import dev.standin.provider.velo.audit.AuditViews.Version;
import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Payment audit: {@code /v3} and {@code /v4/paymentaudit/payouts[/{payoutId}]}, {@code /v3} and
 * {@code /v4/paymentaudit/payments[/{paymentId}]}, {@code /v1/paymentaudit/payoutStatistics} and
 * {@code /v1/paymentaudit/fundings}, always within the caller's payor.
 */
public final class AuditHandler {
    private final AuthService auth;
    private final AuditRepository audit;
    private final VirtualClock clock;

    public AuditHandler(AuthService auth, AuditRepository audit, VirtualClock clock) {
        this.auth = auth;
        this.audit = audit;
        this.clock = clock;
    }

    public Handler payouts(Version version) {
        return ctx -> {
            VeloPrincipal caller = auth.require(ctx);
            AuditQuery q = new AuditQuery(ctx);
            caller.requireOwn(java.util.Objects.toString(q.uuid("payorId"), null), "queryParam", true);
            AuditRepository.PayoutFilter filter = new AuditRepository.PayoutFilter(caller.payorId(), null, q.text("payoutMemo"),
                    q.oneOf("status", AuditViews.PAYOUT_STATUSES), q.date("submittedDateFrom", false), q.date("submittedDateTo", true));
            VeloPage page = VeloPage.from(ctx, List.copyOf(AuditRepository.PAYOUT_SORT.keySet()), "submittedDateTime:asc", q.problems);
            q.throwIfAny();
            AuditRepository.Page<Payout> result = audit.payouts(filter, page);
            ctx.json(page.render(ctx, result.total(), result.rows().stream()
                    .map(p -> AuditViews.payout(p, audit.paymentsOf(p.payoutId()), clock.now(), version)).toList()));
        };
    }

    public Handler payoutPayments(Version version) {
        return ctx -> {
            VeloPrincipal caller = auth.require(ctx);
            UUID payoutId = VeloPaths.uuid(ctx, "payoutId");
            AuditQuery q = new AuditQuery(ctx);
            AuditRepository.PaymentFilter filter = paymentFilter(q, version, caller.payorId(), payoutId, null, null, null);
            VeloPage page = VeloPage.from(ctx, List.copyOf(AuditRepository.PAYMENT_SORT.keySet()), "remoteId:asc", q.problems);
            q.throwIfAny();
            Payout payout = audit.payouts(new AuditRepository.PayoutFilter(caller.payorId(), payoutId, null, null, null, null),
                            VeloPage.first()).rows().stream().findFirst()
                    .orElseThrow(() -> new ApiError(404, "NOT_FOUND", "Payout not found", "payoutId", "pathParam"));
            AuditRepository.Page<AuditRepository.PaymentRow> result = audit.payments(filter, page);
            Map<String, Object> body = page.render(ctx, result.total(), payments(result.rows(), caller, q.flag("sensitive"), version));
            Map<String, Object> ordered = new LinkedHashMap<>();
            ordered.put("links", body.get("links"));
            ordered.put("page", body.get("page"));
            ordered.put("summary", AuditViews.payoutSummary(payout, audit.paymentsOf(payoutId), version));
            ordered.put("content", body.get("content"));
            ctx.json(ordered);
        };
    }

    public Handler payments(Version version) {
        return ctx -> {
            VeloPrincipal caller = auth.require(ctx);
            AuditQuery q = new AuditQuery(ctx);
            caller.requireOwn(java.util.Objects.toString(q.uuid("payorId"), null), "queryParam", true);
            AuditRepository.PaymentFilter filter = paymentFilter(q, version, caller.payorId(), null, q.uuid("payeeId"),
                    q.text("sourceCurrency"), q.text("paymentCurrency"));
            VeloPage page = VeloPage.from(ctx, List.of("remoteId", "sourceCurrency", "sourceAmount", "paymentCurrency",
                    "paymentAmount", "submittedDateTime", "status"), "submittedDateTime:asc", q.problems);
            q.throwIfAny();
            AuditRepository.Page<AuditRepository.PaymentRow> result = audit.payments(filter, page);
            ctx.json(page.render(ctx, result.total(), payments(result.rows(), caller, q.flag("sensitive"), version)));
        };
    }

    public Handler payment(Version version) {
        return ctx -> {
            VeloPrincipal caller = auth.require(ctx);
            UUID paymentId = VeloPaths.uuid(ctx, "paymentId");
            boolean sensitive = new AuditQuery(ctx).flag("sensitive");
            AuditRepository.PaymentRow row = audit.payments(AuditRepository.PaymentFilter.byId(caller.payorId(), paymentId),
                            VeloPage.first()).rows().stream().findFirst()
                    .orElseThrow(() -> new ApiError(404, "NOT_FOUND", "Payment not found", "paymentId", "pathParam"));
            ctx.json(payments(List.of(row), caller, sensitive, version).get(0));
        };
    }

    private List<Map<String, Object>> payments(List<AuditRepository.PaymentRow> rows, VeloPrincipal caller, boolean sensitive,
                                               Version version) {
        Map<UUID, List<AuditRepository.Event>> events = audit.paymentEvents(rows.stream().map(r -> r.payment().paymentId()).toList());
        return rows.stream().map(r -> AuditViews.payment(r, events.get(r.payment().paymentId()), caller.apiKey(), sensitive, version))
                .toList();
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
        ctx.json(page.render(ctx, result.total(), result.rows().stream().map(AuditViews::funding).toList()));
    }

    private static AuditRepository.PaymentFilter paymentFilter(AuditQuery q, Version version, UUID payorId, UUID payoutId,
                                                             UUID payeeId, String sourceCurrency, String paymentCurrency) {
        String status = q.oneOf("status", AuditViews.PAYMENT_STATUS_FILTER);
        return new AuditRepository.PaymentFilter(payorId, payoutId, null, payeeId, q.text("remoteId"),
                status == null ? null : AuditViews.stored(status), q.number("sourceAmountFrom"), q.number("sourceAmountTo"),
                q.number("paymentAmountFrom"), q.number("paymentAmountTo"), sourceCurrency, paymentCurrency,
                q.date("submittedDateFrom", false), q.date("submittedDateTo", true),
                q.text("payorName"), q.text("sourceAccountName"), q.text("paymentMemo"));
    }
}
