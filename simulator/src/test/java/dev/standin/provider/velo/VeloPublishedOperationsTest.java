package dev.standin.provider.velo;

import dev.standin.support.AcceptanceTest;
import dev.standin.support.WebhookReceiver;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The operations of Velo's published OpenAPI 2.14 document beyond the guide, each walked as a client would. */
class VeloPublishedOperationsTest extends AcceptanceTest {
    static final String CHILD_PAYOR = "9b3c1e5d-0000-4000-8000-00000000c001";
    static final String CHILD_KEY = "9b3c1e5d-0000-4000-8000-0000000a0001";
    static final String CHILD_SECRET = "9b3c1e5d-0000-4000-8000-0000000a0002";
    static final String PAYEE_GBP = "1b6e3c1a-0006-4a00-8000-000000000006";
    static final String PAYEE_INVITED = "1b6e3c1a-0007-4a00-8000-000000000007";
    static final String PAYEE_ALICE = "1b6e3c1a-0001-4a00-8000-000000000001";
    static final String USD_EMPTY = "5a0c0005-0000-4000-8000-000000000005";
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    @Test
    void payorV2IsThePayorWithoutItsFundingDetails() {
        String token = veloToken();
        veloAs(token).body("{\"routingNumber\":\"123456789\",\"accountNumber\":\"1234567890\",\"accountName\":\"Ops\"}")
                .post("/v1/payors/" + PAYOR_ID + "/payorFundingBankDetailsUpdate").then().statusCode(202);
        veloAs(token).get("/v2/payors/" + PAYOR_ID).then().statusCode(200)
                .body("payorId", equalTo(PAYOR_ID)).body("payorName", equalTo("Payor1"))
                .body("kycState", equalTo("PASSED_KYC")).body("address.city", equalTo("San Francisco"))
                .body("$", not(hasKey("fundingAccountRoutingNumber")));
        veloAs(token).get("/v2/payors/" + CHILD_PAYOR).then().statusCode(404).body("errors[0].location", equalTo("payorId"));
    }

    @Test
    void reminderEmailsOptOutIsStoredAndAMissingValueIsNamed() {
        String token = veloToken();
        veloAs(token).body("{\"reminderEmailsOptOut\":true}").post("/v1/payors/" + PAYOR_ID + "/reminderEmailsUpdate")
                .then().statusCode(202);
        veloAs(token).get("/v1/payors/" + PAYOR_ID).then().body("reminderEmailsOptOut", equalTo(true));
        veloAs(token).body("{}").post("/v1/payors/" + PAYOR_ID + "/reminderEmailsUpdate").then().statusCode(400)
                .body("errors[0].location", equalTo("reminderEmailsOptOut"));
    }

    @Test
    void anUploadedLogoIsServedBackThroughTheBrandingsLogoUrl() {
        String token = veloToken();
        String before = veloAs(token).get("/v1/payors/" + PAYOR_ID + "/branding").then().statusCode(200)
                .body("payorName", equalTo("Payor1")).body("dbaName", equalTo("Payor1 DBA"))
                .extract().path("logoUrl");
        given().get(before).then().statusCode(200).contentType("image/svg+xml");
        velo().header("Authorization", "Bearer " + token).multiPart("logo", "logo.png", PNG, "image/png")
                .post("/v1/payors/" + PAYOR_ID + "/branding/logos").then().statusCode(204);
        String after = veloAs(token).get("/v1/payors/" + PAYOR_ID + "/branding").then().extract().path("logoUrl");
        assertEquals(false, after.equals(before));
        byte[] served = given().get(after).then().statusCode(200).contentType("image/png").extract().asByteArray();
        assertArrayEquals(PNG, served);
        velo().header("Authorization", "Bearer " + token).multiPart("logo", "logo.txt", "hello".getBytes(), "text/plain")
                .post("/v1/payors/" + PAYOR_ID + "/branding/logos").then().statusCode(400)
                .body("errors[0].location", equalTo("logo"));
        veloAs(token).body("{}").post("/v1/payors/" + PAYOR_ID + "/branding/logos").then().statusCode(415);
    }

