package dev.standin.provider.velo;

import dev.standin.support.AcceptanceTest;
import dev.standin.support.Scenarios;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

class VeloPayoutTest extends AcceptanceTest {
    static final String PAYOR_SRC_ACCT = "5a0c0001-0000-4000-8000-000000000001";
    static final String USD_EMPTY = "5a0c0005-0000-4000-8000-000000000005";

    /** The guide's POST /v3/payouts example as it is, but for its payorId. */
    static final String GUIDE_PAYOUT = """
            {"payorId":"%s","payments":[{"remoteId":"myRemoteId01","currency":"USD","amount":12345,"sourceAccountName":"PAYOR_SRC_ACCT","payorPaymentId":"1111"},{"remoteId":"myRemoteId02","currency":"USD","amount":23456,"sourceAccountName":"PAYOR_SRC_ACCT","payorPaymentId":"2222"},{"remoteId":"myRemoteId01","currency":"USD","amount":1020,"sourceAccountName":"PAYOR_SRC_ACCT","payorPaymentId":"3333"},{"remoteId":"myRemoteId03","currency":"USD","amount":3456,"sourceAccountName":"PAYOR_SRC_ACCT","payorPaymentId":"4444"},{"remoteId":"myRemoteId04","currency":"USD","amount":8765,"sourceAccountName":"PAYOR_SRC_ACCT","payorPaymentId":"5555"}]}
            """.formatted(PAYOR_ID);

    static String payment(String remoteId, String currency, long amount, String account, String payorPaymentId) {
        return "{\"remoteId\":\"" + remoteId + "\",\"currency\":\"" + currency + "\",\"amount\":" + amount
                + ",\"sourceAccountName\":\"" + account + "\""
                + (payorPaymentId == null ? "" : ",\"payorPaymentId\":\"" + payorPaymentId + "\"") + "}";
    }

    String submit(String token, String... payments) {
        return submitBody(token, "{\"payorId\":\"" + PAYOR_ID + "\",\"payments\":[" + String.join(",", payments) + "]}");
    }

    String submitBody(String token, String body) {
        return veloAs(token).body(body).post("/v3/payouts").then().statusCode(202)
                .header("Location", matchesPattern(".*/v3/payouts/[0-9a-f-]{36}"))
                .extract().path("payoutId");
    }

    long balance(String token, String account) {
        return ((Number) veloAs(token).get("/v1/sourceAccounts/" + account).then().extract().path("balance")).longValue();
    }

    @Test
    void theGuidesPayoutIsAcceptedQuotedInstructedAndCompleted() {
        String token = veloToken();
        long before = balance(token, PAYOR_SRC_ACCT);
        String payoutId = submitBody(token, GUIDE_PAYOUT);
        veloAs(token).get("/v3/payouts/" + payoutId).then().statusCode(200).body("status", equalTo("SUBMITTED"));

        advance("PT1S");
        veloAs(token).get("/v3/payouts/" + payoutId).then()
                .body("status", equalTo("ACCEPTED"))
                .body("paymentsSubmitted", equalTo(5))
                .body("paymentsAccepted", equalTo(5))
                .body("paymentsRejected", equalTo(0));

        veloAs(token).post("/v3/payouts/" + payoutId + "/quote").then().statusCode(200)
                .body("fxSummaries", hasSize(1))
                .body("fxSummaries[0].totalPaymentAmount", equalTo(49042))
                .body("fxSummaries[0].totalSourceAmount", equalTo(49042))
                .body("fxSummaries[0].creationTime", equalTo("2026-01-01T00:00:01.000Z"))
                .body("fxSummaries[0].expiryTime", equalTo("2026-01-01T00:01:01.000Z"));
        veloAs(token).get("/v3/payouts/" + payoutId).then().body("status", equalTo("QUOTED"))
                .body("fxSummaries[0].status", equalTo("QUOTED")).body("fxSummaries[0].fundingStatus", equalTo("UNFUNDED"));

        veloAs(token).post("/v3/payouts/" + payoutId).then().statusCode(202);
        assertEquals(before - 49042, balance(token, PAYOR_SRC_ACCT));
        veloAs(token).get("/v3/payouts/" + payoutId).then().body("status", equalTo("INSTRUCTED"));

        advance("PT3S");
        veloAs(token).get("/v3/payouts/" + payoutId).then().body("status", equalTo("COMPLETED"))
                .body("fxSummaries[0].status", equalTo("EXECUTED")).body("fxSummaries[0].fundingStatus", equalTo("FUNDED"))
                .body("accounts[0].sourceAccountName", equalTo("PAYOR_SRC_ACCT"))
                .body("accounts[0].totalPayoutCost", equalTo(49042));
        control().get("/_sim/velo/payouts/" + payoutId).then()
                .body("payments[0].status", equalTo("CONFIRMED"))
                .body("payments[0].events", contains("PAYMENT_SUBMITTED", "PAYMENT_SUBMITTED_ACCEPTED", "PAYMENT_FUNDED", "BANK_PAYMENT_REQUESTED",
                        "PAYMENT_ACCEPTED_BY_RAILS", "PAYMENT_CONFIRMED"));
        assertEquals(before - 49042, balance(token, PAYOR_SRC_ACCT), "debited exactly once");
    }

