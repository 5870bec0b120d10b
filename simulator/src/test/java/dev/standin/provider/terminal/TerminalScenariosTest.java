package dev.standin.provider.terminal;

import dev.standin.support.AcceptanceTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** The terminal files of scenarios/, each loaded into the running server and exercised. */
class TerminalScenariosTest extends AcceptanceTest {

    void loadFile(String file) throws IOException {
        loadScenario(Files.readString(Path.of("../scenarios").resolve(file)));
    }

    RequestSpecification terminal(String id) {
        return given().baseUri("http://127.0.0.1").port(server.listenerPort("terminals", id)).contentType("application/json");
    }

    CompletableFuture<Response> async(String id, String body, String state) {
        CompletableFuture<Response> call = CompletableFuture.supplyAsync(() -> terminal(id).body(body).post("/"));
        awaitTerminalState(id, state);
        return call;
    }

    static String sale(String amount) {
        return "{\"requestType\":\"payment\",\"transactionType\":\"sale\",\"tenderType\":\"credit\",\"amount\":\"" + amount + "\"}";
    }

    @Test
    void withInstantSettingsTheDefaultCustomerPaysAtOnce() {
        loadScenario("version: 1\nname: instant\nsettings: {instant: true}\n");
        terminal("terminal-1").body(sale("12.00")).post("/").then().statusCode(200).body("paymentStatus", equalTo("APPROVED"));
        loadScenario("version: 1\nname: slow-customer\nsettings: {delays: {terminalCustomerDelay: PT0S}}\n");
    }

    @Test
    void declinesByRule() throws Exception {
        loadFile("terminal-declines.yaml");
        CompletableFuture<Response> large = async("terminal-1", sale("500.00"), "WAITING_CARD");
        advance("PT2S");
        large.get(5, TimeUnit.SECONDS).then().body("paymentStatus", equalTo("DECLINED")).body("resultCode", equalTo("51"));
        CompletableFuture<Response> amex = async("terminal-1", sale("20.00"), "WAITING_CARD");
        control().contentType("application/json").body("{\"type\":\"presentCard\",\"pan\":\"371449635398431\"}")
                .post("/_sim/terminals/terminal-1/actions").then().statusCode(200);
        amex.get(5, TimeUnit.SECONDS).then().body("paymentStatus", equalTo("DECLINED")).body("cardType", equalTo("AMEX"))
                .body("resultCode", equalTo("05"));
        CompletableFuture<Response> small = async("terminal-1", sale("20.00"), "WAITING_CARD");
        advance("PT2S");
        small.get(5, TimeUnit.SECONDS).then().body("paymentStatus", equalTo("APPROVED"));
    }

    @Test
    void customerCancels() throws Exception {
        loadFile("terminal-customer-cancels.yaml");
        CompletableFuture<Response> call = async("lane-cancel", sale("10.00"), "WAITING_CARD");
        advance("PT3S");
        call.get(5, TimeUnit.SECONDS).then().body("paymentStatus", equalTo("ERROR"))
                .body("message", equalTo("Transaction cancelled by customer"));
    }

    @Test
    void everyDialogTimesOutOnceTheCustomerWalkedAway() throws Exception {
        loadFile("terminal-dialog-timeout.yaml");
        for (int i = 0; i < 2; i++) {
            CompletableFuture<Response> call = async("lane-away",
                    "{\"requestType\":\"dialog\",\"dialogType\":\"input\",\"inputType\":\"money\",\"timeout\":30}", "INPUT");
            advance("PT0S");
            advance("PT30S");
            call.get(5, TimeUnit.SECONDS).then().statusCode(408).body("message", equalTo("Dialog timed out"));
        }
    }

    @Test
    void aScriptedCardIsPresentedEvenWhenTheRequestNamesNoTender() throws Exception {
        loadFile("terminal-busy.yaml");
        CompletableFuture<Response> call = async("lane-slow",
                "{\"requestType\":\"payment\",\"transactionType\":\"sale\",\"amount\":\"10.00\"}", "SELECT_TENDER");
        advance("PT2S");
        awaitTerminalState("lane-slow", "WAITING_CARD");
        advance("PT30S");
        call.get(5, TimeUnit.SECONDS).then().body("paymentStatus", equalTo("APPROVED")).body("cardHolder", equalTo("SLOW CUSTOMER"));
    }

    @Test
    void busyTerminal() throws Exception {
        loadFile("terminal-busy.yaml");
        CompletableFuture<Response> first = async("lane-slow", sale("10.00"), "WAITING_CARD");
        advance("PT10S");
        terminal("lane-slow").body(sale("11.00")).post("/").then().statusCode(409).body("message", equalTo("Another transaction in process"));
        advance("PT20S");
        first.get(5, TimeUnit.SECONDS).then().body("paymentStatus", equalTo("APPROVED")).body("cardHolder", equalTo("SLOW CUSTOMER"));
    }

