package dev.standin.provider.qolo;

import dev.standin.support.AcceptanceTest;
import dev.standin.support.WebhookReceiver;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Qolo card issuing against the whole server: auth, idempotency, the card lifecycle, money and webhooks. */
class QoloTest extends AcceptanceTest {
    static final String PROGRAM = QoloClient.PROGRAM;

    private static final ExecutorService THREADS = Executors.newFixedThreadPool(20, r -> {
        Thread t = new Thread(r, "qolo-client");
        t.setDaemon(true);
        return t;
    });

    private QoloClient client() {
        return new QoloClient(server);
    }

    String login(String loginid, String apikey) {
        return client().login(loginid, apikey);
    }

    RequestSpecification qolo() {
        return client().qolo();
    }

    RequestSpecification as(String token) {
        return client().as(token);
    }

    String token() {
        return client().token();
    }

    static String person(String lastName, String idNumber) {
        return QoloClient.person(lastName, idNumber);
    }

    String[] activeCard(String token) {
        return client().activeCard(token);
    }

    void load(String token, String reference, String proxy, String amount) {
        client().load(token, reference, proxy, amount);
    }

    /** The program's books balance: its accounts hold exactly what entered minus what left. */
    void conserved() {
        control().get("/_sim/qolo/programs/" + PROGRAM).then().statusCode(200).body("ledger.conserved", equalTo(true));
    }

    @Test
    void aLoginLastsTwelveHoursOfVirtualTime() {
        String token = token();
        as(token).get("/api/v1/programs/" + PROGRAM + "/balances").then().statusCode(200).body("currency", equalTo("USD"));
        qolo().contentType(ContentType.JSON).body("{\"loginid\":\"qolo-demo\",\"apikey\":\"wrong-apikey\"}").post("/api/v1/auth/login")
                .then().statusCode(401).body("status_code", equalTo(401)).body("error", equalTo("Unauthorized"));
        qolo().contentType(ContentType.JSON).body("{}").post("/api/v1/auth/login").then().statusCode(400)
                .body("errors.field", equalTo(List.of("loginid", "apikey")));
        qolo().get("/api/v1/programs/" + PROGRAM + "/balances").then().statusCode(401).body("message", containsString("access token is required"));
        advance("PT11H59M");
        as(token).get("/api/v1/programs/" + PROGRAM + "/balances").then().statusCode(200);
        advance("PT1M");
        as(token).get("/api/v1/programs/" + PROGRAM + "/balances").then().statusCode(401).body("message", containsString("expired"));
    }

    @Test
    void aReadOnlyLoginMayReadButNotCreate() {
        String reader = login("qolo-readonly", "qolo-readonly-apikey");
        as(reader).get("/api/v1/programs/" + PROGRAM + "/balances").then().statusCode(200);
        as(reader).body(person("Reader", "123456780")).post("/api/v1/persons").then().statusCode(405)
                .body("status_code", equalTo(405)).body("error", equalTo("Method Not Allowed")).body("message", containsString("persons create"));
    }

    @Test
    void aPersonIsScreenedAndGetsAWalletAndAnAccount() {
        String token = token();
        JsonPath p = as(token).body(person("Lovelace", "123456789")).post("/api/v1/persons").then().statusCode(201)
                .body("person_status", equalTo("CLEARED")).body("first_name", equalTo("Ada")).body("wallet_guid", notNullValue())
                .body("accounts", hasSize(1)).body("accounts[0].currency", equalTo("USD")).body("accounts[0].ledger_balance", equalTo(0.0f))
                .body("accounts[0].account_status", equalTo("ACTIVE")).body("sys_utcinserted", equalTo("2026-01-01T00:00:00Z"))
                .extract().jsonPath();
        as(token).get("/api/v1/persons/" + p.getString("person_guid")).then().statusCode(200).body("addresses[0].country", equalTo("USA"));
        as(token).body(person("Sanctioned", "123456781")).post("/api/v1/persons").then().statusCode(201).body("person_status", equalTo("SANCTIONED"));
        as(token).body(person("Smith", "888888888")).post("/api/v1/persons").then().statusCode(201).body("person_status", equalTo("PEP"));
        String other = login("qolo-other", "qolo-other-apikey");
        as(other).get("/api/v1/persons/" + p.getString("person_guid")).then().statusCode(404).body("status_code", equalTo(404));
        as(token).get("/api/v1/persons/00000000-0000-4000-8000-000000000000").then().statusCode(404);
    }

