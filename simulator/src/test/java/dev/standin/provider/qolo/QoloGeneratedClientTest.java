package dev.standin.provider.qolo;

import dev.standin.generated.qolo.ApiClient;
import dev.standin.generated.qolo.ApiException;
import dev.standin.generated.qolo.api.DefaultApi;
import dev.standin.generated.qolo.model.Card;
import dev.standin.generated.qolo.model.Endpoint;
import dev.standin.generated.qolo.model.PersonDetails;
import dev.standin.generated.qolo.model.PostApiV1AuthLoginRequest;
import dev.standin.generated.qolo.model.PostApiV1CardsRequest;
import dev.standin.generated.qolo.model.PostApiV1CardsRequestPerson;
import dev.standin.generated.qolo.model.PostApiV1TransfersRequest;
import dev.standin.generated.qolo.model.PostApiV1TransfersRequestAmount;
import dev.standin.generated.qolo.model.Transfer;
import dev.standin.support.AcceptanceTest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A Java client that openapi-generator makes from Standin's own {@code openapi/qolo.yaml} at build time
 * (as a team would): it logs in, issues and activates a card, loads it, and reads every answer into the
 * document's models; an idempotent retry gives the same card.
 */
class QoloGeneratedClientTest extends AcceptanceTest {

    private DefaultApi api(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + server.port("qolo"));
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return new DefaultApi(client);
    }

    @Test
    void aClientGeneratedFromTheDocumentIssuesActivatesAndLoadsACard() throws Exception {
        String token = api(null).postApiV1AuthLogin(new PostApiV1AuthLoginRequest().loginid("qolo-demo").apikey("qolo-demo-apikey"))
                .getAccessToken();
        DefaultApi qolo = api(token);
        PostApiV1CardsRequest request = new PostApiV1CardsRequest().person(new PostApiV1CardsRequestPerson(
                new PersonDetails().firstName("Ada").lastName("Lovelace").birthDate(LocalDate.of(1990, 4, 1))));
        Card card = qolo.postApiV1Cards(request, "generated-client-card-1");
        assertEquals(Card.CardStatusEnum.PENDING, card.getCardStatus());
        assertEquals(card.getCardProxy(), qolo.postApiV1Cards(request, "generated-client-card-1").getCardProxy(), "an idempotent retry");

        assertEquals(Card.CardStatusEnum.ACTIVE, qolo.postApiV1CardsCardProxyActivate(card.getCardProxy()).getCardStatus());
        Transfer load = qolo.postApiV1Transfers(new PostApiV1TransfersRequest().clientReferenceId("load-1")
                .transferType(PostApiV1TransfersRequest.TransferTypeEnum.PARTNERTOCARD).amount(new PostApiV1TransfersRequestAmount(new BigDecimal("25.00")))
                .currency("USD").destination(new Endpoint().cardProxy(card.getCardProxy())), "generated-client-load-1");
        assertEquals(0, new BigDecimal("25.00").compareTo(load.getAmount()));
        assertNotNull(qolo.getApiV1TransfersTransferId(load.getTransferGuid()).getStatus());
        assertEquals(card.getPersonGuid(), qolo.getApiV1CardsCardProxy(card.getCardProxy()).getPersonGuid());
        assertNotNull(qolo.getApiV1ProgramsProgramGuidBalances(QoloClient.PROGRAM));

        ApiException refused = assertThrows(ApiException.class, () -> api("not-a-token").getApiV1CardsCardProxy(card.getCardProxy()));
        assertEquals(401, refused.getCode());
    }
}
