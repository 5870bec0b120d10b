package dev.standin.provider.vendreo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.http.ApiError;
import dev.standin.core.http.JsonBody;
import dev.standin.db.vendreo.tables.records.AisConsentRecord;
import dev.standin.provider.vendreo.ais.BankData;
import dev.standin.provider.vendreo.ais.Consents;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Account information: the consent request, the hosted consent page, and the consented data. */
final class AisApi {
    static final int PAGE_SIZE = 25;

    private final VendreoApi api;
    private final Consents consents;
    private final Payments payments;
    private final Function<String, Optional<Application>> applications;
    private final String pageQuery;

    AisApi(VendreoApi api, Consents consents, Payments payments, Function<String, Optional<Application>> applications, String pageQuery) {
        this.api = api;
        this.consents = consents;
        this.payments = payments;
        this.applications = applications;
        this.pageQuery = pageQuery;
    }

    /** {@code POST /v1/ais/authorization}: a consent to ask for; the shopper gives it at {@code redirect_url}. */
    void authorization(Context ctx) {
        Application app = api.application(ctx);
        Form f = new Form(VendreoApi.body(ctx));
        String key = f.string("application_key", true, 64);
        if (key != null && !key.equals(app.key())) {
            throw new ApiError(401, "UNAUTHENTICATED", "Unauthenticated.", null, null);
        }
        String redirect = f.url("redirect_url", true);
        String cancel = f.url("cancel_url", false);
        String reference = f.string("reference_id", false, 255);
        String description = f.string("description", false, 255);
        f.string("country_code", false, 2);
        f.options();
        f.check();
        AisConsentRecord c = consents.create(app.key(), redirect, cancel, reference, description);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("authorization_id", c.getAuthorizationId());
        out.put("redirect_url", ctx.scheme() + "://" + ctx.host() + "/ais/" + c.getConsentUuid() + pageQuery);
        out.putAll(payments.meta());
        ctx.json(out);
    }

    /** {@code GET /ais/{uuid}}: choose a bank, then consent or refuse. */
    void page(Context ctx) {
        AisConsentRecord c = consents.find(ctx.pathParam("uuid")).orElse(null);
        if (c == null) {
            HostedPages.page(ctx, 404, "Consent not found", "<p>There is no such consent request.</p>");
            return;
        }
        if (!c.getStatus().equals("PENDING")) {
            HostedPages.page(ctx, 200, "Account access", "<p>This consent is " + HostedPages.esc(c.getStatus()) + ".</p>");
            return;
        }
        Application app = applications.apply(c.getApplicationKey()).orElseThrow();
        StringBuilder banks = new StringBuilder();
        boolean first = true;
        for (String id : app.institutions()) {
            banks.append("<li><label><input type=\"radio\" name=\"institution\" value=\"").append(HostedPages.esc(id)).append('"')
                    .append(first ? " checked" : "").append("> ").append(HostedPages.esc(Institutions.ALL.get(id).name())).append("</label></li>");
            first = false;
        }
        HostedPages.page(ctx, 200, "Share your account information with " + app.name(),
                "<p>" + HostedPages.esc(app.name()) + " asks to read your accounts, balances and transactions for 90 days.</p>"
                        + "<form method=\"post\" action=\"/ais/" + c.getConsentUuid() + pageQuery + "\"><fieldset><legend>Choose your bank</legend><ul>"
                        + banks + "</ul></fieldset><button type=\"submit\" name=\"decision\" value=\"consent\" id=\"consent\">Consent</button> "
                        + "<button type=\"submit\" name=\"decision\" value=\"refuse\" id=\"refuse\">Refuse</button></form>");
    }

