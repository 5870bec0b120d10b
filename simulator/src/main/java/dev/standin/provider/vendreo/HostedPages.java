package dev.standin.provider.vendreo;

import dev.standin.db.vendreo.tables.records.PaymentRecord;
import io.javalin.http.Context;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The pages a shopper sees, server-rendered on the Vendreo port: plain HTML forms (no scripts, no
 * external assets), so they work in any browser and with plain HTTP. Choose a bank, answer at the
 * simulated bank (authorise, deny, cancel), land on the merchant's redirect or failed URL with the
 * payment's reference in the query.
 */
final class HostedPages {
    private final PaymentRepository repo;
    private final Lifecycle lifecycle;
    private final Function<String, Optional<Application>> applications;
    /** Appended to every link, form and redirect between pages: how a created sandbox's pages find it. */
    private final String q;

    HostedPages(PaymentRepository repo, Lifecycle lifecycle, Function<String, Optional<Application>> applications, String pageQuery) {
        this.repo = repo;
        this.lifecycle = lifecycle;
        this.applications = applications;
        this.q = pageQuery;
    }

    /** {@code GET /payment/{uuid}} (also a payment link's {@code /pay/{uuid}} and an outgoing payment's {@code /dynamic-payment/{uuid}}). */
    void choose(Context ctx) {
        PaymentRecord p = payment(ctx);
        if (p == null) {
            return;
        }
        Application app = applications.apply(p.getApplicationKey()).orElseThrow();
        if (!open(p)) {
            page(ctx, 200, "Payment " + p.getPaymentReference(), "<p>This payment is " + esc(p.getStatus()) + ".</p>" + back(p));
            return;
        }
        StringBuilder banks = new StringBuilder();
        boolean first = true;
        for (String id : app.institutions()) {
            Institutions.Institution i = Institutions.ALL.get(id);
            banks.append("<li><label><input type=\"radio\" name=\"institution\" value=\"").append(esc(id)).append('"')
                    .append(first ? " checked" : "").append("> <img src=\"/assets/banks/").append(esc(id)).append(".svg\" alt=\"\" width=\"24\" height=\"24\"> ")
                    .append(esc(i.name())).append("</label></li>");
            first = false;
        }
        String verb = p.getKind().equals("OUTGOING") ? "Pay out " : "Pay ";
        page(ctx, 200, verb + money(p) + " to " + app.name(),
                "<p>" + esc(p.getDescription() == null ? "Payment " + p.getPaymentReference() : p.getDescription()) + "</p>"
                        + schedule(p)
                        + "<form method=\"post\" action=\"/payment/" + p.getPaymentUuid() + "/bank" + q + "\"><fieldset><legend>Choose your bank</legend><ul>"
                        + banks + "</ul></fieldset><button type=\"submit\" id=\"continue\">Continue to your bank</button></form>"
                        + "<form method=\"post\" action=\"/payment/" + p.getPaymentUuid() + "/cancel" + q + "\"><button type=\"submit\" id=\"cancel\">Cancel payment</button></form>");
    }

