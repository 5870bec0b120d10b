package dev.standin.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.StandinServer;
import dev.standin.core.json.Json;
import dev.standin.support.AcceptanceTest;
import dev.standin.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bad-input corpus generated from {@code openapi/}, sent to every API: no answer is a 5xx, every
 * answer is in the API's own shape (naming the field when one is at fault), no connection drops, and
 * the server is healthy afterwards. A larger run is {@code bench/corpus.sh}.
 */
class BadInputCorpusTest {
    private static final Path OPENAPI = Path.of(System.getProperty("standin.openapi", "../openapi"));
    private static StandinServer server;
    private static ScheduledExecutorService clockTicker;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        server = TestServer.start();
        // terminal dialogs wait for the simulated customer on the virtual clock: keep it moving
        clockTicker = Executors.newSingleThreadScheduledExecutor();
        clockTicker.scheduleWithFixedDelay(() -> server.scheduler().advance(Duration.ofSeconds(30)), 20, 20, TimeUnit.MILLISECONDS);
    }

    @AfterAll
    static void stop() {
        clockTicker.shutdownNow();
        server.close();
    }

    @Test
    void veloAnswersEveryBadRequestInItsOwnShape() throws Exception {
        String token = AcceptanceTest.veloToken(server, AcceptanceTest.API_KEY, AcceptanceTest.API_SECRET);
        List<BadInputCorpus.Request> corpus = BadInputCorpus.generate(OPENAPI.resolve("velo.yaml"), path -> List.of(
                Json.mapper().createObjectNode().put("payorId", AcceptanceTest.PAYOR_ID)));
        check("velo", server.port("velo"), Map.of("Authorization", "Bearer " + token), corpus, (answer) -> {
            JsonNode body = answer.json();
            if (answer.status() == 401) {
                return body.path("error").isTextual() && body.path("error_description").isTextual();
            }
            boolean shaped = body.path("httpStatusCode").asInt() == answer.status() && body.path("correlationId").isTextual()
                    && body.path("errors").isArray() && !body.path("errors").isEmpty()
                    && body.path("errors").get(0).path("errorMessage").isTextual() && body.path("errors").get(0).path("errorCode").isTextual();
            boolean named = answer.status() != 400 || hasLocation(body.path("errors"));
            return shaped && named;
        });
    }

    @Test
    void terminalsAnswerEveryBadRequestInTheirOwnShape() throws Exception {
        List<BadInputCorpus.Request> corpus = BadInputCorpus.generate(OPENAPI.resolve("velapay-terminal.yaml"),
                path -> BadInputCorpus.terminalBases());
        check("terminals", server.listenerPort("terminals", "terminal-1"), Map.of(), corpus, (answer) -> {
            JsonNode body = answer.json();
            return body.path("status").asText().equals("error") && body.path("message").isTextual()
                    && body.path("timestamp").isIntegralNumber() && body.path("version").isTextual();
        });
    }

    @Test
    void velapayCloudAnswersEveryBadSignedRequestInItsOwnShape() throws Exception {
        List<BadInputCorpus.Request> corpus = BadInputCorpus.generate(OPENAPI.resolve("velapay-cloud.yaml"), path -> BadInputCorpus.cloudBases());
        check("velapayCloud", server.port("velapayCloud"), r -> {
            String timestamp = Long.toString(server.sandboxes().defaultSandbox().clock().now().getEpochSecond());
            byte[] body = r.body() == null ? new byte[0] : r.body();
            return Map.of("X-API-Key", "your-api-key", "X-Timestamp", timestamp,
                    "X-Signature", java.util.HexFormat.of().formatHex(dev.standin.core.auth.TimestampSignature.hmac("your-api-secret", timestamp, body)));
        }, corpus, (answer) -> {
            JsonNode body = answer.json();
            return body.path("status").asText().equals("error") && body.path("message").isTextual()
                    && body.path("timestamp").isIntegralNumber() && body.path("version").isTextual()
                    && answer.status() != 401; // every request is signed: none may fail authentication
        });
    }

    @Test
    void qoloAnswersEveryBadRequestInItsOwnShape() throws Exception {
        String token = AcceptanceTest.on(server, "qolo").contentType("application/json").body("{\"loginid\":\"qolo-demo\",\"apikey\":\"qolo-demo-apikey\"}")
                .post("/api/v1/auth/login").then().statusCode(200).extract().path("access_token");
        List<BadInputCorpus.Request> corpus = BadInputCorpus.generate(OPENAPI.resolve("qolo.yaml"), path -> List.of(
                Json.mapper().createObjectNode(),
                (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().createObjectNode().put("client_reference_id", "r1")
                        .put("transfer_type", "BANKTOACCOUNT").put("amount", 1).set("destination", Json.mapper().createObjectNode()
                                .put("account_guid", "00000000-0000-4000-8000-000000000000"))));
        check("qolo", server.port("qolo"), Map.of("Authorization", "Bearer " + token), corpus, (answer) -> {
            JsonNode body = answer.json();
            return body.path("status_code").asInt() == answer.status() && body.path("error").isTextual()
                    && body.path("message").isTextual() && body.path("errors").isArray()
                    && (answer.status() != 400 || body.path("errors").size() > 0); // a 400 names its fields
        });
    }

    @Test
    void vendreoAnswersEveryBadRequestInItsOwnShape() throws Exception {
        List<BadInputCorpus.Request> corpus = BadInputCorpus.generate(OPENAPI.resolve("vendreo.yaml"), path -> List.of(
                Json.mapper().createObjectNode(),
                Json.mapper().createObjectNode().put("application_key", "19899181-5f37-4282-90d1-683e69cf3d05").put("amount", 100)
                        .put("payment_type", "SINGLE").put("redirect_url", "https://shop.example/ok").put("remote_institution_id", "starling")
                        .put("account_name", "A").put("account_number", "12345678").put("sort_code", "123456")
                        .put("first_amount", 1).put("recurring_amount", 1).put("frequency", "weekly")));
        check("vendreo", server.port("vendreo"), Map.of("Authorization", "Bearer vendreo-secret-key"), corpus, (answer) -> {
            JsonNode body = answer.json();
            return body.path("message").isTextual() && body.path("errors").isObject()
                    && (answer.status() != 422 || body.path("errors").size() > 0); // a 422 names its fields
        });
    }

    @Test
    void controlApiAnswersEveryBadRequestInItsOwnShape() throws Exception {
        List<BadInputCorpus.Request> corpus = BadInputCorpus.generate(OPENAPI.resolve("control.yaml"),
                path -> List.of(Json.mapper().createObjectNode()));
        check("control", server.port("control"), Map.of(), corpus, (answer) -> {
            JsonNode body = answer.json();
            return body.path("error").isTextual() && body.path("message").isTextual();
        });
    }

    private static boolean hasLocation(JsonNode errors) {
        for (JsonNode e : errors) {
            if (e.path("location").isTextual()) {
                return true;
            }
        }
        return false;
    }

    /** An answer to one corpus request. */
    record Answer(int status, String text) {
        JsonNode json() {
            try {
                return Json.mapper().readTree(text);
            } catch (IOException e) {
                return Json.mapper().createObjectNode();
            }
        }
    }

    private void check(String api, int port, Map<String, String> headers, List<BadInputCorpus.Request> corpus,
                       Predicate<Answer> inShape) throws Exception {
        check(api, port, r -> headers, corpus, inShape);
    }

    private void check(String api, int port, java.util.function.Function<BadInputCorpus.Request, Map<String, String>> headersOf,
                       List<BadInputCorpus.Request> corpus, Predicate<Answer> inShape) throws Exception {
        List<String> failures = new ArrayList<>();
        for (BadInputCorpus.Request r : corpus) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + r.path()))
                    .timeout(Duration.ofSeconds(15))
                    .method(r.method(), r.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(r.body()));
            headersOf.apply(r).forEach(request::header);
            if (r.contentType() != null) {
                request.header("Content-Type", r.contentType());
            }
            Answer answer;
            try {
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                answer = new Answer(response.statusCode(), response.body());
            } catch (IOException e) {
                failures.add(r + ": no answer (" + e + ")");
                continue;
            }
            if (answer.status() >= 500) {
                failures.add(r + ": " + answer.status() + " " + abbreviate(answer.text()));
            } else if (answer.status() >= 400 && !inShape.test(answer)) {
                failures.add(r + ": not in " + api + "'s shape: " + answer.status() + " " + abbreviate(answer.text()));
            }
        }
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port("control") + "/_sim/health"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), "unhealthy after the corpus");
        assertTrue(failures.isEmpty(), failures.size() + " of " + corpus.size() + " bad requests to " + api + " were mishandled:\n"
                + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
        assertTrue(corpus.size() > 100, "the corpus for " + api + " is too small to mean anything: " + corpus.size());
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
