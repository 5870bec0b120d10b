package dev.standin.provider.velo;

import dev.standin.support.AcceptanceTest;
import dev.standin.support.Scenarios;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

class VeloPayeeTest extends AcceptanceTest {
    /** The guide's POST /v2/payees example as it is, but for its payorId (environment-specific, like its bearer token). */
    static final String GUIDE_PAYEES = """
            {"payorId":"%s","payees":[{"type":"Individual","remoteId":"remoteId","email":"bob@example.com","address":{"line1":"100 Battery Street","line2":"line2","line3":"line3","line4":"line4","city":"San Francisco","countyOrProvince":"California","zipOrPostcode":"94018","country":"US"},"paymentChannel":{"paymentChannelName":"My Payment Channel","accountNumber":"12345678","routingNumber":"123456789","countryCode":"US","currency":"USD","accountName":"Foo Account"},"individual":{"name":{"title":"Mr","firstName":"Barney","otherNames":"Grubb","lastName":"Cuthbert"},"nationalIdentification":"987654321","dateOfBirth":"1970-05-20"},"language":"FR"},{"type":"Company","remoteId":"remoteId","email":"bob@example.com","address":{"line1":"100 Battery Street","line2":"line2","line3":"line3","line4":"line4","city":"San Francisco","countyOrProvince":"California","zipOrPostcode":"94018","country":"US"},"paymentChannel":{"paymentChannelName":"My Payment Channel","accountNumber":"12345678","routingNumber":"123456789","countryCode":"US","currency":"USD","accountName":"Foo Account"},"company":{"name":"ABC Payee Corp","taxId":"223344556"},"language":"FR"}]}
            """.formatted(PAYOR_ID);

    @Test
    void onboardedPayeesAreListedWithFiltersSortPagingAndLinks() {
        veloAs(veloToken()).queryParam("onboardedStatus", "ONBOARDED").queryParam("pageSize", 2).queryParam("page", 2)
                .queryParam("sort", "email:asc").get("/v1/payees").then().statusCode(200)
                .body("page.totalElements", equalTo(7))
                .body("page.totalPages", equalTo(4))
                .body("page.page", equalTo(2))
                .body("page.numberOfElements", equalTo(2))
                .body("content.email", contains("carol.clark@example.com", "dan.davis@example.com"))
                .body("content.onboardedStatus", everyItem(equalTo("ONBOARDED")))
                .body("summary.totalPayeesCount", equalTo(10))
                .body("summary.totalOnboardedCount", equalTo(7))
                .body("summary.totalInvitedCount", equalTo(2))
                .body("summary.totalOfacFailedCount", equalTo(1))
                .body("links.rel", contains("first", "last", "self", "prev", "next"))
                .body("links[3].href", endsWith("/v1/payees?onboardedStatus=ONBOARDED&page=1&pageSize=2&sort=email:asc"))
                .body("links[1].href", containsString("page=4"));
    }

    @Test
    void payeesFilterByEmailSentAsEmailOrEmailCapitalised() {
        String token = veloToken();
        veloAs(token).queryParam("email", "ALICE").get("/v1/payees").then().body("content.collect { it.payorRefs[0].remoteId }", contains("myRemoteId01"));
        veloAs(token).queryParam("Email", "alice").get("/v1/payees").then().body("content", hasSize(1));
        veloAs(token).queryParam("displayName", "adams, al").get("/v1/payees").then().body("content", hasSize(1));
        veloAs(token).queryParam("remoteId", "payee-gbp").queryParam("payeeType", "Individual").get("/v1/payees").then()
                .body("content[0].displayName", equalTo("Green, Gary"));
    }

    @Test
    void badListParametersAreNamed() {
        veloAs(veloToken()).queryParam("pageSize", 101).queryParam("sort", "colour:asc").queryParam("ofacStatus", "MAYBE")
                .get("/v1/payees").then().statusCode(400)
                .body("errors.location", hasItems("pageSize", "sort", "ofacStatus"))
                .body("errors.locationType", everyItem(equalTo("queryParam")));
    }

