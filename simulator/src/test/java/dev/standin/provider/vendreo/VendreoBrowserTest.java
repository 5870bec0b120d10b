package dev.standin.provider.vendreo;

import dev.standin.support.Browser;
import dev.standin.support.AcceptanceTest;
import dev.standin.support.WebhookReceiver;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.standin.support.Browser.waitFor;

/**
 * A shopper in a real browser (headless Chromium driven by Selenium): opens the redirect_url, picks a
 * bank, authorises, and lands on the merchant's redirect URL; the merchant gets its callback. Skipped,
 * saying why, when Debian's chromium and chromium-driver are not installed (.ci/run installs them).
 */
class VendreoBrowserTest extends AcceptanceTest {

    @Test
    void aShopperPaysThroughTheHostedPagesInARealBrowser() throws Exception {
        try (WebhookReceiver merchant = new WebhookReceiver()) {
            control().contentType(ContentType.JSON).body("{\"callback_url\":\"" + merchant.url() + "\"}")
                    .put("/_sim/vendreo/applications/" + VendreoTest.APP).then().statusCode(200);
            String redirect = on(server, "vendreo").header("Authorization", "Bearer " + VendreoTest.SECRET).contentType(ContentType.JSON)
                    .body(VendreoTest.single(2599, "browser-order").replace("https://shop.example/ok", merchant.url() + "/thanks"))
                    .post("/v1/request-payment").then().statusCode(200).extract().path("redirect_url");
            WebDriver browser = Browser.open();
            try {
                browser.get(redirect);
                assertTrue(browser.getTitle().contains("£25.99"), browser.getTitle());
                browser.findElement(By.cssSelector("input[value='barclays']")).click();
                browser.findElement(By.id("continue")).click();
                waitFor(() -> browser.getTitle().startsWith("Barclays")); // a click does not wait for the page it submits to
                browser.findElement(By.id("authorise")).click();
                waitFor(() -> browser.getCurrentUrl().startsWith(merchant.url()));
                String landed = browser.getCurrentUrl();
                String uuid = redirect.substring(redirect.lastIndexOf('/') + 1);
                assertTrue(landed.startsWith(merchant.url() + "/thanks?payment_uuid=" + uuid), landed);
                assertTrue(landed.contains("reference_id=browser-order") && landed.contains("status=AUTHORISED"), landed);
            } finally {
                browser.quit();
            }
            advance("PT5S");
            assertEquals("browser-order", VendreoTest.await(merchant, "payment_completed").getString("reference_id"));
        }
    }

}