    @Test
    void payorLinksListTheSeededChildPayorToItsParentOnly() {
        veloAs(veloToken()).queryParam("descendantsOfPayor", PAYOR_ID).queryParam("fields", "kycState,primaryContactEmail")
                .get("/v1/payorLinks").then().statusCode(200)
                .body("links", hasSize(1))
                .body("links[0].fromPayorId", equalTo(PAYOR_ID))
                .body("links[0].toPayorId", equalTo(CHILD_PAYOR))
                .body("links[0].linkType", equalTo("PARENT_OF"))
                .body("links[0].linkId", matchesPattern("[0-9a-f-]{36}"))
                .body("payors.payorId", contains(PAYOR_ID, CHILD_PAYOR))
                .body("payors[1].payorName", equalTo("Payor1 Child"))
                .body("payors[1].kycState", equalTo("PASSED_KYC"))
                .body("payors[1].primaryContactEmail", equalTo("child@example.com"));
        String child = veloToken(server, CHILD_KEY, CHILD_SECRET);
        veloAs(child).queryParam("descendantsOfPayor", CHILD_PAYOR).get("/v1/payorLinks").then().statusCode(200)
                .body("links", hasSize(0)).body("payors[0]", not(hasKey("kycState")));
        veloAs(child).queryParam("descendantsOfPayor", PAYOR_ID).get("/v1/payorLinks").then().statusCode(404);
        veloAs(child).get("/v1/payorLinks").then().statusCode(400).body("errors[0].location", equalTo("descendantsOfPayor"));
        veloAs(child).queryParam("descendantsOfPayor", CHILD_PAYOR).queryParam("fields", "balance")
                .get("/v1/payorLinks").then().statusCode(400).body("errors[0].location", equalTo("fields"));
    }

    @Test
    void anOnboardedPayeeWithoutPaymentsIsDeletedAndOthersAreRefusedWithTheReason() {
        String token = veloToken();
        submitPayout(token);
        veloAs(token).delete("/v1/payees/" + PAYEE_ALICE).then().statusCode(400)
                .body("errors[0].errorCode", equalTo("PAYEE_HAS_PAYMENTS"))
                .body("errors[0].errorMessage", containsString("in flight"));
        veloAs(token).delete("/v1/payees/" + PAYEE_INVITED).then().statusCode(400)
                .body("errors[0].errorCode", equalTo("PAYEE_NOT_ONBOARDED"));
        veloAs(token).delete("/v1/payees/" + PAYEE_GBP).then().statusCode(204);
        veloAs(token).get("/v1/payees/" + PAYEE_GBP).then().statusCode(404);
        veloAs(token).delete("/v1/payees/" + PAYEE_GBP).then().statusCode(404);
        veloAs(veloToken(server, CHILD_KEY, CHILD_SECRET)).delete("/v1/payees/" + PAYEE_GBP.replace("06", "05")).then().statusCode(404);
    }

    @Test
    void payeeDeltasListWhatChangedSinceATime() {
        String token = veloToken();
        veloAs(token).queryParam("payorId", PAYOR_ID).queryParam("updatedSince", "2026-01-01T00:00:00+00:00")
                .get("/v1/deltas/payees").then().statusCode(200)
                .body("page.totalElements", equalTo(10)).body("page.pageSize", equalTo(100))
                .body("content[0]", hasKey("payeeCountry")).body("content[0]", hasKey("onboardedStatus"));
        advance("PT1H");
        token = veloToken(); // the first one expired meanwhile
        control().contentType(ContentType.JSON).body("{\"onboardedStatus\":\"ONBOARDED\"}")
                .post("/_sim/velo/payees/" + PAYEE_INVITED).then().statusCode(200);
        veloAs(token).queryParam("payorId", PAYOR_ID).queryParam("updatedSince", "2026-01-01T00:30:00Z")
                .get("/v1/deltas/payees").then().statusCode(200)
                .body("content.payeeId", contains(PAYEE_INVITED))
                .body("content[0].onboardedStatus", equalTo("ONBOARDED"))
                .body("content[0].remoteId", equalTo("payee-invited"));
        veloAs(token).queryParam("payorId", PAYOR_ID).queryParam("updatedSince", "yesterday").queryParam("pageSize", 1001)
                .get("/v1/deltas/payees").then().statusCode(400)
                .body("errors.location", hasItem("updatedSince")).body("errors.location", hasItem("pageSize"));
    }

    @Test
    void resendingAnInviteReplacesTheLinkAndOnlyPendingInvitationsAreResent() {
        String token = veloToken();
        String oldInvite = control().get("/_sim/velo/payees/" + PAYEE_INVITED).then().extract().path("inviteId");
        veloAs(token).body("{\"payorId\":\"" + PAYOR_ID + "\"}").post("/v1/payees/" + PAYEE_INVITED + "/invite")
                .then().statusCode(200)
                .body("payeeInvitationStatuses[0].payeeId", equalTo(PAYEE_INVITED))
                .body("payeeInvitationStatuses[0].invitationStatus", equalTo("PENDING"));
        String newInvite = control().get("/_sim/velo/payees/" + PAYEE_INVITED).then().extract().path("inviteId");
        assertEquals(false, newInvite.equals(oldInvite));
        velo().get("/v1/invites/" + oldInvite).then().statusCode(404);
        velo().get("/v1/invites/" + newInvite).then().statusCode(204);
        veloAs(token).body("{\"payorId\":\"" + PAYOR_ID + "\"}").post("/v1/payees/" + PAYEE_ALICE + "/invite")
                .then().statusCode(409);
        veloAs(token).body("{}").post("/v1/payees/" + PAYEE_INVITED + "/invite").then().statusCode(400)
                .body("errors[0].location", equalTo("payorId"));
    }

