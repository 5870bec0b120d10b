package dev.standin.provider.velo;

import com.velopayments.generated.ApiClient;
import com.velopayments.generated.ApiResponse;
import com.velopayments.generated.api.CurrenciesApi;
import com.velopayments.generated.api.FundingManagerApi;
import com.velopayments.generated.api.GetPayoutApi;
import com.velopayments.generated.api.InstructPayoutApi;
import com.velopayments.generated.api.PayeeInvitationApi;
import com.velopayments.generated.api.PayeesApi;
import com.velopayments.generated.api.PaymentAuditServiceApi;
import com.velopayments.generated.api.PayorsApi;
import com.velopayments.generated.api.QuotePayoutApi;
import com.velopayments.generated.api.SubmitPayoutApi;
import com.velopayments.generated.model.CreatePayoutRequest;
import com.velopayments.generated.model.OnboardedStatus;
import com.velopayments.generated.model.PayeeResponse;
import com.velopayments.generated.model.PaymentInstruction;
import com.velopayments.generated.model.PayoutSummaryResponse;
import dev.standin.support.AcceptanceTest;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Velo SDK's flow, driven by a Java client that openapi-generator made from Velo's published
 * OpenAPI 2.14 document at build time (the {@code velo-generated-client} profile, active where the
 * document is): every answer must deserialize into the document's models.
 */
class VeloGeneratedClientTest extends AcceptanceTest {

    private ApiClient client() {
        String token = veloToken();
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + server.port("velo"));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        return client;
    }

    @Test
    void theSdksPayoutFlowReadsEveryAnswerIntoTheDocumentsModels() throws Exception {
        ApiClient client = client();
        UUID payor = UUID.fromString(PAYOR_ID);
        assertEquals("Payor1", new PayorsApi(client).getPayorById(payor).getPayorName());
        assertFalse(new CurrenciesApi(client).listSupportedCurrencies().getCurrencies().isEmpty());

        // the SDK examples' first step: list ONBOARDED payees, pay the first one's remote id
        PayeeResponse payees = new PayeesApi(client).listPayees(payor, null, OnboardedStatus.ONBOARDED, null, null,
                "myRemoteId01", null, null, 1, 25, null);
        assertEquals(1, payees.getContent().size());
        String remoteId = payees.getContent().get(0).getPayorRefs().get(0).getRemoteId();
        assertEquals("myRemoteId01", remoteId);

        CreatePayoutRequest payout = new CreatePayoutRequest().payorId(payor).payoutMemo("generated client").payments(List.of(
                new PaymentInstruction().remoteId(remoteId).currency(PaymentInstruction.CurrencyEnum.USD).amount(1234L)
                        .sourceAccountName("PAYOR_SRC_ACCT").payorPaymentId("gen-" + UUID.randomUUID()),
                new PaymentInstruction().remoteId("nobody").currency(PaymentInstruction.CurrencyEnum.USD).amount(100L)
                        .sourceAccountName("PAYOR_SRC_ACCT")));
        ApiResponse<Void> submitted = new SubmitPayoutApi(client).submitPayoutWithHttpInfo(payout);
        assertEquals(202, submitted.getStatusCode());
        String location = submitted.getHeaders().get("location").get(0);
        UUID payoutId = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

        advance("PT2S");
        PayoutSummaryResponse summary = new GetPayoutApi(client).v3PayoutsPayoutIdGet(payoutId);
        assertEquals("ACCEPTED", summary.getStatus());
        assertEquals(1, summary.getRejectedPayments().size());
        assertEquals("UNKNOWN_REMOTE_ID", summary.getRejectedPayments().get(0).getReason().getValue());

        assertFalse(new QuotePayoutApi(client).v3PayoutsPayoutIdQuotePost(payoutId).getFxSummaries().isEmpty());
        new InstructPayoutApi(client).v3PayoutsPayoutIdPost(payoutId);
        advance("PT10S");
        assertEquals("COMPLETED", new GetPayoutApi(client).v3PayoutsPayoutIdGet(payoutId).getStatus());

        PaymentAuditServiceApi audit = new PaymentAuditServiceApi(client);
        // the payment to an unknown remote id is in rejectedPayments only: audit requires a payee
        var payments = audit.getPaymentsForPayout(payoutId, null, null, null, null, null, null, null, null, 1, 25, null, null);
        assertEquals(1, payments.getContent().size());
        var confirmed = payments.getContent().stream().filter(p -> p.getStatus().getValue().equals("CONFIRMED")).findFirst().orElseThrow();
        assertNotNull(confirmed.getEvents());
        assertNotNull(audit.getPaymentDetails(confirmed.getPaymentId(), false).getRailsId());
        assertTrue(audit.getPayoutsForPayor(payor, null, null, null, null, 1, 25, null).getContent().stream()
                .anyMatch(p -> p.getPayoutId().equals(payoutId)));
        assertFalse(audit.listPaymentsAudit(null, payor, null, null, null, null, null, null, null, null, null, null,
                null, null, null, 1, 25, null, null).getContent().isEmpty());
        // (exportTransactionsCSV is not called: the generated native client parses its application/csv body as JSON)
        assertEquals(1, audit.getPaymentsForPayoutV4(payoutId, null, null, null, null, null, null, null, null, 1, 25, null, null)
                .getContent().size());
        assertEquals("CONFIRMED", audit.getPaymentDetailsV4(confirmed.getPaymentId(), false).getStatus().getValue());
        assertTrue(audit.getPayoutsForPayorV4(payor, null, null, null, null, 1, 25, null).getContent().stream()
                .anyMatch(p -> p.getPayoutId().equals(payoutId)));
    }

    @Test
    void thePublishedOperationsBeyondTheGuideReadIntoTheDocumentsModels() throws Exception {
        ApiClient client = client();
        UUID payor = UUID.fromString(PAYOR_ID);
        PayorsApi payors = new PayorsApi(client);
        assertEquals("Payor1", payors.getPayorByIdV2(payor).getPayorName());
        assertNotNull(payors.payorGetBranding(payor).getLogoUrl());
        assertEquals(1, payors.payorLinks(payor, "kycState").getLinks().size());
        assertEquals(10, new PayeesApi(client).listPayeeChanges(payor, OffsetDateTime.parse("2026-01-01T00:00:00Z"), 1, 100)
                .getContent().size());
        PayeeInvitationApi invitations = new PayeeInvitationApi(client);
        assertEquals(10, invitations.getPayeesInvitationStatus(payor).getPayeeInvitationStatuses().size());
        assertEquals(10, invitations.getPayeesInvitationStatusV2(payor, null, null, 1, 25).getContent().size());
        FundingManagerApi funding = new FundingManagerApi(client);
        // the document allows only USD as a v2 source account's currency (a defect): a generated client
        // reads the USD accounts only, so it filters by their physical account
        assertFalse(funding.getSourceAccountsV2("VELO_FBO_SIM_USD", payor, 1, 25, null).getContent().isEmpty());
    }
}
