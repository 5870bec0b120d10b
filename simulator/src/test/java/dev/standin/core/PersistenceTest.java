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
