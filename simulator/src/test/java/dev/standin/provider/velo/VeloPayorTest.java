package dev.standin.provider.velo;

import dev.standin.support.AcceptanceTest;
import dev.standin.support.Scenarios;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

class VeloPayorTest extends AcceptanceTest {
    private static final String UNKNOWN_PAYOR = "00000000-0000-4000-8000-000000000000";

    @Test
    void payorIsAnsweredAsInTheGuide() {
        veloAs(veloToken()).get("/v1/payors/" + PAYOR_ID).then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("payorId", equalTo(PAYOR_ID))
                .body("payorName", equalTo("Payor1"))
                .body("address.line1", equalTo("101 California Street"))
                .body("address", not(hasKey("line2"))) // absent values are left out, never sent as null
                .body("address.city", equalTo("San Francisco"))
                .body("address.countyOrProvince", equalTo("California"))
                .body("address.zipOrPostcode", equalTo("94111"))
                .body("address.country", equalTo("US"))
                .body("primaryContactEmail", equalTo("foo@example.com"))
                .body("kycState", equalTo("PASSED_KYC"))
                .body("payeeGracePeriodDays", equalTo(90))
                .body("language", equalTo("EN"))
                .body("$", not(hasKey("fundingAccountRoutingNumber")));
    }

    @Test
    void unknownPayorIsNotFoundInVelosErrorShape() {
        veloAs(veloToken()).get("/v1/payors/" + UNKNOWN_PAYOR).then().statusCode(404)
                .body("httpStatusCode", equalTo(404))
                .body("correlationId", matchesPattern("[0-9a-f-]{36}"))
                .body("errors", hasSize(1))
                .body("errors[0].errorCode", equalTo("NOT_FOUND"))
                .body("errors[0].location", equalTo("payorId"))
                .body("errors[0].locationType", equalTo("pathParam"));
    }

    @Test
    void anotherPayorsTokenSeesThePayorAsNotFound() {
        loadScenario(Scenarios.secondPayor("other-tenant"));
        String otherToken = veloToken(server, Scenarios.SECOND_API_KEY, Scenarios.SECOND_API_SECRET);

        String asOther = veloAs(otherToken).get("/v1/payors/" + PAYOR_ID).then().statusCode(404)
                .extract().path("errors[0].errorMessage");
        String asUnknown = veloAs(otherToken).get("/v1/payors/" + UNKNOWN_PAYOR).then().statusCode(404)
                .extract().path("errors[0].errorMessage");
        org.junit.jupiter.api.Assertions.assertEquals(asUnknown, asOther);
        veloAs(otherToken).get("/v1/payors/" + Scenarios.SECOND_PAYOR_ID).then().statusCode(200);
    }

    @Test
    void payorIdThatIsNotAUuidIsABadRequest() {
        veloAs(veloToken()).get("/v1/payors/not-a-uuid").then().statusCode(400)
                .body("errors[0].location", equalTo("payorId"))
                .body("errors[0].locationType", equalTo("pathParam"));
    }

    @Test
    void fundingBankDetailsAreAcceptedAndShownOnThePayor() {
        String token = veloToken();
        veloAs(token).get("/v1/payors/" + PAYOR_ID).then().body("$", not(hasKey("fundingAccountRoutingNumber")));
        veloAs(token).body("{\"routingNumber\":\"123456789\",\"accountNumber\":\"12345\",\"accountName\":\"Bob\"}")
                .post("/v1/payors/" + PAYOR_ID + "/payorFundingBankDetailsUpdate").then().statusCode(202);
        veloAs(token).get("/v1/payors/" + PAYOR_ID).then()
                .body("fundingAccountRoutingNumber", equalTo("123456789"))
                .body("fundingAccountAccountNumber", equalTo("12345"))
                .body("fundingAccountAccountName", equalTo("Bob"));
    }

    @Test
    void fundingBankDetailsWithBadSizesNameEachField() {
        veloAs(veloToken()).body("{\"routingNumber\":\"1234\",\"accountNumber\":\"12\"}")
                .post("/v1/payors/" + PAYOR_ID + "/payorFundingBankDetailsUpdate").then().statusCode(400)
                .body("errors", hasSize(3))
                .body("errors.location", hasItems("routingNumber", "accountNumber", "accountName"))
                .body("errors[0].locationType", equalTo("requestBody"));
    }