    @Test
    void invitationStatusesAreListedWholeInV1AndFilteredAndPagedInV2() {
        String token = veloToken();
        veloAs(token).get("/v1/payees/payors/" + PAYOR_ID + "/invitationStatus").then().statusCode(200)
                .body("payeeInvitationStatuses", hasSize(10))
                .body("payeeInvitationStatuses.invitationStatus", hasItem("DECLINED"));
        veloAs(token).queryParam("invitationStatus", "PENDING")
                .get("/v2/payees/payors/" + PAYOR_ID + "/invitationStatus").then().statusCode(200)
                .body("page.totalElements", equalTo(1))
                .body("content[0].payeeId", equalTo(PAYEE_INVITED))
                // the payor gives payees 90 days of grace: from creation, while not onboarded
                .body("content[0].gracePeriodEndDate", equalTo("2026-04-01"));
        veloAs(token).queryParam("pageSize", 3).queryParam("page", 4)
                .get("/v2/payees/payors/" + PAYOR_ID + "/invitationStatus").then().statusCode(200)
                .body("content", hasSize(1)).body("page.totalPages", equalTo(4));
        veloAs(token).queryParam("invitationStatus", "LOST").get("/v2/payees/payors/" + PAYOR_ID + "/invitationStatus")
                .then().statusCode(400).body("errors[0].location", equalTo("invitationStatus"));
        veloAs(token).get("/v2/payees/payors/" + CHILD_PAYOR + "/invitationStatus").then().statusCode(404);
    }

    @Test
    void sourceAccountsV2ShowTheThresholdAndAFundingRequestIsCredited() {
        String token = veloToken();
        veloAs(token).body("{\"minimumBalance\":500}").post("/v1/sourceAccounts/" + USD_EMPTY + "/notifications")
                .then().statusCode(204);
        veloAs(token).get("/v2/sourceAccounts/" + USD_EMPTY).then().statusCode(200)
                .body("id", equalTo(USD_EMPTY)).body("notifications.minimumBalance", equalTo(500))
                .body("autoTopUpConfig.enabled", equalTo(false)).body("railsId", equalTo("SIM"));
        veloAs(token).body("{\"amount\":2500}").post("/v2/sourceAccounts/" + USD_EMPTY + "/fundingRequest").then().statusCode(202);
        advance("PT3S");
        veloAs(token).queryParam("physicalAccountName", "VELO_FBO_SIM_USD").get("/v2/sourceAccounts").then().statusCode(200)
                .body("content.find { it.id == '" + USD_EMPTY + "' }.balance", equalTo(2500))
                .body("content.autoTopUpConfig.enabled", everyItem(equalTo(false)));
        veloAs(token).body("{\"amount\":0}").post("/v2/sourceAccounts/" + USD_EMPTY + "/fundingRequest").then().statusCode(400)
                .body("errors[0].location", equalTo("amount"));
        veloAs(token).body("{\"minimumBalance\":-1}").post("/v1/sourceAccounts/" + USD_EMPTY + "/notifications")
                .then().statusCode(400).body("errors[0].location", equalTo("minimumBalance"));
    }

