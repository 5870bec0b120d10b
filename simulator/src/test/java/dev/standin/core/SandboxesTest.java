package dev.standin.core;

import dev.standin.StandinServer;
import dev.standin.support.AcceptanceTest;
import dev.standin.support.TestServer;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Isolated sandboxes on one server: own tenants, credentials, clock, rules, ids, journal and reset. */
class SandboxesTest extends AcceptanceTest {
    /** Threads of their own: the common pool has one worker on a 2-core machine, and a journey waits on its sale. */
    private static final java.util.concurrent.ExecutorService THREADS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sandbox-journey");
        t.setDaemon(true);
        return t;
    });

    /** A created sandbox as the creation answer describes it. */
    record Box(String id, String token, String apiKey, String apiSecret, JsonPath info) {
        RequestSpecification control(StandinServer server) {
            return on(server, "control").header("Authorization", "Bearer " + token).basePath("/_sim/sandboxes/" + id);
        }
    }

    private Box create(String body) {
        JsonPath created = control().contentType(ContentType.JSON).body(body).post("/_sim/sandboxes").then().statusCode(201)
                .extract().jsonPath();
        return new Box(created.getString("id"), created.getString("controlToken"), created.getString("credentials.velo.apiKey"),
                created.getString("credentials.velo.apiSecret"), created);
    }

    private Box createManual(long seed) {
        return create("{\"scenarios\":[\"default\"],\"clock\":{\"mode\":\"manual\",\"start\":\"2026-01-01T00:00:00Z\"},\"seed\":" + seed + "}");
    }

    private void removeAll(List<Box> boxes) {
        boxes.forEach(b -> b.control(server).delete("").then().statusCode(204));
    }


    @Test
    void aSandboxHasItsOwnCredentialsTenantsAndClock() {
        Box box = createManual(7);
        try {
            assertNotEquals(API_KEY, box.apiKey());
            String boxToken = veloToken(server, box.apiKey(), box.apiSecret());
            String payout = submitPayout(boxToken);
            // the default sandbox's payor cannot see it, the sandbox's can
            veloAs(veloToken()).get("/v3/payouts/" + payout).then().statusCode(404);
            veloAs(boxToken).get("/v3/payouts/" + payout).then().statusCode(200).body("status", equalTo("SUBMITTED"));
            // advancing the default clock does nothing to the sandbox; advancing the sandbox's validates it
            advance("PT10S");
            veloAs(boxToken).get("/v3/payouts/" + payout).then().body("status", equalTo("SUBMITTED"));
            box.control(server).contentType(ContentType.JSON).body("{\"by\":\"PT10S\"}").post("/clock/advance").then().statusCode(200)
                    .body("now", equalTo("2026-01-01T00:00:10Z"));
            veloAs(boxToken).get("/v3/payouts/" + payout).then().body("status", equalTo("ACCEPTED"));
            control().get("/_sim/clock").then().body("now", equalTo("2026-01-01T00:00:10Z"));
            // each journal shows only its own sandbox's requests
            box.control(server).get("/requests").then().body("requests.findAll { it.path == '/v3/payouts' }", hasSize(1));
            control().get("/_sim/requests").then().body("requests.findAll { it.path == '/v3/payouts' }", hasSize(0));
        } finally {
            removeAll(List.of(box));
        }
    }

    @Test
    void aSandboxsInviteIdFindsItsSandboxWithoutCredentials() {
        Box box = createManual(1);
        try {
            String invite = box.control(server).get("/velo/payees/1b6e3c1a-0007-4a00-8000-000000000007").then().statusCode(200)
                    .extract().path("inviteId");
            velo().get("/v1/invites/" + invite).then().statusCode(204); // the default sandbox answers 404: it never issued it
            control().get("/_sim/velo/invites/" + invite).then().statusCode(404);
        } finally {
            removeAll(List.of(box));
        }
    }

    @Test
    void aSandboxWithSeedSevenHandsOutTheIdsOfAFreshServerWithSeedSeven() {
        Box box = createManual(7);
        try {
            String inBox = submitPayout(veloToken(server, box.apiKey(), box.apiSecret()));
            String fresh;
            try (StandinServer other = TestServer.start()) {
                String token = veloToken(other, API_KEY, API_SECRET);
                fresh = on(other, "velo").header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                        .body("{\"payorId\":\"" + PAYOR_ID + "\",\"payments\":[{\"remoteId\":\"myRemoteId01\",\"currency\":\"USD\","
                                + "\"amount\":100,\"sourceAccountName\":\"PAYOR_SRC_ACCT\"}]}").post("/v3/payouts").then().statusCode(202)
                        .extract().path("payoutId");
            }
            assertEquals(fresh, inBox);
        } finally {
            removeAll(List.of(box));
        }
    }

    @Test
    void rulesResetsAndScenariosOfOneSandboxNeverReachAnother() {
        Box a = createManual(1);
        Box b = createManual(1);
        try {
            a.control(server).contentType("application/yaml").body("""
                    version: 1
                    name: currencies-down
                    rules:
                      - match: {provider: velo, path: /v2/currencies}
                        effect: {respond: {status: 503}}
                    """).post("/scenarios").then().statusCode(201);
            veloAs(veloToken(server, a.apiKey(), a.apiSecret())).get("/v2/currencies").then().statusCode(503);
            veloAs(veloToken(server, b.apiKey(), b.apiSecret())).get("/v2/currencies").then().statusCode(200);
            veloAs(veloToken()).get("/v2/currencies").then().statusCode(200);
            String bToken = veloToken(server, b.apiKey(), b.apiSecret());
            String payout = submitPayout(bToken);
            a.control(server).post("/reset").then().statusCode(200);
            veloAs(bToken).get("/v3/payouts/" + payout).then().statusCode(200);
            b.control(server).get("/scenarios").then().body("scenarios.name", equalTo(List.of("default")));
        } finally {
            removeAll(List.of(a, b));
        }
    }

    @Test
    void aSandboxsControlEndpointsNeedItsTokenAndRemovalFreesIt() {
        Box box = createManual(1);
        on(server, "control").get("/_sim/sandboxes/" + box.id() + "/clock").then().statusCode(401).body("error", equalTo("UNAUTHORIZED"));
        on(server, "control").header("Authorization", "Bearer wrong").header("Standin-Sandbox", box.id()).get("/_sim/clock")
                .then().statusCode(401);
        on(server, "control").header("Authorization", "Bearer " + box.token()).header("Standin-Sandbox", box.id()).get("/_sim/clock")
                .then().statusCode(200);
        String token = veloToken(server, box.apiKey(), box.apiSecret());
        box.control(server).delete("").then().statusCode(204);
        on(server, "control").header("Authorization", "Bearer " + box.token()).get("/_sim/sandboxes/" + box.id()).then().statusCode(404);
        veloAs(token).get("/v1/payors/" + PAYOR_ID).then().statusCode(401);
        control().delete("/_sim/sandboxes/default").then().statusCode(409);
        control().get("/_sim/sandboxes").then().body("sandboxes.id", equalTo(List.of("default")));
    }

    /** Whether something accepts connections on {@code port}. */
    private static boolean listening(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 2_000);
            return true;
        } catch (java.io.IOException refused) {
            return false;
        }
    }

    @Test
    void aRemovedSandboxsTerminalPortStopsListeningWhileAnotherSandboxsTerminalGoesOn() {
        Box a = createManual(5);
        Box b = createManual(6);
        int portA = a.info().getInt("ports.terminals.find { it.id == 'terminal-1' }.port");
        int portB = b.info().getInt("ports.terminals.find { it.id == 'terminal-1' }.port");
        assertNotEquals(portA, portB);
        given().port(portA).contentType("application/json").body("{}").post("/").then().statusCode(400);
        a.control(server).delete("").then().statusCode(204);
        assertTrue(!listening(portA), "the removed sandbox's terminal port still accepts connections");
        given().port(portB).contentType("application/json").body("{}").post("/").then().statusCode(400);
        int defaultPort = server.listenerPort("terminals", "terminal-1");
        given().port(defaultPort).contentType("application/json").body("{}").post("/").then().statusCode(400);
        removeAll(List.of(b));
        assertTrue(!listening(portB));
        assertTrue(listening(defaultPort), "the default sandbox's terminal goes on");
    }

    @Test
    void twoSandboxesRunTheirPayoutJourneysAndTerminalSalesConcurrentlyWithoutSeeingEachOther() throws Exception {
        Box a = createManual(3);
        Box b = create("{\"scenarios\":[\"default\"],\"clock\":{\"mode\":\"manual\",\"start\":\"2027-06-01T12:00:00Z\"},\"seed\":4}");
        try {
            List<CompletableFuture<String>> runs = new ArrayList<>();
            for (Box box : List.of(a, b)) {
                runs.add(CompletableFuture.supplyAsync(() -> journey(box), THREADS));
            }
            String paidA = runs.get(0).get(60, TimeUnit.SECONDS);
            String paidB = runs.get(1).get(60, TimeUnit.SECONDS);
            veloAs(veloToken(server, a.apiKey(), a.apiSecret())).get("/v3/payouts/" + paidB).then().statusCode(404);
            veloAs(veloToken(server, b.apiKey(), b.apiSecret())).get("/v3/payouts/" + paidA).then().statusCode(404);
            a.control(server).get("/clock").then().body("now", equalTo("2026-01-01T00:01:00Z"));
            b.control(server).get("/clock").then().body("now", equalTo("2027-06-01T12:01:00Z"));
        } finally {
            removeAll(List.of(a, b));
        }
    }

    @Test
    void aGuardedServerBoundsSandboxesTakesInlineScenariosAndRemovesIdleOnes() throws Exception {
        try (StandinServer guarded = TestServer.start("--control-token", "server-secret", "--max-sandboxes", "1",
                "--sandbox-idle-timeout", "1")) {
            on(guarded, "control").get("/_sim/health").then().statusCode(200);
            on(guarded, "control").get("/_sim/clock").then().statusCode(401);
            on(guarded, "control").contentType(ContentType.JSON).body("{}").post("/_sim/sandboxes").then().statusCode(401);
            var admin = on(guarded, "control").header("Authorization", "Bearer server-secret");
            var request = dev.standin.core.json.Json.mapper().createObjectNode().put("name", "inline");
            request.putArray("scenarios").add(dev.standin.support.Scenarios.secondPayor("mine"));
            JsonPath created = admin.contentType(ContentType.JSON).body(request.toString())
                    .post("/_sim/sandboxes").then().statusCode(201).body("name", equalTo("inline"))
                    .body("scenarios", equalTo(List.of("mine"))).extract().jsonPath();
            String key = created.getString("credentials.velo.payors.find { it.payorId == '" + dev.standin.support.Scenarios.SECOND_PAYOR_ID
                    + "' }.apiKeys[0].apiKey");
            assertNotEquals(dev.standin.support.Scenarios.SECOND_API_KEY, key, "a sandbox's credentials are its own, not the scenario's");
            veloToken(guarded, key, created.getString("credentials.velo.payors.find { it.payorId == '"
                    + dev.standin.support.Scenarios.SECOND_PAYOR_ID + "' }.apiKeys[0].apiSecret"));
            on(guarded, "control").header("Authorization", "Bearer server-secret").contentType(ContentType.JSON).body("{}")
                    .post("/_sim/sandboxes").then().statusCode(429).body("error", equalTo("TOO_MANY_SANDBOXES"));
            on(guarded, "control").header("Authorization", "Bearer server-secret").contentType(ContentType.JSON)
                    .body("{\"scenarios\":[\"no-such-scenario\"]}").post("/_sim/sandboxes").then().statusCode(400)
                    .body("field", equalTo("scenarios[0]"));
            Thread.sleep(1100);
            guarded.sandboxes().removeIdle();
            on(guarded, "control").header("Authorization", "Bearer server-secret").get("/_sim/sandboxes").then()
                    .body("sandboxes.id", equalTo(List.of("default")));
        }
    }

    @Test
    void aFullSandboxRefusesNewRowsWith507InTheProvidersShapeUntilItIsReset() throws Exception {
        JsonPath roomy = control().contentType(ContentType.JSON).body("{}").post("/_sim/sandboxes").then().statusCode(201)
                .body("maxRows", equalTo(100_000)).extract().jsonPath();
        int seeded = roomy.getInt("rows");
        control().header("Authorization", "Bearer " + roomy.getString("controlToken")).delete("/_sim/sandboxes/" + roomy.getString("id"))
                .then().statusCode(204);
        control().contentType(ContentType.JSON).body("{\"maxRows\":0}").post("/_sim/sandboxes").then().statusCode(400)
                .body("field", equalTo("maxRows"));
        Box box = create("{\"maxRows\":" + (seeded + 5) + "}");
        try {
            String token = veloToken(server, box.apiKey(), box.apiSecret());
            int refused = -1;
            for (int i = 0; i < 40 && refused < 0; i++) {
                Thread.sleep(60); // the count the limit checks is at most a quarter of a second old
                int status = veloAs(token).body(PAYOUT_BODY).post("/v3/payouts").then().extract().statusCode();
                if (status == 507) {
                    refused = i;
                } else {
                    assertEquals(202, status, "a payout before the sandbox is full is accepted");
                }
            }
            assertTrue(refused > 0, "the sandbox fills up and refuses a payout");
            veloAs(token).body(PAYOUT_BODY).post("/v3/payouts").then().statusCode(507)
                    .body("errors[0].errorCode", equalTo("SANDBOX_FULL"))
                    .body("errors[0].errorMessage", containsString("maximum of " + (seeded + 5)))
                    .body("correlationId", notNullValue());
            veloAs(token).get("/v1/payees").then().statusCode(200);
            box.control(server).contentType("application/yaml").body(dev.standin.support.Scenarios.secondPayor("more"))
                    .post("/scenarios").then().statusCode(507).body("error", equalTo("SANDBOX_FULL"));
            box.control(server).post("/reset").then().statusCode(200);
            submitPayout(veloToken(server, box.apiKey(), box.apiSecret())); // a reset forgets issued tokens
        } finally {
            removeAll(List.of(box));
        }
    }

    @Test
    void concurrentCreationsNeverOvershootTheMaximum() throws Exception {
        try (StandinServer small = TestServer.start("--max-sandboxes", "2")) {
            List<CompletableFuture<Integer>> posts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                posts.add(CompletableFuture.supplyAsync(() -> on(small, "control").contentType(ContentType.JSON).body("{}")
                        .post("/_sim/sandboxes").then().extract().statusCode(), THREADS));
            }
            List<Integer> statuses = posts.stream().map(CompletableFuture::join).sorted().toList();
            assertEquals(List.of(201, 201, 429, 429, 429, 429, 429, 429), statuses);
            on(small, "control").get("/_sim/sandboxes").then().body("count", equalTo(3));
        }
    }

    /** The Velo payout journey and a terminal sale in one sandbox, driven by its own clock; answers the payout id. */
    private String journey(Box box) {
        String token = veloToken(server, box.apiKey(), box.apiSecret());
        String payout = submitPayout(token);
        box.control(server).contentType(ContentType.JSON).body("{\"by\":\"PT2S\"}").post("/clock/advance").then().statusCode(200);
        veloAs(token).get("/v3/payouts/" + payout).then().body("status", equalTo("ACCEPTED"));
        veloAs(token).post("/v3/payouts/" + payout).then().statusCode(202);
        box.control(server).contentType(ContentType.JSON).body("{\"by\":\"PT10S\"}").post("/clock/advance").then().statusCode(200);
        veloAs(token).get("/v3/payouts/" + payout).then().body("status", equalTo("COMPLETED"));
        int port = box.info().getInt("ports.terminals.find { it.id == 'terminal-1' }.port");
        CompletableFuture<JsonPath> sale = CompletableFuture.supplyAsync(() -> given().port(port).contentType("application/json")
                .body("{\"requestType\":\"payment\",\"transactionType\":\"sale\",\"tenderType\":\"credit\",\"amount\":\"12.00\"}")
                .post("/").then().statusCode(200).extract().jsonPath(), THREADS);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!"WAITING_CARD".equals(box.control(server).get("/terminals/terminal-1").then().extract().path("screen.state"))) {
            if (sale.isDone()) {
                throw new AssertionError("the sale ended before a card: " + sale.join().prettify());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the sandbox's terminal never asked for a card");
            }
            Thread.onSpinWait();
        }
        box.control(server).contentType(ContentType.JSON).body("{\"by\":\"PT48S\"}").post("/clock/advance").then().statusCode(200);
        assertEquals("APPROVED", sale.join().getString("paymentStatus"));
        return payout;
    }
}
