package dev.standin.junit5;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@StandinTest
class StandinExtensionTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    Standin standin;

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String veloToken(Standin standin) throws Exception {
        String basic = Base64.getEncoder().encodeToString((standin.credential("velo", "apiKey") + ":" + standin.credential("velo", "apiSecret"))
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(standin.url("velo") + "/v1/authenticate?grant_type=client_credentials"))
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, answer.statusCode(), answer.body());
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body()).path("access_token").asText();
    }

    @Test
    void theHandleIsInjectedIntoFieldsAndParametersWithTheSandboxsOwnCredentials(Standin parameter) throws Exception {
        assertSame(standin, parameter);
        assertNotEquals("default", standin.sandbox());
        assertNotEquals("44a9537d-d55d-4b47-8082-14061c2bcdd8", standin.credential("velo", "apiKey"), "a sandbox's credentials are its own");
        String token = veloToken(standin);
        HttpResponse<String> payor = send(HttpRequest.newBuilder(URI.create(standin.url("velo") + "/v1/payors/" + standin.credential("velo", "payorId")))
                .header("Authorization", "Bearer " + token));
        assertEquals(200, payor.statusCode());
        assertTrue(payor.body().contains("Payor1"));
    }

    @Test
    void theClockMovesOnlyWhenAdvanced() {
        Instant before = standin.clock().now();
        assertEquals(before.plus(Duration.ofHours(2)), standin.clock().advance(Duration.ofHours(2)));
    }

    @Test
    void verifyCountsTheSandboxsRequestsAndListsThemWhenTheCountIsWrong() throws Exception {
        String token = veloToken(standin);
        standin.requests().clear();
        send(HttpRequest.newBuilder(URI.create(standin.url("velo") + "/v2/currencies")).header("Authorization", "Bearer " + token));
        standin.requests().verify(1, RequestPattern.get("velo", "/v2/currencies").status(200));
        standin.requests().verify(0, RequestPattern.post("velo", "/v3/payouts"));
        AssertionError wrong = assertThrows(AssertionError.class, () -> standin.requests().verify(2, RequestPattern.get("velo", "/v2/*")));
        assertTrue(wrong.getMessage().contains("velo GET /v2/currencies -> 200"), wrong.getMessage());
    }

    @Test
    void aLoadedScenarioRuleDecidesAndTheJournalSaysWhich() throws Exception {
        standin.load("""
                version: 1
                name: teapot
                rules:
                  - name: brew
                    match: {provider: velo, method: GET, path: /v2/currencies}
                    effect: {respond: {status: 418}}
                """);
        String token = veloToken(standin);
        assertEquals(418, send(HttpRequest.newBuilder(URI.create(standin.url("velo") + "/v2/currencies"))
                .header("Authorization", "Bearer " + token)).statusCode());
        standin.requests().verify(1, RequestPattern.any().rule("teapot/brew"));
        standin.unload("teapot");
        JsonNode shipped = standin.load("velo-partial-failure");
        assertEquals("velo-partial-failure", shipped.path("name").asText());
        standin.unload("velo-partial-failure");
    }

    @Test
    void aTerminalSaleIsPaidByTheCustomerTheTestPlays() throws Exception {
        Terminal terminal = standin.terminal("terminal-1");
        CompletableFuture<HttpResponse<String>> sale = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(standin.terminalUrl("terminal-1") + "/"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"requestType\":\"payment\",\"transactionType\":\"sale\",\"tenderType\":\"credit\",\"amount\":\"9.99\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        terminal.awaitScreen("WAITING_CARD", Duration.ofSeconds(5));
        terminal.presentCard("VISA", "CONTACTLESS");
        String answer = sale.get().body();
        assertTrue(answer.contains("\"paymentStatus\":\"APPROVED\""), answer);
        assertEquals("IDLE", terminal.screen().path("state").asText());
    }

    /** A nested class without an annotation of its own: the enclosing class's sandbox. */
    @Nested
    class Shared {
        Standin same;

        @Test
        void usesTheEnclosingClasssSandbox() {
            assertEquals(standin.sandbox(), same.sandbox());
        }
    }

    /** A second class: a sandbox of its own, which sees nothing of the first's. */
    @Nested
    @StandinTest(resetEachTest = true)
    class AnotherClass {
        Standin other;

        @Test
        void hasASandboxOfItsOwn() {
            assertNotEquals(standin.sandbox(), other.sandbox());
            assertNotEquals(standin.credential("velo", "apiKey"), other.credential("velo", "apiKey"));
            assertTrue(other.webhooks().isEmpty());
        }
    }
}
