package dev.standin.rules;

import dev.standin.support.AcceptanceTest;
import dev.standin.support.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhooksTest extends AcceptanceTest {
    private WebhookReceiver receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    void notifyOnPayout(String extra) {
        loadScenario("""
                version: 1
                name: payout-webhook
                rules:
                  - match: {provider: velo, method: POST, path: /v3/payouts}
                    effect:
                      webhook:
                        url: %s
                        headers: {X-Source: standin}
                        body: {event: payout.submitted, payoutId: "{{response.payoutId}}", status: "{{status}}", tenant: "{{tenant}}"}
                %s""".formatted(receiver.url(), extra));
    }

    String submit() {
        return veloAs(veloToken()).body("{\"payorId\":\"" + PAYOR_ID + "\",\"payments\":[{\"remoteId\":\"myRemoteId01\",\"currency\":\"USD\",\"amount\":100,\"sourceAccountName\":\"PAYOR_SRC_ACCT\"}]}")
                .post("/v3/payouts").then().statusCode(202).extract().path("payoutId");
    }

    @Test
    void aRuleSendsATemplatedWebhookAfterAnswering() {
        notifyOnPayout("");
        String payoutId = submit();
        eventually(() -> receiver.received().size() == 1);
        String body = receiver.received().getFirst().body();
        assertTrue(body.contains("\"payoutId\":\"" + payoutId + "\""), body);
        assertTrue(body.contains("\"status\":202"), body);
        assertTrue(body.contains("\"tenant\":\"" + PAYOR_ID + "\""), body);
        assertEquals(List.of("standin"), receiver.received().getFirst().headers().get("X-source"));
        control().get("/_sim/webhooks").then().body("deliveries[0].state", equalTo("DELIVERED"))
                .body("deliveries[0].attempts[0].status", equalTo(200));
    }

    @Test
    void retriesFollowTheScheduleOnTheVirtualClockAndStopAfterTheLast() {
        notifyOnPayout("");
        receiver.failNext(10);
        submit();
        eventually(() -> receiver.received().size() == 1);
        eventuallyState("RETRYING");
        advance("PT0.9S");
        assertEquals(1, receiver.received().size(), "the first retry waits 1 s");
        advance("PT0.1S");
        eventually(() -> receiver.received().size() == 2);
        waitAttempts(2);
        advance("PT5S");
        eventually(() -> receiver.received().size() == 3);
        waitAttempts(3);
        advance("PT30S");
        eventually(() -> receiver.received().size() == 4);
        eventuallyState("GAVE_UP");
        advance("PT10M");
        assertEquals(4, receiver.received().size(), "no attempt after the last retry");
        control().get("/_sim/webhooks").then().body("deliveries[0].attempts.size()", equalTo(4))
                .body("deliveries[0].attempts[3].status", equalTo(503));
    }

    @Test
    void settingsChangeTheRetrySchedule() {
        notifyOnPayout("settings:\n  webhooks: {retryDelays: [PT2S]}\n");
        receiver.failNext(10);
        submit();
        eventually(() -> receiver.received().size() == 1);
        eventuallyState("RETRYING");
        advance("PT1S");
        assertEquals(1, receiver.received().size());
        advance("PT1S");
        eventually(() -> receiver.received().size() == 2);
        eventuallyState("GAVE_UP");
    }

    @Test
    void aBadRetryDelayIsRefused() {
        control().contentType("application/yaml").body("version: 1\nname: bad-retries\nsettings:\n  webhooks: {retryDelays: [PT1S, soon]}\n")
                .post("/_sim/scenarios").then().statusCode(400)
                .body("problems[0].field", equalTo("settings.webhooks.retryDelays[1]"));
    }

    @Test
    void aDeliveryCanBeRedelivered() {
        notifyOnPayout("");
        submit();
        eventually(() -> receiver.received().size() == 1);
        eventuallyState("DELIVERED");
        Integer id = control().get("/_sim/webhooks").then().extract().path("deliveries[0].id");
        control().post("/_sim/webhooks/" + id + "/redeliver").then().statusCode(200);
        eventually(() -> receiver.received().size() == 2);
        control().post("/_sim/webhooks/999999/redeliver").then().statusCode(404);
    }

    @Test
    void deliveryRulesFailDuplicateAndHoldDeliveries() {
        notifyOnPayout("""
                  - match: {provider: velo, event: webhook.deliver}
                    effect: {outcome: {type: fail}}
                    times: {first: 2}
                  - match: {provider: velo, event: webhook.deliver}
                    effect: {outcome: {type: duplicate}}
                    times: {first: 1}
                """);
        submit();
        eventuallyState("RETRYING");
        advance("PT1S");
        advance("PT5S");
        eventually(() -> receiver.received().size() == 2);
        assertEquals(receiver.received().get(0).body(), receiver.received().get(1).body());
    }

    private void waitAttempts(int n) {
        eventually(() -> control().get("/_sim/webhooks").then().extract().<Integer>path("deliveries[0].attempts.size()") == n);
    }

    private void eventuallyState(String state) {
        eventually(() -> state.equals(control().get("/_sim/webhooks").then().extract().path("deliveries[0].state")));
    }

    private static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
