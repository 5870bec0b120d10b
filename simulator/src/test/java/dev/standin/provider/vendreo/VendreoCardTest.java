package dev.standin.provider.vendreo;

import dev.standin.support.AcceptanceTest;
import dev.standin.support.WebhookReceiver;
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

/** Vendreo card payments: the card form's submission, 3-D Secure, captures, refunds, voids, rebills and bans. */
class VendreoCardTest extends AcceptanceTest {
    /** The document's card request-payment example, as written (flags as strings). */
    static final String REQUEST = """
            {
              "amount": "1999",
              "application_key": "19899181-5f37-4282-90d1-683e69cf3d05",
              "country_code": "GB",
              "currency": "GBP",
              "customer_name": "Joe Blogs",
              "customer_billing_email": "Joe Blogs",
              "customer_billing_address": "123 Foo Street",
              "customer_billing_town": "London",
              "customer_billing_post_code": "GB",
              "customer_billing_country_code": "AA1 1AA",
              "tokenize_payment": "true",
              "enable_address_field": "true",
              "disable_auto_capture": "true",
              "enable_verify_card": "true",
              "mandate_3ds_challenge": "true",
              "ip_address": "1.12.123.255",
              "user_session_id": "b5a3aa9b-7583-4434-8e69-1253453c99de",
              "description": "Payment for Order Number #325682",
              "reference_id": "string",
              "options": "{\\"sessionId\\":\\"foo\\"}"
            }""";

    RequestSpecification api() {
        return on(server, "vendreo").header("Authorization", "Bearer " + VendreoTest.SECRET).contentType(ContentType.JSON);
    }

    /** A card payment with these flags (booleans), amount 1999, from 10.0.0.1; answers its token and id. */
    String[] request(Map<String, Boolean> flags) {
        StringBuilder body = new StringBuilder("{\"amount\":1999,\"application_key\":\"" + VendreoTest.APP
                + "\",\"reference_id\":\"card-order\",\"ip_address\":\"10.0.0.1\",\"redirect_url\":\"https://shop.example/ok\","
                + "\"failed_url\":\"https://shop.example/failed\"");
        flags.forEach((k, v) -> body.append(",\"").append(k).append("\":").append(v));
        JsonPath r = api().body(body.append('}').toString()).post("/v1/card/request-payment").then().statusCode(200).extract().jsonPath();
        return new String[]{r.getString("payment_request_token"), r.getString("payment_request_id")};
    }

    JsonPath submit(String token, String card) {
        return control().contentType(ContentType.JSON).body("{\"card_number\":\"" + card + "\",\"expiry\":\"12/28\",\"cvv\":\"123\",\"name\":\"Joe\"}")
                .post("/_sim/vendreo/card-payments/" + token + "/submit").then().statusCode(200).extract().jsonPath();
    }

    JsonPath details(String uuid) {
        return api().get("/v1/card/payment/" + uuid + "/details").then().statusCode(200).extract().jsonPath();
    }

    WebhookReceiver callbacks() throws Exception {
        WebhookReceiver receiver = new WebhookReceiver();
        control().contentType(ContentType.JSON).body("{\"callback_url\":\"" + receiver.url() + "\"}").put("/_sim/vendreo/applications/" + VendreoTest.APP)
                .then().statusCode(200);
        return receiver;
    }

    @Test
    void theDocumentsCardRequestAnswersATokenAndItsFlagsAreHonoured() {
        JsonPath r = api().body(REQUEST).post("/v1/card/request-payment").then().statusCode(200)
                .body("payment_request_id", matchesPattern("^\\d+$")).body("payment_request_token", matchesPattern(VendreoTest.UUID))
                .body("meta.tracing_id", matchesPattern(VendreoTest.UUID)).extract().jsonPath();
        JsonPath challenged = submit(r.getString("payment_request_token"), "4242424242424242");
        assertEquals("CHALLENGE", challenged.getString("status"), "mandate_3ds_challenge asks for 3-D Secure");
        JsonPath passed = control().contentType(ContentType.JSON).body("{\"result\":\"pass\"}")
                .post("/_sim/vendreo/card-payments/" + r.getString("payment_request_token") + "/challenge").then().statusCode(200).extract().jsonPath();
        assertEquals("AUTHORISED", passed.getString("status"), "disable_auto_capture leaves it authorised");
        api().get("/v1/card/payment/" + passed.getString("payment_uuid") + "/details").then()
                .body("status", equalTo("AUTHORISED")).body("action", equalTo("PREAUTH")).body("card_scheme", equalTo("Visa"))
                .body("card_type", equalTo("Visa Debit")).body("last_4", equalTo("4242")).body("card_expiry", equalTo("12/28"))
                .body("card_hash", matchesPattern("^[0-9a-f]{64}$")).body("card_issuing_country", equalTo("United Kingdom"))
                .body("security_3d_secure_check", equalTo("authenticated")).body("security_address_check", equalTo("matched"))
                .body("token_uuid", matchesPattern(VendreoTest.UUID)).body("customer_name", equalTo("Joe Blogs"))
                .body("customer_ip", equalTo("1.12.123.255")).body("amount", equalTo(1999)).body("amount_received", equalTo(0))
                .body("payment_request.reference", equalTo("string")).body("currency_symbol", equalTo("£"));
    }

