package dev.standin.provider.velo.invite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.http.JsonBody;
import dev.standin.core.http.Violations;
import dev.standin.provider.velo.VeloPaths;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** {@code /v1/invites/{inviteId}...}: public, no token. */
public final class InviteHandler {
    private final InviteService invites;

    public InviteHandler(InviteService invites) {
        this.invites = invites;
    }

    public void validate(Context ctx) {
        invites.open(VeloPaths.uuid(ctx, "inviteId"));
        ctx.status(204);
    }

    public void setPassword(Context ctx) {
        UUID inviteId = VeloPaths.uuid(ctx, "inviteId");
        JsonNode body = JsonBody.tree(ctx);
        Violations v = new Violations();
        String password = v.text(body, "password", 10, 64, true);
        v.throwIfAny();
        invites.setPassword(inviteId, password);
        ctx.status(204);
    }

    public void sendSmsToken(Context ctx) {
        UUID inviteId = VeloPaths.uuid(ctx, "inviteId");
        JsonNode body = JsonBody.tree(ctx);
        Violations v = new Violations();
        v.matching(body, "cellphoneNumber", 2, 16, true, "^\\+?[1-9]\\d{1,14}$", "must match the regular expression ^\\+?[1-9]\\d{1,14}$");
        v.throwIfAny();
        invites.sendSmsToken(inviteId);
        ctx.status(204);
    }

    public void validateSmsToken(Context ctx) {
        UUID inviteId = VeloPaths.uuid(ctx, "inviteId");
        JsonNode body = JsonBody.tree(ctx);
        Violations v = new Violations();
        String token = v.matching(body, "smsChallengeToken", 6, 6, true, "^[0-9]{6}$", "must match the regular expression [0-9]{6}+");
        v.throwIfAny();
        invites.validateSmsToken(inviteId, token);
        ctx.status(204);
    }

    public void validatePassword(Context ctx) {
        UUID inviteId = VeloPaths.uuid(ctx, "inviteId");
        JsonNode body = JsonBody.tree(ctx);
        Violations v = new Violations();
        String password = v.text(body, "password", 1, 128, true);
        v.throwIfAny();
        invites.open(inviteId);
        InviteService.PasswordCheck check = invites.check(password);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("score", check.score());
        out.put("valid", check.valid());
        out.put("warning", check.warning());
        out.put("suggestions", check.suggestions());
        ctx.json(out);
    }

    public void updateOptions(Context ctx) {
        UUID inviteId = VeloPaths.uuid(ctx, "inviteId");
        JsonNode body = JsonBody.tree(ctx);
        Violations v = new Violations();
        for (String field : new String[]{"marketingOptIn", "acceptTermsAndConditions"}) {
            if (!body.path(field).isBoolean()) {
                v.add(field, field + " must be true or false");
            }
        }
        v.throwIfAny();
        invites.updateOptions(inviteId, body.get("acceptTermsAndConditions").asBoolean());
        ctx.status(204);
    }
}