    @ParameterizedTest(name = "{5}")
    @CsvSource({
            "nobody,            USD, 100,    PAYOR_SRC_ACCT, , UNKNOWN_REMOTE_ID",
            "myRemoteId01,      USD, 100,    NO_SUCH_ACCOUNT, , UNKNOWN_SOURCE_ACCOUNT",
            "myRemoteId01,      XXX, 100,    PAYOR_SRC_ACCT, , UNSUPPORTED_CURRENCY",
            "myRemoteId01,      USD, 100001, PAYOR_SRC_ACCT, , PAYMENT_VALUE_TOO_HIGH",
            "payee-registered,  USD, 100,    PAYOR_SRC_ACCT, , PAYEE_NOT_ONBOARDED",
            "payee-invited,     USD, 100,    PAYOR_SRC_ACCT, , PENDING_INVITE",
            "payee-declined,    USD, 100,    PAYOR_SRC_ACCT, , DECLINED_INVITE",
            "payee-ofac-failed, USD, 100,    PAYOR_SRC_ACCT, , OFAC_FAILED",
            "payee-eur,         USD, 100,    PAYOR_SRC_ACCT, , CURRENCY_MISMATCH",
    })
    void aPaymentThatCannotBeMadeIsRejectedWithItsReason(String remoteId, String currency, long amount, String account,
                                                         String payorPaymentId, String reason) {
        String token = veloToken();
        String payoutId = submit(token, payment(remoteId, currency, amount, account, payorPaymentId),
                payment("myRemoteId02", "USD", 100, "PAYOR_SRC_ACCT", null));
        advance("PT1S");
        veloAs(token).get("/v3/payouts/" + payoutId).then()
                .body("status", equalTo("ACCEPTED"))
                .body("paymentsAccepted", equalTo(1))
                .body("paymentsRejected", equalTo(1))
                .body("rejectedPayments[0].remoteId", equalTo(remoteId))
                .body("rejectedPayments[0].currencyType", equalTo(currency))
                .body("rejectedPayments[0].reason", equalTo(reason));
    }

    @Test
    void aDuplicatePayorPaymentIdIsRejectedWithinAPayoutAndAcrossPayouts() {
        String token = veloToken();
        String first = submit(token, payment("myRemoteId01", "USD", 100, "PAYOR_SRC_ACCT", "ref-1"),
                payment("myRemoteId02", "USD", 100, "PAYOR_SRC_ACCT", "ref-1"));
        advance("PT1S");
        veloAs(token).get("/v3/payouts/" + first).then().body("rejectedPayments.reason", contains("DUPLICATE_PAYOR_PAYMENT_ID"));
        String second = submit(token, payment("myRemoteId03", "USD", 100, "PAYOR_SRC_ACCT", "ref-1"));
        advance("PT1S");
        veloAs(token).get("/v3/payouts/" + second).then().body("status", equalTo("REJECTED"))
                .body("rejectedPayments[0].reason", equalTo("DUPLICATE_PAYOR_PAYMENT_ID"));
    }

