package dev.standin.provider.velo.payor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.http.JsonBody;
import dev.standin.core.http.Violations;
import dev.standin.db.velo.tables.records.PayorRecord;
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

    public void createKey(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        UUID payorId = VeloPaths.uuid(ctx, "payorId");
        UUID applicationId = VeloPaths.uuid(ctx, "applicationId");
        JsonNode body = JsonBody.tree(ctx);
        Violations v = new Violations();
        String name = v.text(body, "name", 2, 100, true);
        String description = v.text(body, "description", 2, 1024, false);
        List<String> roles = v.strings(body, "roles", 1);
        v.throwIfAny();
        PayorService.NewKey key = payors.createKey(caller, payorId, applicationId, name, description, roles);
        ctx.json(Map.of("apiKey", key.apiKey(), "apiSecret", key.apiSecret()));
    }

    /** The payor as the guide's example shows it: address lines kept even when null, other absent fields left out. */
    static Map<String, Object> render(PayorRecord p) {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("line1", p.getAddressLine1());
        address.put("line2", p.getAddressLine2());
        address.put("line3", p.getAddressLine3());
        address.put("line4", p.getAddressLine4());
        address.put("city", p.getAddressCity());
        address.put("countyOrProvince", p.getAddressCountyOrProvince());
        address.put("zipOrPostcode", p.getAddressZipOrPostcode());
        address.put("country", p.getAddressCountry());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("payorId", p.getPayorId().toString());
        out.put("payorName", p.getPayorName());
        out.put("address", address);
        out.put("primaryContactName", p.getPrimaryContactName());
        out.put("primaryContactPhone", p.getPrimaryContactPhone());
        out.put("primaryContactEmail", p.getPrimaryContactEmail());
        putIfPresent(out, "fundingAccountRoutingNumber", p.getFundingRoutingNumber());
        putIfPresent(out, "fundingAccountAccountNumber", p.getFundingAccountNumber());
        putIfPresent(out, "fundingAccountAccountName", p.getFundingAccountName());
        putIfPresent(out, "kycState", p.getKycState());
        out.put("manualLockout", p.getManualLockout());
        out.put("payeeGracePeriodProcessingEnabled", p.getPayeeGracePeriodEnabled());
        putIfPresent(out, "payeeGracePeriodDays", p.getPayeeGracePeriodDays());
        putIfPresent(out, "collectiveAlias", p.getCollectiveAlias());
        putIfPresent(out, "supportContact", p.getSupportContact());
        putIfPresent(out, "dbaName", p.getDbaName());
        out.put("allowsLanguageChoice", p.getAllowsLanguageChoice());
        out.put("reminderEmailsOptOut", p.getReminderEmailsOptOut());
        out.put("language", p.getLanguage());
        out.put("includesReports", p.getIncludesReports());
        return out;
    }

    private static void putIfPresent(Map<String, Object> out, String key, Object value) {
        if (value != null) {
            out.put(key, value);
        }
    }
}