    @Test
    void payeeLookupShowsItsPayorRef() {
        veloAs(veloToken()).get("/v1/payees/1b6e3c1a-0001-4a00-8000-000000000001").then().statusCode(200)
                .body("payorRefs[0].payorId", equalTo(PAYOR_ID))
                .body("payorRefs[0].remoteId", equalTo("myRemoteId01"))
                .body("payorRefs[0].invitationStatus", equalTo("ACCEPTED"))
                .body("individual.name.firstName", equalTo("Alice"));
    }

    @Test
    void anIndividualsDateOfBirthIsMaskedUnlessTheLookupAsksSensitive() {
        String token = veloToken();
        veloAs(token).queryParam("remoteId", "myRemoteId01").get("/v1/payees").then().statusCode(200)
                .body("content[0].individual.dateOfBirth", equalTo("XXXX-XX-XX"));
        veloAs(token).get("/v1/payees/1b6e3c1a-0001-4a00-8000-000000000001").then()
                .body("individual.dateOfBirth", equalTo("XXXX-XX-XX"));
        veloAs(token).queryParam("sensitive", true).get("/v1/payees/1b6e3c1a-0001-4a00-8000-000000000001").then()
                .body("individual.dateOfBirth", equalTo("1980-01-15"));
    }

    @Test
    void anotherPayorSeesNeitherThePayeeNorItInLists() {
        loadScenario(Scenarios.secondPayor("payee-isolation"));
        String other = veloToken(server, Scenarios.SECOND_API_KEY, Scenarios.SECOND_API_SECRET);
        veloAs(other).get("/v1/payees/1b6e3c1a-0001-4a00-8000-000000000001").then().statusCode(404);
        veloAs(other).get("/v1/payees").then().statusCode(200).body("page.totalElements", equalTo(0));
        veloAs(other).queryParam("payorId", PAYOR_ID).get("/v1/payees").then().statusCode(404);
    }

    @Test
    void theGuidesPayeeBatchIsAcceptedAndItsSecondPayeeFailsInTheBatch() {
        String token = veloToken();
        String location = veloAs(token).body(GUIDE_PAYEES).post("/v2/payees").then().statusCode(201)
                .header("Location", matchesPattern(".*/v2/payees/batch/[0-9a-f-]{36}")).extract().header("Location");
        String batchPath = location.substring(location.indexOf("/v2/"));
        veloAs(token).get(batchPath).then().statusCode(200)
                .body("status", equalTo("SUBMITTED")).body("pendingCount", equalTo(2));

        advance("PT1S");

        veloAs(token).get(batchPath).then().statusCode(200)
                .body("status", equalTo("ACCEPTED"))
                .body("pendingCount", equalTo(0))
                .body("failureCount", equalTo(1))
                .body("failures[0].failedSubmission.type", equalTo("Company"))
                .body("failures[0].failureMessage", containsString("remoteId"));
    }

    @Test
    void aCreatedPayeeIsInvitedWithAPendingOfacCheckThatPasses() {
        String token = veloToken();
        veloAs(token).body(payeeBatch(individualPayee("new-1", "new.one@example.com"))).post("/v2/payees").then().statusCode(201);
        advance("PT1S");
        veloAs(token).queryParam("remoteId", "new-1").get("/v1/payees").then()
                .body("content[0].onboardedStatus", equalTo("INVITED"))
                .body("content[0].ofacStatus", equalTo("PENDING"))
                .body("content[0].payorRefs[0].invitationStatus", equalTo("PENDING"));
        advance("PT2S");
        veloAs(token).queryParam("remoteId", "new-1").get("/v1/payees").then().body("content[0].ofacStatus", equalTo("PASSED"));
    }

    @Test
    void aPayeeOnTheSanctionsTriggerFailsOfac() {
        String token = veloToken();
        veloAs(token).body(payeeBatch(individualPayee("bad-1", "ofacfail@example.com"))).post("/v2/payees").then().statusCode(201);
        advance("PT3S");
        veloAs(token).queryParam("remoteId", "bad-1").get("/v1/payees").then().body("content[0].ofacStatus", equalTo("FAILED"));
    }

    @Test
    void anExistingRemoteIdFailsItsSubmissionInTheBatch() {
        String token = veloToken();
        String location = veloAs(token).body(payeeBatch(individualPayee("myRemoteId01", "someone.else@example.com")))
                .post("/v2/payees").then().statusCode(201).extract().header("Location");
        advance("PT1S");
        veloAs(token).get(location.substring(location.indexOf("/v2/"))).then()
                .body("failureCount", equalTo(1)).body("failures[0].failureMessage", containsString("myRemoteId01"));
    }

