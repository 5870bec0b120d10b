package dev.standin.provider.vendreo;

import dev.standin.support.AcceptanceTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Vendreo account information: a consent asked for, given at the hosted page, then its data read, cancelled and expired. */
class VendreoAisTest extends AcceptanceTest {
    RequestSpecification vendreo() {
        return on(server, "vendreo").redirects().follow(false);
    }

    RequestSpecification api() {
        return vendreo().header("Authorization", "Bearer " + VendreoTest.SECRET).contentType(ContentType.JSON);
    }

    /** The document's authorization example, then the shopper consents at Monzo; answers the consent id. */
    String consent(String decision) {
        JsonPath r = api().body("""
                {"application_key":"19899181-5f37-4282-90d1-683e69cf3d05","cancel_url":"https://example.org/failed","country_code":"GB",
                 "description":"Payment for Order Number #325682","reference_id":"string","redirect_url":"https://example.org/success",
                 "options":"{\\"sessionId\\":\\"foo\\"}"}""").post("/v1/ais/authorization").then().statusCode(200)
                .body("authorization_id", matchesPattern("^\\d+$")).body("meta.tracing_id", notNullValue()).extract().jsonPath();
        String page = VendreoTest.path(r.getString("redirect_url"));
        vendreo().get(page).then().statusCode(200).body(containsString("Share your account information")).body(containsString("Monzo"));
        String landed = vendreo().contentType(ContentType.URLENC).formParam("institution", "monzo").formParam("decision", decision)
                .post(page).then().statusCode(303).extract().header("Location");
        assertTrue(landed.startsWith(decision.equals("consent") ? "https://example.org/success?consent_id=" : "https://example.org/failed?"), landed);
        return landed.replaceFirst(".*consent_id=([^&]+).*", "$1");
    }

    @Test
    void aConsentedAccountShowsItsDataWithTransactionsThatAgreeWithTheBalance() {
        String consent = consent("consent");
        String base = "/v1/ais/consent/" + consent;
        api().get(base + "/details").then().statusCode(200).body("consent.status", equalTo("AUTHORISED"))
                .body("consent.institution_remote_id", equalTo("monzo")).body("consent.expires_at", equalTo("2026-04-01 00:00:00"));
        api().get(base + "/identity").then().statusCode(200).body("identity.full_name", notNullValue());
        api().get(base + "/institution").then().body("institution.name", equalTo("Monzo"));
        List<Map<String, Object>> accounts = api().get(base + "/bank-accounts").then().statusCode(200).body("bank_accounts", hasSize(2))
                .extract().path("bank_accounts");
        String account = accounts.getFirst().get("bank_account_id").toString();
        int balance = ((Number) accounts.getFirst().get("balance")).intValue();
        api().get(base + "/bank-accounts").then().body("bank_accounts[0].bank_account_id", equalTo(account)); // the same data every time
        api().get(base + "/bank-account/" + account + "/account").then().body("account.balance", equalTo(balance));
        JsonPath all = api().queryParam("page", 1).get(base + "/bank-account/" + account + "/transactions").then().statusCode(200)
                .body("per_page", equalTo(25)).extract().jsonPath();
        assertEquals(balance, all.getInt("transactions[0].balance"), "the newest transaction leaves the account's balance");
        List<Map<String, Object>> page = all.getList("transactions");
        for (int i = 1; i < page.size(); i++) {
            long after = ((Number) page.get(i - 1).get("balance")).longValue() - ((Number) page.get(i - 1).get("amount")).longValue();
            assertEquals(after, ((Number) page.get(i).get("balance")).longValue(), "running balances agree at " + i);
        }
        int total = all.getInt("total");
        api().queryParam("page", all.getInt("last_page")).get(base + "/bank-account/" + account + "/transactions").then()
                .body("transactions", hasSize(total - (all.getInt("last_page") - 1) * 25));
        api().body("{\"date_from\":\"2025-12-01\",\"date_to\":\"2025-12-31\",\"page\":1}").get(base + "/bank-account/" + account + "/transactions")
                .then().statusCode(200).body("transactions.date.every { it.startsWith('2025-12') }", equalTo(true));
        api().queryParam("date_from", "01/12/2025").get(base + "/bank-account/" + account + "/transactions").then().statusCode(422)
                .body("errors.date_from[0]", equalTo("The date from does not match the format Y-m-d."));
        io.restassured.path.json.JsonPath statements = api().get(base + "/bank-account/" + account + "/statements").then().statusCode(200)
                .extract().jsonPath();
        String statement = statements.getString("statements[0].statement_id");
        int count = statements.getInt("statements[0].transaction_count");
        api().get(base + "/bank-account/" + account + "/statement/" + statement).then().statusCode(200)
                .body("statement.closing_balance", equalTo(balance))
                .body("statement.transaction_count", equalTo(count))
                .body("statement.transactions", hasSize(count));
        api().get(base + "/bank-account/" + account + "/direct-debits").then().statusCode(200).body("direct_debits", hasSize(2));
        api().get(base + "/bank-account/" + account + "/periodic-payments").then().statusCode(200).body("periodic_payments", hasSize(1));
        api().get(base + "/bank-account/" + account + "/scheduled-payments").then().statusCode(200).body("scheduled_payments", hasSize(0));
        api().get(base + "/bank-account/nope/account").then().statusCode(404);
    }

    @Test
    void aCancelledRefusedExpiredOrAnotherApplicationsConsentAnswersAClearError() {
        String consent = consent("consent");
        vendreo().header("Authorization", "Bearer vendreo-other-secret-key").get("/v1/ais/consent/" + consent + "/details").then()
                .statusCode(404).body("message", containsString("No account consent"));
        api().body("{}").delete("/v1/ais/consent/" + consent + "/cancel").then().statusCode(200).body("status", equalTo("CANCELLED"));
        api().get("/v1/ais/consent/" + consent + "/bank-accounts").then().statusCode(422)
                .body("errors.accountConsent[0]", equalTo("The account consent is CANCELLED."));
        api().body("{}").delete("/v1/ais/consent/" + consent + "/cancel").then().statusCode(422);
        String refused = consent("refuse");
        api().get("/v1/ais/consent/" + refused + "/details").then().statusCode(422)
                .body("errors.accountConsent[0]", equalTo("The account consent is REFUSED."));
        String expiring = consent("consent");
        advance("P90D");
        api().get("/v1/ais/consent/" + expiring + "/details").then().statusCode(422)
                .body("errors.accountConsent[0]", equalTo("The account consent is EXPIRED."));
        api().body("{\"application_key\":\"" + VendreoTest.APP + "\"}").post("/v1/ais/authorization").then().statusCode(422)
                .body("errors.redirect_url[0]", equalTo("The redirect url field is required."));
        vendreo().contentType(ContentType.JSON).body("{}").post("/v1/ais/authorization").then().statusCode(401);
    }

    @Test
    void theConsentExpiresScenarioEndsAConsentAfterAnHour() throws Exception {
        loadScenario(java.nio.file.Files.readString(java.nio.file.Path.of("../scenarios/vendreo-consent-expires.yaml")));
        String consent = consent("consent");
        api().get("/v1/ais/consent/" + consent + "/details").then().statusCode(200).body("consent.expires_at", equalTo("2026-01-01 01:00:00"));
        advance("PT1H");
        api().get("/v1/ais/consent/" + consent + "/identity").then().statusCode(422)
                .body("errors.accountConsent[0]", equalTo("The account consent is EXPIRED."));
    }
}
