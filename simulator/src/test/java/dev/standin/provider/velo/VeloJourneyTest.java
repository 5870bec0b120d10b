package dev.standin.provider.velo;

import dev.standin.support.AcceptanceTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

/** The guide's whole journey, as a client integration runs it, in one test. */
class VeloJourneyTest extends AcceptanceTest {
    static final String USD_EMPTY = "5a0c0005-0000-4000-8000-000000000005";

    @Test
    void theWholeDocumentedJourneyFromPayeesToAudit() {
        String token = veloToken();

        // payees: one by JSON, one by CSV
        veloAs(token).body(payeeBatch(individualPayee("journey-json", "journey.json@example.com")))
                .post("/v2/payees").then().statusCode(201);
        velo().header("Authorization", "Bearer " + token).queryParam("payorId", PAYOR_ID)
                .multiPart("file", "payees.csv", ("type,remoteId,email,addressLine1,addressCity,addressZipOrPostcode,addressCountry,"
                        + "individualDateOfBirth,individualFirstName,individualLastName,paymentChannelAccountNumber,"
                        + "paymentChannelRoutingNumber,paymentChannelAccountName,paymentChannelCountryCode,paymentChannelCurrency\n"
                        + "Individual,journey-csv,journey.csv@example.com,1 Road,Austin,73301,US,1980-01-01,Jo,Csv,"
                        + "87654321,123456789,Jo Csv,US,USD\n").getBytes(), "text/plain")
                .post("/v2/payees").then().statusCode(201).body("rejectedCsvRows", hasSize(0));
        advance("PT3S");

        // onboard both through the invite flow
        for (String remoteId : new String[]{"journey-json", "journey-csv"}) {
            String payeeId = veloAs(token).queryParam("remoteId", remoteId).get("/v1/payees").then()
                    .body("content[0].onboardedStatus", equalTo("INVITED")).body("content[0].ofacStatus", equalTo("PASSED"))
                    .extract().path("content[0].payeeId");
            String invite = control().get("/_sim/velo/payees/" + payeeId).then().extract().path("inviteId");
            velo().contentType(ContentType.JSON).body("{\"password\":\"correct horse battery staple\"}").post("/v1/invites/" + invite).then().statusCode(204);
            velo().contentType(ContentType.JSON).body("{\"cellphoneNumber\":\"15555550100\"}").post("/v1/invites/" + invite + "/smsTokens").then().statusCode(204);
            String code = control().get("/_sim/velo/invites/" + invite).then().extract().path("smsToken");
            velo().contentType(ContentType.JSON).body("{\"smsChallengeToken\":\"" + code + "\"}").post("/v1/invites/" + invite + "/smsTokens/validate").then().statusCode(204);
            velo().contentType(ContentType.JSON).body("{\"marketingOptIn\":false,\"acceptTermsAndConditions\":true}")
                    .post("/v1/invites/" + invite + "/optionsUpdate").then().statusCode(204);
        }
        veloAs(token).queryParam("onboardedStatus", "ONBOARDED").queryParam("email", "journey").get("/v1/payees").then()
                .body("content.collect { it.payorRefs[0].remoteId }", hasItems("journey-json", "journey-csv"));

        // fund an empty account
        veloAs(token).body("{\"amount\":100000}").post("/v1/sourceAccounts/" + USD_EMPTY + "/achFundingRequest").then().statusCode(202);
        advance("PT2S");
        veloAs(token).get("/v1/sourceAccounts/" + USD_EMPTY).then().body("balance", equalTo(100000));

        // pay: one payout by JSON, one by CSV; quote, instruct, complete
        String jsonPayout = veloAs(token).body("{\"payorId\":\"" + PAYOR_ID + "\",\"payments\":[{\"remoteId\":\"journey-json\","
                        + "\"currency\":\"USD\",\"amount\":40000,\"sourceAccountName\":\"USD_Empty\",\"payorPaymentId\":\"j-1\"}]}")
                .post("/v3/payouts").then().statusCode(202).extract().path("payoutId");
        String csvPayout = velo().header("Authorization", "Bearer " + token).queryParam("payorId", PAYOR_ID)
                .multiPart("file", "payout.csv", "remoteId,currency,amount,sourceAccountName,payorPaymentId\njourney-csv,USD,30000,USD_Empty,j-2\n".getBytes(), "text/plain")
                .post("/v3/payouts").then().statusCode(202).extract().path("payoutId");
        advance("PT1S");
        for (String payoutId : new String[]{jsonPayout, csvPayout}) {
            veloAs(token).get("/v3/payouts/" + payoutId).then().body("status", equalTo("ACCEPTED"));
            veloAs(token).post("/v3/payouts/" + payoutId + "/quote").then().statusCode(200);
            veloAs(token).post("/v3/payouts/" + payoutId).then().statusCode(202);
        }
        advance("PT3S");
        veloAs(token).get("/v3/payouts/" + jsonPayout).then().body("status", equalTo("COMPLETED"));
        veloAs(token).get("/v3/payouts/" + csvPayout).then().body("status", equalTo("COMPLETED"));
        veloAs(token).get("/v1/sourceAccounts/" + USD_EMPTY).then().body("balance", equalTo(30000));

        // audit every view
        veloAs(token).queryParam("status", "COMPLETED").get("/v3/paymentaudit/payouts").then()
                .body("page.totalElements", equalTo(2)).body("content.totalPayments", contains(1, 1));
        String paymentId = veloAs(token).get("/v3/paymentaudit/payouts/" + jsonPayout).then()
                .body("summary.payoutStatus", equalTo("COMPLETED")).body("summary.confirmedPayments", equalTo(1))
                .extract().path("content[0].paymentId");
        veloAs(token).get("/v3/paymentaudit/payments/" + paymentId).then()
                .body("status", equalTo("CONFIRMED")).body("sourceAmount", equalTo(40000))
                .body("events.eventType", hasItems("PAYMENT_SUBMITTED", "PAYMENT_FUNDED", "PAYMENT_CONFIRMED"));
        veloAs(token).queryParam("remoteId", "journey").get("/v3/paymentaudit/payments").then().body("content", hasSize(2));
        veloAs(token).get("/v1/paymentaudit/payoutStatistics").then().body("thisMonthPayoutsCount", equalTo(2))
                .body("thisMonthFailedPaymentsCount", equalTo(0));
        veloAs(token).get("/v1/paymentaudit/fundings").then().body("content[0].status", equalTo("CREDIT"));
    }
}