    @Test
    void badRequestsNameEveryFieldAndNonJsonIs415() {
        String token = token();
        as(token).body("{\"person_details\":{\"email\":\"nope\",\"birth_date\":\"01/04/1990\",\"addresses\":[{\"country\":\"US\"}]}}")
                .post("/api/v1/persons").then().statusCode(400).body("status_code", equalTo(400)).body("error", equalTo("Bad Request"))
                .body("errors.field", equalTo(List.of("person_details.first_name", "person_details.last_name", "person_details.email",
                        "person_details.birth_date", "person_details.addresses[0].address_line1", "person_details.addresses[0].city",
                        "person_details.addresses[0].country")));
        qolo().header("Authorization", "Bearer " + token).contentType("text/plain").body("hello").post("/api/v1/persons").then()
                .statusCode(415).body("status_code", equalTo(415)).body("errors", hasSize(0));
        as(token).body("{broken").post("/api/v1/persons").then().statusCode(400).body("status_code", equalTo(400));
        as(token).get("/api/v1/nothing-here").then().statusCode(404).body("status_code", equalTo(404));
    }

    @Test
    void anIdempotentCreateRetriedAnswersTheFirstAndAnotherBodyConflicts() {
        String token = token();
        String body = person("Lovelace", "123456789");
        JsonPath first = as(token).header("IdempotencyKey", "key-1").body(body).post("/api/v1/persons").then().statusCode(201).extract().jsonPath();
        JsonPath again = as(token).header("IdempotencyKey", "key-1").body(body.replace("\n", " ")).post("/api/v1/persons").then()
                .statusCode(201).extract().jsonPath();
        assertEquals(first.getString("person_guid"), again.getString("person_guid"));
        as(token).header("IdempotencyKey", "key-1").body(person("Byron", "123456789")).post("/api/v1/persons").then().statusCode(409)
                .body("message", containsString("different request body"));
        control().get("/_sim/qolo/programs/" + PROGRAM).then().body("persons", hasSize(1));
        advance("PT24H");
        String fresh = login("qolo-demo", "qolo-demo-apikey");
        as(fresh).header("IdempotencyKey", "key-1").body(body).post("/api/v1/persons").then().statusCode(201)
                .body("person_guid", org.hamcrest.Matchers.not(equalTo(first.getString("person_guid"))));
        as(fresh).header("IdempotencyKey", "key-2").body(body).post("/api/v1/persons").then().statusCode(201);
        control().get("/_sim/stats").then().body("providers.qolo.idempotencyKeys", equalTo(2));
        advance("PT24H");
        as(login("qolo-demo", "qolo-demo-apikey")).header("IdempotencyKey", "key-3").body(body).post("/api/v1/persons").then().statusCode(201);
        control().get("/_sim/stats").then().body("providers.qolo.idempotencyKeys", equalTo(1)); // the expired ones are dropped, not kept
    }

    @Test
    void aRetryWithItsFieldsInAnotherOrderAndNumbersSpeltOtherwiseGetsTheFirstAnswerByteForByte() {
        String token = token();
        var first = as(token).header("IdempotencyKey", "order").body("{\"person\":{\"first_name\":\"Ada\",\"last_name\":\"Lovelace\"},\"months_until_expire\":24}")
                .post("/api/v1/cards").then().statusCode(201).contentType("application/json").extract().asString();
        var again = as(token).header("IdempotencyKey", "order")
                .body("{ \"months_until_expire\": 24.0, \"person\": {\"last_name\": \"Lovelace\", \"first_name\": \"Ada\"} }")
                .post("/api/v1/cards").then().statusCode(201).contentType("application/json").extract().asString();
        assertEquals(first, again);
        as(token).header("IdempotencyKey", "order").body("{\"person\":{\"first_name\":\"Ada\",\"last_name\":\"Lovelace\"},\"months_until_expire\":25}")
                .post("/api/v1/cards").then().statusCode(409).body("message", containsString("different request body"));
        as(token).header("IdempotencyKey", "order").body("{\"person\":{\"first_name\":\"Ada\",\"last_name\":\"Lovelace\"},\"months_until_expire\":\"24\"}")
                .post("/api/v1/cards").then().statusCode(409);
        control().get("/_sim/qolo/programs/" + PROGRAM).then().body("cards", hasSize(1));
    }