    @Test
    void duplicateRemoteIdOfTheSameTypeInABatchIsAConflict() {
        veloAs(veloToken()).body(payeeBatch(individualPayee("dup", "a@example.com"), individualPayee("dup", "b@example.com")))
                .post("/v2/payees").then().statusCode(409)
                .body("errors[0].location", equalTo("payees[1].remoteId"));
    }

    @Test
    void duplicateEmailOfTheSameTypeInABatchIsAConflict() {
        veloAs(veloToken()).body(payeeBatch(individualPayee("one", "same@example.com"), individualPayee("two", "SAME@example.com")))
                .post("/v2/payees").then().statusCode(409)
                .body("errors[0].location", equalTo("payees[1].email"));
    }

    @Test
    void payeeFieldViolationsAreNamedByTheirPath() {
        String bad = """
                {"type":"Individual","remoteId":"","email":"not-an-email","address":{"line1":"1 Road","city":"Austin","zipOrPostcode":"7","country":"US"},
                 "paymentChannel":{"countryCode":"USA","currency":"usd","accountName":"X","routingNumber":"12"},
                 "individual":{"name":{"firstName":"A"},"dateOfBirth":"2999-01-01"},"language":"XX"}
                """;
        veloAs(veloToken()).body(payeeBatch(bad)).post("/v2/payees").then().statusCode(400)
                .body("errors.location", hasItems("payees[0].remoteId", "payees[0].email", "payees[0].address.zipOrPostcode",
                        "payees[0].paymentChannel.countryCode", "payees[0].paymentChannel.currency",
                        "payees[0].paymentChannel.routingNumber", "payees[0].individual.name.lastName",
                        "payees[0].individual.dateOfBirth", "payees[0].language"));
    }

    @Test
    void aBatchMustHoldOneTo2000Payees() {
        veloAs(veloToken()).body("{\"payorId\":\"" + PAYOR_ID + "\",\"payees\":[]}").post("/v2/payees").then().statusCode(400)
                .body("errors[0].location", equalTo("payees"));
    }

    @Test
    void aBatchForAnotherPayorIsNotFound() {
        veloAs(veloToken()).body(payeeBatch(individualPayee("x", "x@example.com")).replace(PAYOR_ID, Scenarios.SECOND_PAYOR_ID))
                .post("/v2/payees").then().statusCode(404);
    }

    @Test
    void theControlApiMovesAPayeesOnboardingAndOfacStates() {
        control().contentType(ContentType.JSON).body("{\"onboardedStatus\":\"ONBOARDED\",\"invitationStatus\":\"ACCEPTED\",\"ofacStatus\":\"FAILED\"}")
                .post("/_sim/velo/payees/1b6e3c1a-0007-4a00-8000-000000000007").then().statusCode(200)
                .body("onboardedStatus", equalTo("ONBOARDED")).body("ofacStatus", equalTo("FAILED"));
        veloAs(veloToken()).get("/v1/payees/1b6e3c1a-0007-4a00-8000-000000000007").then()
                .body("payorRefs[0].invitationStatus", equalTo("ACCEPTED"));
        control().contentType(ContentType.JSON).body("{\"ofacStatus\":\"MAYBE\"}")
                .post("/_sim/velo/payees/1b6e3c1a-0007-4a00-8000-000000000007").then().statusCode(400)
                .body("field", equalTo("ofacStatus"));
    }

    @Test
    void resetForgetsCreatedPayees() {
        String token = veloToken();
        veloAs(token).body(payeeBatch(individualPayee("temp", "temp@example.com"))).post("/v2/payees").then().statusCode(201);
        advance("PT1S");
        control().post("/_sim/reset").then().statusCode(200);
        veloAs(veloToken()).queryParam("remoteId", "temp").get("/v1/payees").then().body("content", hasSize(0));
        veloAs(veloToken()).get("/v1/payees").then().body("content.collect { it.payorRefs[0].remoteId }", hasItem("myRemoteId01"));
    }
}
