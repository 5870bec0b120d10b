package dev.standin.core;

import dev.standin.StandinServer;
import dev.standin.core.http.Admission;
import dev.standin.provider.qolo.QoloClient;
import dev.standin.provider.velapay.cloud.CloudApi;
import dev.standin.support.AcceptanceTest;
import dev.standin.support.TestServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * --max-concurrent-requests: a few provider requests compute at once, the others wait their turn; a
 * request that waits by design gives its turn up while it waits, and a request that fails gives it back.
 * This server allows one at a time, so that a turn kept by mistake would show at once. The control API's
 * provider simulations take turns as provider writes do.
 */
class AdmissionTest extends AcceptanceTest {
    private static StandinServer oneAtATime;
    /** Callers of their own: the common pool runs one task at a time on two cores. */
    private static final ExecutorService CALLERS = Executors.newCachedThreadPool();
    /** The thread that keeps the only turn in a test: a turn is given back by the thread that took it. */
    private static final ExecutorService KEEPER = Executors.newSingleThreadExecutor();
    /** Requests that went on without a turn before the test (a test that makes one leaves the count raised). */
    private int overdrawnBefore;

    @BeforeAll
    static void start() {
        oneAtATime = TestServer.start("--max-concurrent-requests", "1");
    }

    @AfterAll
    static void stop() {
        oneAtATime.close();
        CALLERS.shutdownNow();
        KEEPER.shutdownNow();
    }

    @Override
    protected StandinServer serverUnderTest() {
        return oneAtATime;
    }

    @org.junit.jupiter.api.BeforeEach
    void countOverdrawn() {
        overdrawnBefore = control().get("/_sim/stats").then().extract().path("admission.overdrawn");
    }

    @Test
    void requestsWaitingOnARuleDelayOrOnTheCustomerLeaveTheOnlyTurnToOthers() throws Exception {
        String token = veloToken();
        loadScenario("version: 1\nname: slow\nrules:\n  - match: {provider: velo, method: POST, path: /v1/authenticate}\n"
                + "    effect: {delay: PT30S}\n");
        List<CompletableFuture<String>> delayed = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            delayed.add(CompletableFuture.supplyAsync(this::veloToken, CALLERS));
        }
        awaitDelayedAnswers(2);
        CompletableFuture<JsonPath> sale = CompletableFuture.supplyAsync(() -> given().baseUri("http://127.0.0.1")
                .port(server.listenerPort("terminals", "terminal-1")).contentType(ContentType.JSON)
                .body("{\"requestType\":\"payment\",\"transactionType\":\"sale\",\"tenderType\":\"credit\",\"amount\":\"25.99\"}")
                .post("/").then().extract().jsonPath(), CALLERS);
        awaitTerminalState("terminal-1", "WAITING_CARD");

        // three requests wait, none of them on a turn: the next write is served at once
        submitPayout(token);
        control().get("/_sim/stats").then().body("admission.limit", equalTo(1))
                .body("admission.computing", equalTo(0)).body("admission.overdrawn", equalTo(overdrawnBefore));
        assertFalse(sale.isDone(), "the sale still waits for a card");

