package dev.standin.core;

import dev.standin.support.Browser;
import dev.standin.support.AcceptanceTest;
import dev.standin.support.ApiContracts;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;


import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.standin.support.Browser.waitFor;

/** The control port serves each API's OpenAPI document and Swagger UI, whose "Try it out" reaches the running APIs. */
class DocsTest extends AcceptanceTest {

    @Test
    void eachApisDocumentIsServedAsYamlAndJsonWithTheRunningServers() {
        control().get("/_sim/openapi/velo.json").then().statusCode(200)
                .body("openapi", startsWith("3.1"))
                .body("servers[0].url", endsWith("/_sim/try/velo"))
                .body("servers[1].url", endsWith(":" + server.port("velo")))
                .body("paths.keySet()", hasItem("/v1/payorLinks"));
        control().get("/_sim/openapi/velapay-terminal.yaml").then().statusCode(200).contentType("application/yaml")
                .body(org.hamcrest.Matchers.containsString(":" + server.listenerPort("terminals", "terminal-1")));
        control().get("/_sim/openapi/stripe.yaml").then().statusCode(404).body("field", equalTo("file"));
        control().get("/_sim/docs").then().statusCode(200).contentType(startsWith("text/html"));
        control().get("/_sim/docs/swagger-ui-bundle.js").then().statusCode(200);
    }

    @Test
    void tryItOutForwardsToTheApisOwnPortAndAnswersItsAnswer() {
        String token = veloToken();
        // the proxy's path holds slashes: not one of the control document's templates
        ApiContracts.unchecked(() -> {
            control().header("Authorization", "Bearer " + token).get("/_sim/try/velo/v2/currencies").then().statusCode(200)
                    .body("currencies.currency", hasItem("USD"));
            control().get("/_sim/try/velo/v2/currencies").then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
            control().get("/_sim/try/stripe/v1/charges").then().statusCode(404);
        });
    }

    @Test
    void swaggerUiShowsTheDocumentsAndTryItOutReachesTheApiInARealBrowser() throws Exception {
        WebDriver browser = Browser.open();
        try {
            browser.get("http://127.0.0.1:" + server.port("control") + "/_sim/docs?urls.primaryName=control");
            waitFor(() -> !browser.findElements(By.id("operations-default-getSimHealth")).isEmpty());
            browser.findElement(By.cssSelector("#operations-default-getSimHealth .opblock-summary-control")).click();
            waitFor(() -> !browser.findElements(By.cssSelector("#operations-default-getSimHealth .try-out__btn")).isEmpty());
            browser.findElement(By.cssSelector("#operations-default-getSimHealth .try-out__btn")).click();
            browser.findElement(By.cssSelector("#operations-default-getSimHealth .execute")).click();
            waitFor(() -> browser.findElements(By.cssSelector("#operations-default-getSimHealth .live-responses-table .response-col_status"))
                    .stream().anyMatch(e -> e.getText().trim().startsWith("200")));
            String body = browser.findElement(By.cssSelector("#operations-default-getSimHealth .live-responses-table")).getText();
            assertTrue(body.contains("UP"), body);
        } finally {
            browser.quit();
        }
    }

}
