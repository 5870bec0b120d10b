package dev.standin.provider.qolo;

import dev.standin.support.AcceptanceTest;
import dev.standin.support.WebhookReceiver;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped Qolo scenario files and Qolo's rule events, each exercised. */
class QoloScenariosTest extends AcceptanceTest {
    private QoloClient qolo;

    @org.junit.jupiter.api.BeforeEach
    void client() {
        qolo = new QoloClient(server);
    }

    private String token() {
        return qolo.token();
    }

    private RequestSpecification as(String token) {
        return qolo.as(token);
    }

    private void file(String name) throws IOException {
        loadScenario(Files.readString(Path.of("../scenarios/" + name)));
    }

    private io.restassured.response.Response authorize(String proxy, String amount) {
        return control().contentType(ContentType.JSON).body("{\"amount\":\"" + amount + "\"}").post("/_sim/qolo/cards/" + proxy + "/authorizations");
    }

    @Test
    void aCardFrozenMidFlowDeclinesUntilReactivated() throws IOException {
        file("qolo-card-frozen.yaml");
        String token = token();
        String[] c = qolo.activeCard(token);
        qolo.load(token, "l1", c[2], "100");
        authorize(c[2], "1.00").then().body("status", equalTo("APPROVED"));
        authorize(c[2], "1.00").then().body("status", equalTo("DECLINED")).body("decline_reason", equalTo("CARD_SUSPENDED"));
        as(token).get("/api/v1/cards/" + c[2]).then().body("card_status", equalTo("SUSPEND")).body("reason_code", equalTo("RULE"));
        authorize(c[2], "1.00").then().body("decline_reason", equalTo("CARD_INACTIVE"));
        as(token).body("{\"status\":\"ACTIVE\"}").post("/api/v1/cards/" + c[2] + "/status").then().statusCode(200);
        authorize(c[2], "1.00").then().body("status", equalTo("APPROVED"));
    }

    @Test
    void largeAuthorisationsAreDeclinedForInsufficientFunds() throws IOException {
        file("qolo-insufficient-funds.yaml");
        String token = token();
        String[] c = qolo.activeCard(token);
        qolo.load(token, "l1", c[2], "500");
        authorize(c[2], "100.00").then().body("status", equalTo("DECLINED")).body("decline_reason", equalTo("INSUFFICIENT_FUNDS"));
        authorize(c[2], "99.99").then().body("status", equalTo("APPROVED"));
    }

