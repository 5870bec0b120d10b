package dev.standin.provider.vendreo;

import dev.standin.support.AcceptanceTest;
import dev.standin.support.WebhookReceiver;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Vendreo open banking through its API and its hosted pages, followed as plain HTTP forms. */
class VendreoTest extends AcceptanceTest {
    static final String APP = "19899181-5f37-4282-90d1-683e69cf3d05";
    static final String SECRET = "vendreo-secret-key";
    static final String UUID = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

    /** The document's request-payment example, as written. */
    static final String REQUEST_PAYMENT = """
            {
              "amount": "1999",
              "application_key": "19899181-5f37-4282-90d1-683e69cf3d05",
              "basket_items": [
                {
                  "description": "string",
                  "quantity": "10",
                  "price": "199",
                  "total": "1990"
                }
              ],
              "country_code": "GB",
              "currency": "GBP",
              "description": "Payment for Order Number #325682",
              "failed_url": "https://example.org/failed",
              "first_payment_date": "20/03/2020",
              "frequency": "daily",
              "number_of_payments": 0,
              "payment_type": "PERIODIC",
              "parent_payment_id": 0,
              "reference_id": "string",
              "redirect_url": "https://example.org/success",
              "options": "{\\"sessionId\\":\\"foo\\"}"
            }""";

    static String single(int amount, String reference) {
        return "{\"amount\":" + amount + ",\"application_key\":\"" + APP + "\",\"currency\":\"GBP\",\"payment_type\":\"single\","
                + "\"description\":\"Order " + reference + "\",\"reference_id\":\"" + reference + "\",\"redirect_url\":\"https://shop.example/ok\","
                + "\"failed_url\":\"https://shop.example/failed\"}";
    }

    RequestSpecification vendreo() {
        return on(server, "vendreo").redirects().follow(false);
    }

