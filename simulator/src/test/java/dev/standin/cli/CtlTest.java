package dev.standin.cli;

import dev.standin.support.AcceptanceTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code standin ctl}, run as CI scripts run it, against a running server: output and exit codes. */
class CtlTest extends AcceptanceTest {
    record Run(int code, String out, String err) {
    }

    Run ctl(String... args) {
        List<String> all = new ArrayList<>(List.of("--url", "http://127.0.0.1:" + server.port("control")));
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Ctl.run(all.toArray(String[]::new), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void statusInfoAndTheEnvironmentForCi() {
        Run status = ctl("status");
        assertEquals(0, status.code(), status.err());
        assertTrue(status.out().startsWith("UP  Standin "), status.out());
        Run env = ctl("info", "--format", "env");
        assertEquals(0, env.code(), env.err());
        assertTrue(env.out().contains("export STANDIN_VELO_URL='http://127.0.0.1:" + server.port("velo") + "'"), env.out());
        assertTrue(env.out().contains("export STANDIN_VELO_API_KEY='" + API_KEY + "'"), env.out());
        assertTrue(env.out().contains("export STANDIN_VENDREO_SECRET_KEY='vendreo-secret-key'"), env.out());
        assertTrue(env.out().contains("export STANDIN_TERMINAL_TERMINAL_1_STORE_SECRET='terminal-1-store-secret'"), env.out());
        assertTrue(env.out().contains("export STANDIN_VELAPAY_CLOUD_URL='http://127.0.0.1:" + server.port("velapayCloud") + "'"), env.out());
    }

    @Test
    void theClockScenariosAndResetFromTheCommandLine() throws Exception {
        Run advanced = ctl("advance", "PT1H");
        assertEquals(0, advanced.code(), advanced.err());
        assertTrue(advanced.out().startsWith("clock now 2026-01-01T01:00:00Z"), advanced.out());
        Run shipped = ctl("load", "velo-partial-failure");
        assertEquals(0, shipped.code(), shipped.err());
        assertEquals("loaded velo-partial-failure (1 rules)", shipped.out().trim());
        Path file = Files.createTempFile("ctl", ".yaml");
        Files.writeString(file, "version: 1\nname: from-a-file\n");
        assertEquals(0, ctl("load", file.toString()).code());
        control().get("/_sim/scenarios").then().body("scenarios.name", org.hamcrest.Matchers.hasItems("velo-partial-failure", "from-a-file"));
        assertEquals(0, ctl("unload", "from-a-file").code());
        Run reset = ctl("reset", "--provider", "velo");
        assertEquals("reset velo", reset.out().trim());

        Path bad = Files.createTempFile("bad", ".yaml");
        Files.writeString(bad, "version: 1\nname: bad\nrules:\n  - match: {provider: nowhere}\n");
        Run refused = ctl("load", bad.toString());
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("400"), refused.err());
        assertEquals(1, ctl("load", "no-such-scenario").code());
        assertEquals(2, ctl("advance").code());
        assertEquals(2, ctl("frobnicate").code());
        assertEquals(3, Ctl.run(new String[]{"--url", "http://127.0.0.1:9", "status"}, Map.of(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream())));
    }

    @Test
    void triggersFailAVeloPaymentAndDeclineTheNextTerminalPayment() {
        String token = veloToken();
        String payout = submitPayout(token);
        advance("PT1S");
        veloAs(token).post("/v3/payouts/" + payout).then().statusCode(202);
        String payment = control().get("/_sim/velo/payouts/" + payout).then().extract().path("payments[0].paymentId");
        Run failed = ctl("trigger", "velo", "payment-fail", payment, "--reason", "ACH_RETURN_R02");
        assertEquals(0, failed.code(), failed.err());
        assertEquals("payment " + payment + " FAILED", failed.out().trim());

        Run decline = ctl("trigger", "terminal", "decline-next", "terminal-1");
        assertEquals(0, decline.code(), decline.err());
        String sale = "{\"requestType\":\"payment\",\"transactionType\":\"sale\",\"tenderType\":\"credit\",\"amount\":\"12.00\"}";
        io.restassured.specification.RequestSpecification terminal = io.restassured.RestAssured.given().baseUri("http://127.0.0.1")
                .port(server.listenerPort("terminals", "terminal-1")).contentType(ContentType.JSON);
        java.util.concurrent.CompletableFuture<String> first = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                terminal.body(sale).post("/").then().extract().path("paymentStatus"));
        awaitTerminalState("terminal-1", "WAITING_CARD");
        control().contentType(ContentType.JSON).body("{\"type\":\"presentCard\"}").post("/_sim/terminals/terminal-1/actions").then().statusCode(200);
        assertEquals("DECLINED", first.join());
        Run requests = ctl("requests", "--provider", "terminals", "--limit", "5");
        assertEquals(0, requests.code(), requests.err());
        assertTrue(requests.out().contains("POST /  200"), requests.out());
        control().get("/_sim/scenarios").then().body("scenarios.find { it.name == 'ctl-decline-next-terminal-1' }.ruleHits[0].fired", equalTo(1));
    }

    @Test
    void webhooksAreListedAndRedelivered() {
        loadScenario("""
                version: 1
                name: ctl-hook
                rules:
                  - match: {provider: velo, method: POST, path: /v3/payouts}
                    effect: {webhook: {url: "http://127.0.0.1:9/hook", body: {event: submitted}}}
                """);
        submitPayout(veloToken());
        long id = ((Number) control().get("/_sim/webhooks").then().extract().path("deliveries[0].id")).longValue();
        Run listed = ctl("webhooks");
        assertEquals(0, listed.code(), listed.err());
        assertTrue(listed.out().contains("#" + id + "  velo  ") && listed.out().contains("http://127.0.0.1:9/hook"), listed.out());
        Run redelivered = ctl("trigger", "webhook", "redeliver", Long.toString(id));
        assertEquals(0, redelivered.code(), redelivered.err());
        assertTrue(redelivered.out().startsWith("delivery #" + id + " "), redelivered.out());
        assertEquals(1, ctl("trigger", "webhook", "redeliver", "999999").code());
        assertEquals(2, ctl("trigger", "qolo", "authorization", "only-a-proxy").code());
    }

    @Test
    void requestsTailPrintsNewExchangesUntilInterrupted() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream printer = new PrintStream(out, true, StandardCharsets.UTF_8);
        Thread tail = new Thread(() -> Ctl.run(new String[]{"--url", "http://127.0.0.1:" + server.port("control"), "requests", "--provider", "velo",
                "--tail"}, Map.of(), printer, printer));
        tail.start();
        velo().get("/v2/currencies").then().statusCode(401);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!out.toString(StandardCharsets.UTF_8).contains("GET /v2/currencies  401") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        tail.interrupt();
        tail.join(5000);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("velo  GET /v2/currencies  401"), out.toString(StandardCharsets.UTF_8));
    }
}
