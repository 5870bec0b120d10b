package dev.standin.provider.velo.invite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.http.ApiError;
import dev.standin.core.http.JsonBody;
import dev.standin.provider.velo.VeloPage;
import dev.standin.provider.velo.VeloPaths;
import dev.standin.provider.velo.auth.AuthService;
import dev.standin.provider.velo.auth.VeloPrincipal;
import dev.standin.provider.velo.payee.Payee;
import dev.standin.provider.velo.payee.PayeeRepository;
import dev.standin.provider.velo.payor.Payor;
import dev.standin.provider.velo.payor.PayorRepository;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The payor's side of invitations: {@code POST /v1/payees/{payeeId}/invite} (resend) and the
 * invitation statuses of its payees ({@code GET /v1} and {@code /v2/payees/payors/{payorId}/invitationStatus}).
 * A payee not yet onboarded of a payor with a grace period shows when that period ends.
 */
public final class InvitationHandler {
    private static final List<String> STATUSES = List.of("ACCEPTED", "PENDING", "DECLINED");

    private final AuthService auth;
    private final InviteService invites;
    private final PayeeRepository payees;
    private final PayorRepository payors;

    public InvitationHandler(AuthService auth, InviteService invites, PayeeRepository payees, PayorRepository payors) {
        this.auth = auth;
        this.invites = invites;
        this.payees = payees;
        this.payors = payors;
    }

    public void resend(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        UUID payeeId = VeloPaths.uuid(ctx, "payeeId");
        JsonNode body = JsonBody.tree(ctx);
        if (!body.path("payorId").isTextual()) {
            throw new ApiError(400, "REQUIRED", "payorId must not be null", "payorId", "requestBody");
        }
        Payee payee = invites.resend(caller, payeeId, body.get("payorId").asText());
        Payor payor = payors.find(caller.payorId()).orElseThrow();
        ctx.json(Map.of("payeeInvitationStatuses", List.of(status(new PayeeRepository.Invitation(payee.payeeId(),
                Payee.PENDING, payee.onboardedStatus(), payee.created()), payor))));
    }

    /** v1: every payee of the payor, unpaged. */
    public void statusesV1(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        Payor payor = own(caller, ctx);
        List<Map<String, Object>> out = new ArrayList<>();
        payees.invitations(payor.payorId(), null, null, 0, Integer.MAX_VALUE).rows().forEach(i -> out.add(status(i, payor)));
        ctx.json(Map.of("payeeInvitationStatuses", out));
    }

    /** v2: filtered by payee and status, paged (25 by default, 100 at most). */
    public void statusesV2(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        Payor payor = own(caller, ctx);
        List<ApiError.Violation> problems = new ArrayList<>();
        UUID payeeId = null;
        String rawPayee = ctx.queryParam("payeeId");
        if (rawPayee != null && !rawPayee.isBlank()) {
            try {
                payeeId = UUID.fromString(rawPayee);
            } catch (IllegalArgumentException e) {
                problems.add(new ApiError.Violation("payeeId must be a UUID, was '" + rawPayee + "'", "INVALID_VALUE", "payeeId", "queryParam"));
            }
        }
        String status = ctx.queryParam("invitationStatus");
        if (status != null && !status.isBlank() && !STATUSES.contains(status)) {
            problems.add(new ApiError.Violation("invitationStatus must be one of " + STATUSES + ", was '" + status + "'",
                    "INVALID_VALUE", "invitationStatus", "queryParam"));
        }
        VeloPage page = VeloPage.from(ctx, List.of(), "", problems);
        if (!problems.isEmpty()) {
            throw new ApiError(400, problems);
        }
        var result = payees.invitations(payor.payorId(), payeeId, status == null || status.isBlank() ? null : status,
                page.offset(), page.pageSize());
        ctx.json(page.render(ctx, result.total(), result.rows().stream().map(i -> status(i, payor)).toList()));
    }

    private Payor own(VeloPrincipal caller, Context ctx) {
        UUID payorId = VeloPaths.uuid(ctx, "payorId");
        caller.requireOwn(payorId.toString(), "pathParam", false);
        return payors.find(payorId).orElseThrow(() -> new ApiError(404, "NOT_FOUND", "Payor not found", "payorId", "pathParam"));
    }

    private static Map<String, Object> status(PayeeRepository.Invitation i, Payor payor) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("payeeId", i.payeeId().toString());
        out.put("invitationStatus", i.invitationStatus());
        if (payor.payeeGracePeriodProcessingEnabled() && payor.payeeGracePeriodDays() != null
                && !Payee.ONBOARDED.equals(i.onboardedStatus())) {
            out.put("gracePeriodEndDate", i.created().toLocalDate().plusDays(payor.payeeGracePeriodDays()).toString());
        }
        return out;
    }
}