    /** {@code POST /ais/{uuid}}: the answer; back to the merchant's redirect (consented) or cancel URL. */
    void answer(Context ctx) {
        String decision = String.valueOf(ctx.formParam("decision"));
        String institution = ctx.formParam("institution");
        AisConsentRecord before = consents.find(ctx.pathParam("uuid")).orElse(null);
        if (before == null || institution == null || !Institutions.ALL.containsKey(institution)
                || (!decision.equals("consent") && !decision.equals("refuse"))) {
            HostedPages.page(ctx, 422, "Account access", "<p>Choose a bank, then consent or refuse.</p>");
            return;
        }
        AisConsentRecord c = consents.answer(before.getConsentUuid(), institution, decision.equals("consent")).orElse(before);
        boolean ok = c.getStatus().equals("AUTHORISED");
        String target = ok || c.getCancelUrl() == null ? c.getRedirectUrl() : c.getCancelUrl();
        ctx.redirect(target + (target.contains("?") ? "&" : "?") + "consent_id=" + c.getConsentUuid() + "&status=" + c.getStatus()
                + (c.getReferenceId() == null ? "" : "&reference_id=" + java.net.URLEncoder.encode(c.getReferenceId(),
                java.nio.charset.StandardCharsets.UTF_8)), HttpStatus.SEE_OTHER);
    }

    void cancel(Context ctx) {
        AisConsentRecord c = consents.cancel(api.application(ctx).key(), ctx.pathParam("accountConsent"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("consent_id", c.getConsentUuid());
        out.put("status", c.getStatus());
        out.putAll(payments.meta());
        ctx.json(out);
    }

    private AisConsentRecord consent(Context ctx) {
        return consents.usable(api.application(ctx).key(), ctx.pathParam("accountConsent"));
    }

    private Map<String, Object> with(String name, Object value) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(name, value);
        out.putAll(payments.meta());
        return out;
    }

    void details(Context ctx) {
        AisConsentRecord c = consent(ctx);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("consent_id", c.getConsentUuid());
        d.put("authorization_id", c.getAuthorizationId());
        d.put("status", c.getStatus());
        d.put("institution_remote_id", c.getInstitution());
        d.put("reference_id", c.getReferenceId());
        d.put("created_at", VendreoDates.format(c.getCreated()));
        d.put("expires_at", VendreoDates.format(c.getExpiresAt()));
        ctx.json(with("consent", d));
    }

    void identity(Context ctx) {
        AisConsentRecord c = consent(ctx);
        dev.standin.core.id.IdGenerator random = new dev.standin.core.id.IdGenerator(c.getConsentUuid().hashCode(), "identity", 0);
        String[] first = {"Alex", "Sam", "Jordan", "Taylor", "Morgan"};
        String[] last = {"Smith", "Jones", "Taylor", "Brown", "Wilson"};
        String name = first[random.nextInt(first.length)] + " " + last[random.nextInt(last.length)];
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("full_name", name);
        d.put("email", name.toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@example.com");
        d.put("phone", "+447700900" + random.digits(3));
        d.put("date_of_birth", "19" + (60 + random.nextInt(40)) + "-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10));
        d.put("addresses", List.of(Map.of("address_line1", (1 + random.nextInt(200)) + " High Street", "city", "London",
                "post_code", "SW1A " + (1 + random.nextInt(9)) + "AA", "country_code", "GB")));
        ctx.json(with("identity", d));
    }

    void bankAccounts(Context ctx) {
        ctx.json(with("bank_accounts", new BankData(consent(ctx)).accounts().stream().map(BankData.Account::view).toList()));
    }

    void institution(Context ctx) {
        AisConsentRecord c = consent(ctx);
        Institutions.Institution i = Institutions.ALL.get(c.getInstitution());
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("institution_remote_id", i.id());
        d.put("name", i.name());
        d.put("country_code", "GB");
        d.put("full_logo_url", ctx.scheme() + "://" + ctx.host() + "/assets/banks/" + i.id() + ".svg");
        ctx.json(with("institution", d));
    }

    private BankData.Account account(Context ctx) {
        String id = ctx.pathParam("bankAccount");
        return new BankData(consent(ctx)).accounts().stream().filter(a -> a.view().get("bank_account_id").equals(id)).findFirst()
                .orElseThrow(() -> ApiError.notFound("No bank account " + id + " in this consent"));
    }

    void accountView(Context ctx) {
        ctx.json(with("account", account(ctx).view()));
    }

    /** Transactions newest first, filtered by {@code date_from}/{@code date_to} (query or JSON body), 25 a page. */
    void transactions(Context ctx) {
        BankData.Account a = account(ctx);
        JsonNode body = ctx.body().isBlank() ? dev.standin.core.json.Json.mapper().createObjectNode() : JsonBody.lenientTree(ctx);
        LocalDate from = date(ctx.queryParam("date_from") != null ? ctx.queryParam("date_from") : body.path("date_from").asText(null), "date_from");
        LocalDate to = date(ctx.queryParam("date_to") != null ? ctx.queryParam("date_to") : body.path("date_to").asText(null), "date_to");
        String pageText = ctx.queryParam("page") != null ? ctx.queryParam("page") : body.path("page").asText("1");
        int page;
        try {
            page = Integer.parseInt(pageText);
        } catch (NumberFormatException e) {
            page = 0;
        }
        if (page < 1) {
            throw new ApiError(422, List.of(new ApiError.Violation("The page must be at least 1.", "INVALID", "page", "queryParam")));
        }
        List<Map<String, Object>> matching = new ArrayList<>();
        for (Map<String, Object> t : a.transactions()) {
            LocalDate day = LocalDate.parse(t.get("date").toString().substring(0, 10));
            if ((from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to))) {
                matching.add(t);
            }
        }
        int start = Math.min(matching.size(), (page - 1) * PAGE_SIZE);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("transactions", matching.subList(start, Math.min(matching.size(), start + PAGE_SIZE)));
        out.put("page", page);
        out.put("per_page", PAGE_SIZE);
        out.put("total", matching.size());
        out.put("last_page", Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE));
        out.putAll(payments.meta());
        ctx.json(out);
    }

    private static LocalDate date(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new ApiError(422, List.of(new ApiError.Violation("The " + field.replace('_', ' ') + " does not match the format Y-m-d.",
                    "INVALID", field, "queryParam")));
        }
    }

