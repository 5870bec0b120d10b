package dev.standin.provider.velo.payee;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.http.ApiError;
import dev.standin.core.http.JsonBody;
import dev.standin.db.velo.tables.records.PayeeBatchRecord;
import dev.standin.provider.velo.CsvUpload;
import dev.standin.provider.velo.VeloPage;
import dev.standin.provider.velo.VeloPaths;
import dev.standin.provider.velo.auth.AuthService;
import dev.standin.provider.velo.auth.VeloPrincipal;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code /v1/payees}, {@code /v2/payees} and {@code /v2/payees/batch/{batchId}}. */
public final class PayeeHandler {
    private static final List<String> OFAC = List.of("PENDING", "PASSED", "FAILED");
    private static final List<String> ONBOARDED = List.of("CREATED", "INVITED", "REGISTERED", "ONBOARDED");

    private final AuthService auth;
    private final PayeeService payees;

    public PayeeHandler(AuthService auth, PayeeService payees) {
        this.auth = auth;
        this.payees = payees;
    }

    public void list(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        List<ApiError.Violation> problems = new ArrayList<>();
        String email = ctx.queryParam("email") != null ? ctx.queryParam("email") : ctx.queryParam("Email");
        PayeeRepository.Filter filter = new PayeeRepository.Filter(
                enumParam(ctx, "ofacStatus", OFAC, problems), enumParam(ctx, "onboardedStatus", ONBOARDED, problems),
                blankToNull(email), blankToNull(ctx.queryParam("displayName")), blankToNull(ctx.queryParam("remoteId")),
                enumParam(ctx, "payeeType", PayeeSubmissionRules.TYPES, problems));
        VeloPage page = VeloPage.from(ctx, PayeeRepository.SORTABLE, "displayName:asc", problems);
        if (!problems.isEmpty()) {
            throw new ApiError(400, problems);
        }
        PayeeRepository.Page result = payees.list(caller, blankToNull(ctx.queryParam("payorId")), filter, page);
        Map<String, Object> body = page.render(ctx, result.total(), result.payees().stream().map(p -> listed(render(p, false))).toList());
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("page", body.get("page"));
        ordered.put("summary", payees.summary(caller));
        ordered.put("links", body.get("links"));
        ordered.put("content", body.get("content"));
        ctx.json(ordered);
    }

    public void get(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        ctx.json(render(payees.get(caller, VeloPaths.uuid(ctx, "payeeId")), "true".equalsIgnoreCase(ctx.queryParam("sensitive"))));
    }

    /** JSON, or a multipart CSV upload (the {@code file} part, with {@code payorId} as a query or form parameter). */
    public void create(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        if (ctx.isMultipartFormData()) {
            String payorId = CsvUpload.param(ctx, "payorId");
            PayeeService.CsvBatch batch = payees.submitCsv(caller, payorId, CsvUpload.read(ctx, PayeeCsv.COLUMNS));
            created(ctx, batch.batchId(), batch.rejectedCsvRows().stream().map(PayeeService.RejectedRow::describe).toList());
            return;
        }
        created(ctx, payees.submit(caller, JsonBody.tree(ctx)), List.of());
    }

    /** 201 with the batch's Location and the document's CreatePayeesCSVResponse body (for JSON too). */
    private static void created(Context ctx, UUID batchId, List<String> rejectedRows) {
        String location = base(ctx) + "/v2/payees/batch/" + batchId;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("batchId", batchId.toString());
        body.put("rejectedCsvRows", rejectedRows);
        body.put("links", List.of(Map.of("rel", "self", "href", location)));
        ctx.status(201).header("Location", location).json(body);
    }

    public void delete(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        payees.delete(caller, VeloPaths.uuid(ctx, "payeeId"));
        ctx.status(204);
    }