    @Test
    void applicationIsCreatedWithALocationAndItsKeysAuthenticateAtOnce() {
        String token = veloToken();
        String location = veloAs(token).body("{\"name\":\"foo\",\"description\":\"a foo application\"}")
                .post("/v1/payors/" + PAYOR_ID + "/applications").then().statusCode(201)
                .header("Location", matchesPattern(".*/v1/payors/" + PAYOR_ID + "/applications/[0-9a-f-]{36}"))
                .extract().header("Location");
        String applicationId = location.substring(location.lastIndexOf('/') + 1);

        var key = veloAs(token).body("{\"name\":\"foo\",\"description\":\"a foo key\",\"roles\":[\"payor.support\"]}")
                .post("/v1/payors/" + PAYOR_ID + "/applications/" + applicationId + "/keys").then().statusCode(200)
                .body("apiKey", matchesPattern("[0-9a-f-]{36}"))
                .body("apiSecret", matchesPattern("[0-9a-f-]{36}"))
                .extract().jsonPath();

        String newToken = veloToken(server, key.getString("apiKey"), key.getString("apiSecret"));
        veloAs(newToken).get("/v1/payors/" + PAYOR_ID).then().statusCode(200);
    }

    @Test
    void applicationWithADuplicateNameIsAConflict() {
        String token = veloToken();
        veloAs(token).body("{\"name\":\"foo\"}").post("/v1/payors/" + PAYOR_ID + "/applications").then().statusCode(201);
        veloAs(token).body("{\"name\":\"foo\"}").post("/v1/payors/" + PAYOR_ID + "/applications").then().statusCode(409)
                .body("httpStatusCode", equalTo(409));
    }

    @Test
    void keyForAnUnknownApplicationIsNotFound() {
        veloAs(veloToken()).body("{\"name\":\"foo\",\"roles\":[\"payor.admin\"]}")
                .post("/v1/payors/" + PAYOR_ID + "/applications/" + UNKNOWN_PAYOR + "/keys").then().statusCode(404)
                .body("errors[0].location", equalTo("applicationId"));
    }

    @Test
    void keyWithoutRolesIsABadRequest() {
        String token = veloToken();
        String location = veloAs(token).body("{\"name\":\"foo\"}").post("/v1/payors/" + PAYOR_ID + "/applications")
                .then().extract().header("Location");
        veloAs(token).body("{\"name\":\"k\",\"roles\":[]}")
                .post(location.substring(location.indexOf("/v1/")) + "/keys").then().statusCode(400)
                .body("errors.location", hasItems("name", "roles"));
        veloAs(token).body("{\"name\":\"key\",\"roles\":[\"payor.admin\",\"" + "x".repeat(2000) + "\"]}")
                .post(location.substring(location.indexOf("/v1/")) + "/keys").then().statusCode(400)
                .body("errors.location", hasItems("roles[1]"));
    }

    @Test
    void malformedJsonIsABadRequestInVelosShape() {
        veloAs(veloToken()).body("{\"name\": ").post("/v1/payors/" + PAYOR_ID + "/applications").then().statusCode(400)
                .body("httpStatusCode", equalTo(400))
                .body("errors[0].errorCode", equalTo("MALFORMED_JSON"));
    }

    @Test
    void wrongContentTypeIsUnsupportedMediaTypeInVelosShape() {
        veloAs(veloToken()).contentType("text/csv").body("name\nfoo\n").post("/v1/payors/" + PAYOR_ID + "/applications")
                .then().statusCode(415)
                .body("errors[0].location", equalTo("Content-Type"))
                .body("errors[0].locationType", equalTo("header"));
    }

    @Test
    void unknownPathIsNotFoundInVelosShape() {
        veloAs(veloToken()).get("/v1/nothing-here").then().statusCode(404)
                .body("httpStatusCode", equalTo(404))
                .body("errors[0].errorCode", equalTo("NOT_FOUND"));
    }

    @Test
    void wrongMethodIsMethodNotAllowedInVelosShape() {
        veloAs(veloToken()).delete("/v1/payors/" + PAYOR_ID).then().statusCode(405)
                .body("httpStatusCode", equalTo(405));
    }
}