    @Test
    void anApprovedCardIsCapturedSettlesAndIsRefundedPartlyThenVoidedAsARefund() throws Exception {
        try (WebhookReceiver receiver = callbacks()) {
            String[] p = request(Map.of());
            JsonPath paid = submit(p[0], "4242424242424242");
            assertEquals("CONFIRMED", paid.getString("status"));
            assertEquals(true, paid.getString("redirect_url").startsWith("https://shop.example/ok?payment_uuid="));
            String uuid = paid.getString("payment_uuid");
            assertEquals("card-order", VendreoTest.await(receiver, "card_payment_completed").getString("reference_id"));
            api().body("{}").delete("/v1/card/payment/" + uuid + "/cancel").then().statusCode(422)
                    .body("errors.payment[0]", equalTo("The payment cannot be cancelled: it is CONFIRMED."));
            advance("PT1M");
            assertEquals("COMPLETED", details(uuid).getString("status"));
            api().body("{\"amount\":500,\"reason\":[\"GOODS_RETURNED\"]}").delete("/v1/card/payment/" + uuid + "/refund").then().statusCode(200)
                    .body("refund_payment.amount", equalTo(500)).body("payment.payment_uuid", equalTo(uuid)).body("meta.tracing_id", notNullValue());
            api().body("{\"amount\":1500}").delete("/v1/card/payment/" + uuid + "/refund").then().statusCode(422)
                    .body("errors.amount[0]", containsString("may not be greater than 1499"));
            api().body("{}").delete("/v1/card/payment/" + uuid + "/void").then().statusCode(200).body("type", equalTo("REFUND"))
                    .body("refund_payment.amount", equalTo(1499));
            api().get("/v1/card/payment/" + uuid + "/details").then().body("status", equalTo("REFUNDED")).body("amount_retained", equalTo(0));
        }
    }

    @Test
    void theTestCardsDeclineWithTheirReasonsAndTheShopperGoesToTheFailedUrl() throws Exception {
        try (WebhookReceiver receiver = callbacks()) {
            Map<String, String> cards = Map.of("4000000000000002", "DO_NOT_HONOUR", "4000000000009995", "INSUFFICIENT_FUNDS",
                    "4000000000000069", "EXPIRED_CARD", "4000000000009979", "STOLEN_CARD");
            cards.forEach((card, reason) -> {
                JsonPath r = submit(request(Map.of())[0], card);
                assertEquals("DECLINED", r.getString("status"));
                assertEquals(reason, r.getString("decline_reason"));
                assertEquals(true, r.getString("redirect_url").startsWith("https://shop.example/failed?"));
            });
            assertEquals("card-order", VendreoTest.await(receiver, "card_payment_failed").getString("reference_id"));
            control().contentType(ContentType.JSON).body("{\"card_number\":\"4242424242424241\",\"expiry\":\"12/20\",\"cvv\":\"1\"}")
                    .post("/_sim/vendreo/card-payments/" + request(Map.of())[0] + "/submit").then().statusCode(422)
                    .body("field", equalTo("card_number")).body("message", equalTo("The card number is invalid.")); // the control API's shape
        }
    }

    @Test
    void theThreeDSecureCardIsChallengedAndAFailedChallengeDeclines() {
        String token = request(Map.of())[0];
        assertEquals("CHALLENGE", submit(token, "4000000000003220").getString("status"));
        control().contentType(ContentType.JSON).body("{\"result\":\"fail\"}").post("/_sim/vendreo/card-payments/" + token + "/challenge").then()
                .statusCode(200).body("status", equalTo("DECLINED")).body("decline_reason", equalTo("THREE_D_SECURE_FAILED"));
        control().contentType(ContentType.JSON).body("{\"result\":\"pass\"}").post("/_sim/vendreo/card-payments/" + token + "/challenge").then()
                .statusCode(422);
    }

