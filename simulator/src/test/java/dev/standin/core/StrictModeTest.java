package dev.standin.core;

import dev.standin.StandinServer;
import dev.standin.support.AcceptanceTest;
import dev.standin.support.TestServer;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Strict mode (--validate-requests, or settings.validateRequests in a scenario): a request that
 * breaks its API's OpenAPI document is answered 400 in the provider's own shape, naming the field,
 * where it is and why, before any handler runs; a request the document allows is served as ever.
 */
class StrictModeTest extends AcceptanceTest {
    private static final String STRICT = """
            version: 1
            name: strict
            settings: {validateRequests: true}
            """;

    @Test
    void aScenarioTurnsStrictModeOnForItsSandboxAndAVeloBreachIsNamedInVelosShape() {
        String token = veloToken();
        // off by default: the handler answers, in its own words
        velo().header("Authorization", "Bearer " + token).queryParam("pageSize", "lots").get("/v1/payees").then().statusCode(400)
                .body("errors[0].errorMessage", org.hamcrest.Matchers.not(containsString("query parameter")));
        loadScenario(STRICT);
        velo().header("Authorization", "Bearer " + token).queryParam("pageSize", "lots").get("/v1/payees").then().statusCode(400)
                .body("errors[0].location", equalTo("pageSize"))
                .body("errors[0].locationType", equalTo("queryParam"))
                .body("errors[0].errorMessage", containsString("query parameter pageSize"));
        veloAs(token).body("{\"payorId\":\"" + PAYOR_ID + "\",\"payments\":[{\"remoteId\":\"x\",\"currency\":\"USD\","
                        + "\"amount\":\"a lot\",\"sourceAccountName\":\"PAYOR_SRC_ACCT\"}]}").post("/v3/payouts").then().statusCode(400)
                .body("errors[0].locationType", equalTo("requestBody"))
                .body("errors[0].errorMessage", containsString("request body"));
        // what the document allows is served as ever
        veloAs(token).body(PAYOUT_BODY.replace("myRemoteId01", "myRemoteId02")).post("/v3/payouts").then().statusCode(202);
        veloAs(token).queryParam("onboardedStatus", "ONBOARDED").get("/v1/payees").then().statusCode(200);
    }

    @Test
    void theServerFlagHoldsEveryProviderToItsDocumentInItsOwnShape() {
        StandinServer strict = TestServer.start("--validate-requests");
        try {
            // each provider's own error shape, the validator's words in it
            on(strict, "qolo").contentType(ContentType.JSON).body("{\"loginid\": 7}").post("/api/v1/auth/login").then().statusCode(400)
                    .body("status_code", equalTo(400)).body(containsString("request body"));
            on(strict, "vendreo").contentType(ContentType.JSON).header("Authorization", "Bearer x").body("{\"amount\": \"lots\"}")
                    .post("/v1/request-payment").then().statusCode(400).body(containsString("request body"));
            on(strict, "velo").contentType(ContentType.JSON).auth().preemptive().basic(API_KEY, API_SECRET)
                    .post("/v1/authenticate").then().statusCode(400).body("errors[0].location", equalTo("grant_type"));
        } finally {
            strict.close();
        }
    }
}