    /** {@code POST /payment/{uuid}/bank}: to the chosen bank's authorise page. */
    void bank(Context ctx) {
        PaymentRecord p = payment(ctx);
        if (p == null) {
            return;
        }
        String institution = ctx.formParam("institution");
        Application app = applications.apply(p.getApplicationKey()).orElseThrow();
        if (institution == null || !app.institutions().contains(institution)) {
            page(ctx, 422, "Choose your bank", "<p>Choose one of the banks offered.</p><p><a href=\"/payment/" + p.getPaymentUuid() + q + "\">Back</a></p>");
            return;
        }
        ctx.redirect("/bank/" + institution + "/authorise/" + p.getPaymentUuid() + q, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** {@code POST /payment/{uuid}/cancel}: the shopper gives up before choosing a bank. */
    void cancel(Context ctx) {
        PaymentRecord p = payment(ctx);
        if (p != null) {
            finish(ctx, p, lifecycle.decide(p.getPaymentUuid(), null, "cancel"));
        }
    }

    /** {@code GET /bank/{institution}/authorise/{uuid}}: the simulated bank; a rule on bank.decide may answer for the shopper. */
    void authorisePage(Context ctx) {
        PaymentRecord p = payment(ctx);
        String institution = ctx.pathParam("institution");
        Institutions.Institution bank = Institutions.ALL.get(institution);
        if (p == null) {
            return;
        }
        if (bank == null) {
            page(ctx, 404, "Unknown bank", "<p>There is no bank " + esc(institution) + ".</p>");
            return;
        }
        if (!open(p)) {
            page(ctx, 200, bank.name(), "<p>This payment is " + esc(p.getStatus()) + ".</p>" + back(p));
            return;
        }
        Optional<String> ruled = lifecycle.ruled(p, institution);
        if (ruled.isPresent()) {
            finish(ctx, p, lifecycle.decide(p.getPaymentUuid(), institution, ruled.get()));
            return;
        }
        Application app = applications.apply(p.getApplicationKey()).orElseThrow();
        page(ctx, 200, bank.name() + ": authorise a payment",
                "<p style=\"border-left:6px solid " + bank.colour() + ";padding-left:8px\">" + esc(bank.name()) + " (simulated)</p>"
                        + "<p>" + esc(app.name()) + " asks you to " + (p.getKind().equals("OUTGOING") ? "pay out " : "pay ") + money(p)
                        + " (reference " + esc(p.getPaymentReference()) + ").</p>" + schedule(p)
                        + "<form method=\"post\" action=\"/bank/" + esc(institution) + "/authorise/" + p.getPaymentUuid() + q + "\">"
                        + "<button type=\"submit\" name=\"decision\" value=\"authorise\" id=\"authorise\">Authorise</button> "
                        + "<button type=\"submit\" name=\"decision\" value=\"deny\" id=\"deny\">Deny</button> "
                        + "<button type=\"submit\" name=\"decision\" value=\"cancel\" id=\"cancel\">Cancel</button></form>");
    }

    /** {@code POST /bank/{institution}/authorise/{uuid}} with {@code decision}. */
    void authorise(Context ctx) {
        PaymentRecord p = payment(ctx);
        if (p == null) {
            return;
        }
        String decision = String.valueOf(ctx.formParam("decision")).toLowerCase(Locale.ROOT);
        if (!decision.equals("authorise") && !decision.equals("deny") && !decision.equals("cancel")) {
            page(ctx, 422, "Authorise", "<p>Choose authorise, deny or cancel.</p>");
            return;
        }
        finish(ctx, p, lifecycle.decide(p.getPaymentUuid(), ctx.pathParam("institution"), decision));
    }

    /** {@code GET /qr/{uuid}} and {@code /qr/redirect/{uuid}}: a QR code's landing, straight to the chosen bank. */
    void qr(Context ctx) {
        PaymentRecord p = payment(ctx);
        if (p != null) {
            ctx.redirect((p.getInstitution() == null ? "/payment/" + p.getPaymentUuid()
                    : "/bank/" + p.getInstitution() + "/authorise/" + p.getPaymentUuid()) + q, io.javalin.http.HttpStatus.SEE_OTHER);
        }
    }

    /** {@code GET /assets/banks/{id}.svg}: a bank's logo, drawn here. */
    void logo(Context ctx) {
        String id = ctx.pathParam("file").replaceFirst("\\.svg$", "");
        Institutions.Institution i = Institutions.ALL.get(id);
        if (i == null) {
            ctx.status(404).result("");
            return;
        }
        ctx.contentType("image/svg+xml").result("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 40 40\"><rect width=\"40\" height=\"40\" rx=\"8\" fill=\""
                + i.colour() + "\"/><text x=\"20\" y=\"26\" font-size=\"16\" text-anchor=\"middle\" fill=\"#fff\" font-family=\"sans-serif\">"
                + esc(i.name().substring(0, 1)) + "</text></svg>");
    }

    /** After the bank: to the merchant's redirect URL (authorised) or failed URL (denied, cancelled), with the payment in the query. */
    private void finish(Context ctx, PaymentRecord before, Optional<PaymentRecord> decided) {
        PaymentRecord p = decided.orElseGet(() -> repo.find(repo.dsl(), before.getPaymentUuid()).orElse(before));
        boolean ok = p.getAuthorised();
        String target = ok || p.getFailedUrl() == null ? p.getRedirectUrl() : p.getFailedUrl();
        if (target == null) {
            page(ctx, 200, "Payment " + p.getPaymentReference(), "<p>This payment is " + (ok ? "authorised" : esc(p.getStatus())) + ".</p>");
            return;
        }
        String query = "payment_uuid=" + p.getPaymentUuid() + "&payment_reference=" + p.getPaymentReference()
                + "&status=" + (ok ? "AUTHORISED" : "FAILED")
                + (p.getReferenceId() == null ? "" : "&reference_id=" + URLEncoder.encode(p.getReferenceId(), StandardCharsets.UTF_8));
        ctx.redirect(target + (target.contains("?") ? "&" : "?") + query, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private PaymentRecord payment(Context ctx) {
        PaymentRecord p = repo.find(repo.dsl(), ctx.pathParam("uuid")).orElse(null);
        if (p == null) {
            page(ctx, 404, "Payment not found", "<p>There is no such payment.</p>");
        }
        return p;
    }

    private static boolean open(PaymentRecord p) {
        return p.getStatus().equals("PENDING") && !p.getAuthorised();
    }

    private String back(PaymentRecord p) {
        return p.getRedirectUrl() == null ? "" : "<p><a href=\"" + esc(p.getRedirectUrl()) + "\">Return to the merchant</a></p>";
    }

    private String schedule(PaymentRecord p) {
        if (!p.getPaymentType().equals("PERIODIC")) {
            return "";
        }
        StringBuilder out = new StringBuilder("<p>Instalments:</p><ol>");
        repo.instalments(repo.dsl(), p.getPaymentUuid()).forEach(i -> out.append("<li>").append(pounds(i.getAmount())).append(" on ")
                .append(Payments.DATE_TIME.format(java.time.Instant.ofEpochMilli(i.getDateScheduled())).substring(0, 10)).append("</li>"));
        return out.append("</ol>").toString();
    }

    private static String money(PaymentRecord p) {
        return pounds(p.getAmount());
    }

    static String pounds(long minor) {
        return "£" + minor / 100 + "." + String.format(Locale.ROOT, "%02d", minor % 100);
    }

    static void page(Context ctx, int status, String title, String body) {
        ctx.status(status).contentType("text/html; charset=utf-8").result("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + esc(title) + " | Vendreo (Standin)</title>"
                + "<style>body{font-family:sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem}ul{list-style:none;padding:0}"
                + "li{margin:.5rem 0}button{font-size:1rem;padding:.5rem 1rem;margin:.25rem 0}</style></head><body><main><h1>" + esc(title)
                + "</h1>" + body + "</main></body></html>");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
