package dev.standin.provider.velapay.cloud;

import dev.standin.StandinServer;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.standin.provider.velapay.cloud.CloudApi.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The Cloud Payment API's transactions, as the document shows them, at the document's own date. */
class CloudPaymentTest {
    static final String REFERENCE = "^\\d{6}[A-Z0-9]{3}-[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$";

    /** The document's sale example, as written. */
    static final String SALE = """
            {
              "requestType": "payment",
              "actionType": "process",
              "transactionType": "sale",
              "amount": "10.00",
              "cardHolder": "John Doe",
              "invoiceNumber": "INV-12345",
              "email": "john@example.com",
              "customerIp": "192.168.1.100",
              "getToken": true,
              "addressBilling": {
                "name": "John Doe",
                "firstName": "John",
                "lastName": "Doe",
                "street": "123 Main St",
                "city": "Anytown",
                "state": "CA",
                "zipcode": "12345",
                "country": "US",
                "phone": "555-1234"
              },
              "cardNumber": "4111111111111111",
              "cardExpDate": "1225",
              "cvv": "123",
              "addressShipping": {},
              "sourceData": {}
            }""";

    /** The document's auth example, as written. */
    static final String AUTH = """
            {
              "requestType": "payment",
              "actionType": "process",
              "transactionType": "auth",
              "amount": "100.00",
              "cardHolder": "John Doe",
              "invoiceNumber": "INV-67890",
              "customerIp": "192.168.1.100",
              "addressBilling": {
                "name": "John Doe",
                "street": "123 Main St",
                "city": "Anytown",
                "state": "CA",
                "zipcode": "12345",
                "country": "US"
              },
              "cardNumber": "4111111111111111",
              "cardExpDate": "1225",
              "cvv": "123",
              "addressShipping": {},
              "sourceData": {}
            }""";

    /** The document's token example, as written. */
    static final String TOKEN = """
            {
              "requestType": "payment",
              "actionType": "process",
              "transactionType": "token",
              "amount": "0.00",
              "cardHolder": "Jacob Voorhies",
              "invoiceNumber": "1001-1761682959",
              "addressBilling": {
                "name": "Jacob Voorhies",
                "firstName": "Jacob",
                "lastName": "Voorhies",
                "street": "4132 Beechwood Drive",
                "city": "Baltimore",
                "state": "MD",
                "zipcode": 21201,
                "country": "US",
                "phone": "555-1001"
              },
              "cardNumber": "4000000000000002",
              "cardExpDate": "1226",
              "cvv": "123",
              "customerIp": "192.168.1.100",
              "addressShipping": {},
              "sourceData": {}
            }""";

    StandinServer server;

    @BeforeEach
    void reset() {
        server = CloudApi.server();
        var control = given().port(server.port("control"));
        java.util.List<String> loaded = control.get("/_sim/scenarios").then().extract().path("scenarios.name");
        loaded.stream().filter(n -> !n.equals("default"))
                .forEach(n -> given().port(server.port("control")).delete("/_sim/scenarios/" + n).then().statusCode(204));
        given().port(server.port("control")).post("/_sim/reset").then().statusCode(200);
    }

    static String request(String type, String extra) {
        return "{\"requestType\":\"payment\",\"actionType\":\"process\",\"transactionType\":\"" + type + "\"" + extra + "}";
    }

    static String sale(String amount, String card, String cvv, String zip) {
        return SALE.replace("\"10.00\"", "\"" + amount + "\"").replace("4111111111111111", card)
                .replace("\"cvv\": \"123\"", "\"cvv\": \"" + cvv + "\"").replace("\"12345\"", "\"" + zip + "\"");
    }

    static String referenceOf(String body) {
        return post(body).then().statusCode(200).body("paymentStatus", equalTo("APPROVED")).extract().path("referenceNumber");
    }

