package dev.standin.rules;

import dev.standin.StandinServer;
import dev.standin.support.AcceptanceTest;
import dev.standin.support.Scenarios;
import dev.standin.support.TestServer;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RulesTest extends AcceptanceTest {
    static final String PAYOUT = "/v3/payouts/00000000-0000-4000-8000-000000000001";

    String rules(String name, String rulesYaml) {
        loadScenario("version: 1\nname: " + name + "\nrules:\n" + rulesYaml);
        return name;
    }

    String submitPayout(String token, String remoteId) {
        return veloAs(token).body("{\"payorId\":\"" + PAYOR_ID + "\",\"payments\":[{\"remoteId\":\"" + remoteId
                        + "\",\"currency\":\"USD\",\"amount\":100,\"sourceAccountName\":\"PAYOR_SRC_ACCT\"}]}")
                .post("/v3/payouts").then().statusCode(202).extract().path("payoutId");
    }

    @Test
    void aRuleAnswersWithATemplatedBody() {
        rules("canned", """
                  - match: {provider: velo, method: GET, path: "/v3/payouts/{payoutId}"}
                    effect: {respond: {status: 200, headers: {X-Sim: canned}, body: {payoutId: "{{path.payoutId}}", status: ACCEPTED, memo: "for {{query.who}}"}}}
                """);
        // the canned body is the rule's, not a payout as Velo's document describes it
        dev.standin.support.ApiContracts.unchecked(() -> velo().queryParam("who", "qa").get(PAYOUT).then().statusCode(200)
                .header("X-Sim", "canned")
                .body("payoutId", equalTo("00000000-0000-4000-8000-000000000001"))
                .body("memo", equalTo("for qa")));
        // the journal says which rule decided the exchange
        control().queryParam("provider", "velo").queryParam("limit", 1).get("/_sim/requests").then().statusCode(200)
                .body("requests[0].path", equalTo(PAYOUT)).body("requests[0].rule", equalTo("canned/canned#1"));
    }

    @Test
    void rulesMatchQueryParametersAndHeaders() {
        rules("second-page", """
                  - match: {provider: velo, method: GET, path: /v1/payees, query: {page: "2", pageSize: {min: 10}}, headers: {X-Trace: {present: true}}}
                    effect: {respond: {status: 500}}
                """);
        String token = veloToken();
        veloAs(token).queryParam("page", 2).queryParam("pageSize", 10).header("X-Trace", "t").get("/v1/payees").then().statusCode(500);
        veloAs(token).queryParam("page", 2).queryParam("pageSize", 5).header("X-Trace", "t").get("/v1/payees").then().statusCode(200);
        veloAs(token).queryParam("page", 2).queryParam("pageSize", 10).get("/v1/payees").then().statusCode(200);
        veloAs(token).queryParam("page", 1).queryParam("pageSize", 10).header("X-Trace", "t").get("/v1/payees").then().statusCode(200);
    }

    @Test
    void aRuleAnswerWithoutABodyIsInTheProvidersErrorShape() {
        rules("outage", "  - match: {provider: velo, path: /v1/payees}\n    effect: {respond: {status: 503}}\n");
        veloAs(veloToken()).get("/v1/payees").then().statusCode(503).body("httpStatusCode", equalTo(503))
                .body("errors[0].errorCode", equalTo("SIMULATED"));
    }

    @Test
    void firstNthAndAfterCountMatchingCalls() {
        rules("counting", """
                  - match: {provider: velo, path: /v2/currencies, headers: {X-Mode: first}}
                    effect: {respond: {status: 500}}
                    times: {first: 2}
                  - match: {provider: velo, path: /v2/currencies, headers: {X-Mode: nth}}
                    effect: {respond: {status: 500}}
                    times: {nth: 2}
                  - match: {provider: velo, path: /v2/currencies, headers: {X-Mode: after}}
                    effect: {respond: {status: 500}}
                    times: {after: 2}
                """);
        String token = veloToken();
        assertEquals(List.of(500, 500, 200, 200), statuses(token, "first", 4));
        assertEquals(List.of(200, 500, 200, 200), statuses(token, "nth", 4));
        assertEquals(List.of(200, 200, 500, 500), statuses(token, "after", 4));
        control().get("/_sim/scenarios").then()
                .body("scenarios.find { it.name == 'counting' }.ruleHits.matched", equalTo(List.of(4, 4, 4)))
                .body("scenarios.find { it.name == 'counting' }.ruleHits.fired", equalTo(List.of(2, 1, 2)));
    }

    @Test
    void aProbabilityRuleRepeatsExactlyAfterAReset() {
        rules("coin", "  - match: {provider: velo, path: /v2/currencies}\n    effect: {respond: {status: 500}}\n    times: {probability: 0.5}\n");
        List<Integer> first = statuses(veloToken(), null, 20);
        control().post("/_sim/reset").then().statusCode(200);
        List<Integer> second = statuses(veloToken(), null, 20);
        assertEquals(first, second);
        assertTrue(first.contains(500) && first.contains(200), first.toString());
    }

    @Test
    void rulesMatchBodyFieldsByEqualityRegexAndRange() {
        rules("big-payouts", """
                  - match: {provider: velo, method: POST, path: /v3/payouts, body: {"payments[0].amount": {min: 1000}, "payments[0].remoteId": {regex: "myRemote.*"}}}
                    effect: {respond: {status: 422, body: {message: "too big: {{body.payments[0].amount}}", amount: "{{body.payments[0].amount}}"}}}
                """);
        String token = veloToken();
        // the 422 and its body are the rule's, not Velo's
        dev.standin.support.ApiContracts.unchecked(() -> veloAs(token).body("{\"payorId\":\"" + PAYOR_ID + "\",\"payments\":[{\"remoteId\":\"myRemoteId01\",\"currency\":\"USD\",\"amount\":5000,\"sourceAccountName\":\"PAYOR_SRC_ACCT\"}]}")
                .post("/v3/payouts").then().statusCode(422).body("message", equalTo("too big: 5000")).body("amount", equalTo(5000)));
        submitPayout(token, "myRemoteId01");
    }

    @Test
    void aTenantScopedRuleOnlyTouchesThatTenant() {
        loadScenario(Scenarios.secondPayor("tenant-two"));
        rules("only-second", "  - match: {provider: velo, path: /v1/payees, tenant: " + Scenarios.SECOND_PAYOR_ID + "}\n    effect: {respond: {status: 500}}\n");
        veloAs(veloToken()).get("/v1/payees").then().statusCode(200);
        veloAs(veloToken(server, Scenarios.SECOND_API_KEY, Scenarios.SECOND_API_SECRET)).get("/v1/payees").then().statusCode(500);
    }

    @Test
    void aDelayedAnswerWaitsForTheVirtualClock() throws Exception {
        rules("slow", "  - match: {provider: velo, path: /v2/currencies}\n    effect: {delay: PT30S}\n");
        String token = veloToken();
        CompletableFuture<Integer> call = CompletableFuture.supplyAsync(() -> veloAs(token).get("/v2/currencies").then().extract().statusCode());
        Thread.sleep(300);
        assertFalse(call.isDone(), "the answer waits for the virtual clock");
        advance("PT30S");
        assertEquals(200, call.get(10, TimeUnit.SECONDS));
    }

    @Test
    void rateLimitingAnswers429WithRetryAfterInTheProvidersShape() {
        rules("limited", "  - match: {provider: velo, path: /v1/payees}\n    effect: {rateLimit: {retryAfter: 7}}\n    times: {first: 1}\n");
        String token = veloToken();
        veloAs(token).get("/v1/payees").then().statusCode(429).header("Retry-After", "7").body("httpStatusCode", equalTo(429));
        veloAs(token).get("/v1/payees").then().statusCode(200);
    }

    @Test
    void networkFaultsDropEmptyMalformedAndSlow() throws Exception {
        rules("faults", """
                  - match: {provider: velo, path: /v2/currencies, headers: {X-Fault: drop}}
                    effect: {fault: drop}
                  - match: {provider: velo, path: /v2/currencies, headers: {X-Fault: empty}}
                    effect: {fault: empty}
                  - match: {provider: velo, path: /v2/currencies, headers: {X-Fault: malformed}}
                    effect: {fault: malformed}
                  - match: {provider: velo, path: /v2/currencies, headers: {X-Fault: chunked}}
                    effect: {fault: chunked}
                """);
        String token = veloToken();
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + server.port("velo") + "/v2/currencies");
        HttpRequest.Builder base = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
        assertThrows(IOException.class, () -> client.send(base.copy().header("X-Fault", "drop").build(), HttpResponse.BodyHandlers.ofString()));
        HttpResponse<String> empty = client.send(base.copy().header("X-Fault", "empty").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, empty.statusCode());
        assertEquals("", empty.body());
        HttpResponse<String> malformed = client.send(base.copy().header("X-Fault", "malformed").build(), HttpResponse.BodyHandlers.ofString());
        assertThrows(Exception.class, () -> new com.fasterxml.jackson.databind.ObjectMapper().readTree(malformed.body()));
        long start = System.nanoTime();
        HttpResponse<String> slow = client.send(base.copy().header("X-Fault", "chunked").build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(slow.body().contains("\"USD\""));
        assertTrue(System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(1000), "answered slowly");
    }

    @Test
    void commitThenFailCreatesThePayoutYetAnswers504() {
        rules("timeout-after-commit", "  - match: {provider: velo, method: POST, path: /v3/payouts}\n    effect: {commitThenFail: {status: 504}}\n    times: {first: 1}\n");
        String token = veloToken();
        veloAs(token).body("{\"payorId\":\"" + PAYOR_ID + "\",\"payments\":[{\"remoteId\":\"myRemoteId01\",\"currency\":\"USD\",\"amount\":100,\"sourceAccountName\":\"PAYOR_SRC_ACCT\"}]}")
                .post("/v3/payouts").then().statusCode(504).body("httpStatusCode", equalTo(504))
                .header("Location", org.hamcrest.Matchers.nullValue());
        veloAs(token).get("/v3/paymentaudit/payouts").then().body("page.totalElements", equalTo(1));
    }

    @Test
    void loadingOrUnloadingAnotherScenarioKeepsARulesCount() {
        rules("once", "  - match: {provider: velo, path: /v2/currencies}\n    effect: {respond: {status: 500}}\n    times: {first: 1}\n");
        String token = veloToken();
        assertEquals(List.of(500, 200), statuses(token, null, 2));
        rules("unrelated", "  - match: {provider: velo, path: /v1/supportedCountries}\n    effect: {respond: {status: 500}}\n");
        control().delete("/_sim/scenarios/unrelated").then().statusCode(204);
        assertEquals(List.of(200, 200), statuses(token, null, 2));
    }

    @Test
    void ruleWebhooksRenderUuidAndNow() {
        rules("templated-hook", """
                  - match: {provider: velo, method: POST, path: /v3/payouts}
                    effect: {webhook: {url: "http://127.0.0.1:9/hook", body: {id: "{{uuid}}", at: "{{now}}", password: "hunter22"}}}
                """);
        submitPayout(veloToken(), "myRemoteId01");
        control().get("/_sim/webhooks").then().statusCode(200)
                .body("deliveries[0].body.id", org.hamcrest.Matchers.matchesPattern("[0-9a-f-]{36}"))
                .body("deliveries[0].body.at", equalTo("2026-01-01T00:00:00Z"))
                .body("deliveries[0].body.password", equalTo("***"));
    }

    @Test
    void commitThenDropCreatesThePayoutAndDropsTheConnection() {
        rules("drop-after-commit", "  - match: {provider: velo, method: POST, path: /v3/payouts}\n    effect: {commitThenFail: {drop: true}}\n");
        String token = veloToken();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port("velo") + "/v3/payouts"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"payorId\":\"" + PAYOR_ID + "\",\"payments\":[{\"remoteId\":\"myRemoteId01\",\"currency\":\"USD\",\"amount\":100,\"sourceAccountName\":\"PAYOR_SRC_ACCT\"}]}"))
                .build();
        assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()));
        veloAs(token).get("/v3/paymentaudit/payouts").then().body("page.totalElements", equalTo(1));
    }

    @Test
    void anOutcomeRuleFailsOnePaymentThroughTheRealLifecycle() {
        rules("bank-return", """
                  - match: {provider: velo, event: payment.confirm, entity: {remoteId: myRemoteId02}}
                    effect: {outcome: {type: fail, reason: ACH_RETURN_R03}}
                """);
        String token = veloToken();
        String payoutId = veloAs(token).body("{\"payorId\":\"" + PAYOR_ID + "\",\"payments\":["
                        + "{\"remoteId\":\"myRemoteId01\",\"currency\":\"USD\",\"amount\":100,\"sourceAccountName\":\"PAYOR_SRC_ACCT\"},"
                        + "{\"remoteId\":\"myRemoteId02\",\"currency\":\"USD\",\"amount\":200,\"sourceAccountName\":\"PAYOR_SRC_ACCT\"}]}")
                .post("/v3/payouts").then().statusCode(202).extract().path("payoutId");
        advance("PT1S");
        veloAs(token).post("/v3/payouts/" + payoutId).then().statusCode(202);
        advance("PT3S");
        veloAs(token).get("/v3/payouts/" + payoutId).then().body("status", equalTo("INCOMPLETE"));
        control().get("/_sim/velo/payouts/" + payoutId).then()
                .body("payments[1].status", equalTo("FAILED")).body("payments[1].failureReason", equalTo("ACH_RETURN_R03"))
                .body("payments[0].status", equalTo("CONFIRMED"));
    }

    @Test
    void aHoldLeavesThePayoutSubmittedUntilReleased() {
        rules("hold-validation", "  - match: {provider: velo, event: payout.validate}\n    effect: {hold: true}\n");
        String token = veloToken();
        String payoutId = submitPayout(token, "myRemoteId01");
        advance("PT10S");
        veloAs(token).get("/v3/payouts/" + payoutId).then().body("status", equalTo("SUBMITTED"));
        Integer holdId = control().get("/_sim/holds").then().body("holds[0].event", equalTo("payout.validate"))
                .extract().path("holds[0].id");
        control().post("/_sim/holds/" + holdId + "/release").then().statusCode(200);
        veloAs(token).get("/v3/payouts/" + payoutId).then().body("status", equalTo("ACCEPTED"));
        control().get("/_sim/holds").then().body("holds.size()", equalTo(0));
    }

    @Test
    void aLaterRuleReleasesAHold() {
        rules("hold-until-polled", """
                  - name: hold-validation
                    match: {provider: velo, event: payout.validate}
                    effect: {hold: true}
                  - match: {provider: velo, method: GET, path: "/v3/payouts/{payoutId}"}
                    effect: {release: hold-validation}
                    times: {nth: 3}
                """);
        String token = veloToken();
        String payoutId = submitPayout(token, "myRemoteId01");
        advance("PT1S");
        veloAs(token).get("/v3/payouts/" + payoutId).then().body("status", equalTo("SUBMITTED"));
        veloAs(token).get("/v3/payouts/" + payoutId).then().body("status", equalTo("SUBMITTED"));
        veloAs(token).get("/v3/payouts/" + payoutId).then().body("status", equalTo("ACCEPTED"));
    }

    @Test
    void unloadingTheScenarioReleasesItsHoldsAndStopsItsRules() {
        rules("temporary-hold", "  - match: {provider: velo, event: payout.validate}\n    effect: {hold: true}\n");
        String token = veloToken();
        String payoutId = submitPayout(token, "myRemoteId01");
        advance("PT1S");
        control().delete("/_sim/scenarios/temporary-hold").then().statusCode(204);
        veloAs(token).get("/v3/payouts/" + payoutId).then().body("status", equalTo("ACCEPTED"));
        String next = submitPayout(token, "myRemoteId02");
        advance("PT1S");
        veloAs(token).get("/v3/payouts/" + next).then().body("status", equalTo("ACCEPTED"));
    }

    @Test
    void aRejectOutcomeRejectsThePayout() {
        rules("reject-all", "  - match: {provider: velo, event: payout.validate}\n    effect: {outcome: {type: reject, reason: OTHER}}\n");
        String token = veloToken();
        String payoutId = submitPayout(token, "myRemoteId01");
        advance("PT1S");
        veloAs(token).get("/v3/payouts/" + payoutId).then().body("status", equalTo("REJECTED"))
                .body("rejectedPayments[0].reason", equalTo("OTHER"));
    }

    @Test
    void aFundingReturnOutcomeCreditsNothing() {
        rules("ach-return", "  - match: {provider: velo, event: funding.credit}\n    effect: {outcome: {type: return}}\n");
        String token = veloToken();
        veloAs(token).body("{\"amount\":5000}").post("/v1/sourceAccounts/5a0c0005-0000-4000-8000-000000000005/achFundingRequest").then().statusCode(202);
        advance("PT2S");
        veloAs(token).get("/v1/sourceAccounts/5a0c0005-0000-4000-8000-000000000005").then().body("balance", equalTo(0));
        veloAs(token).get("/v1/paymentaudit/fundings").then().body("content[0].status", equalTo("FAILED"))
                .body("content[0].events.fundingEventType", hasItem("PAYOR_FUNDING_RETURN_RECEIVED"));
    }

    @Test
    void anOfacRuleFailsTheCheckOfTheMatchingPayeeOnly() {
        rules("sanctioned", "  - match: {provider: velo, event: payee.ofac, entity: {remoteId: flagged-1}}\n    effect: {outcome: {type: fail}}\n");
        String token = veloToken();
        veloAs(token).body(payeeBatch(individualPayee("flagged-1", "flagged@example.com"), individualPayee("clear-1", "clear@example.com")))
                .post("/v2/payees").then().statusCode(201);
        advance("PT3S");
        veloAs(token).queryParam("remoteId", "flagged-1").get("/v1/payees").then().body("content[0].ofacStatus", equalTo("FAILED"));
        veloAs(token).queryParam("remoteId", "clear-1").get("/v1/payees").then().body("content[0].ofacStatus", equalTo("PASSED"));
    }

    @Test
    void impossibleRulesAreRefusedWithTheirLines() {
        control().contentType("application/yaml").body("""
                version: 1
                name: impossible
                rules:
                  - match: {provider: velo, query: {page: {regex: "[unclosed"}}}
                    effect: {respond: {status: 500}}
                  - match: {provider: velo, body: {amount: {min: 10, max: 1}}}
                    effect: {respond: {status: 500}}
                  - match: {provider: velo, event: payment.confirm, path: /v3/payouts}
                    effect: {outcome: {type: fail}}
                  - match: {provider: velo, path: /v3/payouts}
                    effect: {respond: {status: 500}, fault: drop}
                """).post("/_sim/scenarios").then().statusCode(400)
                .body("problems.field", hasItem("rules[0].match.query.page.regex"))
                .body("problems.field", hasItem("rules[1].match.body.amount"))
                .body("problems.field", hasItem("rules[2].match.path"))
                .body("problems.field", hasItem("rules[3].effect"))
                .body("problems.find { it.field == 'rules[1].match.body.amount' }.line", equalTo(6));
    }

    @Test
    void misspeltEventsOutcomesAndReasonsAreRefusedInsteadOfNeverMatching() {
        control().contentType("application/yaml").body("""
                version: 1
                name: misspelt
                rules:
                  - match: {provider: velo, event: payment.confirmed}
                    effect: {outcome: {type: fail}}
                  - match: {provider: velo, event: payout.validate}
                    effect: {outcome: {type: fail}}
                  - match: {provider: terminals, event: payment.process}
                    effect: {outcome: {type: decline, reason: insufficientFund}}
                  - match: {provider: terminals, event: webhook.deliver}
                    effect: {outcome: {type: duplicate}}
                """).post("/_sim/scenarios").then().statusCode(400)
                .body("problems.size()", equalTo(3))
                .body("problems.find { it.field == 'rules[0].match.event' }.why", containsString("payment.confirm"))
                .body("problems.find { it.field == 'rules[1].effect.outcome.type' }.why", containsString("[reject]"))
                .body("problems.find { it.field == 'rules[2].effect.outcome.reason' }.why", containsString("insufficientFunds"));
    }

    @Test
    void twoRunsWithTheSameSeedAndRequestsGiveIdenticalJournalsAndIds() {
        List<String> first = run();
        List<String> second = run();
        assertEquals(first, second);
    }

    private List<String> run() {
        try (StandinServer fresh = TestServer.start()) {
            on(fresh, "control").contentType("application/yaml")
                    .body("version: 1\nname: coin\nrules:\n  - match: {provider: velo, path: /v2/currencies}\n    effect: {respond: {status: 500}}\n    times: {probability: 0.5}\n")
                    .post("/_sim/scenarios").then().statusCode(201);
            String token = veloToken(fresh, API_KEY, API_SECRET);
            for (int i = 0; i < 5; i++) {
                on(fresh, "velo").header("Authorization", "Bearer " + token).get("/v2/currencies");
            }
            on(fresh, "velo").header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                    .body("{\"payorId\":\"" + PAYOR_ID + "\",\"payments\":[{\"remoteId\":\"myRemoteId01\",\"currency\":\"USD\",\"amount\":100,\"sourceAccountName\":\"PAYOR_SRC_ACCT\"}]}")
                    .post("/v3/payouts").then().statusCode(202);
            List<String> journal = new ArrayList<>();
            List<Object> entries = on(fresh, "control").get("/_sim/requests").then().extract().path("requests");
            for (Object e : entries) {
                @SuppressWarnings("unchecked") var m = (java.util.Map<String, Object>) e;
                journal.add(m.get("method") + " " + m.get("path") + " " + m.get("status") + " " + m.get("responseBody"));
            }
            return journal;
        }
    }

    private List<Integer> statuses(String token, String mode, int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            var request = veloAs(token);
            if (mode != null) {
                request = request.header("X-Mode", mode);
            }
            out.add(request.get("/v2/currencies").then().extract().statusCode());
        }
        return out;
    }
}
