package dev.standin.provider.velo;

import dev.standin.support.AcceptanceTest;
import dev.standin.support.Scenarios;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;

class VeloAuditTest extends AcceptanceTest {
    static final String USD_EMPTY = "5a0c0005-0000-4000-8000-000000000005";

    @Test
    void payoutsAreListedWithTotalsAccountsAndFxAndFilter() {
        String token = veloToken();
        String payoutId = incompletePayout(token);
        veloAs(token).queryParam("payorId", PAYOR_ID).queryParam("payoutMemo", "MARCH").queryParam("status", "INCOMPLETE")
                .queryParam("submittedDateFrom", "2026-01-01").queryParam("submittedDateTo", "2026-01-01")
                .get("/v3/paymentaudit/payouts").then().statusCode(200)
                .body("page.totalElements", equalTo(1))
                .body("content[0].payoutId", equalTo(payoutId))
                .body("content[0].totalPayments", equalTo(2))
                .body("content[0].totalFailedPayments", equalTo(1))
                .body("content[0].totalIncompletePayments", equalTo(0))
                .body("content[0].sourceAccountSummary.totalCost", contains(700, 464))
                .body("content[0].fxSummaries.find { it.paymentCurrency == 'EUR' }.status", equalTo("EXECUTED"))
                .body("content[0].fxSummaries.find { it.paymentCurrency == 'EUR' }.totalCost", equalTo(464))
                .body("content[0].payoutMemo", equalTo("March run"));
        veloAs(token).queryParam("submittedDateFrom", "2026-01-02").get("/v3/paymentaudit/payouts").then()
                .body("page.totalElements", equalTo(0));
    }

    @Test
    void badAuditParametersAreNamed() {
        veloAs(veloToken()).queryParam("status", "DONE").queryParam("submittedDateFrom", "01/01/2026").queryParam("sort", "payoutId:asc")
                .get("/v3/paymentaudit/payouts").then().statusCode(400)
                .body("errors.location", hasItems("status", "submittedDateFrom", "sort"));
    }

    @Test
    void aPayoutsPaymentsAreListedWithASummaryAndMaskedBankDetails() {
        String token = veloToken();
        String payoutId = incompletePayout(token);
        veloAs(token).get("/v3/paymentaudit/payouts/" + payoutId).then().statusCode(200)
                .body("summary.payoutStatus", equalTo("INCOMPLETE"))
                .body("summary.totalPayments", equalTo(2))
                .body("summary.confirmedPayments", equalTo(1))
                .body("summary.failedPayments", equalTo(1))
                .body("summary.payoutMemo", equalTo("March run"))
                .body("content.remoteId", contains("myRemoteId01", "payee-eur"))
                .body("content[0].accountNumber", equalTo("XXXX5678"))
                .body("content[0].routingNumber", equalTo("XXXXX6789"))
                .body("content[0].status", equalTo("CONFIRMED"))
                .body("content[0].fundingStatus", equalTo("FUNDED"))
                .body("content[1].rate", equalTo(1.1599f))
                .body("content[1].sourceAmount", equalTo(464))
                .body("content[1].status", equalTo("FAILED"));
        veloAs(token).queryParam("sensitive", "true").queryParam("status", "CONFIRMED").get("/v3/paymentaudit/payouts/" + payoutId).then()
                .body("content", hasSize(1)).body("content[0].accountNumber", equalTo("12345678"));
    }

    @Test
    void aPaymentShowsItsHistoryOfEvents() {
        String token = veloToken();
        String payoutId = incompletePayout(token);
        String paymentId = veloAs(token).get("/v3/paymentaudit/payouts/" + payoutId).then().extract().path("content[0].paymentId");
        veloAs(token).get("/v3/paymentaudit/payments/" + paymentId).then().statusCode(200)
                .body("paymentId", equalTo(paymentId))
                .body("events.eventType", contains("PAYMENT_SUBMITTED", "PAYMENT_SUBMITTED_ACCEPTED", "PAYMENT_FUNDED",
                        "BANK_PAYMENT_REQUESTED", "PAYMENT_ACCEPTED_BY_RAILS", "PAYMENT_CONFIRMED"))
                .body("events[0].eventDateTime", equalTo("2026-01-01T00:00:00.000Z"));
    }

