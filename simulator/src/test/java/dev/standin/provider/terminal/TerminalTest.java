package dev.standin.provider.terminal;

import dev.standin.support.AcceptanceTest;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class TerminalTest extends AcceptanceTest {
    static final String SECRET = "terminal-1-store-secret";

    RequestSpecification terminal(String id) {
        return given().baseUri("http://127.0.0.1").port(server.listenerPort("terminals", id)).contentType("application/json");
    }

    RequestSpecification terminal() {
        return terminal("terminal-1");
    }

    @Test
    void deviceInfoAnswersTheDeclaredIdentityWithTheBaseFields() {
        terminal().body("{\"requestType\":\"device\",\"resourceType\":\"info\"}").post("/").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "*")
                .contentType(containsString("application/json"))
                .body("status", equalTo("ok"))
                .body("timestamp", equalTo(1767225600000L))
                .body("version", equalTo("1.0.0"))
                .body("uid", equalTo("GN1234567890"))
                .body("manufacture", equalTo("GENERIC"))
                .body("model", equalTo("GENERIC"))
                .body("sn", equalTo("1234567890"));
    }

    @Test
    void unknownRequestTypesActionsAndMissingParametersAreNamed() {
        terminal().body("{}").post("/").then().statusCode(400).body("status", equalTo("error"))
                .body("message", containsString("requestType"));
        terminal().body("{\"requestType\":\"teleport\"}").post("/").then().statusCode(400).body("message", containsString("teleport"));
        terminal().body("{\"requestType\":\"system\"}").post("/").then().statusCode(400).body("message", containsString("resourceType"));
        terminal().body("{\"requestType\":\"system\",\"resourceType\":\"app\",\"actionType\":\"fly\"}").post("/").then().statusCode(400)
                .body("message", containsString("actionType"));
        terminal().body("{\"requestType\":").post("/").then().statusCode(400).body("message", containsString("Malformed JSON"));
    }

    @Test
    void aPreflightRequestIsAllowedFromAnyOrigin() {
        given().baseUri("http://127.0.0.1").port(server.listenerPort("terminals", "terminal-1"))
                .header("Origin", "http://pos.example").header("Access-Control-Request-Method", "POST")
                .options("/").then().statusCode(204).header("Access-Control-Allow-Origin", "*");
    }

    @Test
    void everyAnswerIsLoggedAndLogsCanBeListedFilteredFetchedAndCleared() {
        terminal().body("{\"requestType\":\"device\",\"resourceType\":\"info\"}").post("/").then().statusCode(200);
        advance("PT10S");
        terminal().body("{\"requestType\":\"teleport\"}").post("/").then().statusCode(400);
        String logs = "{\"requestType\":\"system\",\"resourceType\":\"log\",\"logType\":\"requestResult\",\"actionType\":\"getList\"%s}";
        String logId = terminal().body(logs.formatted("")).post("/").then().statusCode(200)
                .body("count", equalTo(2))
                .body("logs[0].requestType", equalTo("device"))
                .body("logs[0].response.uid", equalTo("GN1234567890"))
                .body("logs[1].response.status", equalTo("error"))
                .extract().path("logs[1].logId");
        terminal().body(logs.formatted(",\"logFilter\":{\"createdSince\":1767225605000}")).post("/").then().body("count", equalTo(1));
        terminal().body("{\"requestType\":\"system\",\"resourceType\":\"log\",\"logType\":\"requestResult\",\"actionType\":\"get\",\"logId\":\"" + logId + "\"}")
                .post("/").then().statusCode(200).body("log.request.requestType", equalTo("teleport"));
        terminal().body("{\"requestType\":\"system\",\"resourceType\":\"log\",\"logType\":\"requestResult\",\"actionType\":\"get\"}")
                .post("/").then().statusCode(400).body("message", containsString("logId"));
        terminal().body("{\"requestType\":\"system\",\"resourceType\":\"log\",\"logType\":\"requestResult\",\"actionType\":\"clear\"}")
                .post("/").then().statusCode(200).body("count", equalTo(2));
        terminal().body(logs.formatted("")).post("/").then().body("logs", hasSize(0));
    }

    @Test
    void whoCountsAsTheLocalNetworkComesFromTheOptionAndTheScenario() {
        String info = "{\"requestType\":\"device\",\"resourceType\":\"info\"}";
        try (var other = dev.standin.support.TestServer.start("--terminal-trusted-networks", "10.0.0.0/8")) {
            given().port(other.listenerPort("terminals", "terminal-1")).contentType("application/json").body(info).post("/").then()
                    .statusCode(401).body("message", containsString("Authentication error"));
            on(other, "control").contentType("application/yaml").body("""
                    version: 1
                    name: trusting
                    seed:
                      terminals:
                        terminals:
                          - {id: lane-trusting, merchantId: M8, storeSecret: lane-store-secret, settings: {trustedNetworks: [127.0.0.0/8]}}
                    """).post("/_sim/scenarios").then().statusCode(201);
            given().port(other.listenerPort("terminals", "lane-trusting")).contentType("application/json").body(info).post("/").then()
                    .statusCode(200);
        }
    }

    @Test
    void theRequestLogKeepsItsConfiguredSizeAndPages() {
        loadScenario("""
                version: 1
                name: small-log
                seed:
                  terminals:
                    terminals:
                      - {id: lane-log, merchantId: M9, storeSecret: lane-store-secret, settings: {logSize: 5}}
                """);
        RequestSpecification lane = given().baseUri("http://127.0.0.1").port(server.listenerPort("terminals", "lane-log"))
                .contentType("application/json");
        for (int i = 0; i < 12; i++) {
            lane.body("{\"requestType\":\"device\",\"resourceType\":\"info\"}").post("/").then().statusCode(200);
        }
        String page = "{\"requestType\":\"system\",\"resourceType\":\"log\",\"logType\":\"requestResult\",\"actionType\":\"getList\","
                + "\"logFilter\":{\"limit\":2,\"offset\":%d}}";
        lane.body(page.formatted(0)).post("/").then().statusCode(200)
                .body("count", equalTo(2)).body("total", equalTo(5)).body("hasMore", equalTo(true));
        lane.body(page.formatted(4)).post("/").then().statusCode(200)
                .body("count", equalTo(1)).body("hasMore", equalTo(false));
        lane.body(page.replace("2,", "0,").formatted(0)).post("/").then().statusCode(400).body("message", containsString("logFilter.limit"));

        control().post("/_sim/reset?provider=terminals").then().statusCode(200);
        lane.body("{\"requestType\":\"device\",\"resourceType\":\"info\"}").post("/").then().statusCode(200);
        lane.body(page.formatted(0)).post("/").then().statusCode(200).body("total", equalTo(1)); // counted afresh after a reset
        for (int i = 0; i < 8; i++) {
            lane.body("{\"requestType\":\"device\",\"resourceType\":\"info\"}").post("/").then().statusCode(200);
        }
        lane.body(page.formatted(0)).post("/").then().statusCode(200).body("total", equalTo(5));
    }

    @Test
    void configCanBeReadAndSetAndRestartRestoresIt() {
        terminal().body("{\"requestType\":\"system\",\"resourceType\":\"config\",\"actionType\":\"get\"}").post("/").then()
                .body("config.tokenization", equalTo(false)).body("config.merchantID", equalTo("MERCHANT123"));
        terminal().body("{\"requestType\":\"system\",\"resourceType\":\"config\",\"actionType\":\"set\",\"config\":{\"tokenization\":true}}")
                .post("/").then().statusCode(200).body("config.tokenization", equalTo(true));
        terminal().body("{\"requestType\":\"system\",\"resourceType\":\"config\",\"actionType\":\"set\",\"config\":{\"colour\":\"red\"}}")
                .post("/").then().statusCode(400).body("message", containsString("config.colour"));
        terminal().body("{\"requestType\":\"system\",\"resourceType\":\"app\",\"actionType\":\"restart\"}").post("/").then().statusCode(200);
        terminal().body("{\"requestType\":\"system\",\"resourceType\":\"config\",\"actionType\":\"get\"}").post("/").then()
                .statusCode(503).body("status", equalTo("error")).body("message", equalTo("Terminal is restarting"));
        control().get("/_sim/terminals/terminal-1").then().body("screen.state", equalTo("RESTARTING"));
        advance("PT5S");
        control().get("/_sim/terminals/terminal-1").then().body("screen.state", equalTo("IDLE"));
        terminal().body("{\"requestType\":\"system\",\"resourceType\":\"config\",\"actionType\":\"get\"}").post("/").then()
                .statusCode(200).body("config.tokenization", equalTo(false));
    }

    @Test
    void aScreenCaptureIsARealPng() throws Exception {
        String data = terminal().body("{\"requestType\":\"system\",\"resourceType\":\"screen\",\"actionType\":\"capture\"}").post("/").then()
                .statusCode(200).body("format", equalTo("png")).extract().path("imageData");
        var image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(data)));
        assertNotNull(image);
        assertEquals(480, image.getWidth());
    }

    @Test
    void aCustomTemplateIsPrintedAndReadableThroughTheControlApi() {
        terminal().body("{\"requestType\":\"print\",\"printType\":\"custom\",\"template\":\"Order {{order}} ready at {{counter}}\",\"data\":{\"order\":\"A-17\",\"counter\":3}}")
                .post("/").then().statusCode(200).body("printoutId", notNullValue());
        control().get("/_sim/terminals/terminal-1/printouts").then()
                .body("printouts[0].kind", equalTo("custom")).body("printouts[0].text", equalTo("Order A-17 ready at 3"));
        terminal().body("{\"requestType\":\"print\"}").post("/").then().statusCode(400).body("message", containsString("printType"));
        terminal().body("{\"requestType\":\"print\",\"printType\":\"fax\"}").post("/").then().statusCode(400);
        terminal().body("{\"requestType\":\"print\",\"printType\":\"custom\",\"template\":\"Hi {{name}}\",\"data\":\"Ada\"}").post("/").then()
                .statusCode(400).body("message", containsString("data"));
    }

    @Test
    void signedRequestsAreCheckedWhenTheTerminalRequiresThem() {
        terminal().body("{\"requestType\":\"system\",\"resourceType\":\"config\",\"actionType\":\"set\",\"config\":{\"requireSignature\":true}}")
                .post("/").then().statusCode(200);
        String body = "{\"requestType\":\"device\",\"resourceType\":\"info\"}";
        long now = 1767225600L;
        terminal().body(body).post("/").then().statusCode(401).body("message", containsString("Authentication error"));
        terminal().header("X-Timestamp", Long.toString(now)).header("X-Signature", sign(SECRET, Long.toString(now), body))
                .body(body).post("/").then().statusCode(200).body("uid", notNullValue());
        terminal().header("X-Timestamp", Long.toString(now)).header("X-Signature", sign("wrong-secret-123", Long.toString(now), body))
                .body(body).post("/").then().statusCode(401).body("message", equalTo("Invalid signature"));
        terminal().header("X-Timestamp", Long.toString(now)).header("X-Signature", sign(SECRET, Long.toString(now), body + " "))
                .body(body).post("/").then().statusCode(401).body("message", equalTo("Invalid signature"));
        long stale = now - 301;
        terminal().header("X-Timestamp", Long.toString(stale)).header("X-Signature", sign(SECRET, Long.toString(stale), body))
                .body(body).post("/").then().statusCode(401).body("message", equalTo("Request timestamp expired"));
    }

    @Test
    void aTerminalLoadedAtRuntimeListensUntilItsScenarioIsUnloaded() {
        loadScenario("""
                version: 1
                name: second-lane
                seed:
                  terminals:
                    terminals:
                      - {id: lane-2, merchantId: MERCHANT123, storeSecret: lane-2-secret, uid: GN2, sn: "2", settings: {requireSignature: true}}
                """);
        int port = server.listenerPort("terminals", "lane-2");
        given().baseUri("http://127.0.0.1").port(port).contentType("application/json").body("{\"requestType\":\"device\"}")
                .post("/").then().statusCode(401);
        control().get("/_sim/info").then()
                .body("ports.terminals.find { it.id == 'lane-2' }.port", equalTo(port))
                .body("credentials.terminals.'lane-2'.storeSecret", equalTo("lane-2-secret"))
                .body("ports.terminals.size()", greaterThan(1));
        control().delete("/_sim/scenarios/second-lane").then().statusCode(204);
        control().get("/_sim/info").then().body("ports.terminals.size()", equalTo(1));
    }

    @Test
    void aTerminalOnAPortInUseIsRefusedAndLeavesNothingBehind() {
        int taken = server.port("control");
        control().contentType("application/yaml").body("""
                version: 1
                name: clashing-lanes
                seed:
                  terminals:
                    terminals:
                      - {id: lane-ok, merchantId: MERCHANT123, storeSecret: lane-ok-secret}
                      - {id: lane-clash, port: %d, merchantId: MERCHANT123, storeSecret: lane-clash-secret}
                """.formatted(taken)).post("/_sim/scenarios").then().statusCode(409)
                .body("error", equalTo("PORT_IN_USE")).body("message", containsString("Port " + taken));
        control().get("/_sim/info").then().body("scenarios", not(hasItem("clashing-lanes"))).body("ports.terminals.size()", equalTo(1));
        loadScenario("""
                version: 1
                name: next-lane
                seed:
                  terminals:
                    terminals:
                      - {id: lane-next, merchantId: MERCHANT123, storeSecret: lane-next-secret}
                """);
        control().get("/_sim/info").then().body("ports.terminals.size()", equalTo(2));
    }

    @Test
    void aTerminalDeclaredTwiceIsRefused() {
        control().contentType("application/yaml").body("""
                version: 1
                name: twin-terminal
                seed:
                  terminals:
                    terminals:
                      - {id: terminal-1, merchantId: M, storeSecret: some-secret}
                """).post("/_sim/scenarios").then().statusCode(400)
                .body("problems[0].field", equalTo("seed.terminals.terminals[0].id"));
    }

    static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