    /** {@code GET /v1/deltas/payees?payorId=...&updatedSince=...}: 100 per page by default, 1000 at most. */
    public void deltas(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        List<ApiError.Violation> problems = new ArrayList<>();
        String payorId = blankToNull(ctx.queryParam("payorId"));
        if (payorId == null) {
            problems.add(new ApiError.Violation("payorId must not be null", "REQUIRED", "payorId", "queryParam"));
        }
        // a '+' sent unencoded in the query arrives as a space
        String raw = blankToNull(ctx.queryParam("updatedSince") == null ? null : ctx.queryParam("updatedSince").replace(' ', '+'));
        java.time.OffsetDateTime since = null;
        try {
            since = raw == null ? null : java.time.OffsetDateTime.parse(raw, UPDATED_SINCE);
        } catch (java.time.format.DateTimeParseException e) {
            // reported below
        }
        if (since == null) {
            problems.add(new ApiError.Violation("updatedSince is required, formatted YYYY-MM-DDThh:mm:ss+hh:mm"
                    + (raw == null ? "" : ", was '" + raw + "'"), raw == null ? "REQUIRED" : "INVALID_VALUE", "updatedSince", "queryParam"));
        }
        VeloPage page = VeloPage.from(ctx, List.of(), "", problems, 100, 1000);
        if (!problems.isEmpty()) {
            throw new ApiError(400, problems);
        }
        var result = payees.changes(caller, payorId, since, page);
        ctx.json(page.render(ctx, result.total(), result.rows().stream().map(c -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("remoteId", c.remoteId());
            out.put("payeeId", c.payeeId().toString());
            out.put("displayName", c.displayName());
            out.put("email", c.email());
            out.put("payeeCountry", c.country());
            out.put("onboardedStatus", c.onboardedStatus());
            return out;
        }).toList()));
    }

    /**
     * {@code updatedSince} as the document shows it ({@code 2025-01-01T10:00:00+00:00}) and as generated
     * clients send it: fractions of a second, {@code Z}, or an offset without its colon ({@code +0000}).
     */
    private static final java.time.format.DateTimeFormatter UPDATED_SINCE = new java.time.format.DateTimeFormatterBuilder()
            .append(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    public void batch(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        PayeeBatchRecord batch = payees.batch(caller, VeloPaths.uuid(ctx, "batchId"));
        List<Map<String, Object>> failures = new ArrayList<>();
        int pending = 0;
        for (PayeeBatchRepository.Submission s : payees.submissions(batch.getBatchId())) {
            if (!s.processed()) {
                pending++;
            } else if (s.failureMessage() != null) {
                Map<String, Object> failure = new LinkedHashMap<>();
                failure.put("failedSubmission", PayeeNames.submission(s.payee()));
                failure.put("failureMessage", s.failureMessage());
                failures.add(failure);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", batch.getStatus());
        body.put("failureCount", failures.size());
        body.put("pendingCount", pending);
        body.put("failures", failures);
        ctx.json(body);
    }

    /**
     * A payee as a list shows it: without its bank details (the lookup shows them). A list needs
     * none, and the published document's {@code paymentChannel.countryCode} (9 characters at least)
     * would make every listed payee unreadable to a strictly generated client.
     */
    private static Map<String, Object> listed(Map<String, Object> payee) {
        payee.remove("paymentChannel");
        return payee;
    }

    /** A payee as the control API shows it: everything, unmasked. */
    public static Map<String, Object> render(Payee p) {
        return render(p, true);
    }

    /**
     * A payee as lists and lookups show it: an individual's date of birth and national id masked
     * ({@code XXXX-XX-XX}, {@code XXXXX1234}, the published document's masked forms) unless the
     * lookup asks {@code sensitive=true}.
     */
    public static Map<String, Object> render(Payee p, boolean sensitive) {
        JsonNode d = p.details();
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("payorId", p.payorId().toString());
        ref.put("remoteId", p.remoteId());
        ref.put("invitationStatus", p.invitationStatus());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("payeeId", p.payeeId().toString());
        out.put("payorRefs", List.of(ref));
        out.put("email", p.email());
        out.put("onboardedStatus", p.onboardedStatus());
        out.put("ofacStatus", p.ofacStatus());
        out.put("type", p.type());
        out.put("payeeType", p.type());
        out.put("displayName", p.displayName());
        out.put("country", p.country());
        out.put("language", p.language());
        out.put("created", dev.standin.core.clock.Timestamps.millis(p.created()));
        out.put("address", d.path("address"));
        if (d.has("individual")) {
            out.put("individual", sensitive ? d.get("individual") : maskIndividual(d.get("individual")));
        }
        if (d.has("company")) {
            out.put("company", d.get("company"));
        }
        if (d.has("paymentChannel")) {
            out.put("paymentChannel", PayeeNames.channel(d.get("paymentChannel")));
        }
        return out;
    }

    private static JsonNode maskIndividual(JsonNode individual) {
        if (!(individual instanceof com.fasterxml.jackson.databind.node.ObjectNode stored)) {
            return individual;
        }
        com.fasterxml.jackson.databind.node.ObjectNode out = stored.deepCopy();
        if (out.path("dateOfBirth").isTextual()) {
            out.put("dateOfBirth", "XXXX-XX-XX");
        }
        String id = out.path("nationalIdentification").asText("");
        if (!id.isEmpty()) {
            out.put("nationalIdentification", "XXXXX" + id.substring(Math.max(0, id.length() - 4)));
        }
        return out;
    }

    static String base(Context ctx) {
        return ctx.scheme() + "://" + ctx.host();
    }

    private static String enumParam(Context ctx, String name, List<String> allowed, List<ApiError.Violation> problems) {
        String value = blankToNull(ctx.queryParam(name));
        if (value != null && !allowed.contains(value)) {
            problems.add(new ApiError.Violation(name + " must be one of " + allowed + ", was '" + value + "'",
                    "INVALID_VALUE", name, "queryParam"));
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