    @Test
    void anAuthorisationIsCapturedOnceUpToItsAmountOrCancelledOrExpires() {
        String uuid = submit(request(Map.of("disable_auto_capture", true))[0], "5555555555554444").getString("payment_uuid");
        api().body("{\"amount\":2000}").post("/v1/card/payment/" + uuid + "/capture").then().statusCode(422).body("errors.amount", notNullValue());
        api().body("{\"amount\":1000}").post("/v1/card/payment/" + uuid + "/capture").then().statusCode(200).body("amount", equalTo(1000))
                .body("payment_uuid", equalTo(uuid));
        api().body("{}").post("/v1/card/payment/" + uuid + "/capture").then().statusCode(422)
                .body("errors.payment[0]", equalTo("The payment cannot be captured: it is CONFIRMED."));
        api().body("{}").delete("/v1/card/payment/" + uuid + "/void").then().statusCode(200).body("type", equalTo("CANCEL"));
        String cancelled = submit(request(Map.of("disable_auto_capture", true))[0], "4242424242424242").getString("payment_uuid");
        api().body("{}").delete("/v1/card/payment/" + cancelled + "/cancel").then().statusCode(200).body("amount", equalTo(1999));
        String expiring = submit(request(Map.of("disable_auto_capture", true))[0], "4242424242424242").getString("payment_uuid");
        advance("P7D");
        assertEquals("CANCELLED", details(expiring).getString("status"));
        assertEquals("EXPIRED", details(expiring).getString("state"));
    }

    @Test
    void aTokenisedCardIsRebilledWithoutAPage() {
        String uuid = submit(request(Map.of("tokenize_payment", true))[0], "4242424242424242").getString("payment_uuid");
        String token = details(uuid).getString("token_uuid");
        String rebill = "{\"amount\":\"750\",\"description\":\"Month 2\",\"reference_id\":\"sub-2\",\"application_key\":\"" + VendreoTest.APP
                + "\",\"country_code\":\"GB\",\"currency\":\"GBP\"}";
        JsonPath r = api().body(rebill).post("/v1/card/token/" + token + "/rebill").then().statusCode(200).body("status", equalTo("COMPLETED"))
                .body("token", equalTo(token)).body("environment", equalTo("SANDBOX")).extract().jsonPath();
        assertEquals(750, details(r.getString("payment_uuid")).getInt("amount_received"));
        api().body(rebill).post("/v1/card/token/00000000-0000-4000-8000-000000000000/rebill").then().statusCode(422)
                .body("errors.cardPaymentToken[0]", equalTo("The selected card payment token is invalid."));
    }

    @Test
    void bansOfAnIpAddressOrACardHashDeclineUntilTheyExpireOrAreRemoved() {
        // the array form of the document's example, beyond its AddBan schema (a string): accepted, so not contract-checked
        dev.standin.support.ApiContracts.unchecked(() -> api().body("{\"type\":[\"IP_ADDRESS\"],\"reference\":\"10.0.0.1\",\"expires_at\":\"2026-01-01T01:00:00Z\"}")
                .post("/v1/card/bans/add").then().statusCode(200).body("success", equalTo("true")).body("ban_id", notNullValue()));
        api().get("/v1/card/bans").then().statusCode(200).body("$", hasSize(1)).body("[0].type", equalTo("IP_ADDRESS"))
                .body("[0].reference_id", equalTo("10.0.0.1")).body("[0].created_at", equalTo("2026-01-01 00:00:00"));
        assertEquals("BANNED", submit(request(Map.of())[0], "4242424242424242").getString("decline_reason"));
        advance("PT1H");
        api().get("/v1/card/bans").then().body("$", hasSize(0));
        String uuid = submit(request(Map.of())[0], "4242424242424242").getString("payment_uuid");
        String hash = details(uuid).getString("card_hash");
        long id = api().body("{\"type\":\"CARD_HASH\",\"reference\":\"" + hash + "\"}").post("/v1/card/bans/add").then().statusCode(200)
                .extract().jsonPath().getLong("ban_id");
        assertEquals("BANNED", submit(request(Map.of())[0], "4242424242424242").getString("decline_reason"));
        api().body("{}").delete("/v1/card/bans/" + id + "/remove").then().statusCode(200).body("success", equalTo("true"));
        assertEquals("CONFIRMED", submit(request(Map.of())[0], "4242424242424242").getString("status"));
        api().body("{}").delete("/v1/card/bans/" + id + "/remove").then().statusCode(422);
        api().body("{\"type\":\"EMAIL\"}").post("/v1/card/bans/add").then().statusCode(422)
                .body("errors.type[0]", equalTo("The selected type is invalid.")).body("errors.reference", notNullValue());
    }

