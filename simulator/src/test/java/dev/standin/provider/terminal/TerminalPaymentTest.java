package dev.standin.provider.terminal;

import dev.standin.support.AcceptanceTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class TerminalPaymentTest extends AcceptanceTest {
    /** The document's sale example, as it is. */
    static final String GUIDE_SALE = """
            {"requestType":"payment","actionType":"process","transactionType":"sale","tenderType":"credit","amount":"100.00",
             "amountTip":"10.00","invoiceNumber":"INV-123","signatureCapture":true,"tipPrompt":"button",
             "tip1Label":"15%","tip1Amount":"15.00","tip2Label":"18%","tip2Amount":"18.00","tip3Label":"20%","tip3Amount":"20.00",
             "tipShowCustomTip":true,"tipShowNoTip":true,"company":"ACME Corp","printReceipt":"true","requestId":"unique_request_id"}
            """;

    RequestSpecification terminal() {
        return given().baseUri("http://127.0.0.1").port(server.listenerPort("terminals", "terminal-1")).contentType("application/json");
    }

    CompletableFuture<JsonPath> async(String body) {
        CompletableFuture<JsonPath> call = CompletableFuture.supplyAsync(() -> terminal().body(body).post("/").then().extract().jsonPath());
        waitForState(body.contains("\"tenderType\"") ? "WAITING_CARD" : "SELECT_TENDER");
        return call;
    }

    JsonPath payment(String body) {
        return terminal().body(body).post("/").then().statusCode(200).extract().jsonPath();
    }

    void act(String action) {
        control().contentType(ContentType.JSON).body(action).post("/_sim/terminals/terminal-1/actions").then().statusCode(200);
    }

    void waitForState(String state) {
        awaitTerminalState("terminal-1", state);
    }

    static String sale(String amount) {
        return "{\"requestType\":\"payment\",\"transactionType\":\"sale\",\"tenderType\":\"credit\",\"amount\":\"" + amount + "\"}";
    }

    @Test
    void aSaleWhoseCustomerChoosesThe18PercentTipAndSigns() throws Exception {
        CompletableFuture<JsonPath> call = async(GUIDE_SALE);
        control().get("/_sim/terminals/terminal-1").then().body("busy", equalTo(true))
                .body("screen.title", equalTo("Tap, insert or swipe card")).body("screen.waitingFor", equalTo("presentCard"));
        act("{\"type\":\"presentCard\",\"brand\":\"MASTERCARD\",\"entryMode\":\"CHIP\",\"holder\":\"Ada Lovelace\",\"pan\":\"5454545454545454\"}");
        control().get("/_sim/terminals/terminal-1").then().body("screen.state", equalTo("TIP"))
                .body("screen.buttons", hasItem("18% (18.00)")).body("screen.buttons", hasItem("No Tip"));
        act("{\"type\":\"chooseTip\",\"option\":2}");
        control().get("/_sim/terminals/terminal-1").then().body("screen.state", equalTo("SIGNATURE"));
        act("{\"type\":\"sign\"}");
        JsonPath r = call.get(5, TimeUnit.SECONDS);
        assertEquals("ok", r.getString("status"));
        assertEquals("APPROVED", r.getString("paymentStatus"));
        assertEquals("SALE", r.getString("transactionType"));
        assertEquals("CREDIT", r.getString("tenderType"));
        assertEquals("118.00", r.getString("amount"));
        assertEquals("18.00", r.getString("amountTip"));
        assertEquals("100.00", r.getString("amountRequest"));
        assertEquals("INV-123", r.getString("invoiceNumber"));
        assertEquals("MASTERCARD", r.getString("cardType"));
        assertEquals("****5454", r.getString("cardNumber"));
        assertEquals("CHIP", r.getString("cardEntry"));
        assertEquals("ADA LOVELACE", r.getString("cardHolder"));
        assertEquals("00", r.getString("resultCode"));
        assertEquals("MERCHANT123", r.getString("merchantID"));
        assertNotNull(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(r.getString("signatureData")))));
        control().get("/_sim/terminals/terminal-1").then().body("busy", equalTo(false)).body("screen.state", equalTo("IDLE"));
        control().get("/_sim/terminals/terminal-1/printouts").then()
                .body("printouts[0].kind", equalTo("receipt"))
                .body("printouts[0].text", containsString("ACME Corp"))
                .body("printouts[0].text", containsString("TOTAL 118.00"))
                .body("printouts[0].text", containsString("REF " + r.getString("referenceNumber")));
        terminal().body("{\"requestType\":\"print\",\"printType\":\"receipt\",\"referenceNumber\":\"" + r.getString("referenceNumber") + "\"}")
                .post("/").then().statusCode(200);
        control().get("/_sim/terminals/terminal-1/printouts").then().body("printouts.size()", equalTo(2));
    }

    @Test
    void theDefaultCustomerTapsAnApprovingVisaAfterAShortDelay() throws Exception {
        CompletableFuture<JsonPath> call = async(sale("25.99"));
        Thread.sleep(200);
        assertFalse(call.isDone(), "the call stays open while the terminal waits for a card");
        advance("PT2S");
        JsonPath r = call.get(5, TimeUnit.SECONDS);
        assertEquals("APPROVED", r.getString("paymentStatus"));
        assertEquals("VISA", r.getString("cardType"));
        assertEquals("CONTACTLESS", r.getString("cardEntry"));
        assertEquals("****1111", r.getString("cardNumber"));
        assertEquals("25.99", r.getString("amount"));
    }

    @Test
    void withoutATenderTheCustomerSelectsOne() throws Exception {
        CompletableFuture<JsonPath> call = async("{\"requestType\":\"payment\",\"transactionType\":\"sale\",\"amount\":\"12.00\"}");
        control().get("/_sim/terminals/terminal-1").then().body("screen.buttons", hasItem("debit"));
        act("{\"type\":\"selectTender\",\"tender\":\"debit\"}");
        advance("PT2S");
        assertEquals("DEBIT", call.get(5, TimeUnit.SECONDS).getString("tenderType"));
    }

    @Test
    void aSecondPaymentWhileOneIsInProgressIsRejected() throws Exception {
        CompletableFuture<JsonPath> first = async(sale("10.00"));
        terminal().body(sale("20.00")).post("/").then().statusCode(409).body("status", equalTo("error"))
                .body("message", equalTo("Another transaction in process"));
        advance("PT2S");
        assertEquals("APPROVED", first.get(5, TimeUnit.SECONDS).getString("paymentStatus"));
    }

    @Test
    void declinesComeFromMagicAmountsAndCards() throws Exception {
        String[][] cases = {{"10.51", "DECLINED", "51"}, {"10.05", "DECLINED", "05"}, {"10.54", "DECLINED", "54"},
                {"10.55", "DECLINED", "55"}, {"10.91", "ERROR", "91"}};
        for (String[] c : cases) {
            CompletableFuture<JsonPath> call = async(sale(c[0]));
            advance("PT2S");
            JsonPath r = call.get(5, TimeUnit.SECONDS);
            assertEquals(c[1], r.getString("paymentStatus"), c[0]);
            assertEquals(c[2], r.getString("resultCode"), c[0]);
            assertEquals("", r.getString("authCode"));
        }
        CompletableFuture<JsonPath> call = async(sale("30.00"));
        act("{\"type\":\"presentCard\",\"pan\":\"4000000000000002\"}");
        JsonPath doNotHonour = call.get(5, TimeUnit.SECONDS);
        assertEquals("DECLINED", doNotHonour.getString("paymentStatus"));
        assertEquals("05", doNotHonour.getString("resultCode"));
        CompletableFuture<JsonPath> expired = async(sale("30.00"));
        act("{\"type\":\"presentCard\",\"pan\":\"4000000000000069\"}");
        JsonPath e = expired.get(5, TimeUnit.SECONDS);
        assertEquals("DECLINED", e.getString("paymentStatus"));
        assertEquals("54", e.getString("resultCode"));
    }

    @Test
    void anAuthIsCapturedThenVoidedAndAReturnAndATipAdjustWork() throws Exception {
        CompletableFuture<JsonPath> auth = async("{\"requestType\":\"payment\",\"transactionType\":\"auth\",\"tenderType\":\"credit\",\"amount\":\"50.00\"}");
        advance("PT2S");
        String authRef = auth.get(5, TimeUnit.SECONDS).getString("referenceNumber");
        JsonPath capture = payment("{\"requestType\":\"payment\",\"transactionType\":\"capture\",\"amount\":\"45.00\",\"referenceNumber\":\"" + authRef + "\"}");
        assertEquals("CAPTURE", capture.getString("transactionType"));
        assertEquals("45.00", capture.getString("amount"));
        terminal().body("{\"requestType\":\"payment\",\"transactionType\":\"capture\",\"referenceNumber\":\"" + authRef + "\"}").post("/")
                .then().statusCode(409).body("message", containsString("already captured"));
        JsonPath voided = payment("{\"requestType\":\"payment\",\"transactionType\":\"void\",\"referenceNumber\":\"" + capture.getString("referenceNumber") + "\"}");
        assertEquals("VOID", voided.getString("transactionType"));
        terminal().body("{\"requestType\":\"payment\",\"transactionType\":\"void\",\"referenceNumber\":\"" + capture.getString("referenceNumber") + "\"}")
                .post("/").then().statusCode(409).body("message", containsString("already voided"));
        terminal().body("{\"requestType\":\"payment\",\"transactionType\":\"capture\",\"amount\":\"1.00\",\"referenceNumber\":\"" + authRef + "\"}")
                .post("/").then().statusCode(409).body("message", containsString("already captured"));

        CompletableFuture<JsonPath> sale = async(sale("40.00"));
        advance("PT2S");
        String saleRef = sale.get(5, TimeUnit.SECONDS).getString("referenceNumber");
        JsonPath adjusted = payment("{\"requestType\":\"payment\",\"transactionType\":\"adjust\",\"amountTip\":\"6.00\",\"referenceNumber\":\"" + saleRef + "\"}");
        assertEquals("46.00", adjusted.getString("amount"));
        assertEquals("6.00", adjusted.getString("amountTip"));

        CompletableFuture<JsonPath> ret = async("{\"requestType\":\"payment\",\"transactionType\":\"return\",\"tenderType\":\"credit\",\"amount\":\"15.00\"}");
        advance("PT2S");
        assertEquals("RETURN", ret.get(5, TimeUnit.SECONDS).getString("transactionType"));

        JsonPath batch = payment("{\"requestType\":\"payment\",\"transactionType\":\"batch\"}");
        assertEquals("123", batch.getString("batchID"));
        assertEquals("1", batch.getString("batch_creditSaleCount"));
        assertEquals("46.00", batch.getString("batch_creditSaleAmount"));
        assertEquals("1", batch.getString("batch_creditReturnCount"));
        assertEquals("15.00", batch.getString("batch_creditReturnAmount"));
        assertEquals("0", batch.getString("batch_debitSaleCount"));
        assertEquals("2026-01-01T00:00:06Z", batch.getString("batch_settlementTime"));
        terminal().body("{\"requestType\":\"payment\",\"transactionType\":\"void\",\"referenceNumber\":\"" + saleRef + "\"}").post("/")
                .then().statusCode(400).body("message", containsString("batch 123"));
        control().get("/_sim/terminals/terminal-1").then().statusCode(200);
        terminal().body("{\"requestType\":\"system\",\"resourceType\":\"config\",\"actionType\":\"get\"}").post("/").then()
                .body("config.batchID", equalTo("124"));
    }

    @Test
    void aSettledBatchStaysSettledAcrossAnAppRestartAndAnswersAsTheDocumentShows() throws Exception {
        advance("PT0.123456789S"); // a clock with nanoseconds: the document shows whole seconds
        CompletableFuture<JsonPath> sale = async(sale("40.00"));
        advance("PT2S");
        JsonPath sold = sale.get(5, TimeUnit.SECONDS);
        assertFalse(sold.getMap("$").containsKey("invoiceNumber"), "no invoiceNumber was sent: none is answered (never null)");
        terminal().body("{\"requestType\":\"payment\",\"transactionType\":\"batch\"}").post("/").then().statusCode(200)
                .header("Content-Type", matchesPattern("application/json; ?charset=utf-8")) // Jetty writes it without the space
                .body("batchID", equalTo("123")).body("batch_creditSaleCount", equalTo("1"))
                .body("batch_settlementTime", equalTo("2026-01-01T00:00:02Z"));
        terminal().body("{\"requestType\":\"system\",\"resourceType\":\"app\",\"actionType\":\"restart\"}").post("/")
                .then().statusCode(200);
        advance("PT10S");
        terminal().body("{\"requestType\":\"system\",\"resourceType\":\"config\",\"actionType\":\"get\"}").post("/").then()
                .body("config.batchID", equalTo("124"));
        JsonPath again = payment("{\"requestType\":\"payment\",\"transactionType\":\"batch\"}");
        assertEquals("124", again.getString("batchID"));
        assertEquals("0", again.getString("batch_creditSaleCount"), "the settled sale is not reported twice");
    }

    @Test
    void theCustomerCanCancelOrWalkAway() throws Exception {
        CompletableFuture<JsonPath> cancelled = async(sale("10.00"));
        act("{\"type\":\"cancel\"}");
        JsonPath r = cancelled.get(5, TimeUnit.SECONDS);
        assertEquals("ERROR", r.getString("paymentStatus"));
        assertEquals("Transaction cancelled by customer", r.getString("message"));

        CompletableFuture<JsonPath> abandoned = async(sale("10.00"));
        act("{\"type\":\"walkAway\"}");
        advance("PT1M");
        assertFalse(abandoned.isDone());
        advance("PT1M");
        assertEquals("Timeout waiting for the customer", abandoned.get(5, TimeUnit.SECONDS).getString("message"));
    }

    @Test
    void aCustomerActionThatDoesNotFitTheScreenIsRefused() {
        control().contentType(ContentType.JSON).body("{\"type\":\"sign\"}").post("/_sim/terminals/terminal-1/actions").then()
                .statusCode(409).body("message", containsString("idle"));
        control().get("/_sim/terminals/nope").then().statusCode(404);
    }

    @Test
    void badPaymentParametersAreNamed() {
        terminal().body("{\"requestType\":\"payment\",\"transactionType\":\"sale\"}").post("/").then().statusCode(400)
                .body("message", containsString("amount"));
        terminal().body("{\"requestType\":\"payment\",\"transactionType\":\"sale\",\"amount\":\"ten\"}").post("/").then().statusCode(400)
                .body("message", containsString("amount"));
        terminal().body("{\"requestType\":\"payment\",\"transactionType\":\"sale\",\"amount\":\"1e9\"}").post("/").then().statusCode(400)
                .body("message", containsString("amount"));
        terminal().body("{\"requestType\":\"payment\",\"transactionType\":\"sale\",\"amount\":\"99999999999999999.00\"}").post("/").then()
                .statusCode(400).body("message", equalTo("Invalid parameter amount: must be at most 9999999.99, was '99999999999999999.00'"));
        terminal().body("{\"requestType\":\"payment\",\"transactionType\":\"sale\",\"amount\":\"10.00\",\"amountTip\":\"-1\"}").post("/").then()
                .statusCode(400).body("message", containsString("amountTip"));
        terminal().body("{\"requestType\":\"payment\",\"transactionType\":\"capture\"}").post("/").then().statusCode(400)
                .body("message", containsString("referenceNumber"));
        terminal().body("{\"requestType\":\"payment\",\"transactionType\":\"sale\",\"amount\":\"1.00\",\"tenderType\":\"bitcoin\"}").post("/")
                .then().statusCode(400).body("message", containsString("tenderType"));
        terminal().body("{\"requestType\":\"payment\",\"transactionType\":\"refund\",\"amount\":\"1.00\"}").post("/").then().statusCode(400)
                .body("message", containsString("transactionType"));
    }

    @Test
    void amountsMustBeInTheDocumentsStrictFormat() {
        for (String amount : new String[]{"\" 1.00\"", "\"1.00 \"", "\"5.\"", "\"-0.00\"", "\"\"", "\"1,00\"", "\"1.001\"", "1e1000", "-1"}) {
            terminal().body("{\"requestType\":\"payment\",\"transactionType\":\"sale\",\"amount\":" + amount + "}").post("/").then()
                    .statusCode(400).body("message", containsString("amount"));
            terminal().body("{\"requestType\":\"payment\",\"transactionType\":\"sale\",\"amount\":\"1.00\",\"amountTip\":" + amount + "}").post("/")
                    .then().statusCode(400).body("message", containsString("amountTip"));
        }
    }

    @Test
    void storedTextIsBoundedBeforeTheCustomerIsAsked() {
        terminal().body("{\"requestType\":\"payment\",\"transactionType\":\"sale\",\"tenderType\":\"credit\",\"amount\":\"1.00\",\"invoiceNumber\":\""
                + "I".repeat(65) + "\"}").post("/").then().statusCode(400).body("message", containsString("invoiceNumber"));
        control().get("/_sim/terminals/terminal-1").then().body("screen.state", equalTo("IDLE"));
        terminal().body("{\"requestType\":\"" + "x".repeat(200) + "\"}").post("/").then().statusCode(400)
                .body("message", containsString("requestType"));
    }

    @Test
    void withTokenizationOnAnApprovedSaleCarriesATokenAndADeclineDoesNot() throws Exception {
        terminal().body("{\"requestType\":\"system\",\"resourceType\":\"config\",\"actionType\":\"set\",\"config\":{\"tokenization\":true}}")
                .post("/").then().statusCode(200);
        CompletableFuture<JsonPath> approved = async(sale("12.00"));
        advance("PT2S");
        JsonPath a = approved.get(5, TimeUnit.SECONDS);
        assertEquals("APPROVED", a.getString("paymentStatus"));
        assertNotNull(a.getString("token"));
        CompletableFuture<JsonPath> declined = async(sale("12.51"));
        advance("PT2S");
        JsonPath d = declined.get(5, TimeUnit.SECONDS);
        assertEquals("DECLINED", d.getString("paymentStatus"));
        assertEquals(null, d.getString("token"));
    }

    @Test
    void aRestartEndsThePaymentInProgressInError() throws Exception {
        CompletableFuture<JsonPath> call = async(sale("30.00"));
        terminal().body("{\"requestType\":\"system\",\"resourceType\":\"app\",\"actionType\":\"restart\"}").post("/").then().statusCode(200);
        JsonPath aborted = call.get(5, TimeUnit.SECONDS);
        assertEquals("ERROR", aborted.getString("paymentStatus"));
        assertEquals("Application restarted", aborted.getString("message"));
    }
}
