package dev.standin.core;

import dev.standin.StandinServer;
import dev.standin.core.clock.ClockMode;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.http.ApiError;
import dev.standin.core.http.HttpServerFactory;
import dev.standin.core.http.RequestJournal;
import dev.standin.core.id.IdGenerator;
import dev.standin.support.AcceptanceTest;
import dev.standin.support.TestServer;
import io.javalin.Javalin;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

class HttpErrorsTest {

    @Test
    void oversizedBodyIsRejectedInTheProvidersShape() {
        try (StandinServer server = TestServer.start("--max-body-size", "2048")) {
            String token = AcceptanceTest.veloToken(server, AcceptanceTest.API_KEY, AcceptanceTest.API_SECRET);
            AcceptanceTest.on(server, "velo").header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                    .body("{\"name\":\"" + "x".repeat(4096) + "\"}")
                    .post("/v1/payors/" + AcceptanceTest.PAYOR_ID + "/applications").then().statusCode(413)
                    .body("httpStatusCode", equalTo(413))
                    .body("errors[0].errorMessage", containsString("2048"));
        }
    }

    @Test
    void unexpectedFailureAnswers500WithACorrelationIdAndNoStackTrace() {
        VirtualClock clock = new VirtualClock(ClockMode.MANUAL, Instant.parse(TestServer.START_TIME));
        HttpServerFactory factory = new HttpServerFactory(
                new HttpServerFactory.Settings("127.0.0.1", 1024, () -> true));
        Javalin app = factory.create("test", error -> new dev.standin.core.http.ErrorRenderer.Answer(error.status(),
                        Map.of("code", error.code(), "message", error.getMessage(), "correlationId", error.correlationId())),
                new IdGenerator(1, "test", 0),
                () -> get("/boom", ctx -> {
                    throw new IllegalStateException("secret internals");
                }));
        app.start(0);
        try {
            given().port(app.port()).get("/boom").then().statusCode(500)
                    .body("code", equalTo("INTERNAL_ERROR"))
                    .body("correlationId", matchesPattern("[0-9a-f-]{36}"))
                    .body("message", containsString("correlation id"))
                    .body(not(containsString("secret internals")))
                    .body(not(containsString("IllegalStateException")));
        } finally {
            app.stop();
        }
    }

    @Test
    void apiErrorsKeepTheirStatusAndField() {
        ApiError error = ApiError.badQuery("page", "page must be positive");
        org.junit.jupiter.api.Assertions.assertEquals(400, error.status());
        org.junit.jupiter.api.Assertions.assertEquals("page", error.field());
    }

    /** Found by the bad-input corpus on PostgreSQL, whose text cannot hold U+0000: refused alike on every database. */
    @Test
    void aNulCharacterInAFieldOrQueryIsRefusedNamingItOnEveryDatabase() {
        StandinServer server = TestServer.shared();
        String token = AcceptanceTest.veloToken(server, AcceptanceTest.API_KEY, AcceptanceTest.API_SECRET);
        AcceptanceTest.on(server, "velo").header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body("{\"payorId\":\"" + AcceptanceTest.PAYOR_ID + "\",\"memo\":\"a\\u0000b\",\"payments\":[{\"remoteId\":\"x\"}]}")
                .post("/v3/payouts").then().statusCode(400)
                .body("errors[0].location", equalTo("memo"))
                .body("errors[0].errorMessage", containsString("NUL"));
        AcceptanceTest.on(server, "velo").header("Authorization", "Bearer " + token)
                .queryParam("payorId", AcceptanceTest.PAYOR_ID).queryParam("remoteId", "a\u0000b")
                .get("/v1/payees").then().statusCode(400)
                .body("errors[0].location", equalTo("remoteId"));
        // a GET has no body, which is not read: its query is checked all the same (PostgreSQL found the one this missed)
        AcceptanceTest.on(server, "velo").header("Authorization", "Bearer " + token)
                .queryParam("physicalAccountName", "a\u0000b").get("/v1/sourceAccounts").then().statusCode(400)
                .body("errors[0].location", equalTo("physicalAccountName"));
        AcceptanceTest.on(server, "qolo").contentType(ContentType.JSON).body("{\"loginid\":\"\\u0000\",\"apikey\":\"k\"}")
                .post("/api/v1/auth/login").then().statusCode(400).body("status_code", equalTo(400));
    }
}