    @Test
    void aRetryWithTheSamePayorPaymentIdWithinTheValidationDelayLosesToTheOriginal() {
        String token = veloToken();
        String original = submit(token, payment("myRemoteId01", "USD", 100, "PAYOR_SRC_ACCT", "retry-1"));
        String retry = submit(token, payment("myRemoteId01", "USD", 100, "PAYOR_SRC_ACCT", "retry-1"));
        advance("PT1S");
        veloAs(token).get("/v3/payouts/" + original).then().body("status", equalTo("ACCEPTED"));
        veloAs(token).get("/v3/payouts/" + retry).then().body("status", equalTo("REJECTED"))
                .body("rejectedPayments[0].reason", equalTo("DUPLICATE_PAYOR_PAYMENT_ID"));
    }

    @Test
    void aPayoutWithNoValidPaymentIsRejected() {
        String token = veloToken();
        String payoutId = submit(token, payment("nobody", "USD", 100, "PAYOR_SRC_ACCT", null));
        advance("PT1S");
        veloAs(token).get("/v3/payouts/" + payoutId).then().body("status", equalTo("REJECTED"))
                .body("paymentsAccepted", equalTo(0));
        veloAs(token).post("/v3/payouts/" + payoutId + "/quote").then().statusCode(409);
        veloAs(token).post("/v3/payouts/" + payoutId).then().statusCode(409);
    }

    @Test
    void anFxPaymentIsQuotedWithRateInvertedRateAndRoundedTotals() {
        String token = veloToken();
        String payoutId = submit(token, payment("payee-eur", "EUR", 1000, "USD_Velo", null),
                payment("payee-gbp", "GBP", 3000, "USD_Velo", null));
        advance("PT1S");
        veloAs(token).post("/v3/payouts/" + payoutId + "/quote").then().statusCode(200)
                .body("fxSummaries.paymentCurrency", contains("EUR", "GBP"))
                .body("fxSummaries[0].rate", equalTo(1.1599f))
                .body("fxSummaries[0].invertedRate", equalTo(0.8621f))
                .body("fxSummaries[0].totalSourceAmount", equalTo(1160))
                .body("fxSummaries[1].rate", equalTo(1.3267f))
                .body("fxSummaries[1].totalSourceAmount", equalTo(3980))
                .body("fxSummaries[1].totalPaymentAmount", equalTo(3000));
    }

    @Test
    void aScenarioCanOverrideTheFxRateTable() {
        loadScenario("version: 1\nname: dearer-euro\nseed:\n  velo:\n    fxRates: {USD: 1.0, EUR: 1.25}\n");
        String token = veloToken();
        String payoutId = submit(token, payment("payee-eur", "EUR", 1000, "USD_Velo", null));
        advance("PT1S");
        veloAs(token).post("/v3/payouts/" + payoutId + "/quote").then().statusCode(200)
                .body("fxSummaries[0].rate", equalTo(1.25f))
                .body("fxSummaries[0].invertedRate", equalTo(0.8f))
                .body("fxSummaries[0].totalSourceAmount", equalTo(1250));
    }

    @Test
    void quotingOrInstructingAnInstructedPayoutIsAConflict() {
        String token = veloToken();
        String payoutId = submit(token, payment("myRemoteId01", "USD", 100, "PAYOR_SRC_ACCT", null));
        veloAs(token).post("/v3/payouts/" + payoutId + "/quote").then().statusCode(409);
        advance("PT1S");
        veloAs(token).post("/v3/payouts/" + payoutId).then().statusCode(202);
        veloAs(token).post("/v3/payouts/" + payoutId + "/quote").then().statusCode(409)
                .body("errors[0].errorCode", equalTo("INVALID_STATE"));
    }

