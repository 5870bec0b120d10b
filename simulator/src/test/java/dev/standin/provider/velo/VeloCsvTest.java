package dev.standin.provider.velo;

import dev.standin.support.AcceptanceTest;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

class VeloCsvTest extends AcceptanceTest {
    static final String PAYEES_CSV = """
            type,remoteId,email,addressLine1,addressCity,addressZipOrPostcode,addressCountry,individualDateOfBirth,individualFirstName,individualLastName,companyName,companyEIN,paymentChannelAccountNumber,paymentChannelRoutingNumber,paymentChannelAccountName,paymentChannelCountryCode,paymentChannelCurrency
            Individual,csv-1,csv.one@example.com,1 Road,Austin,73301,US,1985-03-04,Cara,Stone,,,12345678,123456789,Cara Stone,US,USD
            Company,csv-2,csv.two@example.com,2 Road,Austin,73301,US,,,,Acme Ltd,123456789,,,,,
            Individual,csv-3,not-an-email,3 Road,Austin,73301,US,1985-03-04,Bad,Row,,,,,,,
            """;

    @Test
    void payeesUploadedAsCsvFormABatchAndBadRowsAreReported() {
        String token = veloToken();
        var response = velo().header("Authorization", "Bearer " + token).queryParam("payorId", PAYOR_ID)
                .multiPart("file", "payees.csv", PAYEES_CSV.getBytes(), "text/plain")
                .post("/v2/payees").then().statusCode(201)
                .header("Location", matchesPattern(".*/v2/payees/batch/[0-9a-f-]{36}"))
                .body("batchId", matchesPattern("[0-9a-f-]{36}"))
                .body("rejectedCsvRows", hasSize(1))
                .body("rejectedCsvRows[0]", startsWith("line 4: "))
                .body("rejectedCsvRows[0]", containsString("email"))
                .extract();
        advance("PT3S");
        veloAs(token).get("/v2/payees/batch/" + response.path("batchId")).then().body("status", equalTo("ACCEPTED"))
                .body("failureCount", equalTo(0));
        veloAs(token).queryParam("email", "csv.").queryParam("sort", "email:asc").get("/v1/payees").then()
                .body("content.displayName", contains("Stone, Cara", "Acme Ltd"))
                .body("content.ofacStatus", contains("PASSED", "PASSED"));
    }

    @Test
    void aPayoutUploadedAsCsvIsValidatedLikeJsonAndBadRowsAreRejected() {
        String token = veloToken();
        String csv = """
                remoteId,currency,amount,paymentMemo,sourceAccountName,payorPaymentId
                myRemoteId01,USD,1500,first,PAYOR_SRC_ACCT,csv-p1
                myRemoteId02,USD,lots,second,PAYOR_SRC_ACCT,csv-p2
                nobody,USD,100,third,PAYOR_SRC_ACCT,csv-p3
                """;
        String payoutId = velo().header("Authorization", "Bearer " + token)
                .queryParam("payorId", PAYOR_ID).queryParam("payoutMemo", "this is the memo").queryParam("sourceCurrency", "USD")
                .multiPart("file", "payout.csv", csv.getBytes(), "text/plain")
                .post("/v3/payouts").then().statusCode(202).extract().path("payoutId");
        advance("PT1S");
        veloAs(token).get("/v3/payouts/" + payoutId).then()
                .body("status", equalTo("ACCEPTED"))
                .body("payoutMemo", equalTo("this is the memo"))
                .body("paymentsAccepted", equalTo(1))
                .body("rejectedPayments.reason", contains("BADLY_FORMED_DATA_ROW", "UNKNOWN_REMOTE_ID"));
    }

    @Test
    void aPayoutCsvWithoutHeaderUsesTheDocumentedColumnOrder() {
        String token = veloToken();
        String payoutId = velo().header("Authorization", "Bearer " + token).multiPart("payorId", PAYOR_ID)
                .multiPart("file", "payout.csv", "myRemoteId03,USD,250,,USD_Velo,\n".getBytes(), "text/plain")
                .post("/v3/payouts").then().statusCode(202).extract().path("payoutId");
        advance("PT1S");
        veloAs(token).get("/v3/payouts/" + payoutId).then().body("status", equalTo("ACCEPTED"))
                .body("accounts[0].sourceAccountName", equalTo("USD_Velo"));
    }

    @Test
    void aPayoutCsvWithNoValidPaymentMakesNoPayout() {
        velo().header("Authorization", "Bearer " + veloToken()).queryParam("payorId", PAYOR_ID)
                .multiPart("file", "payout.csv", "remoteId,currency,amount,sourceAccountName\nx,usd,-1,\n".getBytes(), "text/plain")
                .post("/v3/payouts").then().statusCode(400).body("errors[0].location", equalTo("file"));
        veloAs(veloToken()).get("/v3/paymentaudit/payouts").then().body("page.totalElements", equalTo(0));
    }

    @Test
    void aCsvUploadWithoutAFilePartIsABadRequest() {
        velo().header("Authorization", "Bearer " + veloToken()).queryParam("payorId", PAYOR_ID)
                .multiPart("other", "x").post("/v2/payees").then().statusCode(400)
                .body("errors[0].location", equalTo("file"));
    }
}
