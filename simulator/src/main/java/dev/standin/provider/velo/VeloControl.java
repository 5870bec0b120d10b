package dev.standin.provider.velo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.http.JsonBody;
import dev.standin.core.http.Violations;
import dev.standin.provider.velo.payee.PayeeHandler;
import dev.standin.provider.velo.payee.PayeeService;
import dev.standin.provider.velo.payout.PayoutService;
import dev.standin.provider.velo.invite.InviteService;
import io.javalin.http.Context;

import java.util.List;

/** Velo's control endpoints under {@code /_sim/velo}: what QA moves by hand. */
final class VeloControl {
    private final PayeeService payees;
    private final PayoutService payouts;
    private final InviteService invites;

    VeloControl(PayeeService payees, PayoutService payouts, InviteService invites) {
        this.payees = payees;
        this.payouts = payouts;
        this.invites = invites;
    }

    /** {@code GET /_sim/velo/payees/{payeeId}}: any payor's payee, with its invite id (the link Velo would email). */
    void payee(Context ctx) {
        var payee = payees.inspect(VeloPaths.uuid(ctx, "payeeId"));
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>(PayeeHandler.render(payee));
        out.put("inviteId", payee.inviteId() == null ? null : payee.inviteId().toString());
        ctx.json(out);
    }

    /** {@code GET /_sim/velo/invites/{inviteId}}: the invite's progress and the SMS code "sent" to the payee. */
    void invite(Context ctx) {
        var invite = invites.inspect(VeloPaths.uuid(ctx, "inviteId"));
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("inviteId", invite.getInviteId().toString());
        out.put("payeeId", invite.getPayeeId().toString());
        out.put("smsToken", invite.getSmsToken());
        out.put("passwordSet", invite.getPasswordSet());
        out.put("smsValidated", invite.getSmsValidated());
        out.put("termsAccepted", invite.getTermsAccepted());
        ctx.json(out);
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
