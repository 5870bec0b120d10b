package dev.standin.provider.velo.payor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.http.ApiError;
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
        ctx.json(render(payors.get(caller, VeloPaths.uuid(ctx, "payorId")), true));
    }

    /** {@code GET /v2/payors/{payorId}}: the same payor without its funding bank details. */
    public void getV2(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        ctx.json(render(payors.get(caller, VeloPaths.uuid(ctx, "payorId")), false));
    }

    public void updateReminderEmails(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        UUID payorId = VeloPaths.uuid(ctx, "payorId");
        JsonNode body = JsonBody.tree(ctx);
        Violations v = new Violations();
        JsonNode optOut = body.path("reminderEmailsOptOut");
        if (!optOut.isBoolean()) {
            v.add("reminderEmailsOptOut", "reminderEmailsOptOut is required and must be true or false");
        }
        v.throwIfAny();
        payors.setReminderEmailsOptOut(caller, payorId, optOut.asBoolean());
        ctx.status(202);
    }

    /** {@code GET /v1/payorLinks?descendantsOfPayor=...&fields=...}: the payor's tree as PARENT_OF links. */
    public void links(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        List<ApiError.Violation> problems = new java.util.ArrayList<>();
        String root = ctx.queryParam("descendantsOfPayor");
        UUID rootId = null;
        try {
            rootId = root == null ? null : UUID.fromString(root);
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (rootId == null) {
            problems.add(query("descendantsOfPayor", "descendantsOfPayor is required and must be a payor id (UUID)"));
        }
        List<String> fields = new java.util.ArrayList<>();
        String named = ctx.queryParam("fields");
        if (named != null && !named.isBlank()) {
            for (String f : named.split(",")) {
                if (!LINK_FIELDS.contains(f.trim())) {
                    problems.add(query("fields", "fields must be a combination of " + LINK_FIELDS + ", was '" + f.trim() + "'"));
                }
                fields.add(f.trim());
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiError(400, problems);
        }
        List<Payor> tree = payors.descendants(caller, rootId);
        List<Map<String, Object>> links = new java.util.ArrayList<>();
        List<Map<String, Object>> list = new java.util.ArrayList<>();
        for (Payor p : tree) {
            if (p.parentPayorId() != null && !p.payorId().equals(rootId)) {
                Map<String, Object> link = new LinkedHashMap<>();
                link.put("linkId", UUID.nameUUIDFromBytes((p.parentPayorId() + "/" + p.payorId()).getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
                link.put("fromPayorId", p.parentPayorId().toString());
                link.put("linkType", "PARENT_OF");
                link.put("toPayorId", p.payorId().toString());
                links.add(link);
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("payorId", p.payorId().toString());
            entry.put("payorName", p.payorName());
            if (fields.contains("primaryContactEmail")) {
                entry.put("primaryContactEmail", p.primaryContactEmail());
            }
            if (fields.contains("kycState")) {
                entry.put("kycState", p.kycState());
            }
            list.add(entry);
        }
        ctx.json(Map.of("links", links, "payors", list));
    }

    private static final List<String> LINK_FIELDS = List.of("primaryContactEmail", "kycState");

    private static ApiError.Violation query(String name, String message) {
        return new ApiError.Violation(message, "INVALID_VALUE", name, "queryParam");
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

    /** The payor as the guide's example shows it (v1 with its funding bank details, v2 without), absent fields left out. */
    static Map<String, Object> render(Payor p, boolean withFundingDetails) {
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
        if (withFundingDetails) {
            putIfPresent(out, "fundingAccountRoutingNumber", p.fundingAccountRoutingNumber());
            putIfPresent(out, "fundingAccountAccountNumber", p.fundingAccountAccountNumber());
            putIfPresent(out, "fundingAccountAccountName", p.fundingAccountAccountName());
        }
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
