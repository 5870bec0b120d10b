package dev.standin.provider.velo;

import dev.standin.support.AcceptanceTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

class VeloAuthenticationTest extends AcceptanceTest {
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    @Test
    void clientCredentialsGiveABearerTokenValidFor1799Seconds() {
        velo().auth().preemptive().basic(API_KEY, API_SECRET)
                .queryParam("grant_type", "client_credentials")
                .post("/v1/authenticate")
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .body("access_token", matchesPattern(UUID_PATTERN))
                .body("token_type", equalTo("bearer"))
                .body("expires_in", equalTo(1799))
                .body("scope", equalTo("payor.admin"));
    }

    @Test
    void theGuidesCurlWithAJsonContentTypeAndTrailingNewlineInTheSecretWorks() {
        String basic = java.util.Base64.getEncoder().encodeToString((API_KEY + ":" + API_SECRET + "\n").getBytes());
        velo().header("Authorization", "Basic " + basic).contentType(ContentType.JSON)
                .queryParam("grant_type", "client_credentials")
                .post("/v1/authenticate").then().statusCode(200);
    }

    @Test
    void wrongSecretIsUnauthorized() {
        velo().auth().preemptive().basic(API_KEY, "wrong")
                .queryParam("grant_type", "client_credentials")
                .post("/v1/authenticate")
                .then().statusCode(401)
                .body("error", equalTo("unauthorized"))
                .body("error_description", equalTo("Bad credentials"));
    }

    @Test
    void missingCredentialsAreUnauthorized() {
        velo().queryParam("grant_type", "client_credentials").post("/v1/authenticate").then().statusCode(401);
    }

    @Test
    void missingGrantTypeIsUnauthorized() {
        velo().auth().preemptive().basic(API_KEY, API_SECRET).post("/v1/authenticate")
                .then().statusCode(401).body("error", equalTo("invalid_request"));
    }

    @Test
    void otherGrantTypeIsUnauthorized() {
        velo().auth().preemptive().basic(API_KEY, API_SECRET).queryParam("grant_type", "password")
                .post("/v1/authenticate")
                .then().statusCode(401).body("error", equalTo("unsupported_grant_type"));
    }

    @Test
    void tokenStillWorksJustBeforeItsLifetimeEnds() {
        String token = veloToken();
        advance("PT1798S");
        veloAs(token).get("/v1/payors/" + PAYOR_ID).then().statusCode(200);
    }

    @Test
    void tokenExpiresOnTheVirtualClock() {
        String token = veloToken();
        advance("PT1800S");
        veloAs(token).get("/v1/payors/" + PAYOR_ID).then().statusCode(401)
                .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"))
                .body("error", equalTo("invalid_token"));
        veloAs(veloToken()).get("/v1/payors/" + PAYOR_ID).then().statusCode(200);
    }

    @Test
    void missingBearerTokenIsInvalidToken() {
        velo().get("/v1/payors/" + PAYOR_ID).then().statusCode(401).body("error", equalTo("invalid_token"));
    }

    @Test
    void unknownBearerTokenIsInvalidToken() {
        veloAs("19f6bafd-93fd-4747-b229-00507bbc991f").get("/v1/payors/" + PAYOR_ID).then().statusCode(401)
                .body("error", equalTo("invalid_token"));
    }
}