    @Test
    void theDocumentsSaleIsApprovedWithEveryDocumentedFieldInItsFormat() {
        long now = CloudApi.now().getEpochSecond();
        post(SALE).then().statusCode(200)
                .body("status", equalTo("ok"))
                .body("timestamp", equalTo((int) now))
                .body("version", equalTo("1.0.0"))
                .body("paymentStatus", equalTo("APPROVED"))
                .body("message", equalTo("APPROVAL"))
                .body("authCode", matchesPattern("^\\d{6}$"))
                .body("referenceNumber", matchesPattern(REFERENCE))
                .body("referenceNumber", startsWith("211025"))
                .body("transactionId", matchesPattern("^[A-Z0-9]{8}_[0-9A-F]{16}_[A-Z0-9]{4}_[A-Z0-9]{4}$"))
                .body("transactionType", equalTo("SALE"))
                .body("transactionTime", equalTo("2025-10-21 19:05:20 UTC"))
                .body("resultCode", equalTo("0"))
                .body("tenderType", equalTo("CREDIT"))
                .body("amount", equalTo("10.00"))
                .body("amountRequested", equalTo("10.00"))
                .body("amountPurchase", equalTo("10.00"))
                .body("amountTip", equalTo("0.00"))
                .body("amountFee", equalTo("0.00"))
                .body("amountSurcharge", equalTo("0.00"))
                .body("balanceDue", equalTo("0.00"))
                .body("salesTax", equalTo("0.00"))
                .body("isPartialAuth", equalTo(false))
                .body("transactionCurrency", equalTo("USD"))
                .body("invoiceNumber", equalTo("INV-12345"))
                .body("cardType", equalTo("CREDITCARD"))
                .body("cardNumber", equalTo("1111"))
                .body("cardEntry", equalTo("MANUAL"))
                .body("cardHolder", equalTo("John Doe"))
                .body("paymentModule", equalTo("converge"))
                .body("issuerResponse", equalTo(""))
                .body("getToken", equalTo("Y"))
                .body("token", matchesPattern("^4\\d{11}1111$"))
                .body("tokenResponse", equalTo("SUCCESS"))
                .body("avs.value", equalTo("ZIP5_MATCH_ADDRESS_MATCH"))
                .body("avs.description", instanceOf(String.class))
                .body("cvv.value", equalTo("CVV_MATCH"))
                .body("cvv.description", equalTo("CVV2/CVC2 match."))
                .body("$", not(org.hamcrest.Matchers.hasKey("partnerAppId")));
    }

    @Test
    void anAuthIsPartlyCapturedOnceAndTheCaptureReturnedUpToWhatItCharged() {
        String auth = post(AUTH).then().statusCode(200).body("transactionType", equalTo("AUTH")).body("amount", equalTo("100.00"))
                .extract().path("referenceNumber");
        Response capture = post(request("capture", ",\"referenceNumber\":\"" + auth + "\",\"amount\":\"50.00\""));
        capture.then().statusCode(200).body("status", equalTo("ok")).body("paymentStatus", equalTo("APPROVED"))
                .body("message", equalTo("CAPTURED")).body("transactionType", equalTo("CAPTURE")).body("amount", equalTo("50.00"))
                .body("referenceNumber", matchesPattern(REFERENCE));
        String captured = capture.path("referenceNumber");
        assertNotEquals(auth, captured, "a capture has a reference number of its own");
        post(request("capture", ",\"referenceNumber\":\"" + auth + "\"")).then().statusCode(409)
                .body("status", equalTo("error")).body("message", containsString("already captured"));
        post(request("return", ",\"referenceNumber\":\"" + captured + "\",\"amount\":25.00")).then().statusCode(200)
                .body("message", equalTo("REFUNDED")).body("transactionType", equalTo("RETURN")).body("amount", equalTo("25.00"));
        post(request("return", ",\"referenceNumber\":\"" + captured + "\",\"amount\":\"30.00\"")).then().statusCode(409)
                .body("message", containsString("exceeds the 25.00 left to return of the 50.00 charged"));
        post(request("return", ",\"referenceNumber\":\"" + captured + "\"")).then().statusCode(200).body("amount", equalTo("25.00"));
        post(request("return", ",\"referenceNumber\":\"" + captured + "\"")).then().statusCode(409)
                .body("message", containsString("already returned in full"));
        post(request("return", ",\"referenceNumber\":\"" + auth + "\"")).then().statusCode(409)
                .body("message", containsString("only a sale or a capture can be returned"));
    }