    void directDebits(Context ctx) {
        account(ctx);
        ctx.json(with("direct_debits", List.of(Map.of("name", "COUNCIL TAX", "reference", "CT-" + ctx.pathParam("bankAccount").substring(0, 6),
                "amount", 14_500, "currency", "GBP", "status", "ACTIVE"), Map.of("name", "ENERGY CO", "reference", "EN-88231", "amount", 9_800,
                "currency", "GBP", "status", "ACTIVE"))));
    }

    void periodicPayments(Context ctx) {
        BankData data = new BankData(consent(ctx));
        account(ctx);
        ctx.json(with("periodic_payments", List.of(Map.of("payee", "LANDLORD LTD", "amount", 95_000, "currency", "GBP", "frequency", "MONTHLY",
                "next_payment_date", data.day().plusMonths(1).withDayOfMonth(1) + " 00:00:00"))));
    }

    void scheduledPayments(Context ctx) {
        account(ctx);
        ctx.json(with("scheduled_payments", List.of()));
    }

    /** Monthly statements of the months the transactions cover, newest first: opening and closing balances agree with them. */
    private static List<Map<String, Object>> statements(BankData.Account a) {
        Map<String, List<Map<String, Object>>> byMonth = new LinkedHashMap<>();
        for (Map<String, Object> t : a.transactions()) {
            byMonth.computeIfAbsent(t.get("date").toString().substring(0, 7), k -> new ArrayList<>()).add(t);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        byMonth.forEach((month, list) -> {
            long closing = ((Number) list.getFirst().get("balance")).longValue();
            long total = list.stream().mapToLong(t -> ((Number) t.get("amount")).longValue()).sum();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("statement_id", month);
            m.put("start_date", month + "-01");
            m.put("end_date", LocalDate.parse(month + "-01").plusMonths(1).minusDays(1).toString());
            m.put("opening_balance", closing - total);
            m.put("closing_balance", closing);
            m.put("transaction_count", list.size());
            m.put("currency", "GBP");
            out.add(m);
        });
        return out;
    }

    void statementList(Context ctx) {
        ctx.json(with("statements", statements(account(ctx))));
    }

    void statement(Context ctx) {
        BankData.Account a = account(ctx);
        String id = ctx.pathParam("statementId");
        Map<String, Object> found = statements(a).stream().filter(m -> m.get("statement_id").equals(id)).findFirst()
                .orElseThrow(() -> ApiError.notFound("No statement " + id));
        Map<String, Object> statement = new LinkedHashMap<>(found);
        statement.put("transactions", a.transactions().stream().filter(t -> t.get("date").toString().startsWith(id)).toList());
        ctx.json(with("statement", statement));
    }
}
