package dev.standin.provider.velo.payor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.http.JsonBody;
import dev.standin.core.http.Violations;
import dev.standin.provider.velo.VeloPaths;
import dev.standin.provider.velo.auth.AuthService;
import dev.standin.provider.velo.auth.VeloPrincipal;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code /v1/payors/{payorId}}: the payor, its funding bank details, applications and keys. */
public final class PayorHandler {
    private final AuthService auth;
    private final PayorService payors;

    public PayorHandler(AuthService auth, PayorService payors) {
        this.auth = auth;
        this.payors = payors;
    }

    public void get(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        ctx.json(render(payors.get(caller, VeloPaths.uuid(ctx, "payorId"))));
    }

    public void updateFundingDetails(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        UUID payorId = VeloPaths.uuid(ctx, "payorId");
        JsonNode body = JsonBody.tree(ctx);
        Violations v = new Violations();
        String routingNumber = v.text(body, "routingNumber", 9, 9, true);
        String accountNumber = v.text(body, "accountNumber", 4, 17, true);
        String accountName = v.text(body, "accountName", 1, 22, true);
        v.throwIfAny();
        payors.updateFundingDetails(caller, payorId, routingNumber, accountNumber, accountName);
        ctx.status(202);
    }

    public void createApplication(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        UUID payorId = VeloPaths.uuid(ctx, "payorId");
        JsonNode body = JsonBody.tree(ctx);
        Violations v = new Violations();
        String name = v.text(body, "name", 2, 100, true);
        String description = v.text(body, "description", 2, 1024, false);
        v.throwIfAny();
        UUID applicationId = payors.createApplication(caller, payorId, name, description);
        ctx.status(201).header("Location", ctx.url() + "/" + applicationId);
    }

    /** The roles an API key may hold (the specification's enum). */
    static final List<String> ROLES = List.of("payor.admin", "payor.support");

    public void createKey(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        UUID payorId = VeloPaths.uuid(ctx, "payorId");
        UUID applicationId = VeloPaths.uuid(ctx, "applicationId");
        JsonNode body = JsonBody.tree(ctx);
        Violations v = new Violations();
        String name = v.text(body, "name", 2, 100, true);
        String description = v.text(body, "description", 2, 1024, false);
        List<String> roles = v.strings(body, "roles", 1);
        if (roles.size() > 10) {
            v.add("roles", "roles: size must be between 1 and 10");
        }
        for (int i = 0; i < roles.size(); i++) {
            if (!ROLES.contains(roles.get(i))) {
                v.add("roles[" + i + "]", "roles[" + i + "]: must be one of " + ROLES);
            }
        }
        v.throwIfAny();
        PayorService.NewKey key = payors.createKey(caller, payorId, applicationId, name, description, roles);
        ctx.json(Map.of("apiKey", key.apiKey(), "apiSecret", key.apiSecret()));
    }

    /** The payor as the guide's example shows it: address lines kept even when null, other absent fields left out. */
    static Map<String, Object> render(Payor p) {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("line1", p.line1());
        address.put("line2", p.line2());
        address.put("line3", p.line3());
        address.put("line4", p.line4());
        address.put("city", p.city());
        address.put("countyOrProvince", p.countyOrProvince());
        address.put("zipOrPostcode", p.zipOrPostcode());
        address.put("country", p.country());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("payorId", p.payorId().toString());
        out.put("payorName", p.payorName());
        out.put("address", address);
        out.put("primaryContactName", p.primaryContactName());
        out.put("primaryContactPhone", p.primaryContactPhone());
        out.put("primaryContactEmail", p.primaryContactEmail());
        putIfPresent(out, "fundingAccountRoutingNumber", p.fundingAccountRoutingNumber());
        putIfPresent(out, "fundingAccountAccountNumber", p.fundingAccountAccountNumber());
        putIfPresent(out, "fundingAccountAccountName", p.fundingAccountAccountName());
        putIfPresent(out, "kycState", p.kycState());
        out.put("manualLockout", p.manualLockout());
        out.put("payeeGracePeriodProcessingEnabled", p.payeeGracePeriodProcessingEnabled());
        putIfPresent(out, "payeeGracePeriodDays", p.payeeGracePeriodDays());
        putIfPresent(out, "collectiveAlias", p.collectiveAlias());
        putIfPresent(out, "supportContact", p.supportContact());
        putIfPresent(out, "dbaName", p.dbaName());
        out.put("allowsLanguageChoice", p.allowsLanguageChoice());
        out.put("reminderEmailsOptOut", p.reminderEmailsOptOut());
        out.put("language", p.language());
        out.put("includesReports", p.includesReports());
        return out;
    }

    private static void putIfPresent(Map<String, Object> out, String key, Object value) {
        if (value != null) {
            out.put(key, value);
        }
    }
}
