package dev.standin.provider.velo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.http.JsonBody;
import dev.standin.core.http.Violations;
import dev.standin.provider.velo.payee.PayeeHandler;
import dev.standin.provider.velo.payee.PayeeService;
import io.javalin.http.Context;

import java.util.List;

/** Velo's control endpoints under {@code /_sim/velo}: what QA moves by hand. */
final class VeloControl {
    private final PayeeService payees;

    VeloControl(PayeeService payees) {
        this.payees = payees;
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
