package dev.standin.rules;

import dev.standin.support.AcceptanceTest;
import dev.standin.support.WebhookReceiver;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loads each file of scenarios/ into the running server and checks it does what scenarios/README.md says. */
class ScenarioLibraryTest extends AcceptanceTest {
    static final Path LIBRARY = Path.of("../scenarios");

    void loadFile(String file) throws IOException {
        loadScenario(Files.readString(LIBRARY.resolve(file)));
    }

    String payout(String token, String payorId, String remoteId, long amount) {
        return veloAs(token).body("{\"payorId\":\"" + payorId + "\",\"payments\":[{\"remoteId\":\"" + remoteId
                        + "\",\"currency\":\"USD\",\"amount\":" + amount + ",\"sourceAccountName\":\"" + "USD_Velo" + "\"}]}")
                .post("/v3/payouts").then().statusCode(202).extract().path("payoutId");
    }

    @Test
    void everyShippedScenarioIsExercisedHere() throws IOException {
        try (Stream<Path> files = Files.list(LIBRARY)) {
            List<String> yaml = files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".yaml")).sorted().toList();
            assertEquals(List.of("api-timeout-after-commit.yaml", "default.yaml", "qolo-card-frozen.yaml", "qolo-duplicate-webhooks.yaml",
                    "qolo-insufficient-funds.yaml", "qolo-rate-limited.yaml", "qolo-webhook-outage.yaml", "rate-limiting.yaml", "terminal-busy.yaml",
                    "terminal-customer-cancels.yaml", "terminal-declines.yaml", "terminal-dialog-timeout.yaml",
                    "terminal-signature-required.yaml", "velapay-cloud-capture-timeout.yaml", "velapay-cloud-declines.yaml",
                    "velapay-cloud-outage.yaml", "velo-insufficient-funds.yaml",
                    "velo-partial-failure.yaml", "velo-unknown-payee.yaml", "vendreo-3ds-fails.yaml", "vendreo-bank-denies.yaml", "vendreo-banned-ip.yaml", "vendreo-callback-down.yaml", "vendreo-card-declined.yaml", "vendreo-consent-expires.yaml",
                    "vendreo-instalment-3-fails.yaml", "vendreo-payment-expires.yaml", "vendreo-shopper-cancels.yaml", "webhook-outage.yaml"), yaml,
                    "a new scenario file needs its test (here, in TerminalScenariosTest, CloudPaymentTest, QoloScenariosTest, VendreoScenariosTest, VendreoCardTest or VendreoAisTest) and a line in scenarios/README.md");
        }
    }

    @Test
    void partialFailure() throws IOException {
        loadFile("velo-partial-failure.yaml");
        String token = veloToken();
        String payoutId = veloAs(token).body("{\"payorId\":\"" + PAYOR_ID + "\",\"payments\":["
                        + "{\"remoteId\":\"myRemoteId01\",\"currency\":\"USD\",\"amount\":100,\"sourceAccountName\":\"USD_Velo\"},"
                        + "{\"remoteId\":\"myRemoteId02\",\"currency\":\"USD\",\"amount\":200,\"sourceAccountName\":\"USD_Velo\"}]}")
                .post("/v3/payouts").then().statusCode(202).extract().path("payoutId");
        advance("PT1S");
        veloAs(token).post("/v3/payouts/" + payoutId).then().statusCode(202);
        advance("PT3S");
        veloAs(token).get("/v3/paymentaudit/payouts/" + payoutId).then()
                .body("summary.payoutStatus", equalTo("INCOMPLETE"))
                .body("summary.failedPayments", equalTo(1)).body("summary.confirmedPayments", equalTo(1));
        veloAs(token).get("/v1/sourceAccounts/5a0c0002-0000-4000-8000-000000000002").then().body("balance", equalTo(100000000 - 100));
    }

    @Test
    void unknownPayee() throws IOException {
        loadFile("velo-unknown-payee.yaml");
        String token = veloToken(server, "empty-payees-key", "empty-payees-secret");
        String payoutId = payout(token, "7d1a0c2e-0000-4000-8000-0000000000e1", "myRemoteId01", 100);
        advance("PT1S");
        veloAs(token).get("/v3/payouts/" + payoutId).then().body("status", equalTo("REJECTED"))
                .body("rejectedPayments[0].reason", equalTo("UNKNOWN_REMOTE_ID"));
    }

    @Test
    void insufficientFundsUntilAnAchFundingArrives() throws IOException {
        loadFile("velo-insufficient-funds.yaml");
        String token = veloToken(server, "thin-funds-key", "thin-funds-secret");
        String payoutId = payout(token, "7d1a0c2e-0000-4000-8000-0000000000f1", "thin-payee", 2500);
        advance("PT1S");
        veloAs(token).post("/v3/payouts/" + payoutId).then().statusCode(202);
        advance("PT5S");
        veloAs(token).get("/v3/payouts/" + payoutId).then().body("status", equalTo("INSTRUCTED"))
                .body("fxSummaries[0].fundingStatus", equalTo("INSTRUCTED"));
        veloAs(token).body("{\"amount\":5000}").post("/v1/sourceAccounts/7d1a0c2e-0000-4000-8000-00000000a0f1/achFundingRequest")
                .then().statusCode(202);
        advance("PT2S");
        advance("PT3S");
        veloAs(token).get("/v3/payouts/" + payoutId).then().body("status", equalTo("COMPLETED"));
        veloAs(token).get("/v1/sourceAccounts/7d1a0c2e-0000-4000-8000-00000000a0f1").then().body("balance", equalTo(1000 + 5000 - 2500));
    }

    @Test
    void timeoutAfterCommit() throws IOException {
        loadFile("api-timeout-after-commit.yaml");
        String token = veloToken();
        veloAs(token).body("{\"payorId\":\"" + PAYOR_ID + "\",\"payments\":[{\"remoteId\":\"myRemoteId01\",\"currency\":\"USD\",\"amount\":100,\"sourceAccountName\":\"USD_Velo\",\"payorPaymentId\":\"once-only\"}]}")
                .post("/v3/payouts").then().statusCode(504);
        advance("PT2S"); // validated: its payment is in audit
        veloAs(token).queryParam("remoteId", "myRemoteId01").get("/v3/paymentaudit/payments").then()
                .body("content[0].payorPaymentId", equalTo("once-only"));
        payout(token, PAYOR_ID, "myRemoteId01", 100);
    }

    @Test
    void rateLimiting() throws IOException {
        loadFile("rate-limiting.yaml");
        String token = veloToken();
        for (int i = 0; i < 3; i++) {
            veloAs(token).get("/v1/payees").then().statusCode(200);
        }
        veloAs(token).get("/v1/payees").then().statusCode(429).header("Retry-After", "2");
        control().delete("/_sim/scenarios/rate-limiting").then().statusCode(204);
        veloAs(token).get("/v1/payees").then().statusCode(200);
    }

    @Test
    void webhookEndpointDownThenRecovering() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            loadScenario(Files.readString(LIBRARY.resolve("webhook-outage.yaml")).replace("http://127.0.0.1:18099/hooks/velo", receiver.url()));
            String payoutId = payout(veloToken(), PAYOR_ID, "myRemoteId01", 100);
            for (String step : new String[]{"PT1S", "PT5S", "PT30S"}) {
                waitForState("RETRYING");
                advance(step);
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (receiver.received().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(1, receiver.received().size());
            assertTrue(receiver.received().getFirst().body().contains(payoutId));
            waitForState("DELIVERED");
            control().get("/_sim/webhooks").then().body("deliveries[0].attempts.size()", equalTo(4));
        }
    }

    private void waitForState(String state) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!state.equals(control().get("/_sim/webhooks").then().extract().path("deliveries[0].state"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("webhook never reached " + state);
            }
            Thread.sleep(20);
        }
    }
}
