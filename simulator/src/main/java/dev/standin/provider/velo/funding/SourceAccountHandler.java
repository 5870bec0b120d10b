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
    private final LowBalanceNotices notices;

    public SourceAccountHandler(AuthService auth, FundingService funding, LowBalanceNotices notices) {
        this.auth = auth;
        this.funding = funding;
        this.notices = notices;
    }

    /** {@code GET /v2/sourceAccounts}: as v1, each account in the v2 shape. */
    public void listV2(Context ctx) {
        list(ctx, SourceAccountHandler::renderV2);
    }

    public void getV2(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        ctx.json(renderV2(funding.get(caller, VeloPaths.uuid(ctx, "sourceAccountId"))));
    }

    /** {@code POST /v1/sourceAccounts/{id}/notifications} {@code {"minimumBalance": n}}: 204. */
    public void setNotifications(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        var sourceAccountId = VeloPaths.uuid(ctx, "sourceAccountId");
        JsonNode body = JsonBody.tree(ctx);
        Violations v = new Violations();
        Long minimum = v.number(body, "minimumBalance", 0, MAX_ACH_AMOUNT, true);
        v.throwIfAny();
        funding.setMinimumBalance(caller, sourceAccountId, minimum, notices::check);
        ctx.status(204);
    }

    public void list(Context ctx) {
        list(ctx, SourceAccountHandler::render);
    }

    private void list(Context ctx, java.util.function.Function<SourceAccount, Map<String, Object>> shape) {
        VeloPrincipal caller = auth.require(ctx);
        VeloPage page = VeloPage.from(ctx, List.copyOf(SourceAccountRepository.SORTABLE.keySet()), "fundingRef:asc");
        String physical = ctx.queryParam("physicalAccountName");
        SourceAccountRepository.Page result = funding.list(caller, ctx.queryParam("payorId"),
                physical == null || physical.isBlank() ? null : physical, page);
        ctx.json(page.render(ctx, result.total(), result.accounts().stream().map(shape).toList()));
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

    /** The v2 shape: v1's fields, the notification threshold and the (never enabled) automatic top-up. */
    static Map<String, Object> renderV2(SourceAccount a) {
        Map<String, Object> out = render(a);
        if (a.minimumBalance() != null) {
            out.put("notifications", Map.of("minimumBalance", a.minimumBalance()));
        }
        out.put("autoTopUpConfig", Map.of("enabled", false));
        return out;
    }
}