    @Test
    void aCaptureTakesTheWholeAuthByDefaultAndNeverMore() {
        String auth = referenceOf(AUTH);
        post(request("capture", ",\"referenceNumber\":\"" + auth + "\",\"amount\":\"100.01\"")).then().statusCode(409)
                .body("message", equalTo("Capture amount 100.01 exceeds the authorized amount 100.00"));
        post(request("capture", ",\"referenceNumber\":\"" + auth + "\"")).then().statusCode(200).body("amount", equalTo("100.00"));
        String sale = referenceOf(SALE);
        post(request("capture", ",\"referenceNumber\":\"" + sale + "\"")).then().statusCode(409)
                .body("message", containsString("only an authorization can be captured"));
    }

    @Test
    void aSaleIsVoidedOnceOnItsOwnDayAndNotTheNextDay() {
        String sale = referenceOf(SALE);
        post(request("void", ",\"referenceNumber\":\"" + sale + "\"")).then().statusCode(200)
                .body("paymentStatus", equalTo("APPROVED")).body("message", equalTo("VOIDED")).body("transactionType", equalTo("VOID"))
                .body("referenceNumber", equalTo(sale));
        post(request("void", ",\"referenceNumber\":\"" + sale + "\"")).then().statusCode(409).body("message", containsString("already voided"));
        post(request("return", ",\"referenceNumber\":\"" + sale + "\"")).then().statusCode(409).body("message", containsString("was voided"));
        String later = referenceOf(SALE);
        String refund = post(request("return", ",\"referenceNumber\":\"" + later + "\",\"amount\":\"4.00\"")).then().statusCode(200)
                .extract().path("referenceNumber");
        post(request("void", ",\"referenceNumber\":\"" + later + "\"")).then().statusCode(409).body("message", containsString("has returns"));
        post(request("void", ",\"referenceNumber\":\"" + refund + "\"")).then().statusCode(200).body("referenceNumber", equalTo(refund));
        post(request("return", ",\"referenceNumber\":\"" + later + "\"")).then().statusCode(200).body("amount", equalTo("10.00"));
        String nextDay = referenceOf(SALE);
        given().port(server.port("control")).contentType("application/json").body("{\"by\":\"P1D\"}").post("/_sim/clock/advance")
                .then().statusCode(200);
        post(request("void", ",\"referenceNumber\":\"" + nextDay + "\"")).then().statusCode(409)
                .body("message", containsString("was made on 2025-10-21 (UTC); a void must be on the same day"));
    }

    @Test
    void anAuthIsDeletedBeforeCaptureAndIsThenGoneButNotAfterCapture() {
        String auth = referenceOf(AUTH);
        post(request("delete", ",\"referenceNumber\":\"" + auth + "\"")).then().statusCode(200)
                .body("message", equalTo("DELETED")).body("transactionType", equalTo("DELETE")).body("referenceNumber", equalTo(auth));
        post(request("capture", ",\"referenceNumber\":\"" + auth + "\"")).then().statusCode(404)
                .body("message", equalTo("Transaction not found: no transaction with referenceNumber " + auth));
        String captured = referenceOf(AUTH);
        post(request("capture", ",\"referenceNumber\":\"" + captured + "\"")).then().statusCode(200);
        post(request("delete", ",\"referenceNumber\":\"" + captured + "\"")).then().statusCode(409)
                .body("message", containsString("cannot be deleted"));
        String sale = referenceOf(SALE);
        post(request("delete", ",\"referenceNumber\":\"" + sale + "\"")).then().statusCode(409)
                .body("message", containsString("only an authorization can be deleted"));
    }

