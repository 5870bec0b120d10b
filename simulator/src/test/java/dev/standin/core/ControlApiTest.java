package dev.standin.core;

import dev.standin.core.http.RequestJournal;
import dev.standin.support.AcceptanceTest;
import dev.standin.support.TestServer;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ControlApiTest extends AcceptanceTest {

    @Test
    void healthIsUpOnceEveryProviderServes() {
        control().get("/_sim/health").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void infoListsVersionPortsClockScenariosAndCredentials() {
        control().get("/_sim/info").then().statusCode(200)
                .body("version", notNullValue())
                .body("ports.control", equalTo(server.port("control")))
                .body("ports.velo", equalTo(server.port("velo")))
                .body("clock.mode", equalTo("manual"))
                .body("clock.now", equalTo(TestServer.START_TIME))
                .body("scenarios", contains("default"))
                .body("credentials.velo.payorId", equalTo(PAYOR_ID))
                .body("credentials.velo.apiKey", equalTo(API_KEY))
                .body("credentials.velo.apiSecret", equalTo(API_SECRET));
    }

    @Test
    void resetRestoresTheSeededStateAndRestartsTheClock() {
        String token = veloToken();
        veloAs(token).body("{\"name\":\"payroll\"}").post("/v1/payors/" + PAYOR_ID + "/applications").then().statusCode(201);
        veloAs(token).body("{\"name\":\"payroll\"}").post("/v1/payors/" + PAYOR_ID + "/applications").then().statusCode(409);
        advance("PT1H");

        control().post("/_sim/reset").then().statusCode(200);

        control().get("/_sim/clock").then().body("now", equalTo(TestServer.START_TIME));
        veloAs(token).get("/v1/payors/" + PAYOR_ID).then().statusCode(401);
        veloAs(veloToken()).body("{\"name\":\"payroll\"}").post("/v1/payors/" + PAYOR_ID + "/applications").then().statusCode(201);
    }

    @Test
    void resetOfTwentyThousandPaymentsTakesSecondsNotMinutes() {
        String token = veloToken();
        for (int payout = 0; payout < 10; payout++) {
            StringBuilder body = new StringBuilder("{\"payorId\":\"" + PAYOR_ID + "\",\"payments\":[");
            for (int i = 0; i < 2000; i++) {
                body.append(i == 0 ? "" : ",").append("{\"remoteId\":\"myRemoteId01\",\"currency\":\"USD\",\"amount\":100,"
                        + "\"sourceAccountName\":\"PAYOR_SRC_ACCT\",\"payorPaymentId\":\"p").append(payout).append('-').append(i).append("\"}");
            }
            veloAs(token).body(body.append("]}").toString()).post("/v3/payouts").then().statusCode(202);
        }
        // a reset deleted in chunks whose rendering H2 ran once per row looked at: quadratic, minutes for these
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> control().post("/_sim/reset").then().statusCode(200));
        veloAs(veloToken()).get("/v3/paymentaudit/payouts").then().statusCode(200).body("page.totalElements", equalTo(0));
    }

    @Test
    void resetOfOneProviderKeepsTheClock() {
        advance("PT10M");
        control().queryParam("provider", "velo").post("/_sim/reset").then().statusCode(200).body("reset", equalTo("velo"));
        control().get("/_sim/clock").then().body("now", equalTo("2026-01-01T00:10:00Z"));
    }

    @Test
    void resetOfAnUnknownProviderIsRejected() {
        control().queryParam("provider", "acme").post("/_sim/reset").then().statusCode(400)
                .body("error", equalTo("INVALID_VALUE"))
                .body("field", equalTo("provider"));
    }

    @Test
    void sameSeedAndRequestsHandOutTheSameIdsAfterResetButNeverTheSameToken() {
        String firstToken = veloToken();
        String first = submitPayout(firstToken);
        control().post("/_sim/reset").then().statusCode(200);
        String secondToken = veloToken();
        assertEquals(first, submitPayout(secondToken));
        org.junit.jupiter.api.Assertions.assertNotEquals(firstToken, secondToken, "access tokens must not come from the seeded ids");
    }


    @Test
    void advancingTheManualClockRunsEachDueEventOnceInTimeOrder() {
        List<String> ran = new ArrayList<>();
        var scheduler = server.scheduler();
        scheduler.schedule("test", "late", Duration.ofSeconds(60), () -> ran.add("late"));
        scheduler.schedule("test", "early", Duration.ofSeconds(30), () -> ran.add("early"));
        scheduler.schedule("test", "beyond", Duration.ofSeconds(120), () -> ran.add("beyond"));

        advance("PT90S")
                .body("now", equalTo("2026-01-01T00:01:30Z"))
                .body("pending.name", contains("beyond"));
        assertEquals(List.of("early", "late"), ran);

        advance("PT1S");
        assertEquals(List.of("early", "late"), ran);
    }

    @Test
    void eventsSeeTheClockAtTheirDueTime() {
        List<String> seen = new ArrayList<>();
        server.scheduler().schedule("test", "stamp", Duration.ofSeconds(45),
                () -> seen.add(control().get("/_sim/clock").then().extract().path("now")));
        advance("PT5M");
        assertEquals(List.of("2026-01-01T00:00:45Z"), seen);
    }

    @Test
    void advancingByABadDurationIsRejected() {
        control().contentType(ContentType.JSON).body("{\"by\":\"90 seconds\"}").post("/_sim/clock/advance").then().statusCode(400)
                .body("field", equalTo("by"));
        control().contentType(ContentType.JSON).body("{\"by\":\"-PT1S\"}").post("/_sim/clock/advance").then().statusCode(400);
        control().contentType(ContentType.JSON).body("{\"by\":\"P99999999999D\"}").post("/_sim/clock/advance").then().statusCode(400)
                .body("field", equalTo("by"));
        control().contentType(ContentType.JSON).body("{by").post("/_sim/clock/advance").then().statusCode(400)
                .body("error", equalTo("MALFORMED_JSON"));
    }

    @Test
    void anAnswerLongerThanOneCopyBufferArrivesWholeAndIsJournaledAsSent() {
        String token = veloToken();
        String sent = veloAs(token).queryParam("payorId", PAYOR_ID).queryParam("pageSize", 100).get("/v1/payees").then().statusCode(200)
                .body("content.size()", equalTo(10)).extract().asString();
        assertTrue(sent.length() > 4096, "longer than two of the 2 KB copy buffers: " + sent.length());
        String journaled = control().queryParam("path", "/v1/payees").get("/_sim/requests").then().statusCode(200)
                .extract().path("requests[0].responseBody");
        assertEquals(RequestJournal.truncate(sent), journaled);
    }

    @Test
    void journalRecordsProviderRequestsNewestFirstAndFilters() {
        String token = veloToken();
        veloAs(token).get("/v1/payors/" + PAYOR_ID).then().statusCode(200);
        veloAs(token).get("/v1/payors/00000000-0000-4000-8000-000000000000").then().statusCode(404);

        control().get("/_sim/requests").then().statusCode(200)
                .body("count", equalTo(3))
                .body("requests[0].path", equalTo("/v1/payors/00000000-0000-4000-8000-000000000000"))
                .body("requests[0].status", equalTo(404))
                .body("requests[0].requestBody", equalTo("")) // a GET declares none: nothing is read
                .body("requests[0].provider", equalTo("velo"))
                .body("requests[2].method", equalTo("POST"))
                .body("requests[2].query", equalTo("grant_type=client_credentials"));
        control().queryParam("method", "GET").queryParam("path", "/v1/payors/" + PAYOR_ID).get("/_sim/requests").then()
                .body("count", equalTo(1))
                .body("requests[0].responseBody", org.hamcrest.Matchers.containsString("Payor1"));
        control().queryParam("provider", "acme").get("/_sim/requests").then().statusCode(400).body("field", equalTo("provider"));
        control().get("/_sim/requests?provider=&method=&path=&limit=").then().statusCode(200).body("count", equalTo(3));
    }

    @Test
    void journalFiltersTerminalsByProviderAndByListener() {
        int port = server.listenerPort("terminals", "terminal-1");
        io.restassured.RestAssured.given().port(port).contentType(ContentType.JSON).body("{\"requestType\":\"device\",\"resourceType\":\"info\"}")
                .post("/").then().statusCode(200);
        control().queryParam("provider", "terminals").get("/_sim/requests").then().body("count", equalTo(1))
                .body("requests[0].provider", equalTo("terminals/terminal-1"));
        control().queryParam("provider", "terminals/terminal-1").get("/_sim/requests").then().body("count", equalTo(1));
        control().queryParam("provider", "velo").get("/_sim/requests").then().body("count", equalTo(0));
    }

    @Test
    void statsShowTheSizesOfWhatCouldGrow() {
        veloToken();
        control().get("/_sim/stats").then().statusCode(200)
                .body("journal.entries", equalTo(1)).body("journal.capacity", equalTo(1000))
                .body("providers.velo.accessTokens", equalTo(1))
                .body("scheduler.pending", equalTo(0)).body("scheduler.due", equalTo(0)).body("heap.maxBytes", org.hamcrest.Matchers.greaterThan(0));
    }

    @Test
    void journalNeverShowsSecretsButTellsWhichKeyWasUsed() {
        String token = veloToken();
        veloAs(token).get("/v1/payors/" + PAYOR_ID).then().statusCode(200);
        String journal = control().get("/_sim/requests").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertFalse(journal.contains(token), "the bearer token shows in the journal");
        org.junit.jupiter.api.Assertions.assertFalse(journal.contains(API_SECRET), "the API secret shows in the journal");
        org.hamcrest.MatcherAssert.assertThat(journal, org.hamcrest.Matchers.containsString("Basic " + API_KEY + ":***"));
        org.hamcrest.MatcherAssert.assertThat(journal, org.hamcrest.Matchers.containsString("access_token\\\":\\\"***"));
    }

    @Test
    void deletingTheJournalEmptiesIt() {
        veloToken();
        control().delete("/_sim/requests").then().statusCode(204);
        control().get("/_sim/requests").then().body("count", equalTo(0));
    }

    @Test
    void controlRequestsAreNotJournaled() {
        control().get("/_sim/info").then().statusCode(200);
        control().get("/_sim/requests").then().body("requests.provider", org.hamcrest.Matchers.not(hasItem("control")));
    }
}