    RequestSpecification api() {
        return vendreo().header("Authorization", "Bearer " + SECRET).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** The path (and query) of an absolute URL on the Vendreo port. */
    static String path(String url) {
        URI u = URI.create(url);
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    String uuidOf(String redirectUrl) {
        return redirectUrl.substring(redirectUrl.lastIndexOf('/') + 1);
    }

    /** Walks the hosted pages: the bank list, the chosen bank, the answer; returns where the shopper lands. */
    String shopper(String redirectUrl, String bank, String decision) {
        return shopper(server, redirectUrl, bank, decision);
    }

    static String shopper(dev.standin.StandinServer server, String redirectUrl, String bank, String decision) {
        java.util.function.Supplier<RequestSpecification> vendreo = () -> on(server, "vendreo").redirects().follow(false);
        String query = redirectUrl.contains("?") ? redirectUrl.substring(redirectUrl.indexOf('?')) : "";
        String uuid = redirectUrl.substring(redirectUrl.lastIndexOf('/') + 1, redirectUrl.length() - query.length());
        String page = vendreo.get().get(path(redirectUrl)).then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("Choose your bank")).extract().asString();
        String action = page.replaceFirst("(?s).*<form method=\"post\" action=\"([^\"]+/bank[^\"]*)\".*", "$1");
        String bankPage = vendreo.get().contentType(ContentType.URLENC).formParam("institution", bank).post(action).then().statusCode(303)
                .extract().header("Location");
        assertEquals("/bank/" + bank + "/authorise/" + uuid + query, bankPage);
        vendreo.get().get(bankPage).then().statusCode(200).body(containsString("Authorise"));
        return vendreo.get().contentType(ContentType.URLENC).formParam("decision", decision).post(bankPage).then().statusCode(303)
                .extract().header("Location");
    }

    WebhookReceiver callbacks() throws Exception {
        WebhookReceiver receiver = new WebhookReceiver();
        control().contentType(ContentType.JSON).body("{\"callback_url\":\"" + receiver.url() + "\"}").put("/_sim/vendreo/applications/" + APP)
                .then().statusCode(200);
        return receiver;
    }

    static JsonPath await(WebhookReceiver receiver, String act) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (WebhookReceiver.Received r : receiver.received()) {
                if (r.body().contains("\"act\":\"" + act + "\"")) {
                    return new JsonPath(r.body());
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + act + " callback: " + receiver.received());
    }

    @Test
    void theDocumentsRequestPaymentExampleAnswersItsShape() {
        api().body(REQUEST_PAYMENT).post("/v1/request-payment").then().statusCode(200)
                .body("meta.tracing_id", matchesPattern(UUID)).body("payment_request_id", matchesPattern("^\\d+$"))
                .body("redirect_url", matchesPattern("^http://127\\.0\\.0\\.1:\\d+/payment/[0-9a-f-]{36}$"))
                .body("subscription_id", matchesPattern("^\\d+$"));
    }

    @Test
    void aShopperAuthorisesAtTheBankLandsOnTheMerchantAndThePaymentSettles() throws Exception {
        try (WebhookReceiver receiver = callbacks()) {
            String url = api().body(single(1999, "order-1")).post("/v1/request-payment").then().statusCode(200)
                    .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("subscription_id"))).extract().path("redirect_url");
            String uuid = uuidOf(url);
            String landed = shopper(url, "starling", "authorise");
            assertEquals("https://shop.example/ok?payment_uuid=" + uuid, landed.substring(0, landed.indexOf('&')));
            assertTrue(landed.contains("status=AUTHORISED") && landed.contains("reference_id=order-1"), landed);
            api().get("/v1/payment/" + uuid).then().statusCode(200).body("status", equalTo("PENDING")).body("payment_type", equalTo("SINGLE"))
                    .body("amount", equalTo("1999")).body("payment_reference", matchesPattern("^VND[A-Z0-9]{5}$"))
                    .body("transactions", hasSize(1)).body("transactions[0].completed", equalTo(false))
                    .body("transactions[0].date_estimated", equalTo("2026-01-01 00:00:05")).body("meta.tracing_id", notNullValue());
            advance("PT5S");
            api().get("/v1/payment/" + uuid).then().body("status", equalTo("COMPLETED")).body("transactions[0].completed", equalTo(true))
                    .body("transactions[0].cross_checked", equalTo(true)).body("transactions[0].date_completed", equalTo("2026-01-01 00:00:05"))
                    .body("transactions[0].amount", equalTo("1999")).body("transactions[0].currency", equalTo("GBP"));
            JsonPath callback = await(receiver, "payment_completed");
            assertEquals("order-1", callback.getString("reference_id"));
            assertEquals(uuid, callback.getString("payment_uuid"));
            api().body("{\"payments\":[\"" + uuid + "\"]}").get("/v1/payments").then().statusCode(200).body("$", hasSize(1))
                    .body("[0].status", equalTo("COMPLETED"));
            api().queryParam("payments[]", uuid).get("/v1/payments").then().body("[0].payment_uuid", equalTo(uuid));
            vendreo().get(path(url)).then().statusCode(200).body(containsString("COMPLETED"));
        }
    }

    @Test
    void aDeniedOrCancelledPaymentFailsToTheFailedUrlAndAnUnauthorisedOneExpires() throws Exception {
        try (WebhookReceiver receiver = callbacks()) {
            String denied = api().body(single(500, "deny-me")).post("/v1/request-payment").then().extract().path("redirect_url");
            assertTrue(shopper(denied, "barclays", "deny").startsWith("https://shop.example/failed?payment_uuid=" + uuidOf(denied)));
            api().get("/v1/payment/" + uuidOf(denied)).then().body("status", equalTo("FAILED"));
            assertEquals("deny-me", await(receiver, "payment_failed").getString("reference_id"));
            String cancelled = api().body(single(500, "cancel-me")).post("/v1/request-payment").then().extract().path("redirect_url");
            vendreo().post("/payment/" + uuidOf(cancelled) + "/cancel").then().statusCode(303).header("Location", startsWith("https://shop.example/failed"));
            String left = api().body(single(500, "walk-away")).post("/v1/request-payment").then().extract().path("redirect_url");
            advance("PT30M");
            api().get("/v1/payment/" + uuidOf(left)).then().body("status", equalTo("FAILED"));
            vendreo().get("/bank/hsbc/authorise/" + uuidOf(left)).then().statusCode(200).body(containsString("FAILED"));
        }
    }

    @Test
    void aPeriodicPaymentCollectsEachInstalmentWhenTheClockReachesIt() throws Exception {
        String tomorrow = LocalDate.of(2026, 1, 2).format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
        String body = REQUEST_PAYMENT.replace("20/03/2020", tomorrow).replace("\"daily\"", "\"weekly\"").replace("\"number_of_payments\": 0", "\"number_of_payments\": 3")
                .replace("https://example.org/success", "https://shop.example/ok");
        try (WebhookReceiver receiver = callbacks()) {
            JsonPath created = api().body(body).post("/v1/request-payment").then().statusCode(200).extract().jsonPath();
            String uuid = uuidOf(created.getString("redirect_url"));
            api().get("/v1/payment/" + uuid).then().body("payment_type", equalTo("PERIODIC")).body("scheduled", hasSize(3))
                    .body("scheduled.date_scheduled", equalTo(List.of("2026-01-02 00:00:00", "2026-01-09 00:00:00", "2026-01-16 00:00:00")))
                    .body("scheduled[0].completed", equalTo(false));
            shopper(created.getString("redirect_url"), "monzo", "authorise");
            api().get("/v1/payment/" + uuid).then().body("status", equalTo("SCHEDULED"));
            advance("P1D");
            api().get("/v1/payment/" + uuid).then().body("transactions", hasSize(1)).body("scheduled[0].success", equalTo(true))
                    .body("scheduled[1].completed", equalTo(false));
            advance("P14D");
            api().get("/v1/payment/" + uuid).then().body("status", equalTo("COMPLETED")).body("transactions", hasSize(3));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (receiver.received().stream().filter(r -> r.body().contains("payment_completed")).count() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(List.of(1, 2, 3), receiver.received().stream().filter(r -> r.body().contains("payment_completed"))
                    .map(r -> new JsonPath(r.body()).getInt("instalment")).sorted().toList(), "one callback per instalment");
        }
    }

    @Test
    void subscriptionsOutgoingPaymentsLinksAndHeadlessCheckoutAnswerTheirShapes() {
        api().body("""
                {"application_key":"19899181-5f37-4282-90d1-683e69cf3d05","country_code":"GB","currency":"GBP",
                 "description":"Payment for Order Number #325682","first_amount":"1999","frequency":"daily","number_of_payments":0,
                 "recurring_amount":"1999","redirect_url":"https://example.org/success","reference_id":"string","options":"{\\"sessionId\\":\\"foo\\"}"}""")
                .post("/v1/create-subscription").then().statusCode(200).body("payment_request_id", matchesPattern("^\\d+$"))
                .body("redirect_url", containsString("/payment/")).body("meta.tracing_id", matchesPattern(UUID));
        String link = api().body("""
                {"amount":"1999","currency":"GBP","description":"Payment for Order Number #325682","redirect_url":"https://example.org/success",
                 "application_key":"19899181-5f37-4282-90d1-683e69cf3d05"}""").post("/v1/request-a-payment").then().statusCode(200)
                .body("request_a_payment_id", matchesPattern("^\\d+$")).body("redirect_url", containsString("/pay/")).extract().path("redirect_url");
        vendreo().get(path(link)).then().statusCode(200).body(containsString("£19.99"));
        String paid = api().body(single(1999, "to-refund")).post("/v1/request-payment").then().extract().path("redirect_url");
        shopper(paid, "lloyds", "authorise");
        advance("PT5S");
        String outgoing = "{\"account_name\":\"Mr Joe Bloggs\",\"account_number\":\"12345678\",\"amount\":\"%s\",\"application_key\":\"" + APP
                + "\",\"currency\":\"GBP\",\"description\":\"Refund\",\"original_payment_uuid\":\"" + uuidOf(paid)
                + "\",\"redirect_url\":\"https://example.org/success\",\"sort_code\":\"123456\"}";
        api().body(outgoing.formatted("2000")).post("/v1/request-outgoing-payment").then().statusCode(422)
                .body("errors.amount[0]", containsString("may not be greater than 1999"));
        String out = api().body(outgoing.formatted("999")).post("/v1/request-outgoing-payment").then().statusCode(200)
                .body("outgoing_payment_request_id", matchesPattern("^\\d+$")).body("redirect_url", containsString("/dynamic-payment/"))
                .extract().path("redirect_url");
        shopper(out, "natwest", "authorise");
        api().body(outgoing.formatted("1001")).post("/v1/request-outgoing-payment").then().statusCode(422);
        api().body("{\"application_key\":\"" + APP + "\"}").post("/v1/headless/setup").then().statusCode(200)
                .body("paymentDetails.sort_code", equalTo("123456")).body("institutions", hasSize(6))
                .body("institutions[0].institution_remote_id", equalTo("starling")).body("institutions[0].features", hasSize(13))
                .body("institutions[0].full_logo_url", containsString("/assets/banks/starling.svg")).body("meta.tracing_id", notNullValue());
        JsonPath headless = api().body(REQUEST_PAYMENT.replace("\"PERIODIC\"", "\"SINGLE\"").replace("\"reference_id\"", "\"remote_institution_id\":\"barclays\",\"reference_id\""))
                .post("/v1/headless/request-payment").then().statusCode(200).body("success", equalTo(true)).body("payment_uuid", matchesPattern(UUID))
                .extract().jsonPath();
        assertTrue(headless.getString("redirect_url").endsWith("/bank/barclays/authorise/" + headless.getString("payment_uuid")));
        vendreo().get(path(headless.getString("qr_code"))).then().statusCode(303)
                .header("Location", equalTo("/bank/barclays/authorise/" + headless.getString("payment_uuid")));
        vendreo().get(path(headless.getString("redirect_url"))).then().statusCode(200).body(containsString("Barclays"));
    }

    @Test
    void everyEndpointAnswers401And422InLaravelsShape() {
        for (String path : List.of("/v1/request-payment", "/v1/create-subscription", "/v1/request-outgoing-payment", "/v1/request-a-payment",
                "/v1/headless/setup", "/v1/headless/request-payment")) {
            vendreo().contentType(ContentType.JSON).body("{}").post(path).then().statusCode(401).body("message", equalTo("Unauthenticated."));
            vendreo().header("Authorization", "Bearer wrong").contentType(ContentType.JSON).body("{}").post(path).then().statusCode(401);
        }
        vendreo().get("/v1/payment/x").then().statusCode(401);
        api().body(single(100, "x").replace(APP, "2a7c3f10-0000-4000-8000-0000000000v2")).post("/v1/request-payment").then().statusCode(401)
                .body("message", equalTo("Unauthenticated."));
        api().body("{\"application_key\":\"" + APP + "\",\"amount\":\"12.50\",\"payment_type\":\"weekly\",\"redirect_url\":\"not a url\"}")
                .post("/v1/request-payment").then().statusCode(422).body("message", equalTo("The given data was invalid."))
                .body("errors.amount", equalTo(List.of("The amount must be an integer.")))
                .body("errors.payment_type", equalTo(List.of("The selected payment type is invalid.")))
                .body("errors.redirect_url", equalTo(List.of("The redirect url format is invalid.")));
        api().body("{\"application_key\":\"" + APP + "\",\"amount\":1,\"payment_type\":\"PERIODIC\",\"redirect_url\":\"https://x.example\","
                        + "\"first_payment_date\":\"2026-01-02\"}").post("/v1/request-payment").then().statusCode(422)
                .body("errors.first_payment_date", equalTo(List.of("The first payment date does not match the format d/m/Y.")))
                .body("errors.frequency", equalTo(List.of("The frequency field is required.")));
        api().body("{}").post("/v1/create-subscription").then().statusCode(422).body("errors.first_amount[0]", equalTo("The first amount field is required."));
        api().body("{\"application_key\":\"" + APP + "\"}").post("/v1/request-outgoing-payment").then().statusCode(422)
                .body("errors.sort_code[0]", equalTo("The sort code field is required.")).body("errors.account_number[0]", notNullValue());
        api().body("{\"application_key\":\"" + APP + "\"}").post("/v1/request-a-payment").then().statusCode(422)
                .body("errors.amount[0]", equalTo("The amount field is required."));
        api().body(single(1, "h").replace("single", "SINGLE")).post("/v1/headless/request-payment").then().statusCode(422)
                .body("errors.remote_institution_id[0]", equalTo("The remote institution id field is required."));
        api().get("/v1/payment/00000000-0000-4000-8000-000000000000").then().statusCode(422).body("errors.payment[0]", notNullValue());
        api().body("{}").get("/v1/payments").then().statusCode(422).body("errors.payments[0]", equalTo("The payments field is required."));
        vendreo().header("Authorization", "Bearer " + SECRET).contentType("text/plain").body("x").post("/v1/request-payment").then().statusCode(415)
                .body("message", notNullValue()).body("errors", notNullValue());
    }

    @Test
    void aRuleOnTheBanksDecisionAnswersForTheShopper() {
        loadScenario("""
                version: 1
                name: bank-denies
                rules:
                  - name: deny
                    match: {provider: vendreo, event: bank.decide, entity: {institution: hsbc}}
                    effect: {outcome: {type: deny}}
                """);
        String url = api().body(single(700, "ruled")).post("/v1/request-payment").then().extract().path("redirect_url");
        vendreo().get("/bank/hsbc/authorise/" + uuidOf(url)).then().statusCode(303).header("Location", startsWith("https://shop.example/failed"));
        api().get("/v1/payment/" + uuidOf(url)).then().body("status", equalTo("FAILED"));
        Response other = vendreo().get("/bank/starling/authorise/" + uuidOf(url));
        other.then().statusCode(200).body(containsString("FAILED"));
    }
}
