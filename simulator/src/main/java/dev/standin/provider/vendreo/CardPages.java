package dev.standin.provider.vendreo;

import dev.standin.core.http.ApiError;
import dev.standin.db.vendreo.tables.records.CardPaymentRecord;
import dev.standin.provider.vendreo.card.Bans;
import dev.standin.provider.vendreo.card.CardPayments;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.Map;

/**
 * The card side of the hosted pages: the card SDK script a merchant page loads, the card form it
 * embeds (an iframe, opened with the payment request token), and the 3-D Secure challenge. Plain HTML
 * forms; their POSTs navigate the whole window ({@code target="_top"}), so the shopper ends on the
 * merchant's redirect or failed URL.
 */
final class CardPages {
    private final CardPayments cards;
    private final Bans bans;

    CardPages(CardPayments cards, Bans bans) {
        this.cards = cards;
        this.bans = bans;
    }

    /** {@code GET /card/sdk.js}: {@code VendreoCard.mount(elementId, {token})} puts the card form in the element. */
    void sdk(Context ctx) {
        ctx.contentType("application/javascript; charset=utf-8").result("""
                (function () {
                  var script = document.currentScript;
                  var base = script ? new URL(script.src).origin : '';
                  window.VendreoCard = {
                    mount: function (elementId, options) {
                      var frame = document.createElement('iframe');
                      frame.src = base + '/card/form/' + encodeURIComponent(options.token);
                      frame.title = 'Card payment';
                      frame.id = 'vendreo-card-frame';
                      frame.style.width = options.width || '100%';
                      frame.style.height = options.height || '420px';
                      frame.style.border = '0';
                      document.getElementById(elementId).appendChild(frame);
                      return frame;
                    }
                  };
                })();
                """);
    }

    /** {@code GET /card/form/{token}}: card number, expiry, CVV and name (and the billing address when asked for). */
    void form(Context ctx) {
        CardPaymentRecord p = payment(ctx);
        if (p != null) {
            showForm(ctx, p, 200, null);
        }
    }

    private void showForm(Context ctx, CardPaymentRecord p, int status, String problem) {
        if (!p.getStatus().equals("PENDING") || p.getState().equals("3DS_REQUIRED")) {
            page(ctx, 200, "Card payment", "<p>This payment is " + HostedPages.esc(p.getStatus()) + ".</p>");
            return;
        }
        boolean address = CardPayments.flags(p).path("enable_address_field").asBoolean();
        page(ctx, status, "Pay " + HostedPages.pounds(p.getAmount()) + " by card",
                (problem == null ? "" : "<p role=\"alert\" id=\"problem\">" + HostedPages.esc(problem) + "</p>")
                        + "<form method=\"post\" action=\"/card/form/" + p.getRequestToken() + "\" target=\"_top\">"
                        + field("card_number", "Card number", "cc-number") + field("expiry", "Expiry (MM/YY)", "cc-exp")
                        + field("cvv", "Security code", "cc-csc") + field("name", "Name on card", "cc-name")
                        + (address ? field("address", "Billing address", "street-address") + field("post_code", "Post code", "postal-code") : "")
                        + "<button type=\"submit\" id=\"pay\">Pay</button></form>");
    }

    private static String field(String name, String label, String autocomplete) {
        return "<p><label for=\"" + name + "\">" + label + "</label><br><input id=\"" + name + "\" name=\"" + name + "\" autocomplete=\""
                + autocomplete + "\" required></p>";
    }

    /** {@code POST /card/form/{token}}: the card is submitted; to the challenge, or to the merchant. */
    void submit(Context ctx) {
        CardPaymentRecord p = payment(ctx);
        if (p == null) {
            return;
        }
        CardPayments.Card card;
        try {
            card = CardPayments.readCard(dev.standin.core.json.Json.mapper().valueToTree(Map.of(
                    "card_number", String.valueOf(ctx.formParam("card_number")), "expiry", String.valueOf(ctx.formParam("expiry")),
                    "cvv", String.valueOf(ctx.formParam("cvv")), "name", String.valueOf(ctx.formParam("name")))), cards.month());
        } catch (ApiError e) {
            showForm(ctx, p, 422, e.getMessage());
            return;
        }
        try {
            after(ctx, cards.submit(p.getRequestToken(), card, bans));
        } catch (ApiError e) {
            page(ctx, e.status(), "Card payment", "<p>" + HostedPages.esc(e.getMessage()) + "</p>");
        }
    }

    /** {@code GET /card/3ds/{token}}: the card issuer's challenge. */
    void challengePage(Context ctx) {
        CardPaymentRecord p = payment(ctx);
        if (p == null) {
            return;
        }
        if (!p.getState().equals("3DS_REQUIRED")) {
            page(ctx, 200, "3-D Secure", "<p>There is nothing to confirm for this payment.</p>");
            return;
        }
        page(ctx, 200, "3-D Secure: confirm your payment", "<p>" + HostedPages.esc(p.getCardScheme()) + " card ending " + HostedPages.esc(p.getLast_4())
                + ": confirm the payment of " + HostedPages.pounds(p.getAmount()) + " (simulated challenge).</p>"
                + "<form method=\"post\" action=\"/card/3ds/" + p.getRequestToken() + "\" target=\"_top\">"
                + "<button type=\"submit\" name=\"result\" value=\"pass\" id=\"pass\">Confirm</button> "
                + "<button type=\"submit\" name=\"result\" value=\"fail\" id=\"fail\">Fail the check</button></form>");
    }

    /** {@code POST /card/3ds/{token}} with {@code result} pass or fail. */
    void challenge(Context ctx) {
        CardPaymentRecord p = payment(ctx);
        if (p == null) {
            return;
        }
        String result = String.valueOf(ctx.formParam("result"));
        if (!result.equals("pass") && !result.equals("fail")) {
            page(ctx, 422, "3-D Secure", "<p>Confirm or fail the check.</p>");
            return;
        }
        try {
            after(ctx, cards.challenge(p.getRequestToken(), result.equals("pass")));
        } catch (ApiError e) {
            page(ctx, e.status(), "3-D Secure", "<p>" + HostedPages.esc(e.getMessage()) + "</p>");
        }
    }

    /** To the challenge when one is asked, else to the merchant's URL (or a result page without one). */
    private static void after(Context ctx, CardPaymentRecord p) {
        if (p.getState().equals("3DS_REQUIRED")) {
            ctx.redirect("/card/3ds/" + p.getRequestToken(), HttpStatus.SEE_OTHER);
            return;
        }
        Object target = CardViews.submitted(p).get("redirect_url");
        if (target != null) {
            ctx.redirect(target.toString(), HttpStatus.SEE_OTHER);
        } else {
            page(ctx, 200, "Card payment", "<p>This payment is " + HostedPages.esc(p.getStatus()) + ".</p>");
        }
    }

    private CardPaymentRecord payment(Context ctx) {
        CardPaymentRecord p = cards.repo().byToken(ctx.pathParam("token")).orElse(null);
        if (p == null) {
            page(ctx, 404, "Card payment not found", "<p>There is no such card payment.</p>");
        }
        return p;
    }

    private static void page(Context ctx, int status, String title, String body) {
        HostedPages.page(ctx, status, title, body);
    }
}