    @Test
    void aPaymentTakingTheBalanceUnderItsMinimumNotifiesThePayorOnce() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            loadScenario("""
                    version: 1
                    name: low-balance
                    seed:
                      velo:
                        payors:
                          - payorId: 7e570000-0000-4000-8000-000000000001
                            payorName: Watcher
                            notificationUrl: %s
                            address: {line1: 1 Watch Street, city: Austin, country: US}
                            primaryContactName: W
                            primaryContactPhone: "+1555"
                            primaryContactEmail: w@example.com
                            apiKeys: [{apiKey: 7e570000-0000-4000-8000-0000000000a1, apiSecret: 7e570000-0000-4000-8000-0000000000a2}]
                            sourceAccounts:
                              - {id: 7e570000-0000-4000-8000-0000000000b1, name: WATCHED, currency: USD, balance: 1000}
                            payees:
                              - payeeId: 7e570000-0000-4000-8000-0000000000c1
                                remoteId: paid
                                type: Individual
                                email: paid@example.com
                                onboardedStatus: ONBOARDED
                                ofacStatus: PASSED
                                invitationStatus: ACCEPTED
                                address: {line1: 1 Main Street, city: Austin, zipOrPostcode: "73301", country: US}
                                individual: {name: {firstName: Pat, lastName: Paid}, dateOfBirth: "1980-01-15"}
                                paymentChannel: {countryCode: US, currency: USD, accountName: Pat Paid, accountNumber: "12345678", routingNumber: "123456789"}
                    """.formatted(receiver.url()));
            String token = veloToken(server, "7e570000-0000-4000-8000-0000000000a1", "7e570000-0000-4000-8000-0000000000a2");
            String account = "7e570000-0000-4000-8000-0000000000b1";
            veloAs(token).body("{\"minimumBalance\":600}").post("/v1/sourceAccounts/" + account + "/notifications")
                    .then().statusCode(204);
            for (int i = 0; i < 3; i++) { // 1000 -> 700 (over the minimum), 700 -> 400 (under it), 400 -> 100 (still under)
                String payoutId = veloAs(token).body("{\"payorId\":\"7e570000-0000-4000-8000-000000000001\",\"payments\":[{\"remoteId\":\"paid\","
                        + "\"currency\":\"USD\",\"amount\":300,\"sourceAccountName\":\"WATCHED\"}]}").post("/v3/payouts")
                        .then().statusCode(202).extract().path("payoutId");
                advance("PT2S");
                veloAs(token).post("/v3/payouts/" + payoutId).then().statusCode(202);
                advance("PT5S");
            }
            awaitAttempts("sourceAccount.lowBalance", 1);
            List<WebhookReceiver.Received> got = receiver.received();
            assertEquals(1, got.size());
            io.restassured.path.json.JsonPath body = io.restassured.path.json.JsonPath.from(got.get(0).body());
            assertEquals("sourceAccount.lowBalance", body.getString("event"));
            assertEquals(account, body.getString("sourceAccountId"));
            assertEquals(400, body.getInt("balance"));
            assertEquals(600, body.getInt("minimumBalance"));
        }
    }

    @Test
    void v4AuditNamesAFailedPaymentReturnedOnTheSameState() {
        String token = veloToken();
        String payoutId = incompletePayout(token);
        veloAs(token).get("/v4/paymentaudit/payouts").then().statusCode(200)
                .body("content[0].payoutId", equalTo(payoutId))
                .body("content[0].totalReturnedPayments", equalTo(1))
                .body("content[0]", not(hasKey("totalFailedPayments")));
        veloAs(token).get("/v4/paymentaudit/payouts/" + payoutId).then().statusCode(200)
                .body("summary.returnedPayments", equalTo(1))
                .body("content.status", hasItem("RETURNED"));
        // the document types v4's payment list with v3's payment: FAILED there, RETURNED in the lookup
        String returned = veloAs(token).queryParam("status", "RETURNED").get("/v4/paymentaudit/payments").then().statusCode(200)
                .body("content", hasSize(1)).body("content[0].status", equalTo("FAILED"))
                .body("content[0].returnReason", equalTo("ACH_RETURN_R01"))
                .extract().path("content[0].paymentId");
        veloAs(token).queryParam("status", "FAILED").get("/v4/paymentaudit/payments").then().statusCode(200)
                .body("content.paymentId", contains(returned));
        veloAs(token).get("/v4/paymentaudit/payments/" + returned).then().statusCode(200)
                .body("status", equalTo("RETURNED")).body("railsId", equalTo("SIM"))
                .body("events.eventType", hasItem("PAYMENT_FAILED"));
        veloAs(token).get("/v3/paymentaudit/payments/" + returned).then().statusCode(200).body("status", equalTo("FAILED"));
        veloAs(token).queryParam("status", "LOST").get("/v4/paymentaudit/payments").then().statusCode(400)
                .body("errors[0].location", equalTo("status"));
    }

    @Test
    void transactionsAreExportedAsCsvForADateRange() {
        String token = veloToken();
        submitPayout(token);
        advance("PT2S");
        String csv = veloAs(token).queryParam("startDate", "2026-01-01").queryParam("endDate", "2026-01-31")
                .get("/v4/paymentaudit/transactions").then().statusCode(200)
                .contentType(startsWith("application/csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        assertEquals(2, lines.size());
        assertEquals(true, lines.get(0).startsWith("paymentId,payoutId,payorPaymentId,remoteId,payeeId,status,"));
        assertEquals(true, lines.get(1).contains(",myRemoteId01," + PAYEE_ALICE + ",ACCEPTED,2026-01-01T00:00:00.000Z,PAYOR_SRC_ACCT,"));
        veloAs(token).queryParam("startDate", "2026-02-01").get("/v4/paymentaudit/transactions").then().statusCode(204);
        veloAs(token).queryParam("startDate", "01/02/2026").get("/v4/paymentaudit/transactions").then().statusCode(400)
                .body("errors[0].location", equalTo("startDate"));
    }

    private static io.restassured.specification.RequestSpecification given() {
        return io.restassured.RestAssured.given();
    }
}
