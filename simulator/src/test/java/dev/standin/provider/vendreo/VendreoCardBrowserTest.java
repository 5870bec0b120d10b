package dev.standin.provider.vendreo;

import dev.standin.support.Browser;
import com.sun.net.httpserver.HttpServer;
import dev.standin.support.AcceptanceTest;
import dev.standin.support.WebhookReceiver;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.standin.support.Browser.waitFor;

/**
 * A merchant page that embeds Vendreo's card form with the card SDK script, in a real browser
 * (headless Chromium): the shopper pays with the 3-D Secure card, passes the challenge and lands on
 * the merchant's success URL; the merchant gets its callback. Skipped, saying why, without Chromium.
 */
class VendreoCardBrowserTest extends AcceptanceTest {

    @Test
    void aShopperPaysWithTheThreeDSecureCardOnAMerchantPageThatEmbedsTheCardForm() throws Exception {
        HttpServer merchant = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String shop = "http://127.0.0.1:" + merchant.getAddress().getPort();
        String vendreo = "http://127.0.0.1:" + server.port("vendreo");
        try (WebhookReceiver callbacks = new WebhookReceiver()) {
            control().contentType(ContentType.JSON).body("{\"callback_url\":\"" + callbacks.url() + "\"}")
                    .put("/_sim/vendreo/applications/" + VendreoTest.APP).then().statusCode(200);
            String token = on(server, "vendreo").header("Authorization", "Bearer " + VendreoTest.SECRET).contentType(ContentType.JSON)
                    .body("{\"amount\":4250,\"application_key\":\"" + VendreoTest.APP + "\",\"reference_id\":\"card-browser\","
                            + "\"redirect_url\":\"" + shop + "/thanks\",\"failed_url\":\"" + shop + "/sorry\"}")
                    .post("/v1/card/request-payment").then().statusCode(200).extract().path("payment_request_token");
            merchant.createContext("/", exchange -> {
                String body = exchange.getRequestURI().getPath().equals("/checkout")
                        ? "<!doctype html><html><head><title>Checkout</title><script src=\"" + vendreo + "/card/sdk.js\"></script></head>"
                        + "<body><h1>Checkout</h1><div id=\"card\"></div><script>VendreoCard.mount('card', {token: '" + token + "'});</script></body></html>"
                        : "<!doctype html><html><head><title>Thanks</title></head><body>Thank you</body></html>";
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            merchant.start();
            WebDriver browser = Browser.open();
            try {
                browser.get(shop + "/checkout");
                waitFor(() -> !browser.findElements(By.id("vendreo-card-frame")).isEmpty());
                browser.switchTo().frame("vendreo-card-frame");
                waitFor(() -> !browser.findElements(By.id("card_number")).isEmpty());
                browser.findElement(By.id("card_number")).sendKeys("4000000000003220");
                browser.findElement(By.id("expiry")).sendKeys("12/28");
                browser.findElement(By.id("cvv")).sendKeys("123");
                browser.findElement(By.id("name")).sendKeys("Joe Blogs");
                browser.findElement(By.id("pay")).click();
                browser.switchTo().defaultContent();
                waitFor(() -> browser.getTitle().startsWith("3-D Secure"));
                browser.findElement(By.id("pass")).click();
                waitFor(() -> browser.getCurrentUrl().startsWith(shop + "/thanks"));
                String landed = browser.getCurrentUrl();
                assertTrue(landed.contains("status=SUCCESS") && landed.contains("reference_id=card-browser"), landed);
            } finally {
                browser.quit();
            }
            assertEquals("card-browser", VendreoTest.await(callbacks, "card_payment_completed").getString("reference_id"));
        } finally {
            merchant.stop(0);
        }
    }

}
