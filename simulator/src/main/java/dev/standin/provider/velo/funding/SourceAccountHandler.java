package dev.standin.provider.velo.funding;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.http.JsonBody;
import dev.standin.core.http.Violations;
import dev.standin.provider.velo.VeloPage;
import dev.standin.provider.velo.VeloPaths;
import dev.standin.provider.velo.auth.AuthService;
import dev.standin.provider.velo.auth.VeloPrincipal;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /v1/sourceAccounts}: list, lookup and ACH funding requests. */
public final class SourceAccountHandler {
    public static final long MAX_ACH_AMOUNT = 9_999_999_999L;

    private final AuthService auth;
    private final FundingService funding;

    public SourceAccountHandler(AuthService auth, FundingService funding) {
        this.auth = auth;
        this.funding = funding;
    }

    public void list(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        VeloPage page = VeloPage.from(ctx, List.copyOf(SourceAccountRepository.SORTABLE.keySet()), "fundingRef:asc");
        String physical = ctx.queryParam("physicalAccountName");
        SourceAccountRepository.Page result = funding.list(caller, ctx.queryParam("payorId"),
                physical == null || physical.isBlank() ? null : physical, page);
        ctx.json(page.render(ctx, result.total(), result.accounts().stream().map(SourceAccountHandler::render).toList()));
    }

    public void get(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        ctx.json(render(funding.get(caller, VeloPaths.uuid(ctx, "sourceAccountId"))));
    }

    public void requestAch(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        var sourceAccountId = VeloPaths.uuid(ctx, "sourceAccountId");
        JsonNode body = JsonBody.tree(ctx);
        Violations v = new Violations();
        Long amount = v.number(body, "amount", 1, MAX_ACH_AMOUNT, true);
        v.throwIfAny();
        funding.requestAch(caller, sourceAccountId, amount);
        ctx.status(202);
    }

    static Map<String, Object> render(SourceAccount a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", a.id().toString());
        out.put("balance", a.balance());
        out.put("currency", a.currency());
        out.put("fundingRef", a.fundingRef());
        out.put("physicalAccountName", a.physicalAccountName());
        out.put("railsId", a.railsId());
        out.put("payorId", a.payorId().toString());
        out.put("name", a.name());
        out.put("pooled", a.pooled());
        out.put("balanceVisible", a.balanceVisible());
        out.put("customerId", a.customerId());
        return out;
    }
}
