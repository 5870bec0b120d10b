package dev.standin.provider.terminal;

import dev.standin.support.AcceptanceTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class TerminalDialogTest extends AcceptanceTest {
    RequestSpecification terminal() {
        return given().baseUri("http://127.0.0.1").port(server.listenerPort("terminals", "terminal-1")).contentType("application/json");
    }

    CompletableFuture<Response> async(String body, String state) {
        CompletableFuture<Response> call = CompletableFuture.supplyAsync(() -> terminal().body(body).post("/"));
        awaitTerminalState("terminal-1", state);
        return call;
    }

    void act(String action) {
        control().contentType(ContentType.JSON).body(action).post("/_sim/terminals/terminal-1/actions").then().statusCode(200);
    }

    @Test
    void theGuidesButtonDialogIsAnsweredThroughTheControlApi() throws Exception {
        CompletableFuture<Response> call = async("""
                {"requestType":"dialog","dialogType":"button","title":"<h1>Select Option</h1>","description":"Choose an option",
                 "button1Label":"Option 1","button2Label":"Option 2","button3Label":"Option 3","button4Label":"Option 4","button5Label":"Option 5",
                 "button1Value":"value1","button2Value":"value2","button3Value":"value3","button4Value":"value4","button5Value":"value5"}
                """, "BUTTONS");
        control().get("/_sim/terminals/terminal-1").then()
                .body("screen.buttons", contains("Option 1", "Option 2", "Option 3", "Option 4", "Option 5"))
                .body("screen.waitingFor", equalTo("pressButton"));
        act("{\"type\":\"pressButton\",\"button\":2}");
        call.get(5, TimeUnit.SECONDS).then().statusCode(200).body("status", equalTo("ok"))
                .body("buttonLabel", equalTo("Option 2")).body("buttonValue", equalTo("value2"));
    }

    @Test
    void aMoneyInputIsFormattedAndBadInputIsRefused() throws Exception {
        CompletableFuture<Response> call = async("{\"requestType\":\"dialog\",\"dialogType\":\"input\",\"inputType\":\"money\",\"title\":\"<h1>Enter Amount</h1>\",\"timeout\":30}", "INPUT");
        control().contentType(ContentType.JSON).body("{\"type\":\"input\",\"value\":\"ten\"}").post("/_sim/terminals/terminal-1/actions")
                .then().statusCode(400);
        act("{\"type\":\"input\",\"value\":\"1000\"}");
        call.get(5, TimeUnit.SECONDS).then().statusCode(200).body("inputValue", equalTo("1000")).body("inputValueFormatted", equalTo("10.00"));
    }

    @Test
    void inputTypesAreFormattedForTheirKind() throws Exception {
        String[][] cases = {{"phone", "5555550100", "(555) 555-0100"}, {"date", "20260131", "2026-01-31"}, {"time", "1430", "14:30"},
                {"email", "a@b.co", "a@b.co"}, {"number", "42", "42"}};
        for (String[] c : cases) {
            CompletableFuture<Response> call = async("{\"requestType\":\"dialog\",\"dialogType\":\"input\",\"inputType\":\"" + c[0] + "\"}", "INPUT");
            act("{\"type\":\"input\",\"value\":\"" + c[1] + "\"}");
            assertEquals(c[2], call.get(5, TimeUnit.SECONDS).then().extract().path("inputValueFormatted"), c[0]);
        }
    }

    @Test
    void aDialogClosesWhenItsTimeoutPassesOnTheVirtualClock() throws Exception {
        CompletableFuture<Response> call = async("{\"requestType\":\"dialog\",\"dialogType\":\"input\",\"inputType\":\"number\",\"timeout\":30}", "INPUT");
        act("{\"type\":\"walkAway\"}");
        advance("PT30S");
        call.get(5, TimeUnit.SECONDS).then().statusCode(408).body("status", equalTo("error")).body("message", equalTo("Dialog timed out"));
    }

    @Test
    void theDefaultCustomerSignsASignatureDialogWithARealPng() throws Exception {
        CompletableFuture<Response> call = async("{\"requestType\":\"dialog\",\"dialogType\":\"signature\",\"title\":\"<h1>APPROVED</h1>Signature Required\",\"description\":\"I agree to pay the above total amount according to the card issuer agreement\",\"timeout\":60}", "SIGN_DIALOG");
        advance("PT2S");
        String png = call.get(5, TimeUnit.SECONDS).then().statusCode(200).extract().path("signatureData");
        assertNotNull(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(png))));
    }

    @Test
    void anMsrReadGivesTrackDataConsistentWithTheSwipedCard() throws Exception {
        CompletableFuture<Response> call = async("{\"requestType\":\"msr\",\"actionType\":\"read\"}", "SWIPE");
        control().get("/_sim/terminals/terminal-1").then().body("screen.title", equalTo("SWIPE"));
        act("{\"type\":\"swipe\",\"pan\":\"5454545454545454\",\"holder\":\"Ada Lovelace\",\"expiry\":\"0829\"}");
        call.get(5, TimeUnit.SECONDS).then().statusCode(200)
                .body("track1", equalTo("%B5454545454545454^LOVELACE/ADA^29081010000000000000?"))
                .body("track2", equalTo(";5454545454545454=29081010000000000?"))
                .body("track3", containsString("5454545454545454"))
                .body("cardNumber", equalTo("****5454"))
                .body("expiryDate", equalTo("0829"))
                .body("cardholderName", equalTo("ADA LOVELACE"));
    }

    @Test
    void badDialogParametersAreNamed() {
        terminal().body("{\"requestType\":\"dialog\"}").post("/").then().statusCode(400).body("message", containsString("dialogType"));
        terminal().body("{\"requestType\":\"dialog\",\"dialogType\":\"input\"}").post("/").then().statusCode(400).body("message", containsString("inputType"));
        terminal().body("{\"requestType\":\"dialog\",\"dialogType\":\"input\",\"inputType\":\"colour\"}").post("/").then().statusCode(400);
        terminal().body("{\"requestType\":\"dialog\",\"dialogType\":\"button\"}").post("/").then().statusCode(400).body("message", containsString("button1Label"));
        terminal().body("{\"requestType\":\"dialog\",\"dialogType\":\"input\",\"inputType\":\"number\",\"timeout\":\"soon\"}").post("/").then()
                .statusCode(400).body("message", containsString("timeout"));
        terminal().body("{\"requestType\":\"msr\"}").post("/").then().statusCode(400).body("message", containsString("actionType"));
    }

    @Test
    void aDialogWhileAPaymentWaitsIsRefused() throws Exception {
        CompletableFuture<Response> sale = async("{\"requestType\":\"payment\",\"transactionType\":\"sale\",\"tenderType\":\"credit\",\"amount\":\"5.00\"}", "WAITING_CARD");
        terminal().body("{\"requestType\":\"dialog\",\"dialogType\":\"signature\"}").post("/").then().statusCode(409)
                .body("message", equalTo("Another transaction in process"));
        advance("PT2S");
        sale.get(5, TimeUnit.SECONDS).then().statusCode(200);
    }
}