    @Test
    void anExpiredQuoteCannotBeInstructedUntilANewQuoteIsMade() {
        String token = veloToken();
        String payoutId = submit(token, payment("myRemoteId01", "USD", 100, "PAYOR_SRC_ACCT", null));
        advance("PT1S");
        veloAs(token).post("/v3/payouts/" + payoutId + "/quote").then().statusCode(200);
        advance("PT60S");
        veloAs(token).get("/v3/payouts/" + payoutId).then().body("fxSummaries[0].status", equalTo("EXPIRED"));
        veloAs(token).post("/v3/payouts/" + payoutId).then().statusCode(409).body("errors[0].errorCode", equalTo("QUOTE_EXPIRED"));
        veloAs(token).post("/v3/payouts/" + payoutId + "/quote").then().statusCode(200);
        veloAs(token).post("/v3/payouts/" + payoutId).then().statusCode(202);
    }

    @Test
    void paymentsAwaitFundsUntilAnAchFundingArrives() {
        String token = veloToken();
        String payoutId = submit(token, payment("myRemoteId01", "USD", 5000, "USD_Empty", null));
        advance("PT1S");
        veloAs(token).post("/v3/payouts/" + payoutId).then().statusCode(202);
        advance("PT5S");
        control().get("/_sim/velo/payouts/" + payoutId).then().body("payments[0].status", equalTo("AWAITING_FUNDS"));
        veloAs(token).get("/v3/payouts/" + payoutId).then().body("status", equalTo("INSTRUCTED"));

        veloAs(token).body("{\"amount\":7000}").post("/v1/sourceAccounts/" + USD_EMPTY + "/achFundingRequest").then().statusCode(202);
        advance("PT2S");
        assertEquals(2000, balance(token, USD_EMPTY));
        advance("PT3S");
        veloAs(token).get("/v3/payouts/" + payoutId).then().body("status", equalTo("COMPLETED"));
        control().get("/_sim/velo/payouts/" + payoutId).then()
                .body("payments[0].events", contains("PAYMENT_SUBMITTED", "PAYMENT_SUBMITTED_ACCEPTED", "PAYMENT_AWAITING_FUNDS", "PAYMENT_FUNDED",
                        "BANK_PAYMENT_REQUESTED", "PAYMENT_ACCEPTED_BY_RAILS", "PAYMENT_CONFIRMED"));
    }

    @Test
    void aReturnedPaymentMakesThePayoutIncompleteAndPutsTheMoneyBack() {
        String token = veloToken();
        long before = balance(token, PAYOR_SRC_ACCT);
        String payoutId = submit(token, payment("myRemoteId01", "USD", 700, "PAYOR_SRC_ACCT", null),
                payment("myRemoteId02", "USD", 300, "PAYOR_SRC_ACCT", null));
        advance("PT1S");
        veloAs(token).post("/v3/payouts/" + payoutId).then().statusCode(202);
        String failing = control().get("/_sim/velo/payouts/" + payoutId).then().extract().path("payments[1].paymentId");
        control().contentType(ContentType.JSON).body("{\"reason\":\"ACH_RETURN_R01\"}")
                .post("/_sim/velo/payments/" + failing + "/fail").then().statusCode(200);
        advance("PT3S");
        veloAs(token).get("/v3/payouts/" + payoutId).then().body("status", equalTo("INCOMPLETE"));
        assertEquals(before - 700, balance(token, PAYOR_SRC_ACCT));
        control().get("/_sim/velo/payouts/" + payoutId).then()
                .body("payments[1].status", equalTo("FAILED"))
                .body("payments[1].failureReason", equalTo("ACH_RETURN_R01"))
                .body("payments[1].events", hasItems("ACH_RETURN_RECEIVED", "PAYMENT_FAILED"))
                .body("payments[0].status", equalTo("CONFIRMED"));
        control().post("/_sim/velo/payments/" + failing + "/fail").then().statusCode(409);
    }

