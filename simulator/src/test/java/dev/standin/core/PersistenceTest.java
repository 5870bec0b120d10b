package dev.standin.core;

import dev.standin.StandinServer;
import dev.standin.support.AcceptanceTest;
import dev.standin.support.Scenarios;
import dev.standin.support.TestServer;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.standin.support.AcceptanceTest.on;
import static dev.standin.support.AcceptanceTest.veloToken;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class PersistenceTest {
    private static final String PAYEE = """
            {"type":"Individual","remoteId":"restarted","email":"restarted@example.com","address":{"line1":"1 Road","city":"Austin",
             "zipOrPostcode":"73301","country":"US"},"paymentChannel":{"countryCode":"US","currency":"USD","accountName":"New Payee",
             "accountNumber":"12345678","routingNumber":"123456789"},"individual":{"name":{"firstName":"New","lastName":"Payee"},
             "dateOfBirth":"1990-02-03"}}""";

    @Test
    void stateSurvivesARestartOnTheSameDataDirectory(@TempDir Path dataDir) {
        String firstToken;
        try (StandinServer first = TestServer.start("--data-dir", dataDir.toString())) {
            on(first, "control").contentType("application/yaml").body(Scenarios.secondPayor("persisted"))
                    .post("/_sim/scenarios").then().statusCode(201);
            firstToken = veloToken(first, AcceptanceTest.API_KEY, AcceptanceTest.API_SECRET);
            on(first, "velo").header("Authorization", "Bearer " + firstToken).contentType(ContentType.JSON)
                    .body("{\"name\":\"kept-app\"}")
                    .post("/v1/payors/" + AcceptanceTest.PAYOR_ID + "/applications").then().statusCode(201);
        }

        try (StandinServer second = TestServer.start("--data-dir", dataDir.toString())) {
            on(second, "control").get("/_sim/scenarios").then().body("scenarios.name", contains("default", "persisted"));
            String token = veloToken(second, Scenarios.SECOND_API_KEY, Scenarios.SECOND_API_SECRET);
            on(second, "velo").header("Authorization", "Bearer " + token)
                    .get("/v1/payors/" + Scenarios.SECOND_PAYOR_ID).then().statusCode(200)
                    .body("payorName", equalTo("Second Payor"));
            String defaultToken = veloToken(second, AcceptanceTest.API_KEY, AcceptanceTest.API_SECRET);
            assertNotEquals(firstToken, defaultToken, "a restarted server must not hand out ids it handed out before");
            on(second, "velo").header("Authorization", "Bearer " + defaultToken).contentType(ContentType.JSON)
                    .body("{\"name\":\"kept-app\"}")
                    .post("/v1/payors/" + AcceptanceTest.PAYOR_ID + "/applications").then().statusCode(409);
        }
    }

    @Test
    void aScenarioNamedOnALaterStartOfTheSameDataDirectoryIsSeeded(@TempDir Path dataDir) throws Exception {
        TestServer.start("--data-dir", dataDir.toString()).close();
        Path second = dataDir.resolve("second.yaml");
        java.nio.file.Files.writeString(second, Scenarios.secondPayor("later"));
        try (StandinServer again = TestServer.start("--data-dir", dataDir.toString(), "--scenario", second.toString())) {
            on(again, "control").get("/_sim/scenarios").then().body("scenarios.name", contains("default", "later"));
            String token = veloToken(again, Scenarios.SECOND_API_KEY, Scenarios.SECOND_API_SECRET);
            on(again, "velo").header("Authorization", "Bearer " + token)
                    .get("/v1/payors/" + Scenarios.SECOND_PAYOR_ID).then().statusCode(200);
        }
    }

    @Test
    void stepsPendingAtARestartRunAtTheirDueTimeAfterIt(@TempDir Path dataDir) {
        String payoutId;
        String batchId;
        try (StandinServer first = TestServer.start("--data-dir", dataDir.toString())) {
            String token = veloToken(first, AcceptanceTest.API_KEY, AcceptanceTest.API_SECRET);
            payoutId = on(first, "velo").header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                    .body("{\"payorId\":\"" + AcceptanceTest.PAYOR_ID + "\",\"payments\":[{\"remoteId\":\"myRemoteId01\","
                            + "\"currency\":\"USD\",\"amount\":100,\"sourceAccountName\":\"PAYOR_SRC_ACCT\"}]}")
                    .post("/v3/payouts").then().statusCode(202).extract().path("payoutId");
            batchId = on(first, "velo").header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                    .body("{\"payorId\":\"" + AcceptanceTest.PAYOR_ID + "\",\"payees\":[" + PAYEE + "]}")
                    .post("/v2/payees").then().statusCode(201).extract().header("Location").replaceAll(".*/", "");
        }
        try (StandinServer second = TestServer.start("--data-dir", dataDir.toString())) {
            String token = veloToken(second, AcceptanceTest.API_KEY, AcceptanceTest.API_SECRET);
            on(second, "control").contentType(ContentType.JSON).body("{\"by\":\"PT10S\"}").post("/_sim/clock/advance").then().statusCode(200);
            on(second, "velo").header("Authorization", "Bearer " + token).get("/v3/payouts/" + payoutId).then()
                    .body("status", equalTo("ACCEPTED"));
            on(second, "velo").header("Authorization", "Bearer " + token).get("/v2/payees/batch/" + batchId).then()
                    .body("status", equalTo("ACCEPTED")).body("pendingCount", equalTo(0));
            on(second, "velo").header("Authorization", "Bearer " + token).queryParam("remoteId", "restarted").get("/v1/payees").then()
                    .body("content[0].ofacStatus", equalTo("PASSED"));
        }
    }

    @Test
    void withoutADataDirectoryEachServerStartsFresh() {
        try (StandinServer first = TestServer.start()) {
            on(first, "control").contentType("application/yaml").body(Scenarios.secondPayor("ephemeral"))
                    .post("/_sim/scenarios").then().statusCode(201);
        }
        try (StandinServer second = TestServer.start()) {
            on(second, "control").get("/_sim/scenarios").then().body("scenarios.name", contains("default"));
        }
    }
}