    @Test
    void twentyConcurrentCreatesWithOneKeyMakeExactlyOneCard() {
        String token = token();
        String body = "{\"person\":{\"first_name\":\"Ada\",\"last_name\":\"Lovelace\"}}";
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> as(token).header("IdempotencyKey", "card-once").body(body).post("/api/v1/cards")
                    .then().statusCode(201).extract().path("card_proxy"), THREADS));
        }
        List<String> proxies = calls.stream().map(CompletableFuture::join).distinct().toList();
        assertEquals(1, proxies.size(), "every client got the one card: " + proxies);
        control().get("/_sim/qolo/programs/" + PROGRAM).then().body("cards", hasSize(1)).body("persons", hasSize(1));
    }

    @Test
    void aCardLivesThroughActivationSuspensionLossDamageAndClosure() {
        String token = token();
        JsonPath card = as(token).body("{\"person\":{\"first_name\":\"Ada\",\"last_name\":\"Lovelace\"},\"months_until_expire\":24}")
                .post("/api/v1/cards").then().statusCode(201).body("card_status", equalTo("PENDING"))
                .body("mask_card_pan", matchesPattern("^4\\d{5}\\*{6}\\d{4}$")).body("expiration_date", equalTo("2801"))
                .body("wallet_guid", notNullValue()).extract().jsonPath();
        String proxy = card.getString("card_proxy");
        as(token).body("{\"status\":\"ACTIVE\"}").post("/api/v1/cards/" + proxy + "/status").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        as(token).post("/api/v1/cards/" + proxy + "/activate").then().statusCode(200).body("card_status", equalTo("ACTIVE"));
        as(token).post("/api/v1/cards/" + proxy + "/activate").then().statusCode(400);
        as(token).body("{\"status\":\"SUSPEND\",\"reason_code\":\"CUSTOMER\",\"reason_description\":\"asked\"}")
                .post("/api/v1/cards/" + proxy + "/status").then().statusCode(200).body("card_status", equalTo("SUSPEND"))
                .body("reason_code", equalTo("CUSTOMER"));
        as(token).body("{\"status\":\"ACTIVE\"}").post("/api/v1/cards/" + proxy + "/status").then().statusCode(200).body("card_status", equalTo("ACTIVE"));
        JsonPath lost = as(token).body("{\"status\":\"LOST\"}").post("/api/v1/cards/" + proxy + "/status").then().statusCode(200)
                .body("card_status", equalTo("LOST")).body("replacement.card_status", equalTo("PENDING")).extract().jsonPath();
        String replacement = lost.getString("replacement.card_proxy");
        assertNotEquals(proxy, replacement);
        assertNotEquals(lost.getString("mask_card_pan"), lost.getString("replacement.mask_card_pan"), "a lost card's replacement has a new number");
        as(token).body("{\"status\":\"ACTIVE\"}").post("/api/v1/cards/" + proxy + "/status").then().statusCode(400)
                .body("message", containsString("final"));
        JsonPath damaged = as(token).body("{\"status\":\"DAMAGED\"}").post("/api/v1/cards/" + replacement + "/status").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(damaged.getString("mask_card_pan"), damaged.getString("replacement.mask_card_pan"), "a damaged card is reissued with its number");
        String reissued = damaged.getString("replacement.card_proxy");
        as(token).body("{\"status\":\"CLOSED\"}").post("/api/v1/cards/" + reissued + "/status").then().statusCode(200).body("card_status", equalTo("CLOSED"));
        as(token).body("{\"status\":\"SUSPEND\"}").post("/api/v1/cards/" + reissued + "/status").then().statusCode(400);
        as(token).get("/api/v1/cards/" + reissued).then().body("replaces", equalTo(replacement));
        String other = login("qolo-other", "qolo-other-apikey");
        as(other).get("/api/v1/cards/" + proxy).then().statusCode(404);
        as(token).body("{\"person\":{\"first_name\":\"Bad\",\"last_name\":\"Sanctioned\"}}").post("/api/v1/cards").then().statusCode(400)
                .body("message", containsString("restricted"));
    }

    @Test
    void transfersMoveMoneyOnceByReferenceAndTheBooksAlwaysBalance() {
        String token = token();
        String[] a = activeCard(token);
        String[] b = activeCard(token);
        load(token, "load-1", a[2], "100.00");
        conserved();
        as(token).body("{\"client_reference_id\":\"load-1\",\"transfer_type\":\"PARTNERTOCARD\",\"amount\":100.00,\"destination\":{\"card_proxy\":\""
                + a[2] + "\"}}").post("/api/v1/transfers").then().statusCode(200).body("status", equalTo("SUCCESS"));
        as(token).body("{\"client_reference_id\":\"a2a-1\",\"transfer_type\":\"ACCOUNTTOACCOUNT\",\"amount\":\"30.25\",\"source\":{\"account_guid\":\""
                + a[1] + "\"},\"destination\":{\"account_guid\":\"" + b[1] + "\"}}").post("/api/v1/transfers").then().statusCode(201)
                .body("status", equalTo("SUCCESS")).body("amount", equalTo(30.25f));
        as(token).body("{\"client_reference_id\":\"a2a-2\",\"transfer_type\":\"ACCOUNTTOACCOUNT\",\"amount\":\"70.00\",\"source\":{\"account_guid\":\""
                + a[1] + "\"},\"destination\":{\"account_guid\":\"" + b[1] + "\"}}").post("/api/v1/transfers").then().statusCode(400)
                .body("errors[0].field", equalTo("amount"));
        as(token).body("{\"client_reference_id\":\"bank-1\",\"transfer_type\":\"BANKTOACCOUNT\",\"amount\":5,\"destination\":{\"account_guid\":\""
                + b[1] + "\"}}").post("/api/v1/transfers").then().statusCode(201);
        as(token).body("{\"client_reference_id\":\"unload-1\",\"transfer_type\":\"CARDUNLOAD\",\"amount\":10,\"source\":{\"card_proxy\":\""
                + b[2] + "\"}}").post("/api/v1/transfers").then().statusCode(201);
        conserved();
        as(token).get("/api/v1/accounts/" + a[1]).then().body("ledger_balance", equalTo(69.75f)).body("available_balance", equalTo(69.75f));
        as(token).get("/api/v1/accounts/" + b[1]).then().body("ledger_balance", equalTo(25.25f));
        as(token).get("/api/v1/transfers/a2a-1").then().statusCode(200).body("transfer_type", equalTo("ACCOUNTTOACCOUNT"));
        as(token).queryParam("account_guid", a[1]).get("/api/v1/transactions").then().statusCode(200).body("total", equalTo(2))
                .body("transactions.transaction_type", equalTo(List.of("TRANSFER_OUT", "CARD_LOAD")));
        as(token).queryParam("transaction_type", "card_load").queryParam("page_size", 1).get("/api/v1/transactions").then()
                .body("total", equalTo(1)).body("transactions", hasSize(1));
        as(token).queryParam("from", "2026-01-02T00:00:00Z").get("/api/v1/transactions").then().body("total", equalTo(0));
        as(token).queryParam("page_size", 1000).get("/api/v1/transactions").then().statusCode(400).body("errors[0].field", equalTo("page_size"));
        as(token).get("/api/v1/programs/" + PROGRAM + "/balances").then().body("ledger_balance", equalTo(95.0f));
    }

    @Test
    void authorisationsHoldClearReverseRefundAndExpireWithSignedWebhooks() throws Exception {
        String token = token();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            as(token).body("{\"url\":\"" + receiver.url() + "\",\"secret\":\"whsec-1\",\"headers\":{\"X-Mine\":\"yes\"},"
                            + "\"event_type\":[\"auth.approved\",\"auth.declined\",\"auth.cleared\",\"auth.reversed\",\"auth.refunded\"]}")
                    .post("/api/v1/webhooks").then().statusCode(201).body("active", equalTo(true)).body("ping.acknowledged", equalTo(true));
            String[] c = activeCard(token);
            load(token, "load-auth", c[2], "50.00");
            String approved = authorize(c[2], "20.00").then().statusCode(201).body("status", equalTo("APPROVED")).extract().path("auth_guid");
            as(token).get("/api/v1/accounts/" + c[1]).then().body("available_balance", equalTo(30.0f)).body("suspense_balance", equalTo(20.0f))
                    .body("ledger_balance", equalTo(50.0f));
            authorize(c[2], "31.00").then().body("status", equalTo("DECLINED")).body("decline_reason", equalTo("INSUFFICIENT_FUNDS"));
            control().contentType(ContentType.JSON).body("{\"amount\":\"15.00\"}").post("/_sim/qolo/authorizations/" + approved + "/clear")
                    .then().statusCode(200).body("status", equalTo("CLEARED")).body("cleared_amount", equalTo(15.0f));
            as(token).get("/api/v1/accounts/" + c[1]).then().body("available_balance", equalTo(35.0f)).body("suspense_balance", equalTo(0.0f))
                    .body("ledger_balance", equalTo(35.0f));
            control().contentType(ContentType.JSON).body("{\"amount\":\"20.00\"}").post("/_sim/qolo/authorizations/" + approved + "/refund")
                    .then().statusCode(400);
            control().contentType(ContentType.JSON).body("{\"amount\":\"5.00\"}").post("/_sim/qolo/authorizations/" + approved + "/refund")
                    .then().statusCode(200).body("refunded_amount", equalTo(5.0f));
            String reversed = authorize(c[2], "10.00").then().extract().path("auth_guid");
            control().post("/_sim/qolo/authorizations/" + reversed + "/reverse").then().statusCode(200).body("status", equalTo("REVERSED"));
            String expiring = authorize(c[2], "7.00").then().extract().path("auth_guid");
            advance("P7D");
            control().get("/_sim/qolo/programs/" + PROGRAM).then().body("authorizations.find { it.auth_guid == '" + expiring + "' }.status",
                    equalTo("EXPIRED"));
            as(login("qolo-demo", "qolo-demo-apikey")).get("/api/v1/accounts/" + c[1]).then().body("available_balance", equalTo(40.0f))
                    .body("suspense_balance", equalTo(0.0f));
            as(login("qolo-demo", "qolo-demo-apikey")).body("{\"status\":\"LOST\"}").post("/api/v1/cards/" + c[2] + "/status").then().statusCode(200);
            authorize(c[2], "1.00").then().body("decline_reason", equalTo("CARD_LOST_OR_STOLEN"));
            conserved();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (receiver.received().size() < 8 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            List<WebhookReceiver.Received> got = receiver.received();
            List<String> types = new ArrayList<>();
            for (WebhookReceiver.Received r : got) {
                JsonPath event = new JsonPath(r.body());
                types.add(event.getString("event_type"));
                assertEquals(hmac("whsec-1", r.body()), r.headers().get("x-qolo-signature").getFirst(), "signed with the secret");
                assertEquals("yes", r.headers().get("x-mine").getFirst());
            }
            assertTrue(types.containsAll(List.of("ping", "auth.approved", "auth.declined", "auth.cleared", "auth.refunded", "auth.reversed")),
                    types.toString());
        }
    }

    @Test
    void aDeliveryIsRetriedOnTheVirtualClockUntilAcknowledged() throws Exception {
        String token = token();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            as(token).body("{\"url\":\"" + receiver.url() + "\",\"secret\":\"whsec-2\",\"event_type\":[\"person.created\"]}")
                    .post("/api/v1/webhooks").then().statusCode(201).body("active", equalTo(true));
            receiver.failNext(2);
            as(token).body(person("Lovelace", "123456789")).post("/api/v1/persons").then().statusCode(201);
            Thread.sleep(300);
            advance("PT5S");
            Thread.sleep(300);
            advance("PT15S");
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (receiver.received().stream().filter(r -> r.body().contains("person.created")).count() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            awaitAttempts("person.created", 3);
            control().get("/_sim/webhooks").then().body("deliveries.find { it.event == 'person.created' }.state", equalTo("DELIVERED"));
        }
        try (WebhookReceiver down = new WebhookReceiver()) {
            down.failNext(1);
            as(token).body("{\"url\":\"" + down.url() + "\",\"secret\":\"whsec-3\"}").post("/api/v1/webhooks").then().statusCode(201)
                    .body("active", equalTo(false)).body("ping.status", equalTo(503)).body("ping.acknowledged", equalTo(false));
        }
    }

    @Test
    void aCardIsValidatedByItsNumberOrProxyWithCvvAndExpiry() {
        String token = token();
        String[] c = activeCard(token);
        JsonPath plastic = control().get("/_sim/qolo/programs/" + PROGRAM).then().extract().jsonPath();
        String pan = plastic.getString("cards.find { it.card_proxy == '" + c[2] + "' }.pan");
        String cvv = plastic.getString("cards.find { it.card_proxy == '" + c[2] + "' }.cvv");
        String expiry = plastic.getString("cards.find { it.card_proxy == '" + c[2] + "' }.expiration_date");
        as(token).body("{\"card_number\":\"" + pan + "\",\"cvv\":\"" + cvv + "\",\"expiration_date\":\"" + expiry + "\"}")
                .post("/api/v1/cards/validate").then().statusCode(200).body("valid", equalTo(true)).body("card_proxy", equalTo(c[2]));
        String wrongCvv = cvv.equals("000") ? "111" : "000";
        as(token).body("{\"card_proxy\":\"" + c[2] + "\",\"last_four\":\"" + pan.substring(12) + "\",\"cvv\":\"" + wrongCvv
                        + "\",\"expiration_date\":\"" + expiry + "\"}")
                .post("/api/v1/cards/validate").then().statusCode(200).body("valid", equalTo(false)).body("checks.cvv", equalTo(false))
                .body("checks.card_number", equalTo(true));
        as(token).body("{}").post("/api/v1/cards/validate").then().statusCode(400)
                .body("errors.field", equalTo(List.of("cvv", "expiration_date", "card_number")));
    }

    @Test
    void subscriptionsAreListedUpdatedAndDeletedAndRestrictedPersonsCannotTransfer() throws Exception {
        String token = token();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String guid = as(token).body("{\"url\":\"" + receiver.url() + "\",\"secret\":\"s1\",\"active\":false}").post("/api/v1/webhooks")
                    .then().statusCode(201).body("active", equalTo(false)).extract().path("subscription_guid");
            as(token).body("{\"active\":true,\"event_type\":[\"card.created\"]}").put("/api/v1/webhooks/" + guid).then().statusCode(200)
                    .body("active", equalTo(true)).body("event_type", equalTo(List.of("card.created")));
            as(token).get("/api/v1/webhooks").then().body("subscriptions", hasSize(1));
            as(token).body("{\"event_type\":[\"card.lost\"]}").put("/api/v1/webhooks/" + guid).then().statusCode(400)
                    .body("errors[0].field", equalTo("event_type[0]"));
            as(token).delete("/api/v1/webhooks/" + guid).then().statusCode(200).body("deleted", equalTo(true));
            as(token).get("/api/v1/webhooks/" + guid).then().statusCode(404);
        }
        String restricted = as(token).body(person("Exposed", "123456782")).post("/api/v1/persons").then().statusCode(201)
                .body("person_status", equalTo("PEP")).extract().path("accounts[0].account_guid");
        as(token).body("{\"client_reference_id\":\"pep-1\",\"transfer_type\":\"BANKTOACCOUNT\",\"amount\":5,\"destination\":{\"account_guid\":\""
                + restricted + "\"}}").post("/api/v1/transfers").then().statusCode(400).body("message", containsString("restricted"));
        control().queryParam("provider", "qolo").post("/_sim/reset").then().statusCode(200);
        control().get("/_sim/qolo/programs/" + PROGRAM).then().body("persons", hasSize(0)).body("accounts", hasSize(0));
        as(token).get("/api/v1/webhooks").then().statusCode(401); // a reset forgets the tokens too
    }

    @Test
    void aTokenOverItsRateIsToldWhenToRetry() {
        loadScenario("""
                version: 1
                name: qolo-slow
                seed:
                  qolo:
                    programs:
                      - programGuid: slow-program
                        logins: [{loginid: slow, apikey: slow-apikey}]
                        rateLimit: {requests: 2, per: PT1M}
                """);
        String token = login("slow", "slow-apikey");
        as(token).get("/api/v1/programs/slow-program/balances").then().statusCode(200);
        as(token).get("/api/v1/programs/slow-program/balances").then().statusCode(200);
        as(token).get("/api/v1/programs/slow-program/balances").then().statusCode(429).header("Retry-After", "60")
                .body("status_code", equalTo(429)).body("error", equalTo("Too Many Requests"));
        advance("PT1M");
        as(token).get("/api/v1/programs/slow-program/balances").then().statusCode(200);
    }

    private io.restassured.response.Response authorize(String proxy, String amount) {
        return control().contentType(ContentType.JSON).body("{\"amount\":\"" + amount + "\",\"merchant_name\":\"Coffee\"}")
                .post("/_sim/qolo/cards/" + proxy + "/authorizations");
    }

    static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
