package dev.standin.support;

import dev.standin.StandinServer;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.BeforeEach;

import java.util.List;

import static io.restassured.RestAssured.given;

/**
 * Base of the black-box acceptance tests: the whole server runs in-process on free ports and is
 * reset (state, clock, ids, journal) before each test.
 */
public abstract class AcceptanceTest {
    public static final String PAYOR_ID = "c66a1b03-23e2-4fa8-9197-840f98f8d205";
    public static final String API_KEY = "44a9537d-d55d-4b47-8082-14061c2bcdd8";
    public static final String API_SECRET = "c396b26b-137a-44fd-87f5-34631f8fd529";

    protected StandinServer server;

    /** A Velo individual payee for {@code POST /v2/payees}, with a US bank account. */
    public static String individualPayee(String remoteId, String email) {
        return """
                {"type":"Individual","remoteId":"%s","email":"%s","address":{"line1":"1 Road","city":"Austin","zipOrPostcode":"73301","country":"US"},
                 "paymentChannel":{"countryCode":"US","currency":"USD","accountName":"New Payee","accountNumber":"12345678","routingNumber":"123456789"},
                 "individual":{"name":{"firstName":"New","lastName":"Payee"},"dateOfBirth":"1990-02-03"}}
                """.formatted(remoteId, email);
    }

    /** A {@code POST /v2/payees} body of the default payor's with these payees. */
    public static String payeeBatch(String... payees) {
        return "{\"payorId\":\"" + PAYOR_ID + "\",\"payees\":[" + String.join(",", payees) + "]}";
    }

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        RestAssured.filters(new VeloPublishedContract(), new ApiContracts());
        RestAssured.config = RestAssured.config().encoderConfig(
                EncoderConfig.encoderConfig().encodeContentTypeAs("application/yaml", ContentType.TEXT));
    }

    @BeforeEach
    void resetServer() {
        server = serverUnderTest();
        List<String> loaded = control().get("/_sim/scenarios").then().extract().path("scenarios.name");
        loaded.stream().filter(name -> !name.equals("default"))
                .forEach(name -> control().delete("/_sim/scenarios/" + name).then().statusCode(204));
        control().post("/_sim/reset").then().statusCode(200);
        control().delete("/_sim/requests").then().statusCode(204);
    }

    /** The server the test runs against: the shared one, unless the test needs its own options. */
    protected StandinServer serverUnderTest() {
        return TestServer.shared();
    }

    protected RequestSpecification control() {
        return on(server, "control");
    }

    protected RequestSpecification velo() {
        return on(server, "velo");
    }

    public static RequestSpecification on(StandinServer server, String api) {
        return given().baseUri("http://127.0.0.1").port(server.port(api));
    }

    /** A Velo bearer token for the default payor. */
    protected String veloToken() {
        return veloToken(server, API_KEY, API_SECRET);
    }

    public static String veloToken(StandinServer server, String apiKey, String apiSecret) {
        return on(server, "velo").auth().preemptive().basic(apiKey, apiSecret)
                .queryParam("grant_type", "client_credentials")
                .post("/v1/authenticate")
                .then().statusCode(200)
                .extract().path("access_token");
    }

    /** A one-payment payout: myRemoteId01, 100 cents from PAYOR_SRC_ACCT. */
    protected static final String PAYOUT_BODY = "{\"payorId\":\"" + PAYOR_ID + "\",\"payments\":[{\"remoteId\":\"myRemoteId01\","
            + "\"currency\":\"USD\",\"amount\":100,\"sourceAccountName\":\"PAYOR_SRC_ACCT\"}]}";

    /** Submits {@link #PAYOUT_BODY} and answers the payout's id. */
    protected String submitPayout(String token) {
        return veloAs(token).body(PAYOUT_BODY).post("/v3/payouts").then().statusCode(202).extract().path("payoutId");
    }

    /** Submits (memo "march run"), validates, instructs, fails the second payment and completes: an INCOMPLETE payout. */
    protected String incompletePayout(String token) {
        String payoutId = veloAs(token).body("{\"payorId\":\"" + PAYOR_ID + "\",\"payoutMemo\":\"March run\",\"payments\":["
                        + "{\"remoteId\":\"myRemoteId01\",\"currency\":\"USD\",\"amount\":700,\"sourceAccountName\":\"PAYOR_SRC_ACCT\",\"payorPaymentId\":\"a-1\"},"
                        + "{\"remoteId\":\"payee-eur\",\"currency\":\"EUR\",\"amount\":400,\"sourceAccountName\":\"USD_Velo\",\"payorPaymentId\":\"a-2\"}]}")
                .post("/v3/payouts").then().statusCode(202).extract().path("payoutId");
        advance("PT1S");
        veloAs(token).post("/v3/payouts/" + payoutId + "/quote").then().statusCode(200);
        veloAs(token).post("/v3/payouts/" + payoutId).then().statusCode(202);
        String failing = control().get("/_sim/velo/payouts/" + payoutId).then().extract().path("payments[1].paymentId");
        control().post("/_sim/velo/payments/" + failing + "/fail").then().statusCode(200);
        advance("PT3S");
        return payoutId;
    }

    protected RequestSpecification veloAs(String token) {
        return velo().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    /** Advances the virtual clock through the control API, e.g. {@code advance("PT90S")}. */
    protected io.restassured.response.ValidatableResponse advance(String by) {
        return control().contentType(ContentType.JSON).body("{\"by\":\"" + by + "\"}").post("/_sim/clock/advance")
                .then().statusCode(200);
    }

    /**
     * Waits (5 s at most) until the webhook log shows {@code attempts} attempts of the delivery of
     * {@code event}: the log records an attempt once its answer is read, a little after the receiver saw it.
     */
    protected void awaitAttempts(String event, int attempts) throws InterruptedException {
        String path = "deliveries.find { it.event == '" + event + "' }.attempts";
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            java.util.List<Object> seen = control().get("/_sim/webhooks").then().extract().jsonPath().getList(path);
            if (seen != null && seen.size() >= attempts) {
                break;
            }
            Thread.sleep(20);
        }
        control().get("/_sim/webhooks").then().body(path, org.hamcrest.Matchers.hasSize(attempts));
    }

    /** Loads a scenario into the running server through the control API. */
    protected void loadScenario(String yaml) {
        control().contentType("application/yaml").body(yaml).post("/_sim/scenarios").then().statusCode(201);
    }

    /** Waits (up to 5 s of real time) until the terminal's screen shows {@code state}, e.g. WAITING_CARD. */
    protected void awaitTerminalState(String terminalId, String state) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!state.equals(control().get("/_sim/terminals/" + terminalId).then().extract().path("screen.state"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(terminalId + " never reached " + state);
            }
            Thread.onSpinWait();
        }
    }
}