        advance("PT30S"); // the delay ends, the customer taps
        for (CompletableFuture<String> call : delayed) {
            assertFalse(call.get(10, TimeUnit.SECONDS).isEmpty());
        }
        assertEquals("APPROVED", sale.get(10, TimeUnit.SECONDS).getString("paymentStatus"));
    }

    @Test
    void aHeldVerdictLeavesTheOnlyTurnToOthersUntilReleased() throws Exception {
        String token = veloToken();
        loadScenario("version: 1\nname: held\nrules:\n  - match: {provider: velapayCloud, event: payment.process}\n    effect: {hold: true}\n");
        CompletableFuture<Integer> held = CompletableFuture.supplyAsync(() -> cloudSale().statusCode(), CALLERS);
        Integer hold = awaitHold();

        submitPayout(token);
        control().get("/_sim/stats").then().body("admission.computing", equalTo(0)).body("admission.overdrawn", equalTo(overdrawnBefore));
        assertFalse(held.isDone(), "the sale waits for its verdict");

        control().post("/_sim/holds/" + hold + "/release").then().statusCode(200);
        assertEquals(200, held.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aWriteThatFailsGivesItsTurnBack() {
        String token = veloToken();
        velo().contentType(ContentType.JSON).body(PAYOUT_BODY).post("/v3/payouts").then().statusCode(401); // no credentials
        velo().post("/no/such/path").then().statusCode(404);                                                // before any route
        veloAs(token).body("{not json").post("/v3/payouts").then().statusCode(400);                         // unreadable body
        loadScenario("version: 1\nname: broken\nrules:\n  - match: {provider: velo, method: POST, path: /v3/payouts}\n"
                + "    effect: {respond: {status: 500}}\n    times: {first: 1}\n");
        veloAs(token).body(PAYOUT_BODY).post("/v3/payouts").then().statusCode(500);                         // a rule's answer
        on(server, "vendreo").contentType(ContentType.JSON).body("{}").post("/v1/request-payment").then().statusCode(401);

        control().get("/_sim/stats").then().body("admission.computing", equalTo(0)).body("admission.overdrawn", equalTo(overdrawnBefore));
        submitPayout(token);
        control().get("/_sim/stats").then().body("admission.overdrawn", equalTo(overdrawnBefore));
    }

    @Test
    void aSimulatedCardAuthorisationWaitsForATurnAndGivesItBackHoweverItEnds() throws Exception {
        String proxy = loadedCard(new QoloClient(server).token());

        keepingTheOnlyTurn(() -> {
            authorize(proxy, "{\"amount\":\"1.00\"}").then().statusCode(201).body("status", equalTo("APPROVED")); // after its patience
            control().get("/_sim/stats").then().body("admission.overdrawn", equalTo(overdrawnBefore + 1)); // a read does not wait
        });
        authorize(proxy, "{\"amount\":\"2.00\"}").then().statusCode(201);
        authorize("no-such-card", "{\"amount\":\"1.00\"}").then().statusCode(404);
        authorize(proxy, "{\"amount\":\"lots\"}").then().statusCode(400);
        control().get("/_sim/stats").then().body("admission.computing", equalTo(0)).body("admission.overdrawn", equalTo(overdrawnBefore + 1));
    }

    @Test
    void aSimulatedCardAuthorisationInACreatedSandboxWaitsForATurnToo() throws Exception {
        JsonPath box = control().contentType(ContentType.JSON).body("{}").post("/_sim/sandboxes").then().statusCode(201).extract().jsonPath();
        String boxToken = "Bearer " + box.getString("controlToken");
        try {
            String proxy = loadedCard(new QoloClient(server).login(box.getString("credentials.qolo.loginid"),
                    box.getString("credentials.qolo.apikey")));
            String path = "/_sim/sandboxes/" + box.getString("id") + "/qolo/cards/" + proxy + "/authorizations";

            keepingTheOnlyTurn(() -> control().header("Authorization", boxToken).contentType(ContentType.JSON)
                    .body("{\"amount\":\"1.00\"}").post(path).then().statusCode(201).body("status", equalTo("APPROVED"))); // after its patience
            control().get("/_sim/stats").then().body("admission.computing", equalTo(0)).body("admission.overdrawn", equalTo(overdrawnBefore + 1));
        } finally {
            control().header("Authorization", boxToken).delete("/_sim/sandboxes/" + box.getString("id")).then().statusCode(204);
        }
    }

    /** An active Qolo card with 100 loaded, of the program {@code token} logged in to: its proxy. */
    private String loadedCard(String token) {
        QoloClient qolo = new QoloClient(server);
        String proxy = qolo.activeCard(token)[2];
        qolo.load(token, "turn-1", proxy, "100");
        return proxy;
    }

    /** Runs {@code requests} while a thread of the test keeps the server's only turn (given back by the thread that took it). */
    private void keepingTheOnlyTurn(Runnable requests) throws Exception {
        KEEPER.submit(() -> oneAtATime.admission().enter()).get(5, TimeUnit.SECONDS);
        try {
            requests.run();
        } finally {
            KEEPER.submit(Admission::leave).get(5, TimeUnit.SECONDS);
        }
    }

    private io.restassured.response.Response authorize(String proxy, String body) {
        return control().contentType(ContentType.JSON).body(body).post("/_sim/qolo/cards/" + proxy + "/authorizations");
    }

    @Test
    void aRequestWaitsNoLongerThanItsPatienceForATurnKeptElsewhere() throws Exception {
        Admission admission = Admission.of(1);
        CompletableFuture<Void> keeper = CompletableFuture.runAsync(admission::enter, CALLERS); // a thread that never gives it back
        keeper.get(5, TimeUnit.SECONDS);
        long start = System.nanoTime();
        admission.enter(); // goes on without a turn
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        Admission.leave(); // nothing to give back
        assertTrue(waitedMillis >= Admission.PATIENCE_MILLIS - 20 && waitedMillis < 5_000, "waited " + waitedMillis + " ms");
        assertEquals(1L, admission.stats().get("overdrawn"));
        assertEquals(1, admission.stats().get("computing"));
    }

    /** A signed Cloud sale of the default merchant, with a card valid at the test clock's time. */
    private io.restassured.response.Response cloudSale() {
        String body = "{\"requestType\":\"payment\",\"actionType\":\"process\",\"transactionType\":\"sale\",\"amount\":\"10.00\","
                + "\"cardHolder\":\"John Doe\",\"cardNumber\":\"4111111111111111\",\"cardExpDate\":\"1230\",\"cvv\":\"123\","
                + "\"addressBilling\":{\"name\":\"John Doe\",\"street\":\"123 Main St\",\"city\":\"Anytown\",\"state\":\"CA\","
                + "\"zipcode\":\"12345\",\"country\":\"US\"}}";
        String timestamp = Long.toString(java.time.Instant.parse(TestServer.START_TIME).getEpochSecond());
        return on(server, "velapayCloud").contentType(ContentType.JSON).header("X-API-Key", "your-api-key")
                .header("X-Timestamp", timestamp).header("X-Signature", CloudApi.sign("your-api-secret", timestamp, body))
                .body(body).post("/v1/").andReturn();
    }

    private void awaitDelayedAnswers(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (control().get("/_sim/clock").then().extract().jsonPath()
                .getList("pending.findAll { it.name == 'delayed answer' }").size() < count) {
            assertTrue(System.nanoTime() < deadline, () -> "the delayed requests never arrived: " + control().get("/_sim/clock").asString());
            Thread.sleep(10);
        }
    }

    private Integer awaitHold() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            List<Integer> ids = control().get("/_sim/holds").then().extract().path("holds.id");
            if (!ids.isEmpty()) {
                return ids.get(0);
            }
            assertTrue(System.nanoTime() < deadline, () -> "the sale was never held: " + control().get("/_sim/requests").asString());
            Thread.sleep(10);
        }
    }
}