    @Test
    void aRuleOnCardAuthoriseDeclinesAndCardEndpointsAnswer401And422() {
        loadScenario("""
                version: 1
                name: big-cards-declined
                rules:
                  - name: big
                    match: {provider: vendreo, event: card.authorise, entity: {amount: {min: 1000}}}
                    effect: {outcome: {type: decline, reason: insufficientFunds}}
                """);
        assertEquals("INSUFFICIENT_FUNDS", submit(request(Map.of())[0], "4242424242424242").getString("decline_reason"));
        on(server, "vendreo").contentType(ContentType.JSON).body("{}").post("/v1/card/request-payment").then().statusCode(401)
                .body("message", equalTo("Unauthenticated."));
        on(server, "vendreo").get("/v1/card/bans").then().statusCode(401);
        api().body("{\"application_key\":\"" + VendreoTest.APP + "\",\"tokenize_payment\":\"yes\"}").post("/v1/card/request-payment").then()
                .statusCode(422).body("errors.amount[0]", equalTo("The amount field is required."))
                .body("errors.tokenize_payment[0]", equalTo("The tokenize payment field must be true or false."));
        api().get("/v1/card/payment/00000000-0000-4000-8000-000000000000/details").then().statusCode(422)
                .body("errors.paymentCard[0]", equalTo("The selected payment card is invalid."));
        List.of("refund", "cancel", "void").forEach(op -> api().body("{}").delete("/v1/card/payment/x/" + op).then().statusCode(422));
    }

    @Test
    void theCardDeclinedScenarioDeclinesEveryCard() throws Exception {
        loadScenario(java.nio.file.Files.readString(java.nio.file.Path.of("../scenarios/vendreo-card-declined.yaml")));
        JsonPath r = submit(request(Map.of())[0], "4242424242424242");
        assertEquals("DECLINED", r.getString("status"));
        assertEquals("DO_NOT_HONOUR", r.getString("decline_reason"));
    }

    @Test
    void theCardFormAndSdkAreServedAndTheFormWorksWithPlainHttp() {
        on(server, "vendreo").get("/card/sdk.js").then().statusCode(200).contentType(containsString("javascript"))
                .body(containsString("VendreoCard")).body(containsString("/card/form/"));
        String token = request(Map.of("enable_address_field", true))[0];
        on(server, "vendreo").get("/card/form/" + token).then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("Pay £19.99 by card")).body(containsString("name=\"post_code\""));
        on(server, "vendreo").redirects().follow(false).contentType(ContentType.URLENC).formParam("card_number", "4242 4242 4242 4241")
                .formParam("expiry", "12/28").formParam("cvv", "123").formParam("name", "Joe").post("/card/form/" + token).then()
                .statusCode(422).body(containsString("The card number is invalid."));
        String landed = on(server, "vendreo").redirects().follow(false).contentType(ContentType.URLENC).formParam("card_number", "4000 0000 0000 3220")
                .formParam("expiry", "12/28").formParam("cvv", "123").formParam("name", "Joe").post("/card/form/" + token).then()
                .statusCode(303).extract().header("Location");
        assertEquals("/card/3ds/" + token, landed);
        on(server, "vendreo").get(landed).then().statusCode(200).body(containsString("ending 3220"));
        String merchant = on(server, "vendreo").redirects().follow(false).contentType(ContentType.URLENC).formParam("result", "fail")
                .post(landed).then().statusCode(303).extract().header("Location");
        assertEquals(true, merchant.startsWith("https://shop.example/failed?payment_uuid="), merchant);
        on(server, "vendreo").get("/card/form/" + token).then().statusCode(200).body(containsString("DECLINED"));
        on(server, "vendreo").get("/card/form/not-a-token").then().statusCode(404);
    }

    @Test
    void theThreeDSecureFailsAndBannedIpScenariosDecline() throws Exception {
        loadScenario(java.nio.file.Files.readString(java.nio.file.Path.of("../scenarios/vendreo-3ds-fails.yaml")));
        JsonPath failed = submit(request(Map.of())[0], "4242424242424242");
        assertEquals("DECLINED", failed.getString("status"));
        assertEquals("THREE_D_SECURE_FAILED", failed.getString("decline_reason"));
        control().delete("/_sim/scenarios/vendreo-3ds-fails").then().statusCode(204);
        loadScenario(java.nio.file.Files.readString(java.nio.file.Path.of("../scenarios/vendreo-banned-ip.yaml")));
        api().get("/v1/card/bans").then().body("reference_id", org.hamcrest.Matchers.hasItem("203.0.113.66"));
        String token = api().body("{\"amount\":100,\"application_key\":\"" + VendreoTest.APP + "\",\"ip_address\":\"203.0.113.66\"}")
                .post("/v1/card/request-payment").then().statusCode(200).extract().path("payment_request_token");
        assertEquals("BANNED", submit(token, "4242424242424242").getString("decline_reason"));
    }
}