    @Test
    void aTokenisedCardPaysByTokenSentAsANumberOrAString() {
        JsonPath token = post(TOKEN).then().statusCode(200).body("status", equalTo("ok")).body("transactionType", equalTo("TOKEN"))
                .body("amount", equalTo("0.00")).body("cardHolder", equalTo("Jacob Voorhies")).body("invoiceNumber", equalTo("1001-1761682959"))
                .body("tokenResponse", equalTo("SUCCESS")).body("token", matchesPattern("^4\\d{11}0002$")).extract().jsonPath();
        String issued = token.getString("token");
        post(TOKEN).then().body("token", equalTo(issued)); // the same card has one token
        String bySale = """
                {
                  "requestType": "payment",
                  "actionType": "process",
                  "transactionType": "sale",
                  "amount": "144.11",
                  "invoiceNumber": "1019-1761683024",
                  "token": 4459079401220002,
                  "customerIp": "192.168.1.100",
                  "addressBilling": {},
                  "addressShipping": {},
                  "sourceData": {}
                }""";
        String asNumber = post(bySale.replace("4459079401220002", issued)).then().statusCode(200)
                .body("paymentStatus", equalTo("APPROVED")).body("transactionType", equalTo("SALE")).body("amount", equalTo("144.11"))
                .body("invoiceNumber", equalTo("1019-1761683024")).body("authCode", matchesPattern("^\\d{6}$"))
                .body("referenceNumber", matchesPattern(REFERENCE)).body("cardNumber", equalTo("0002"))
                .body("cvv.value", equalTo("CVV_NOT_PROCESSED")).body("avs.value", equalTo("ZIP5_MATCH_ADDRESS_MATCH"))
                .extract().asString();
        assertEquals(true, asNumber.matches(".*\"token\":" + issued + "[,}].*"), "a token sent as a number comes back a number: " + asNumber);
        post(bySale.replace("4459079401220002", "\"" + issued + "\"")).then().statusCode(200).body("token", equalTo(issued));
        post(bySale.replace("4459079401220002", "4459079401229999")).then().statusCode(404)
                .body("message", equalTo("Token not found: 4459079401229999"));
        post(bySale.replace("4459079401220002", issued).replace("\"sale\"", "\"token\"").replace("\"144.11\"", "\"0.00\""))
                .then().statusCode(400).body("message", containsString("Invalid parameter token: a token transaction takes card details"));
    }

    @Test
    void everyRefusalOfTheRequirementTableNamesTheFieldAndWhy() {
        refused(SALE.replace("\"amount\": \"10.00\",", ""), "Missing parameter amount");
        refused(TOKEN.replace("\"0.00\"", "\"5.00\""), "Invalid parameter amount: must be \"0.00\" for a token transaction");
        refused(SALE.replace("\"10.00\"", "\"10.001\""), "Invalid parameter amount: must be a decimal amount with at most two decimals");
        refused(SALE.replace("\"10.00\"", "\"-1\""), "Invalid parameter amount");
        refused(SALE.replace("4111111111111111", "4111111111111112"), "Invalid parameter cardNumber: fails the card number check digit (Luhn)");
        refused(SALE.replace("4111111111111111", "411111111111111"), "Invalid parameter cardNumber: a VISA number cannot have 15 digits");
        refused(SALE.replace("4111111111111111", "378282246310005"), "Invalid parameter cvv: must be 4 digits for AMEX");
        refused(SALE.replace("\"1225\"", "\"0925\""), "Invalid parameter cardExpDate: the card expired at the end of 2025-09");
        refused(SALE.replace("\"1225\"", "\"1325\""), "Invalid parameter cardExpDate: must be MMYY");
        refused(SALE.replace("\"state\": \"CA\",", ""), "Missing parameter addressBilling.state");
        refused(SALE.replace("\"CA\"", "\"CAL\""), "Invalid parameter addressBilling.state: must be a 2-letter code");
        refused(SALE.replace("\"zipcode\": \"12345\"", "\"zipcode\": true"), "Invalid parameter addressBilling.zipcode: must be a string or a number");
        refused(SALE.replace("\"getToken\": true", "\"getToken\": \"yes\""), "Invalid parameter getToken: must be true or false");
        refused(SALE.replace("\"cvv\": \"123\",", "\"cvv\": \"123\", \"token\": \"4459079401220002\","), "send either card details or a token");
        refused(request("capture", ""), "Missing parameter referenceNumber");
        refused(request("refund", ""), "Invalid parameter transactionType: 'refund' is not one of sale, auth, capture, void, return, token, delete");
        refused(SALE.replace("\"payment\"", "\"status\""), "Invalid parameter requestType: must be \"payment\"");
        refused("[1,2]", "the body must be a JSON object");
        String both = post(SALE.replace("\"cvv\": \"123\",", "").replace("\"city\": \"Anytown\",", "")).then().statusCode(400)
                .extract().path("message");
        assertEquals(true, both.contains("Missing parameter cvv") && both.contains("Missing parameter addressBilling.city"),
                "every failing field is named in one answer: " + both);
        post("{not json").then().statusCode(400).body("message", equalTo("Invalid request: the body is not valid JSON"));
    }