    @Test
    void aPayoutCanBeWithdrawnBeforeInstructButNotAfter() {
        String token = veloToken();
        String payoutId = submit(token, payment("myRemoteId01", "USD", 100, "PAYOR_SRC_ACCT", null));
        advance("PT1S");
        veloAs(token).delete("/v3/payouts/" + payoutId).then().statusCode(202);
        veloAs(token).get("/v3/payouts/" + payoutId).then().body("status", equalTo("WITHDRAWN")).body("paymentsWithdrawn", equalTo(1));
        veloAs(token).post("/v3/payouts/" + payoutId).then().statusCode(409);

        String instructed = submit(token, payment("myRemoteId01", "USD", 100, "PAYOR_SRC_ACCT", null));
        advance("PT1S");
        veloAs(token).post("/v3/payouts/" + instructed).then().statusCode(202);
        veloAs(token).delete("/v3/payouts/" + instructed).then().statusCode(409).body("httpStatusCode", equalTo(409));
    }

    @Test
    void aPayoutWithdrawnWhileSubmittedIsNeverValidated() {
        String token = veloToken();
        String payoutId = submit(token, payment("myRemoteId01", "USD", 100, "PAYOR_SRC_ACCT", null));
        veloAs(token).delete("/v3/payouts/" + payoutId).then().statusCode(202);
        advance("PT1S");
        veloAs(token).get("/v3/payouts/" + payoutId).then().body("status", equalTo("WITHDRAWN"));
    }

    @Test
    void concurrentInstructsOfOnePayoutSucceedExactlyOnce() throws Exception {
        String token = veloToken();
        long before = balance(token, PAYOR_SRC_ACCT);
        String payoutId = submit(token, payment("myRemoteId01", "USD", 1234, "PAYOR_SRC_ACCT", null));
        advance("PT1S");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> veloAs(token).post("/v3/payouts/" + payoutId).then().extract().statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 202).count(), statuses.toString());
            assertEquals(7, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            pool.shutdown();
        }
        assertEquals(before - 1234, balance(token, PAYOR_SRC_ACCT));
    }

    @Test
    void payoutFieldViolationsAreNamedByTheirPath() {
        veloAs(veloToken()).body("{\"payorId\":\"" + PAYOR_ID + "\",\"payoutMemo\":\"" + "m".repeat(41) + "\",\"payments\":["
                        + "{\"remoteId\":\"\",\"currency\":\"usd\",\"amount\":0,\"sourceAccountName\":\"\",\"payorPaymentId\":\"" + "p".repeat(41) + "\"}]}")
                .post("/v3/payouts").then().statusCode(400)
                .body("errors.location", hasItems("payoutMemo", "payments[0].remoteId", "payments[0].currency",
                        "payments[0].amount", "payments[0].sourceAccountName", "payments[0].payorPaymentId"));
        veloAs(veloToken()).body("{\"payorId\":\"" + PAYOR_ID + "\",\"payments\":[]}").post("/v3/payouts").then().statusCode(400)
                .body("errors[0].location", equalTo("payments"));
    }

    @Test
    void anotherPayorsPayoutIsNotFound() {
        String payoutId = submit(veloToken(), payment("myRemoteId01", "USD", 100, "PAYOR_SRC_ACCT", null));
        loadScenario(Scenarios.secondPayor("payout-isolation"));
        String other = veloToken(server, Scenarios.SECOND_API_KEY, Scenarios.SECOND_API_SECRET);
        veloAs(other).get("/v3/payouts/" + payoutId).then().statusCode(404);
        veloAs(other).post("/v3/payouts/" + payoutId).then().statusCode(404);
        veloAs(other).delete("/v3/payouts/" + payoutId).then().statusCode(404);
    }

    @Test
    void referenceDataIsAsTheGuideLists() {
        String token = veloToken();
        veloAs(token).get("/v2/currencies").then().statusCode(200)
                .body("currencies.currency", hasItems("USD", "EUR", "GBP", "JPY")).body("currencies[0].maxPaymentAmount", equalTo(1000));
        veloAs(token).get("/v1/supportedCountries").then().body("countries[0].isoCountryCode", equalTo("US"))
                .body("countries[0].currencies", contains("USD"));
        veloAs(token).get("/v1/paymentChannelRules").then().body("bank[1].rules[2].displayName", equalTo("Sort Code"));
    }
}