    @Test
    void aWebhookEndpointDownThenUpGetsTheEventOnTheFourthAttempt() throws Exception {
        file("qolo-webhook-outage.yaml");
        String token = token();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            as(token).body("{\"url\":\"" + receiver.url() + "\",\"secret\":\"s\",\"event_type\":[\"account.created\"]}").post("/api/v1/webhooks")
                    .then().statusCode(201).body("active", equalTo(true));
            as(token).body("{}").post("/api/v1/accounts").then().statusCode(201);
            for (String step : List.of("PT5S", "PT15S", "PT45S")) {
                Thread.sleep(200);
                advance(step);
            }
            waitFor(() -> receiver.received().stream().anyMatch(r -> r.body().contains("account.created")));
            awaitAttempts("account.created", 4);
            control().get("/_sim/webhooks").then().body("deliveries.find { it.event == 'account.created' }.state", equalTo("DELIVERED"));
        }
    }

    @Test
    void everyEventIsDeliveredTwiceWithOneEventId() throws Exception {
        file("qolo-duplicate-webhooks.yaml");
        String token = token();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            as(token).body("{\"url\":\"" + receiver.url() + "\",\"secret\":\"s\",\"event_type\":[\"account.created\"]}").post("/api/v1/webhooks")
                    .then().statusCode(201);
            as(token).body("{}").post("/api/v1/accounts").then().statusCode(201);
            waitFor(() -> receiver.received().stream().filter(r -> r.body().contains("account.created")).count() == 2);
            List<String> ids = receiver.received().stream().filter(r -> r.body().contains("account.created"))
                    .map(r -> new JsonPath(r.body()).getString("event_id")).toList();
            assertEquals(ids.get(0), ids.get(1));
        }
    }

    @Test
    void aRateLimitedClientIsToldToWait() throws IOException {
        file("qolo-rate-limited.yaml");
        String token = qolo.login("qolo-limited", "qolo-limited-apikey");
        for (int i = 0; i < 5; i++) {
            as(token).get("/api/v1/programs/limited-program/balances").then().statusCode(200);
        }
        as(token).get("/api/v1/programs/limited-program/balances").then().statusCode(429).header("Retry-After", "60");
    }

    @Test
    void aRuleFailsATransferAndARequestRuleIsScopedToItsProgram() {
        loadScenario("""
                version: 1
                name: qolo-rules
                rules:
                  - name: big-loads-fail
                    match: {provider: qolo, event: transfer.settle, entity: {amount: {min: 1000}}}
                    effect: {outcome: {type: fail, reason: BANK_REJECTED}}
                  - name: other-program-times-out
                    match: {provider: qolo, tenant: 5e0c1a2b-0000-4000-8000-00000000q002, path: /api/v1/accounts}
                    effect: {respond: {status: 503}}
                """);
        String token = token();
        String account = as(token).body("{}").post("/api/v1/accounts").then().statusCode(201).extract().path("account_guid");
        as(token).body("{\"client_reference_id\":\"big\",\"transfer_type\":\"BANKTOACCOUNT\",\"amount\":1000,\"destination\":{\"account_guid\":\""
                + account + "\"}}").post("/api/v1/transfers").then().statusCode(201).body("status", equalTo("FAILED"))
                .body("failure_reason", equalTo("BANK_REJECTED"));
        as(token).get("/api/v1/accounts/" + account).then().body("ledger_balance", equalTo(0.0f));
        String other = qolo.login("qolo-other", "qolo-other-apikey");
        as(other).body("{}").post("/api/v1/accounts").then().statusCode(503).body("status_code", equalTo(503));
    }

    @Test
    void aSandboxHasProgramsOfItsOwnFoundByLoginAndToken() {
        JsonPath box = control().contentType(ContentType.JSON).body("{}").post("/_sim/sandboxes").then().statusCode(201).extract().jsonPath();
        try {
            String loginid = box.getString("credentials.qolo.loginid");
            assertNotEquals("qolo-demo", loginid);
            String token = qolo.login(loginid, box.getString("credentials.qolo.apikey"));
            String account = as(token).body("{}").post("/api/v1/accounts").then().statusCode(201).extract().path("account_guid");
            as(token()).get("/api/v1/accounts/" + account).then().statusCode(404);
            assertTrue(token.startsWith("qolo_"));
        } finally {
            control().header("Authorization", "Bearer " + box.getString("controlToken")).delete("/_sim/sandboxes/" + box.getString("id"))
                    .then().statusCode(204);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(condition.getAsBoolean(), "in time");
    }

    @Test
    void aHeldAuthorisationWaitsForItsReleaseWithoutLockingTheCard() throws Exception {
        loadScenario("version: 1\nname: slow-network\nrules:\n  - match: {provider: qolo, event: auth.decide}\n    effect: {hold: true}\n"
                + "    times: {first: 1}\n");
        String token = token();
        String[] c = qolo.activeCard(token);
        qolo.load(token, "l1", c[2], "100");
        java.util.concurrent.CompletableFuture<io.restassured.response.Response> held =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> authorize(c[2], "1.00"));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (control().get("/_sim/holds").then().extract().jsonPath().getList("holds").isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the authorisation was never held");
            Thread.sleep(10);
        }
        authorize(c[2], "2.00").then().statusCode(201).body("status", equalTo("APPROVED")); // the card is not locked meanwhile
        assertTrue(!held.isDone(), "answered while held");
        Integer id = control().get("/_sim/holds").then().body("holds[0].event", equalTo("auth.decide")).extract().path("holds[0].id");
        control().post("/_sim/holds/" + id + "/release").then().statusCode(200);
        held.get(5, java.util.concurrent.TimeUnit.SECONDS).then().body("status", equalTo("APPROVED"));
    }
}
