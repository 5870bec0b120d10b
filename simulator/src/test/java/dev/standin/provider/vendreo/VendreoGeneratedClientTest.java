package dev.standin.provider.vendreo;

import dev.standin.generated.vendreo.ApiClient;
import dev.standin.generated.vendreo.api.DefaultApi;
import dev.standin.generated.vendreo.model.Amount;
import dev.standin.generated.vendreo.model.Ban;
import dev.standin.generated.vendreo.model.CardDetails;
import dev.standin.generated.vendreo.model.Payment;
import dev.standin.generated.vendreo.model.PaymentRequested;
import dev.standin.generated.vendreo.model.PostV1CardBansAddRequest;
import dev.standin.generated.vendreo.model.PostV1CardRequestPayment200Response;
import dev.standin.generated.vendreo.model.PostV1CardRequestPaymentRequest;
import dev.standin.generated.vendreo.model.PostV1HeadlessRequestPayment200Response;
import dev.standin.generated.vendreo.model.PostV1HeadlessRequestPaymentRequest;
import dev.standin.generated.vendreo.model.PostV1HeadlessSetupRequest;
import dev.standin.generated.vendreo.model.RefundRequest;
import dev.standin.generated.vendreo.model.RequestPayment;
import dev.standin.support.AcceptanceTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Java client that openapi-generator makes from Standin's own {@code openapi/vendreo.yaml} at build
 * time (as a team would): payment requests, headless checkout, a card payment's details and refund, and
 * bans, every answer read into the document's models.
 */
class VendreoGeneratedClientTest extends AcceptanceTest {
    private static final String APPLICATION = "19899181-5f37-4282-90d1-683e69cf3d05";

    private DefaultApi api() {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + server.port("vendreo"));
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + VendreoTest.SECRET));
        return new DefaultApi(client);
    }

    @Test
    void aClientGeneratedFromTheDocumentRequestsPaymentsAndReadsThemBack() throws Exception {
        DefaultApi vendreo = api();
        PaymentRequested single = vendreo.postV1RequestPayment(new RequestPayment().applicationKey(APPLICATION).amount(new Amount("1999"))
                .paymentType(RequestPayment.PaymentTypeEnum.SINGLE).redirectUrl(URI.create("https://shop.example/done")).referenceId("order-1"));
        assertFalse(single.getPaymentRequestId().isEmpty());

        String bank = vendreo.postV1HeadlessSetup(new PostV1HeadlessSetupRequest().applicationKey(APPLICATION)).getInstitutions().get(0)
                .getInstitutionRemoteId();
        PostV1HeadlessRequestPayment200Response headless = vendreo.postV1HeadlessRequestPayment(new PostV1HeadlessRequestPaymentRequest()
                .applicationKey(APPLICATION).amount(new Amount(500)).paymentType(PostV1HeadlessRequestPaymentRequest.PaymentTypeEnum.SINGLE)
                .redirectUrl(URI.create("https://shop.example/done"))
                .remoteInstitutionId(PostV1HeadlessRequestPaymentRequest.RemoteInstitutionIdEnum.fromValue(bank)));
        assertTrue(headless.getSuccess());
        Payment payment = vendreo.getV1PaymentPayment(headless.getPaymentUuid().toString());
        assertEquals(Payment.StatusEnum.PENDING, payment.getStatus());
        assertEquals(Payment.PaymentTypeEnum.SINGLE, payment.getPaymentType());
    }

    @Test
    void aClientGeneratedFromTheDocumentReadsACardPaymentRefundsItAndManagesBans() throws Exception {
        DefaultApi vendreo = api();
        PostV1CardRequestPayment200Response requested = vendreo.postV1CardRequestPayment(new PostV1CardRequestPaymentRequest()
                .applicationKey(APPLICATION).amount(new Amount(1250)).redirectUrl(URI.create("https://shop.example/done")));
        String uuid = control().contentType(ContentType.JSON).body("{\"card_number\":\"5555555555554444\",\"expiry\":\"12/28\",\"cvv\":\"123\",\"name\":\"Joe\"}")
                .post("/_sim/vendreo/card-payments/" + requested.getPaymentRequestToken() + "/submit").then().statusCode(200)
                .extract().path("payment_uuid");
        CardDetails details = vendreo.getV1CardPaymentPaymentCardDetails(uuid);
        assertEquals("4444", details.getLast4());
        assertEquals(1250, details.getAmountReceived());
        assertEquals(500, vendreo.deleteV1CardPaymentPaymentCardRefund(uuid, new RefundRequest().amount(500)).getRefundPayment().getAmount());

        long banId = vendreo.postV1CardBansAdd(new PostV1CardBansAddRequest().type(PostV1CardBansAddRequest.TypeEnum.IP_ADDRESS)
                .reference("10.9.8.7")).getBanId();
        List<Ban> bans = vendreo.getV1CardBans();
        assertEquals(List.of("10.9.8.7"), bans.stream().map(Ban::getReferenceId).toList());
        assertEquals(Long.toString(banId), bans.get(0).getId());
        assertEquals("true", vendreo.deleteV1CardBansBanRemove(Long.toString(banId)).getSuccess().getValue());
        assertTrue(vendreo.getV1CardBans().isEmpty());
    }
}
