package dev.standin.core;

import dev.standin.support.AcceptanceTest;
import dev.standin.support.Browser;
import dev.standin.support.WebhookReceiver;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.standin.support.Browser.waitFor;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The web console at the control port's root, driven in a real browser as QA would. */
class ConsoleTest extends AcceptanceTest {

    @Test
    void theConsolePageAndItsFilesAreServedAtTheControlPortsRoot() {
        control().get("/").then().statusCode(200).contentType(containsString("text/html")).body(containsString("/_sim/console/console.js"));
        control().get("/_sim/console/console.js").then().statusCode(200).contentType(containsString("javascript"));
        control().get("/_sim/console/secrets.txt").then().statusCode(404).body("field", equalTo("asset"));
        control().get("/_sim/scenarios/shipped").then().statusCode(200)
                .body("scenarios.find { it.name == 'velo-partial-failure' }.description", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyString()));
        control().post("/_sim/scenarios/shipped/no-such-scenario").then().statusCode(404).body("field", equalTo("name"));
    }

    @Test
    void qaDrivesATerminalSaleLoadsScenariosAdvancesTheClockAndRedeliversAWebhookFromTheConsole() throws Exception {
        try (WebhookReceiver hook = new WebhookReceiver()) {
            Browser.session("ConsoleTest", browser -> {
                browser.get("http://127.0.0.1:" + server.port("control") + "/");
                waitFor(() -> text(browser, "#providers tr[data-api='velo']").contains(":" + server.port("velo")));
                assertTrue(text(browser, "#providers tr[data-api='velo']").contains("44a9537d-d55d-4b47-8082-14061c2bcdd8"), "credentials shown");

                // a terminal sale: the test thread is the point of sale, the console is the customer
                CompletableFuture<JsonPath> sale = CompletableFuture.supplyAsync(() -> given().baseUri("http://127.0.0.1")
                        .port(server.listenerPort("terminals", "terminal-1")).contentType("application/json")
                        .body("{\"requestType\":\"payment\",\"transactionType\":\"sale\",\"tenderType\":\"credit\",\"amount\":\"25.00\",\"printReceipt\":\"true\"}")
                        .post("/").then().extract().jsonPath());
                waitFor(() -> "WAITING_CARD".equals(attribute(browser, "#terminal-terminal-1 .screen", "data-state")));
                assertTrue(text(browser, "#terminal-terminal-1 .screen").contains("Tap, insert or swipe card"));
                choose(browser, "#terminal-terminal-1 .card-brand", "MASTERCARD");
                choose(browser, "#terminal-terminal-1 .entry-mode", "CONTACTLESS");
                browser.findElement(By.cssSelector("#terminal-terminal-1 .present-card")).click();
                JsonPath paid = sale.get(15, TimeUnit.SECONDS);
                assertEquals("APPROVED", paid.getString("paymentStatus"));
                assertEquals("CONTACTLESS", paid.getString("cardEntry"));
                waitFor(() -> text(browser, "#terminal-terminal-1 .printouts").contains("APPROVED"));

                // load a shipped scenario by name, and upload one
                choose(browser, "#shipped", "velo-partial-failure");
                browser.findElement(By.id("load-shipped")).click();
                waitFor(() -> !browser.findElements(By.cssSelector("#scenarios tr[data-scenario='velo-partial-failure']")).isEmpty());
                Path upload = Files.createTempFile("hook", ".yaml");
                Files.writeString(upload, """
                        version: 1
                        name: console-hook
                        rules:
                          - name: notify
                            match: {provider: velo, method: POST, path: /v3/payouts}
                            effect: {webhook: {url: "%s", body: {event: payout.submitted}}}
                        """.formatted(hook.url()));
                browser.findElement(By.id("scenario-file")).sendKeys(upload.toString());
                browser.findElement(By.id("load-file")).click();
                waitFor(() -> !browser.findElements(By.cssSelector("#scenarios tr[data-scenario='console-hook']")).isEmpty());

                // advance the virtual clock an hour
                Instant before = Instant.parse(browser.findElement(By.id("clock-now")).getText());
                browser.findElement(By.cssSelector("button[data-advance='PT1H']")).click();
                waitFor(() -> !Instant.parse(browser.findElement(By.id("clock-now")).getText()).isBefore(before.plus(Duration.ofHours(1))));

                // a webhook whose first delivery fails, redelivered from the console
                hook.failNext(1);
                submitPayout(veloToken());
                waitFor(() -> hook.received().size() == 1);
                waitFor(() -> text(browser, "#webhooks tbody").contains("503"));
                browser.findElement(By.cssSelector("#webhooks button.redeliver")).click();
                waitFor(() -> hook.received().size() == 2);
                waitFor(() -> text(browser, "#webhooks td.state").equals("DELIVERED"));
                waitFor(() -> text(browser, "#scenarios tr[data-scenario='console-hook'] .hits").contains("notify: 1 / 1"));

                // the journal, filtered to Velo, shows the exchange and the rule that decided it
                choose(browser, "#filter-provider", "velo");
                waitFor(() -> quietly(() -> browser.findElements(By.cssSelector("#requests details.request summary")).stream()
                        .allMatch(e -> e.getText().contains("velo"))));
                String payout = "#requests details.request[data-id='" + control().queryParam("provider", "velo").queryParam("path", "/v3/payouts")
                        .queryParam("method", "POST").queryParam("limit", 1).get("/_sim/requests").then().extract().path("requests[0].id") + "']";
                waitFor(() -> text(browser, payout + " summary").contains("rule console-hook/notify"));
                browser.findElement(By.cssSelector(payout + " summary")).click();
                waitFor(() -> text(browser, payout + "[open] .response-body").contains("payoutId"));
            });
        }
    }

    /** Picks an option of a select as a person does (Selenium's Select helper is in a module this build leaves out). */
    private static void choose(WebDriver browser, String select, String value) throws InterruptedException {
        waitFor(() -> !browser.findElements(By.cssSelector(select + " option[value='" + value + "']")).isEmpty());
        browser.findElement(By.cssSelector(select + " option[value='" + value + "']")).click();
    }

    /** The text of the first element matching, "" when there is none (or the page just replaced it). */
    private static String text(WebDriver browser, String css) {
        try {
            return browser.findElements(By.cssSelector(css)).stream().map(WebElement::getText).findFirst().orElse("");
        } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
            return "";
        }
    }

    /** A check of elements the page may replace while it is read (it refreshes every second): false then, so the wait goes on. */
    private static boolean quietly(java.util.function.BooleanSupplier check) {
        try {
            return check.getAsBoolean();
        } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
            return false;
        }
    }

    private static String attribute(WebDriver browser, String css, String name) {
        return browser.findElements(By.cssSelector(css)).stream().map(e -> e.getAttribute(name)).findFirst().orElse("");
    }
}
