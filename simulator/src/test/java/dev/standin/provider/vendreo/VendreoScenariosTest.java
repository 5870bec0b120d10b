package dev.standin.provider.vendreo;

import dev.standin.support.AcceptanceTest;
import dev.standin.support.WebhookReceiver;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The shipped Vendreo scenario files, each exercised. */
class VendreoScenariosTest extends AcceptanceTest {
    private RequestSpecification vendreo() {
        return on(server, "vendreo").redirects().follow(false);
    }

    private RequestSpecification api() {
        return vendreo().header("Authorization", "Bearer " + VendreoTest.SECRET).contentType(ContentType.JSON);
    }

    private void file(String name) throws IOException {
        loadScenario(Files.readString(Path.of("../scenarios/" + name)));
    }

    private String payment(String reference) {
        String url = api().body(VendreoTest.single(1000, reference)).post("/v1/request-payment").then().statusCode(200).extract().path("redirect_url");
        return url.substring(url.lastIndexOf('/') + 1);
    }

    private WebhookReceiver callbacks() throws IOException {
        WebhookReceiver receiver = new WebhookReceiver();
        control().contentType(ContentType.JSON).body("{\"callback_url\":\"" + receiver.url() + "\"}").put("/_sim/vendreo/applications/" + VendreoTest.APP)
                .then().statusCode(200);
        return receiver;
    }

    @Test
    void theBankDenies() throws Exception {
        file("vendreo-bank-denies.yaml");
        try (WebhookReceiver receiver = callbacks()) {
            String uuid = payment("denied");
            vendreo().get("/bank/starling/authorise/" + uuid).then().statusCode(303).header("Location", startsWith("https://shop.example/failed"));
            api().get("/v1/payment/" + uuid).then().body("status", equalTo("FAILED"));
            assertEquals("DENIED_BY_BANK", VendreoTest.await(receiver, "payment_failed").getString("reason"));
        }
    }

    @Test
    void theShopperCancelsAfterThinking() throws Exception {
        file("vendreo-shopper-cancels.yaml");
        String uuid = payment("cancelled");
        CompletableFuture<String> landing = CompletableFuture.supplyAsync(() ->
                vendreo().get("/bank/monzo/authorise/" + uuid).then().statusCode(303).extract().header("Location"));
        Thread.sleep(300);
        api().get("/v1/payment/" + uuid).then().body("status", equalTo("PENDING"));
        advance("PT20S");
        assertEquals(true, landing.get().startsWith("https://shop.example/failed"));
        api().get("/v1/payment/" + uuid).then().body("status", equalTo("FAILED"));
    }

    @Test
    void anUnauthorisedPaymentExpires() throws Exception {
        file("vendreo-payment-expires.yaml");
        try (WebhookReceiver receiver = callbacks()) {
            String uuid = payment("expiring");
            advance("PT1M59S");
            api().get("/v1/payment/" + uuid).then().body("status", equalTo("PENDING"));
            advance("PT1S");
            api().get("/v1/payment/" + uuid).then().body("status", equalTo("FAILED"));
            assertEquals("EXPIRED", VendreoTest.await(receiver, "payment_failed").getString("reason"));
        }
    }

    @Test
    void theThirdInstalmentFails() throws Exception {
        file("vendreo-instalment-3-fails.yaml");
        try (WebhookReceiver receiver = callbacks()) {
            String body = VendreoTest.REQUEST_PAYMENT.replace("20/03/2020", "01/01/2026").replace("\"number_of_payments\": 0", "\"number_of_payments\": 4")
                    .replace("https://example.org/success", "https://shop.example/ok");
            String url = api().body(body).post("/v1/request-payment").then().statusCode(200).extract().path("redirect_url");
            VendreoTest.shopper(server, url, "starling", "authorise");
            String uuid = url.substring(url.lastIndexOf('/') + 1);
            advance("P4D");
            api().get("/v1/payment/" + uuid).then().body("status", equalTo("FAILED")).body("transactions", hasSize(3))
                    .body("scheduled[2].success", equalTo(false)).body("scheduled[3].success", equalTo(true));
            assertEquals(3, VendreoTest.await(receiver, "payment_failed").getInt("instalment"));
        }
    }

    @Test
    void theCallbackEndpointIsDownThenUp() throws Exception {
        file("vendreo-callback-down.yaml");
        try (WebhookReceiver receiver = callbacks()) {
            String uuid = payment("late-callback");
            vendreo().post("/payment/" + uuid + "/cancel").then().statusCode(303);
            for (String step : new String[]{"PT10S", "PT1M", "PT5M"}) {
                Thread.sleep(200);
                advance(step);
            }
            VendreoTest.await(receiver, "payment_failed");
            awaitAttempts("payment_failed", 4);
        }
    }

    @Test
    void aSandboxsPaymentIsFoundByItsSecretKeyAndItsPagesByThePaymentInTheirPath() {
        io.restassured.path.json.JsonPath box = control().contentType(ContentType.JSON).body("{}").post("/_sim/sandboxes").then().statusCode(201)
                .extract().jsonPath();
        try {
            String secret = box.getString("credentials.vendreo.secretKey");
            String key = box.getString("credentials.vendreo.applicationKey");
            org.junit.jupiter.api.Assertions.assertNotEquals(VendreoTest.SECRET, secret);
            String url = vendreo().header("Authorization", "Bearer " + secret).contentType(ContentType.JSON)
                    .body(VendreoTest.single(300, "sandboxed").replace(VendreoTest.APP, key)).post("/v1/request-payment").then().statusCode(200)
                    .extract().path("redirect_url");
            String uuid = url.substring(url.lastIndexOf('/') + 1);
            api().get("/v1/payment/" + uuid).then().statusCode(422); // not the default sandbox's
            String landed = VendreoTest.shopper(server, url, "starling", "authorise");
            assertEquals(true, landed.contains("status=AUTHORISED"), landed);
            vendreo().header("Authorization", "Bearer " + secret).get("/v1/payment/" + uuid).then().statusCode(200).body("status", equalTo("PENDING"));
        } finally {
            control().header("Authorization", "Bearer " + box.getString("controlToken")).delete("/_sim/sandboxes/" + box.getString("id"))
                    .then().statusCode(204);
        }
    }

    @Test
    void anInstalmentCanBeHeldByARuleUntilReleasedLikeEveryProvidersLifecycleStep() throws Exception {
        loadScenario("""
                version: 1
                name: hold-second-instalment
                rules:
                  - name: hold-2
                    match: {provider: vendreo, event: instalment.collect, entity: {instalment: 2}}
                    effect: {hold: true}
                """);
        String body = VendreoTest.REQUEST_PAYMENT.replace("20/03/2020", "01/01/2026").replace("\"number_of_payments\": 0", "\"number_of_payments\": 2")
                .replace("https://example.org/success", "https://shop.example/ok");
        String url = api().body(body).post("/v1/request-payment").then().statusCode(200).extract().path("redirect_url");
        VendreoTest.shopper(server, url, "starling", "authorise");
        String uuid = url.substring(url.lastIndexOf('/') + 1);
        advance("P2D");
        api().get("/v1/payment/" + uuid).then().body("status", equalTo("SCHEDULED")).body("transactions", hasSize(1));
        Integer hold = control().get("/_sim/holds").then().body("holds[0].event", equalTo("instalment.collect")).extract().path("holds[0].id");
        control().post("/_sim/holds/" + hold + "/release").then().statusCode(200);
        api().get("/v1/payment/" + uuid).then().body("status", equalTo("COMPLETED")).body("transactions", hasSize(2));
    }
}