    private static void refused(String body, String message) {
        post(body).then().statusCode(400).body("status", equalTo("error")).body("version", equalTo("1.0.0"))
                .body("timestamp", instanceOf(Integer.class)).body("message", containsString(message));
    }

    @Test
    void magicAmountsCvvAndZipCodeGiveEachOutcome() {
        declined(sale("10.51", "4111111111111111", "123", "12345"), "DECLINED", "Insufficient Funds", "51");
        declined(sale("10.05", "4111111111111111", "123", "12345"), "DECLINED", "Do Not Honor", "05");
        declined(sale("10.54", "4111111111111111", "123", "12345"), "DECLINED", "Expired Card", "54");
        declined(sale("10.43", "4111111111111111", "123", "12345"), "DECLINED", "Pick Up Card - Lost or Stolen", "43");
        declined(sale("10.91", "4111111111111111", "123", "12345"), "ERROR", "Processor Unavailable", "91");
        post(sale("10.00", "4111111111111111", "999", "12345")).then().statusCode(200).body("paymentStatus", equalTo("DECLINED"))
                .body("message", equalTo("CVV2 Mismatch")).body("cvv.value", equalTo("CVV_MISMATCH")).body("$", not(org.hamcrest.Matchers.hasKey("authCode")));
        post(sale("10.00", "4111111111111111", "123", "20000")).then().statusCode(200).body("paymentStatus", equalTo("APPROVED"))
                .body("avs.value", equalTo("ZIP5_MATCH_ADDRESS_MISMATCH")).body("avs.description", equalTo("5-digit ZIP matches; address does not match."));
        post(sale("20.10", "5555555555554444", "123", "12345")).then().statusCode(200).body("paymentStatus", equalTo("APPROVED"))
                .body("message", equalTo("PARTIAL APPROVAL")).body("isPartialAuth", equalTo(true)).body("amount", equalTo("10.05"))
                .body("amountRequested", equalTo("20.10")).body("balanceDue", equalTo("10.05"));
        post(sale("10.00", "4000000000000002", "123", "12345")).then().body("paymentStatus", equalTo("APPROVED"));
        String declined = post(sale("10.51", "4111111111111111", "123", "12345")).path("referenceNumber");
        post(request("return", ",\"referenceNumber\":\"" + declined + "\"")).then().statusCode(409).body("message", containsString("was not approved"));
    }

    private static void declined(String body, String status, String message, String code) {
        post(body).then().statusCode(200).body("status", equalTo("ok")).body("paymentStatus", equalTo(status))
                .body("message", equalTo(message)).body("resultCode", equalTo(code)).body("referenceNumber", matchesPattern(REFERENCE));
    }

    @Test
    void signaturesAreCheckedOverTheTimestampAndTheExactBody() {
        String ts = Long.toString(CloudApi.now().getEpochSecond());
        String body = request("void", ",\"referenceNumber\":\"x\"");
        unauthorized(CloudApi.send(CloudApi.KEY, ts, CloudApi.sign("wrong-secret", ts, body), body), "Invalid signature");
        unauthorized(CloudApi.send(CloudApi.KEY, ts, CloudApi.sign(CloudApi.SECRET, ts, body + " "), body), "Invalid signature");
        unauthorized(CloudApi.send(CloudApi.KEY, ts, "not-hex", body), "Invalid signature");
        String stale = Long.toString(CloudApi.now().getEpochSecond() - 301);
        unauthorized(CloudApi.send(CloudApi.KEY, stale, CloudApi.sign(CloudApi.SECRET, stale, body), body), "Request timestamp expired");
        String early = Long.toString(CloudApi.now().getEpochSecond() + 301);
        unauthorized(CloudApi.send(CloudApi.KEY, early, CloudApi.sign(CloudApi.SECRET, early, body), body), "Request timestamp expired");
        unauthorized(CloudApi.send(CloudApi.KEY, null, null, body), "Authentication error: X-Timestamp and X-Signature headers are required");
        unauthorized(CloudApi.send("nobody", ts, CloudApi.sign(CloudApi.SECRET, ts, body), body), "Authentication error: unknown API key");
        unauthorized(CloudApi.send(null, ts, CloudApi.sign(CloudApi.SECRET, ts, body), body), "Authentication error: the X-API-Key header is required");
        String within = Long.toString(CloudApi.now().getEpochSecond() - 299);
        CloudApi.send(CloudApi.KEY, within, CloudApi.sign(CloudApi.SECRET, within, body), body).then().statusCode(404);
    }