    @Test
    void signatureRequired() throws Exception {
        loadFile("terminal-signature-required.yaml");
        String body = "{\"requestType\":\"payment\",\"transactionType\":\"sale\",\"tenderType\":\"credit\",\"amount\":\"100.00\","
                + "\"signatureCapture\":true,\"tipPrompt\":\"button\",\"tip1Label\":\"15%\",\"tip1Amount\":\"15.00\",\"tip2Label\":\"18%\",\"tip2Amount\":\"18.00\"}";
        terminal("lane-signed").body(body).post("/").then().statusCode(401);
        String ts = "1767225600";
        CompletableFuture<Response> call = CompletableFuture.supplyAsync(() -> terminal("lane-signed")
                .header("X-Timestamp", ts).header("X-Signature", TerminalTest.sign("lane-signed-store-secret", ts, body)).body(body).post("/"));
        awaitTerminalState("lane-signed", "WAITING_CARD");
        advance("PT1S");
        advance("PT1S");
        advance("PT1S");
        call.get(5, TimeUnit.SECONDS).then().statusCode(200).body("paymentStatus", equalTo("APPROVED"))
                .body("amount", equalTo("118.00")).body("signatureData", notNullValue());
    }

    @Test
    void requestRuleScopedToAMerchantOnlyAffectsItsTerminals() {
        loadScenario("""
                version: 1
                name: other-merchant-down
                seed:
                  terminals:
                    terminals:
                      - {id: lane-other, merchantId: OTHER-MERCHANT, storeSecret: other-store-secret}
                rules:
                  - name: other-merchant-unavailable
                    match: {provider: terminals, tenant: OTHER-MERCHANT}
                    effect: {respond: {status: 503}}
                """);
        String info = "{\"requestType\":\"device\",\"resourceType\":\"info\"}";
        terminal("lane-other").body(info).post("/").then().statusCode(503).body("status", equalTo("error"));
        terminal("terminal-1").body(info).post("/").then().statusCode(200).body("uid", equalTo("GN1234567890"));
    }

    @Test
    void aHeldProcessorKeepsTheSaleProcessingUntilReleased() throws Exception {
        loadScenario("version: 1\nname: processor-hang\nrules:\n  - match: {provider: terminals, event: payment.process}\n    effect: {hold: true}\n");
        CompletableFuture<Response> call = async("terminal-1", sale("12.00"), "WAITING_CARD");
        advance("PT2S"); // the default customer taps
        awaitTerminalState("terminal-1", "PROCESSING");
        Integer hold = control().get("/_sim/holds").then().body("holds[0].provider", equalTo("terminals"))
                .body("holds[0].event", equalTo("payment.process")).extract().path("holds[0].id");
        advance("PT1M");
        org.junit.jupiter.api.Assertions.assertFalse(call.isDone(), "answered while the processor was held");
        control().post("/_sim/holds/" + hold + "/release").then().statusCode(200);
        call.get(5, TimeUnit.SECONDS).then().statusCode(200).body("paymentStatus", equalTo("APPROVED"));
    }

    @Test
    void aHeldProcessorStillEndsInErrorAtThePaymentsTimeLimit() throws Exception {
        loadScenario("version: 1\nname: processor-hang\nrules:\n  - match: {provider: terminals, event: payment.process}\n    effect: {hold: true}\n");
        CompletableFuture<Response> call = async("terminal-1", sale("12.00"), "WAITING_CARD");
        advance("PT2S");
        awaitTerminalState("terminal-1", "PROCESSING");
        advance("PT2M");
        call.get(5, TimeUnit.SECONDS).then().body("paymentStatus", equalTo("ERROR")).body("resultCode", equalTo("TO"));
        Integer hold = control().get("/_sim/holds").then().extract().path("holds[0].id");
        control().post("/_sim/holds/" + hold + "/release").then().statusCode(200);
        awaitTerminalState("terminal-1", "IDLE"); // the late verdict changes nothing
    }

    @Test
    void aProcessorLostAfterADelayAnswersErrorThen() throws Exception {
        loadScenario("version: 1\nname: slow-decline\nrules:\n  - match: {provider: terminals, event: payment.process}\n"
                + "    effect: {delay: PT30S, outcome: {type: decline, reason: processorUnavailable}}\n");
        CompletableFuture<Response> call = async("terminal-1", sale("12.00"), "WAITING_CARD");
        advance("PT2S");
        awaitTerminalState("terminal-1", "PROCESSING");
        advance("PT29S");
        org.junit.jupiter.api.Assertions.assertFalse(call.isDone());
        advance("PT1S");
        call.get(5, TimeUnit.SECONDS).then().body("paymentStatus", equalTo("ERROR")).body("resultCode", equalTo("91"))
                .body("message", equalTo("Lost connection to the processor"));
    }
}
