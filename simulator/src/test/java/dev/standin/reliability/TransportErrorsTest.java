package dev.standin.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.StandinServer;
import dev.standin.core.json.Json;
import dev.standin.support.AcceptanceTest;
import dev.standin.support.RawHttp;
import dev.standin.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What Jetty answers before any route runs, and bodies that never arrive whole, come out in each API's own shape. */
class TransportErrorsTest {
    private static StandinServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start("--idle-timeout", "1", "--max-body-size", "4096");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode veloError(RawHttp.Answer answer, int status) {
        assertEquals(status, answer.status(), answer.head());
        assertTrue(answer.head().toLowerCase().contains("content-type: application/json"), answer.head());
        JsonNode body = read(answer);
        assertEquals(status, body.path("httpStatusCode").asInt(), answer.body());
        assertTrue(body.path("correlationId").isTextual(), answer.body());
        assertTrue(body.path("errors").get(0).path("errorCode").isTextual(), answer.body());
        return body;
    }

    private static JsonNode read(RawHttp.Answer answer) {
        try {
            return Json.mapper().readTree(answer.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + answer.body(), e);
        }
    }

    private int velo() {
        return server.port("velo");
    }

    @Test
    void headersOverTheLimitAnswer431InVelosShape() {
        veloError(RawHttp.send(velo(), "GET /v1/payors HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(9000)
                + "\r\nConnection: close\r\n\r\n"), 431);
    }

    @Test
    void uriOverTheLimitAnswers414InVelosShape() {
        veloError(RawHttp.send(velo(), "GET /v1/" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 414);
    }

    @Test
    void controlCharacterInAHeaderAnswers400InVelosShape() {
        veloError(RawHttp.send(velo(), "GET /v1/payors HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\nConnection: close\r\n\r\n"), 400);
    }

    @Test
    void encodedNulInThePathAnswers400InVelosShape() {
        veloError(RawHttp.send(velo(), "GET /v1/pay%00ors HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400);
    }

    @Test
    void badChunkSizeAnswers400InVelosShapeNot500() {
        veloError(RawHttp.send(velo(), "POST /v1/authenticate?grant_type=client_credentials HTTP/1.1\r\nHost: x\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"), 400);
    }

    @Test
    void authenticateWhoseBodyNeverArrivesAnswers408WithoutAToken() {
        String basic = Base64.getEncoder().encodeToString(
                (AcceptanceTest.API_KEY + ":" + AcceptanceTest.API_SECRET).getBytes(StandardCharsets.UTF_8));
        RawHttp.Answer answer = RawHttp.send(velo(), ("POST /v1/authenticate?grant_type=client_credentials HTTP/1.1\r\nHost: x\r\n"
                + "Authorization: Basic " + basic + "\r\nContent-Length: 100\r\nConnection: close\r\n\r\nabc")
                .getBytes(StandardCharsets.ISO_8859_1), 10_000);
        veloError(answer, 408);
        assertFalse(answer.body().contains("access_token"), answer.body());
    }

    @Test
    void bodyLimitHoldsOnRoutesThatNeverReadABody() {
        String big = "x".repeat(5000);
        veloError(RawHttp.send(velo(), "GET /v1/payors/" + AcceptanceTest.PAYOR_ID + " HTTP/1.1\r\nHost: x\r\nContent-Length: "
                + big.length() + "\r\nConnection: close\r\n\r\n" + big), 413);
        RawHttp.Answer control = RawHttp.send(server.port("control"), "POST /_sim/reset HTTP/1.1\r\nHost: x\r\nContent-Length: "
                + big.length() + "\r\nConnection: close\r\n\r\n" + big);
        assertEquals(413, control.status(), control.head());
        assertEquals("PAYLOAD_TOO_LARGE", read(control).path("error").asText());
    }

    @Test
    void terminalPortAnswersTransportErrorsInTheTerminalsShape() {
        int port = server.listenerPort("terminals", "terminal-1");
        RawHttp.Answer answer = RawHttp.send(port, "POST / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(9000)
                + "\r\nConnection: close\r\n\r\n");
        assertEquals(431, answer.status());
        JsonNode body = read(answer);
        assertEquals("error", body.path("status").asText());
        assertTrue(body.path("message").isTextual());
        assertTrue(body.path("timestamp").isNumber());
    }
}
