package dev.standin.provider.velo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.http.JsonBody;
import dev.standin.core.http.Violations;
import dev.standin.provider.velo.payee.PayeeHandler;
import dev.standin.provider.velo.payee.PayeeService;
import dev.standin.provider.velo.payout.PayoutService;
import io.javalin.http.Context;

import java.util.List;

/** Velo's control endpoints under {@code /_sim/velo}: what QA moves by hand. */
final class VeloControl {
    private final PayeeService payees;
    private final PayoutService payouts;

    VeloControl(PayeeService payees, PayoutService payouts) {
        this.payees = payees;
        this.payouts = payouts;
    }

    /** {@code GET /_sim/velo/payouts/{payoutId}}: any payor's payout with its payments' ids, states and events. */
    void payout(Context ctx) {
        ctx.json(payouts.inspect(VeloPaths.uuid(ctx, "payoutId")));
    }

    /**
     * {@code POST /_sim/velo/payments/{paymentId}/fail} with an optional {@code reason} (default
     * {@code ACH_RETURN_R01}): the payment FAILS through the real lifecycle (money back, payout settled).
     */
    void failPayment(Context ctx) {
        var paymentId = VeloPaths.uuid(ctx, "paymentId");
        JsonNode body = JsonBody.lenientTree(ctx);
        Violations v = new Violations();
        String reason = v.text(body, "reason", 1, 100, false);
        v.throwIfAny();
        if (!payouts.failPayment(paymentId, reason == null ? "ACH_RETURN_R01" : reason)) {
            throw new dev.standin.core.http.ApiError(409, "INVALID_STATE",
                    "Payment " + paymentId + " is unknown, not instructed yet, or already ended", null, null);
        }
        ctx.json(java.util.Map.of("paymentId", paymentId.toString(), "status", "FAILED"));
    }

    /** {@code POST /_sim/velo/payees/{payeeId}} with any of onboardedStatus, ofacStatus, invitationStatus. */
    void setPayeeStates(Context ctx) {
        var payeeId = VeloPaths.uuid(ctx, "payeeId");
        JsonNode body = JsonBody.lenientTree(ctx);
        Violations v = new Violations();
        String onboarded = v.oneOf(body, "onboardedStatus", false, List.of("CREATED", "INVITED", "REGISTERED", "ONBOARDED"));
        String ofac = v.oneOf(body, "ofacStatus", false, List.of("PENDING", "PASSED", "FAILED"));
        String invitation = v.oneOf(body, "invitationStatus", false, List.of("ACCEPTED", "PENDING", "DECLINED"));
        v.throwIfAny();
        ctx.json(PayeeHandler.render(payees.setStates(payeeId, onboarded, ofac, invitation)));
    }
}
