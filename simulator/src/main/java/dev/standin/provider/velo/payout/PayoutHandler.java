package dev.standin.provider.velo.payout;

import dev.standin.core.http.JsonBody;
import dev.standin.provider.velo.CsvUpload;
import dev.standin.provider.velo.VeloPaths;
import dev.standin.provider.velo.auth.AuthService;
import dev.standin.provider.velo.auth.VeloPrincipal;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code /v3/payouts}: submit, summary, quote, instruct and withdraw. */
public final class PayoutHandler {
    private final AuthService auth;
    private final PayoutService payouts;

    public PayoutHandler(AuthService auth, PayoutService payouts) {
        this.auth = auth;
        this.payouts = payouts;
    }

    /** JSON, or a multipart CSV upload ({@code file}; {@code payorId} and {@code payoutMemo} as query or form parameters). */
    public void submit(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        UUID payoutId = ctx.isMultipartFormData()
                ? payouts.submitCsv(caller, param(ctx, "payorId"), param(ctx, "payoutMemo"),
                CsvUpload.read(ctx, PayoutService.CSV_COLUMNS))
                : payouts.submit(caller, JsonBody.tree(ctx));
        ctx.status(202).header("Location", ctx.scheme() + "://" + ctx.host() + "/v3/payouts/" + payoutId)
                .json(Map.of("payoutId", payoutId.toString()));
    }

    public void get(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        ctx.json(summary(payouts.get(caller, VeloPaths.uuid(ctx, "payoutId")), caller.payorId()));
    }

    public void quote(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        PayoutService.View view = payouts.quote(caller, VeloPaths.uuid(ctx, "payoutId"));
        ctx.json(Map.of("fxSummaries", fxSummaries(view, false)));
    }

    public void instruct(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        payouts.instruct(caller, VeloPaths.uuid(ctx, "payoutId"));
        ctx.status(202);
    }

    public void withdraw(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        payouts.withdraw(caller, VeloPaths.uuid(ctx, "payoutId"));
        ctx.status(202);
    }

    private static String param(Context ctx, String name) {
        return CsvUpload.param(ctx, name);
    }

    /** The payout summary as the guide's example shows it. */
    static Map<String, Object> summary(PayoutService.View view, UUID payorId) {
        List<Payment> payments = view.payments();
        long rejected = payments.stream().filter(p -> p.status().equals(PaymentStatus.REJECTED)).count();
        long withdrawn = payments.stream().filter(p -> p.status().equals(PaymentStatus.WITHDRAWN)).count();
        long accepted = view.payout().status().equals("SUBMITTED") ? 0 : payments.size() - rejected;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("payoutId", view.payout().payoutId().toString());
        out.put("payorId", payorId.toString());
        out.put("status", view.payout().status());
        out.put("submittedDateTime", dev.standin.core.clock.Timestamps.millis(view.payout().submitted()));
        if (view.payout().instructed() != null) {
            out.put("instructedDateTime", dev.standin.core.clock.Timestamps.millis(view.payout().instructed()));
        }
        if (view.payout().withdrawn() != null) {
            out.put("withdrawnDateTime", dev.standin.core.clock.Timestamps.millis(view.payout().withdrawn()));
        }
        out.put("payoutMemo", view.payout().memo());
        out.put("paymentsSubmitted", payments.size());
        out.put("paymentsAccepted", accepted);
        out.put("paymentsRejected", rejected);
        out.put("paymentsWithdrawn", withdrawn);
        out.put("fxSummaries", view.payout().quoteId() == null ? List.of() : fxSummaries(view, true));
        out.put("accounts", accounts(payments));
        out.put("rejectedPayments", payments.stream().filter(p -> p.status().equals(PaymentStatus.REJECTED))
                .map(PayoutHandler::rejected).toList());
        return out;
    }

    /** The guide's fxSummaries: the quote response leaves out each entry's status and fundingStatus. */
    static List<Map<String, Object>> fxSummaries(PayoutService.View view, boolean withStatus) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (FxSummary s : FxSummary.of(view.payout(), view.payments(), view.asOf())) {
            Map<String, Object> fx = new LinkedHashMap<>();
            fx.put("quoteId", s.quoteId() == null ? null : s.quoteId().toString());
            fx.put("expiryTime", instant(s.expiryTime()));
            fx.put("creationTime", instant(s.creationTime()));
            fx.put("rate", s.rate());
            fx.put("invertedRate", s.invertedRate());
            fx.put("totalSourceAmount", s.totalSourceAmount());
            fx.put("totalPaymentAmount", s.totalPaymentAmount());
            fx.put("sourceCurrency", s.sourceCurrency());
            fx.put("paymentCurrency", s.paymentCurrency());
            if (withStatus) {
                fx.put("status", s.status());
                fx.put("fundingStatus", s.fundingStatus());
            }
            out.add(fx);
        }
        return out;
    }

    private static List<Map<String, Object>> accounts(List<Payment> payments) {
        Map<String, Map<String, Object>> byAccount = new LinkedHashMap<>();
        for (Payment p : payments) {
            if (p.sourceAccountId() == null || p.status().equals(PaymentStatus.REJECTED)) {
                continue;
            }
            Map<String, Object> account = byAccount.computeIfAbsent(p.sourceAccountName(), name -> {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("sourceAccountName", name);
                a.put("sourceAccountId", p.sourceAccountId().toString());
                a.put("currency", p.sourceCurrency());
                a.put("totalPayoutCost", 0L);
                return a;
            });
            long cost = p.sourceAmount() != null ? p.sourceAmount() : p.currency().equals(p.sourceCurrency()) ? p.amount() : 0;
            account.put("totalPayoutCost", (Long) account.get("totalPayoutCost") + cost);
        }
        return new ArrayList<>(byAccount.values());
    }

    private static Map<String, Object> rejected(Payment p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("remoteId", p.remoteId());
        out.put("currencyType", p.currency());
        out.put("amount", p.amount());
        out.put("sourceAccountName", p.sourceAccountName());
        // the document requires it; a payment submitted without one answers it empty rather than null
        out.put("payorPaymentId", p.payorPaymentId() == null ? "" : p.payorPaymentId());
        out.put("reason", p.reason());
        return out;
    }

    private static String instant(java.time.Instant t) {
        return dev.standin.core.clock.Timestamps.millis(t);
    }
}