    @Test
    void paymentsAreListedByPayeeAndRemoteId() {
        String token = veloToken();
        incompletePayout(token);
        veloAs(token).queryParam("payeeId", "1b6e3c1a-0005-4a00-8000-000000000005").get("/v3/paymentaudit/payments").then()
                .statusCode(200).body("content", hasSize(1)).body("content[0].paymentCurrency", equalTo("EUR"));
        veloAs(token).queryParam("remoteId", "REMOTEID01").queryParam("paymentCurrency", "USD").get("/v3/paymentaudit/payments").then()
                .body("content", hasSize(1));
    }

    @Test
    void paymentsFilterByAmountRangesAndSort() {
        String token = veloToken();
        String payoutId = incompletePayout(token);
        veloAs(token).queryParam("paymentAmountFrom", 500).queryParam("paymentAmountTo", 800)
                .get("/v3/paymentaudit/payouts/" + payoutId).then().body("content.remoteId", contains("myRemoteId01"));
        veloAs(token).queryParam("sourceAmountTo", 500).get("/v3/paymentaudit/payouts/" + payoutId).then()
                .body("content.remoteId", contains("payee-eur"));
        veloAs(token).queryParam("sort", "paymentAmount:asc").get("/v3/paymentaudit/payments").then()
                .body("content.paymentAmount", contains(400, 700));
        veloAs(token).queryParam("sort", "paymentAmount:desc").get("/v3/paymentaudit/payments").then()
                .body("content.paymentAmount", contains(700, 400));
        veloAs(token).queryParam("paymentAmountFrom", "lots").get("/v3/paymentaudit/payments").then().statusCode(400)
                .body("errors[0].location", equalTo("paymentAmountFrom"));
    }

    @Test
    void statisticsCountThisMonthsPayoutsAndFailedPayments() {
        String token = veloToken();
        incompletePayout(token);
        veloAs(token).get("/v1/paymentaudit/payoutStatistics").then().statusCode(200)
                .body("thisMonthPayoutsCount", equalTo(1))
                .body("thisMonthFailedPaymentsCount", equalTo(1));
        advance("P40D");
        veloAs(veloToken()).get("/v1/paymentaudit/payoutStatistics").then().body("thisMonthPayoutsCount", equalTo(0));
    }

    @Test
    void fundingsShowPendingThenCreditWithEvents() {
        String token = veloToken();
        veloAs(token).contentType(ContentType.JSON).body("{\"amount\":5000}")
                .post("/v1/sourceAccounts/" + USD_EMPTY + "/achFundingRequest").then().statusCode(202);
        veloAs(token).get("/v1/paymentaudit/fundings").then().statusCode(200)
                .body("content[0].status", equalTo("PENDING"))
                .body("content[0].events.fundingEventType", contains("PAYOR_FUNDING_REQUESTED"));
        advance("PT2S");
        veloAs(token).get("/v1/paymentaudit/fundings").then()
                .body("content[0].status", equalTo("CREDIT"))
                .body("content[0].amount", equalTo(5000))
                .body("content[0].sourceAccountName", equalTo("USD_Empty"))
                .body("content[0].fundingType", equalTo("ACH"))
                .body("content[0].events.fundingEventType", contains("PAYOR_FUNDING_REQUESTED", "PAYOR_FUNDING_DETECTED"));
    }

    @Test
    void anotherPayorSeesNoneOfItInAudit() {
        String token = veloToken();
        String payoutId = incompletePayout(token);
        String paymentId = veloAs(token).get("/v3/paymentaudit/payouts/" + payoutId).then().extract().path("content[0].paymentId");
        loadScenario(Scenarios.secondPayor("audit-isolation"));
        String other = veloToken(server, Scenarios.SECOND_API_KEY, Scenarios.SECOND_API_SECRET);
        veloAs(other).get("/v3/paymentaudit/payouts/" + payoutId).then().statusCode(404);
        veloAs(other).get("/v3/paymentaudit/payments/" + paymentId).then().statusCode(404);
        veloAs(other).get("/v3/paymentaudit/payouts").then().body("page.totalElements", equalTo(0));
        veloAs(other).queryParam("payorId", PAYOR_ID).get("/v1/paymentaudit/fundings").then().statusCode(404);
    }
}