    private static void unauthorized(Response r, String message) {
        r.then().statusCode(401).body("status", equalTo("error")).body("message", equalTo(message)).body("version", equalTo("1.0.0"));
    }

    @Test
    void aMerchantSeesOnlyItsOwnReferencesAndTokens() {
        String auth = referenceOf(AUTH);
        String token = post(TOKEN).path("token");
        CloudApi.post(CloudApi.SECOND_KEY, CloudApi.SECOND_SECRET, request("capture", ",\"referenceNumber\":\"" + auth + "\""))
                .then().statusCode(404).body("message", containsString("Transaction not found"));
        CloudApi.post(CloudApi.SECOND_KEY, CloudApi.SECOND_SECRET, request("sale", ",\"amount\":\"1.00\",\"token\":\"" + token + "\""))
                .then().statusCode(404).body("message", equalTo("Token not found: " + token));
        post(request("capture", ",\"referenceNumber\":\"" + auth + "\"")).then().statusCode(200);
        given().port(server.port("control")).queryParam("merchant", "cloud-merchant-2").get("/_sim/velapay-cloud/transactions")
                .then().statusCode(200).body("transactions", hasSize(0));
    }

    @Test
    void theControlApiListsTransactionsAndAProviderResetClearsThem() {
        String auth = referenceOf(AUTH);
        referenceOf(SALE);
        var control = given().port(server.port("control"));
        control.queryParam("merchant", "cloud-merchant-1").queryParam("type", "auth").get("/_sim/velapay-cloud/transactions").then()
                .statusCode(200).body("transactions", hasSize(1)).body("transactions[0].referenceNumber", equalTo(auth))
                .body("transactions[0].amount", equalTo("100.00")).body("transactions[0].captured", equalTo("0.00"));
        given().port(server.port("control")).queryParam("reference", auth).get("/_sim/velapay-cloud/transactions").then()
                .body("transactions", hasSize(1));
        given().port(server.port("control")).queryParam("provider", "velapayCloud").post("/_sim/reset").then().statusCode(200);
        given().port(server.port("control")).get("/_sim/velapay-cloud/transactions").then().body("transactions", hasSize(0));
        given().port(server.port("control")).get("/_sim/info").then().body("credentials.velapayCloud.apiKey", equalTo(CloudApi.KEY))
                .body("credentials.velapayCloud.merchants", hasSize(2));
    }

    @Test
    void scenarioRulesDeclineCutTheProcessorOffForAWindowAndTimeOutACaptureAfterCommitting() {
        load("velapay-cloud-declines");
        declined(sale("600.00", "4111111111111111", "123", "12345"), "DECLINED", "Insufficient Funds", "51");
        declined(sale("60.00", "378282246310005", "1234", "12345"), "DECLINED", "Do Not Honor", "05");
        post(sale("60.00", "4111111111111111", "123", "12345")).then().body("paymentStatus", equalTo("APPROVED"));
        load("velapay-cloud-outage");
        declined(sale("60.00", "4111111111111111", "123", "12345"), "ERROR", "Processor Unavailable", "91");
        given().port(server.port("control")).contentType("application/json").body("{\"by\":\"PT10M\"}").post("/_sim/clock/advance")
                .then().statusCode(200);
        post(sale("60.00", "4111111111111111", "123", "12345")).then().body("paymentStatus", equalTo("APPROVED"));
        load("velapay-cloud-capture-timeout");
        String auth = referenceOf(AUTH);
        post(request("capture", ",\"referenceNumber\":\"" + auth + "\"")).then().statusCode(504);
        post(request("capture", ",\"referenceNumber\":\"" + auth + "\"")).then().statusCode(409).body("message", containsString("already captured"));
    }

    @Test
    void aRequestRuleScopedToOneMerchantLeavesTheOtherAlone() {
        given().port(server.port("control")).contentType("application/yaml").body("""
                version: 1
                name: merchant-2-down
                rules:
                  - name: merchant-2-unavailable
                    match: {provider: velapayCloud, tenant: cloud-merchant-2}
                    effect: {respond: {status: 503}}
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/_sim/scenarios").then().statusCode(201);
        CloudApi.post(CloudApi.SECOND_KEY, CloudApi.SECOND_SECRET, SALE).then().statusCode(503).body("status", equalTo("error"));
        post(SALE).then().statusCode(200).body("paymentStatus", equalTo("APPROVED"));
    }

    private void load(String name) {
        try {
            String yaml = java.nio.file.Files.readString(java.nio.file.Path.of("../scenarios/" + name + ".yaml"));
            given().port(server.port("control")).contentType("application/yaml").body(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/_sim/scenarios").then().statusCode(201);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aSandboxHasCloudMerchantsOfItsOwnFoundByTheirKeys() {
        JsonPath box = given().port(server.port("control")).contentType("application/json")
                .body("{\"clock\":{\"mode\":\"manual\",\"start\":\"" + CloudApi.DOCUMENT_TIME + "\"}}").post("/_sim/sandboxes")
                .then().statusCode(201).extract().jsonPath();
        String key = box.getString("credentials.velapayCloud.apiKey");
        String secret = box.getString("credentials.velapayCloud.apiSecret");
        assertNotEquals(CloudApi.KEY, key, "a sandbox's merchants have keys of their own");
        try {
            String ref = CloudApi.post(key, secret, SALE).then().statusCode(200).body("paymentStatus", equalTo("APPROVED"))
                    .extract().path("referenceNumber");
            post(request("void", ",\"referenceNumber\":\"" + ref + "\"")).then().statusCode(404);
            given().port(server.port("control")).get("/_sim/velapay-cloud/transactions").then().body("transactions", hasSize(0));
            given().port(server.port("control")).header("Authorization", "Bearer " + box.getString("controlToken"))
                    .get("/_sim/sandboxes/" + box.getString("id") + "/velapay-cloud/transactions").then()
                    .body("transactions.referenceNumber", equalTo(java.util.List.of(ref)));
        } finally {
            given().port(server.port("control")).header("Authorization", "Bearer " + box.getString("controlToken"))
                    .delete("/_sim/sandboxes/" + box.getString("id")).then().statusCode(204);
        }
    }

    @Test
    void errorsBeforeAndOutsideTheRouteAreInTheCloudShape() {
        given().port(server.port("velapayCloud")).get("/v1/").then().statusCode(405).body("status", equalTo("error"))
                .body("version", equalTo("1.0.0"));
        given().port(server.port("velapayCloud")).post("/v2/").then().statusCode(404).body("status", equalTo("error"));
        String ts = Long.toString(CloudApi.now().getEpochSecond());
        String body = SALE;
        given().port(server.port("velapayCloud")).contentType("application/json").header("X-API-Key", CloudApi.KEY)
                .header("X-Timestamp", ts).header("X-Signature", CloudApi.sign(CloudApi.SECRET, ts, body)).body(body)
                .post("/v1").then().statusCode(200).body("paymentStatus", equalTo("APPROVED"));
    }

    @Test
    void aDelayRuleOnTheProcessorKeepsTheSaleWaitingUntilTheClockPassesIt() throws Exception {
        var control = given().port(server.port("control"));
        control.contentType("application/yaml").body("""
                version: 1
                name: slow-processor
                rules:
                  - match: {provider: velapayCloud, event: payment.process}
                    effect: {delay: PT20S, outcome: {type: decline, reason: insufficientFunds}}
                """).post("/_sim/scenarios").then().statusCode(201);
        java.util.concurrent.CompletableFuture<Response> sale = java.util.concurrent.CompletableFuture.supplyAsync(() -> post(SALE));
        Thread.sleep(500);
        assertEquals(false, sale.isDone(), "answered before the processor's delay passed");
        given().port(server.port("control")).contentType("application/json").body("{\"by\":\"PT20S\"}").post("/_sim/clock/advance")
                .then().statusCode(200);
        sale.get(5, java.util.concurrent.TimeUnit.SECONDS).then().statusCode(200).body("paymentStatus", equalTo("DECLINED"));
    }
}
