package dev.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.standin.support.PackagedServer;
import dev.standin.support.TwoInstances;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.standin.support.PackagedServer.send;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two packaged servers on one PostgreSQL database (STANDIN_TEST_POSTGRES; skipped without it): one
 * virtual clock, Velo and Qolo tokens accepted by both, the stored steps of an instance killed with SIGKILL run
 * by the other once, one winner among concurrent instructs spread over both, caches never stale after
 * the other's change, scenarios, resets and rule counts followed by both, one Qolo rate limit.
 */
class MultiInstanceIT extends TwoInstances {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAYOR = "c66a1b03-23e2-4fa8-9197-840f98f8d205";
    private static final String KEY = "44a9537d-d55d-4b47-8082-14061c2bcdd8:c396b26b-137a-44fd-87f5-34631f8fd529";
    private static final String ONE_PAYMENT = "{\"payorId\":\"" + PAYOR + "\",\"payments\":[{\"remoteId\":\"myRemoteId01\","
            + "\"currency\":\"USD\",\"amount\":100,\"sourceAccountName\":\"PAYOR_SRC_ACCT\"}]}";

    @Test
    void twoInstancesShareOneClockAndTheSurvivorRunsTheKilledOnesStepsOnce() throws Exception {
        Instant start = clock(a);
        assertEquals(start, clock(b), "both read the one clock");
        advance(b, "PT1H");
        assertEquals(start.plus(Duration.ofHours(1)), clock(a), "an advance on one instance is seen by the other");

        String payoutId = JSON.readTree(send(a.velo, "POST", "/v3/payouts", "Bearer " + token(a), ONE_PAYMENT).body())
                .path("payoutId").asText();
        HttpResponse<String> onB = send(b.velo, "POST", "/v3/payouts", "Bearer " + token(b), ONE_PAYMENT.replace("}]}", ",\"payorPaymentId\":\"b1\"}]}"));
        assertEquals(202, onB.statusCode(), "a step stored by the other instance at the same time: " + onB.body());
        a.close(); // SIGKILL: its validation step is still to run

        advance(b, "PT1M");
        JsonNode payout = JSON.readTree(send(b.velo, "GET", "/v3/payouts/" + payoutId, "Bearer " + token(b), null).body());
        assertEquals("ACCEPTED", payout.path("status").asText(), payout.toString());
        assertEquals(1, count("select count(*) from velo.payment_event e join velo.payment p on p.payment_id = e.payment_id "
                + "where p.payout_id = '" + payoutId + "' and e.event_type = 'PAYMENT_SUBMITTED_ACCEPTED'"), "the validation ran exactly once");
        assertEquals(0, count("select count(*) from core.scheduled_step where name like 'validate payout%'"), "no validation left pending");
    }

    @Test
    void aPayoutJourneyAlternatesBetweenInstancesAndOnlyOneOfAHundredConcurrentInstructsWins() throws Exception {
        String auth = "Bearer " + token(a); // issued by one instance, accepted by the other
        String payoutId = JSON.readTree(send(b.velo, "POST", "/v3/payouts", auth, ONE_PAYMENT).body()).path("payoutId").asText();
        advance(a, "PT2S");
        assertEquals("ACCEPTED", JSON.readTree(send(b.velo, "GET", "/v3/payouts/" + payoutId, auth, null).body()).path("status").asText());

        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<Integer>> answers = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < 100; i++) {
            int port = i % 2 == 0 ? a.velo : b.velo;
            answers.add(pool.submit(() -> {
                go.await();
                return send(port, "POST", "/v3/payouts/" + payoutId, auth, null).statusCode();
            }));
        }
        go.countDown();
        int accepted = 0;
        for (Future<Integer> answer : answers) {
            int status = answer.get(60, TimeUnit.SECONDS);
            if (status == 202) {
                accepted++;
            } else {
                assertEquals(409, status, "a losing instruct");
            }
        }
        pool.shutdown();
        assertEquals(1, accepted, "exactly one instruct wins across both instances");

        for (int i = 0; i < 6; i++) {
            advance(i % 2 == 0 ? a : b, "PT10S"); // the payment's steps, run by whichever instance claims each
        }
        JsonNode done = JSON.readTree(send(a.velo, "GET", "/v3/payouts/" + payoutId, auth, null).body());
        assertEquals("COMPLETED", done.path("status").asText(), done.toString());
    }

    @Test
    void aQoloTokenAndAnIdempotencyKeyFromOneInstanceHoldOnTheOther() throws Exception {
        HttpResponse<String> login = send(a.qolo, "POST", "/api/v1/auth/login", null, "{\"loginid\":\"qolo-demo\",\"apikey\":\"qolo-demo-apikey\"}");
        JsonNode issued = JSON.readTree(login.body());
        String auth = "Bearer " + issued.path("access_token").asText();
        HttpResponse<String> balances = send(b.qolo, "GET", "/api/v1/programs/" + issued.path("program_guid").asText() + "/balances", auth, null);
        assertEquals(200, balances.statusCode(), balances.body());
        assertEquals(401, send(b.qolo, "GET", "/api/v1/programs/" + issued.path("program_guid").asText() + "/balances",
                "Bearer qolo_unknown", null).statusCode());

        // an idempotent retry on the other instance, its fields in another order and a number spelt otherwise,
        // gets the first answer byte for byte; the key with another body is refused
        String card = "{\"person\":{\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"birth_date\":\"1990-04-01\"},\"months_until_expire\":24}";
        HttpResponse<String> first = sendWithKey(a.qolo, auth, "retry-1", card);
        HttpResponse<String> retry = sendWithKey(b.qolo, auth, "retry-1",
                "{ \"months_until_expire\": 24.0, \"person\": {\"birth_date\": \"1990-04-01\", \"last_name\": \"Lovelace\", \"first_name\": \"Ada\"} }");
        assertEquals(201, first.statusCode(), first.body());
        assertEquals(201, retry.statusCode(), retry.body());
        assertEquals(first.body(), retry.body(), "one card, not two, and its answer as first sent");
        HttpResponse<String> other = sendWithKey(b.qolo, auth, "retry-1", card.replace("Ada", "Bob"));
        assertEquals(409, other.statusCode(), other.body());
        assertEquals(409, sendWithKey(b.qolo, auth, "retry-1", card.replace("24", "\"24\"")).statusCode(), "a string is not the number");
    }

    @Test
    void whatOneInstanceChangesIsNeverAnsweredStaleFromTheOthersCache() throws Exception {
        String auth = "Bearer " + token(a);
        // B caches the payor and its payee list; A changes both
        assertEquals(false, JSON.readTree(send(b.velo, "GET", "/v2/payors/" + PAYOR, auth, null).body()).path("reminderEmailsOptOut").asBoolean());
        int before = JSON.readTree(send(b.velo, "GET", "/v1/payees?payorId=" + PAYOR, auth, null).body()).path("page").path("totalElements").asInt();
        assertEquals(202, send(a.velo, "POST", "/v1/payors/" + PAYOR + "/reminderEmailsUpdate", auth, "{\"reminderEmailsOptOut\":true}").statusCode());
        HttpResponse<String> created = send(a.velo, "POST", "/v2/payees", auth, "{\"payorId\":\"" + PAYOR + "\",\"payees\":[{\"type\":\"Individual\","
                + "\"remoteId\":\"shared-1\",\"email\":\"shared.1@example.com\",\"address\":{\"line1\":\"1 Road\",\"city\":\"Austin\","
                + "\"zipOrPostcode\":\"73301\",\"country\":\"US\"},\"paymentChannel\":{\"countryCode\":\"US\",\"currency\":\"USD\","
                + "\"accountName\":\"New Payee\",\"accountNumber\":\"12345678\",\"routingNumber\":\"123456789\"},"
                + "\"individual\":{\"name\":{\"firstName\":\"New\",\"lastName\":\"Payee\"},\"dateOfBirth\":\"1990-02-03\"}}]}");
        assertEquals(201, created.statusCode(), created.body());
        advance(a, "PT3S"); // the batch's step runs on either instance

        assertEquals(true, JSON.readTree(send(b.velo, "GET", "/v2/payors/" + PAYOR, auth, null).body()).path("reminderEmailsOptOut").asBoolean());
        // a Vendreo application's callback URL changed through one instance's control API is the other's
        String application = vendreoApplication(b).path("applicationKey").asText();
        assertEquals(200, send(a.control, "PUT", "/_sim/vendreo/applications/" + application, null,
                "{\"callback_url\":\"https://shop.example/changed\"}").statusCode());
        assertEquals("https://shop.example/changed", vendreoApplication(b).path("callbackUrl").asText());
        assertEquals(before + 1, JSON.readTree(send(b.velo, "GET", "/v1/payees?payorId=" + PAYOR, auth, null).body())
                .path("page").path("totalElements").asInt(), "the other instance's new payee is listed at once");
    }

    @Test
    void aScenarioLoadedOnOneInstanceRulesBothAndItsRuleCountsAreShared() throws Exception {
        String scenario = """
                version: 1
                name: shared-outage
                rules:
                  - name: first-payor-read-fails
                    match: {provider: velo, method: GET, path: "/v2/payors/{payorId}"}
                    effect: {respond: {status: 503}}
                    times: {first: 1}
                """;
        HttpResponse<String> loaded = send(a.control, "POST", "/_sim/scenarios", null, scenario, java.util.Map.of("Content-Type", "application/yaml"));
        assertEquals(201, loaded.statusCode(), loaded.body());
        String auth = "Bearer " + token(a);
        assertEquals(503, send(b.velo, "GET", "/v2/payors/" + PAYOR, auth, null).statusCode(), "the other instance follows the load");
        assertEquals(200, send(a.velo, "GET", "/v2/payors/" + PAYOR, auth, null).statusCode(), "a first-match rule fires once across instances");
        JsonNode hits = null;
        for (JsonNode loadedOne : JSON.readTree(send(a.control, "GET", "/_sim/scenarios", null, null).body()).path("scenarios")) {
            if (loadedOne.path("name").asText().equals("shared-outage")) {
                hits = loadedOne.path("ruleHits").get(0);
            }
        }
        assertEquals(2, hits.path("matched").asInt(), hits.toString());
        assertEquals(1, hits.path("fired").asInt(), hits.toString());

        assertEquals(200, send(b.control, "POST", "/_sim/reset", null, null).statusCode());
        assertEquals(503, send(a.velo, "GET", "/v2/payors/" + PAYOR, auth, null).statusCode(), "a reset on one instance starts the counts again for both");
        assertEquals(401, send(a.velo, "GET", "/v2/payors/" + PAYOR, auth, null).statusCode(), "and forgets the tokens both knew");

        assertEquals(204, send(b.control, "DELETE", "/_sim/scenarios/shared-outage", null, null).statusCode());
        assertEquals(200, send(a.velo, "GET", "/v2/payors/" + PAYOR, "Bearer " + token(a), null).statusCode(), "the unload is followed too");
    }

    @Test
    void aQoloTokensRateLimitCountsItsRequestsToBothInstances() throws Exception {
        String scenario = java.nio.file.Files.readString(java.nio.file.Path.of("../scenarios/qolo-rate-limited.yaml"));
        assertEquals(201, send(b.control, "POST", "/_sim/scenarios", null, scenario, java.util.Map.of("Content-Type", "application/yaml")).statusCode());
        JsonNode issued = JSON.readTree(send(a.qolo, "POST", "/api/v1/auth/login", null, "{\"loginid\":\"qolo-limited\",\"apikey\":\"qolo-limited-apikey\"}").body());
        String auth = "Bearer " + issued.path("access_token").asText();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> ok = send(i % 2 == 0 ? a.qolo : b.qolo, "GET", "/api/v1/programs/limited-program/balances", auth, null);
            assertEquals(200, ok.statusCode(), "request " + (i + 1) + ": " + ok.body());
        }
        HttpResponse<String> sixth = send(b.qolo, "GET", "/api/v1/programs/limited-program/balances", auth, null);
        assertEquals(429, sixth.statusCode(), "five per minute in all, whichever instance answers: " + sixth.body());
        assertEquals("60", sixth.headers().firstValue("Retry-After").orElse(null));
    }

    @Test
    void aHoldOnOneInstanceIsListedAndReleasedThroughTheOther() throws Exception {
        String scenario = "version: 1\nname: slow-network\nrules:\n  - match: {provider: qolo, event: auth.decide}\n    effect: {hold: true}\n";
        assertEquals(201, send(b.control, "POST", "/_sim/scenarios", null, scenario, java.util.Map.of("Content-Type", "application/yaml")).statusCode());
        JsonNode issued = JSON.readTree(send(a.qolo, "POST", "/api/v1/auth/login", null, "{\"loginid\":\"qolo-demo\",\"apikey\":\"qolo-demo-apikey\"}").body());
        String auth = "Bearer " + issued.path("access_token").asText();
        String proxy = JSON.readTree(send(a.qolo, "POST", "/api/v1/cards", auth,
                "{\"person\":{\"first_name\":\"Ada\",\"last_name\":\"Held\",\"birth_date\":\"1990-04-01\"}}").body()).path("card_proxy").asText();
        assertEquals(200, send(a.qolo, "POST", "/api/v1/cards/" + proxy + "/activate", auth, null).statusCode());
        HttpResponse<String> loaded = send(a.qolo, "POST", "/api/v1/transfers", auth, "{\"client_reference_id\":\"held-load\",\"transfer_type\":\"PARTNERTOCARD\","
                + "\"amount\":1000,\"currency\":\"USD\",\"destination\":{\"card_proxy\":\"" + proxy + "\"}}");
        assertEquals(201, loaded.statusCode(), loaded.body());

        // the authorisation waits on instance A; B lists the hold and releases it; A answers
        java.util.concurrent.CompletableFuture<HttpResponse<String>> held = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return send(a.control, "POST", "/_sim/qolo/cards/" + proxy + "/authorizations", null, "{\"amount\":\"1.00\",\"merchant_name\":\"Held\"}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        JsonNode holds = poll(() -> holds(b), h -> !h.isEmpty(), 5);
        assertEquals(1, holds.size(), "the other instance lists the hold: " + holds);
        assertEquals("auth.decide", holds.get(0).path("event").asText());
        assertEquals(false, held.isDone(), "answered while held");
        assertEquals(200, send(b.control, "POST", "/_sim/holds/" + holds.get(0).path("id").asLong() + "/release", null, null).statusCode());
        HttpResponse<String> answer = held.get(5, TimeUnit.SECONDS);
        assertEquals("APPROVED", JSON.readTree(answer.body()).path("status").asText(), answer.body());
        assertEquals(0, JSON.readTree(send(a.control, "GET", "/_sim/holds", null, null).body()).path("holds").size(), "released everywhere");

        // a hold whose instance dies goes with it: no longer listed, no longer releasable
        java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                send(a.control, "POST", "/_sim/qolo/cards/" + proxy + "/authorizations", null, "{\"amount\":\"2.00\",\"merchant_name\":\"Lost\"}");
            } catch (Exception killedWhileHeld) {
                // expected: its instance is killed below
            }
        });
        holds = poll(() -> holds(b), h -> !h.isEmpty(), 5);
        assertEquals(1, holds.size(), holds.toString());
        a.close(); // SIGKILL: the held authorisation dies with it
        holds = poll(() -> holds(b), JsonNode::isEmpty, 20);
        assertEquals(0, holds.size(), "a dead instance's hold is no longer listed: " + holds);
    }

    @Test
    void aWebhookQueuedByAKilledInstanceIsRetriedByTheOtherAndBothShowOneLog() throws Exception {
        try (dev.standin.support.WebhookReceiver receiver = new dev.standin.support.WebhookReceiver()) {
            loadPayoutHook(b, receiver.url());
            receiver.failNext(1);
            assertEquals(202, send(a.velo, "POST", "/v3/payouts", "Bearer " + token(a), ONE_PAYMENT).statusCode());
            JsonNode delivery = poll(() -> firstDelivery(b), d -> d.path("state").asText().equals("RETRYING"), 5);
            assertEquals("RETRYING", delivery.path("state").asText(), "the other instance's log shows the failed first attempt");
            a.close(); // SIGKILL: the retry was queued by the instance that answered the payout

            advance(b, "PT1S");
            JsonNode after = poll(() -> firstDelivery(b), d -> d.path("state").asText().equals("DELIVERED"), 5);
            assertEquals("DELIVERED", after.path("state").asText(), after.toString());
            assertEquals(2, after.path("attempts").size(), after.toString());
            assertEquals(2, receiver.received().size(), "one failed attempt, one retry, nothing twice");
        }
    }

    @Test
    void eitherInstancesJournalListsTheRequestsBothReceived() throws Exception {
        String auth = "Bearer " + token(a);
        assertEquals(200, send(a.velo, "GET", "/v2/payors/" + PAYOR, auth, null).statusCode());
        advance(a, "PT1S"); // entries are ordered by the shared clock (a manual clock that stands still cannot order them)
        assertEquals(200, send(b.velo, "GET", "/v1/payees?payorId=" + PAYOR, auth, null).statusCode());

        JsonNode merged = JSON.readTree(send(a.control, "GET", "/_sim/requests?provider=velo&method=GET", null, null).body());
        List<String> seen = new ArrayList<>();
        java.util.Set<Long> instances = new java.util.HashSet<>();
        merged.path("requests").forEach(r -> {
            seen.add(r.path("path").asText());
            instances.add(r.path("instance").asLong());
        });
        assertEquals(List.of("/v1/payees", "/v2/payors/" + PAYOR), seen, "newest first, from both instances");
        assertEquals(2, instances.size(), "each entry names the instance that received it");
        assertEquals(0, merged.path("unreachable").size(), merged.toString());
        JsonNode local = JSON.readTree(send(a.control, "GET", "/_sim/requests?provider=velo&method=GET&instance=local", null, null).body());
        assertEquals(1, local.path("count").asInt(), "instance=local: this instance's own: " + local);

        assertEquals(204, send(b.control, "DELETE", "/_sim/requests", null, null).statusCode());
        assertEquals(0, JSON.readTree(send(a.control, "GET", "/_sim/requests?provider=velo", null, null).body()).path("count").asInt(),
                "emptied on every instance");
    }

    /** Reads {@code read} every 20 ms until {@code done} holds or {@code seconds} pass; answers the last value read. */
    private static <T> T poll(java.util.concurrent.Callable<T> read, java.util.function.Predicate<T> done, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        T value = read.call();
        while (!done.test(value) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            value = read.call();
        }
        return value;
    }

    private static JsonNode holds(PackagedServer s) throws Exception {
        return JSON.readTree(send(s.control, "GET", "/_sim/holds", null, null).body()).path("holds");
    }

    /** The newest webhook delivery in the instance's log (a missing node when there is none). */
    private static JsonNode firstDelivery(PackagedServer s) throws Exception {
        return JSON.readTree(send(s.control, "GET", "/_sim/webhooks", null, null).body()).path("deliveries").path(0);
    }

    private static JsonNode vendreoApplication(PackagedServer s) throws Exception {
        return JSON.readTree(send(s.control, "GET", "/_sim/info", null, null).body()).path("credentials").path("vendreo").path("applications").get(0);
    }

    @Test
    void aWebhookAttemptInFlightWhenItsInstanceDiesIsRecordedLostAndRetriedByAnother() throws Exception {
        b.close(); // only A may make the first attempt
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer hanging = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        hanging.setExecutor(Executors.newCachedThreadPool());
        hanging.createContext("/hook", exchange -> {
            if (calls.incrementAndGet() == 1) {
                try {
                    Thread.sleep(60_000); // the first attempt is never answered while its instance lives
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hanging.start();
        try {
            loadPayoutHook(a, "http://127.0.0.1:" + hanging.getAddress().getPort() + "/hook");
            assertEquals(202, send(a.velo, "POST", "/v3/payouts", "Bearer " + token(a), ONE_PAYMENT).statusCode());
            poll(calls::get, n -> n > 0, 5);
            assertEquals(1, calls.get(), "A sent the first attempt");
            a.close(); // SIGKILL while the attempt is in flight

            b = PackagedServer.start(List.of(), args);
            Thread.sleep(11_000); // until A is no longer seen alive
            advance(b, "PT10S"); // the attempt's guard falls due: recorded lost, the retry queued
            advance(b, "PT2S");
            JsonNode delivery = poll(() -> firstDelivery(b), d -> d.path("state").asText().equals("DELIVERED"), 10);
            assertEquals("DELIVERED", delivery.path("state").asText(), delivery.toString());
            assertEquals(2, delivery.path("attempts").size(), delivery.toString());
            assertEquals(true, delivery.path("attempts").get(0).path("error").asText().contains("stopped"), delivery.toString());
            assertEquals(2, calls.get(), "the lost attempt, then one retry");
        } finally {
            hanging.stop(0);
        }
    }

    /** Loads on {@code s} a rule that posts a webhook to {@code url} after every Velo payout submitted. */
    private static void loadPayoutHook(PackagedServer s, String url) throws Exception {
        String scenario = """
                version: 1
                name: payout-hook
                rules:
                  - match: {provider: velo, method: POST, path: /v3/payouts}
                    effect:
                      webhook: {url: "%s", body: {event: payout.submitted, payoutId: "{{response.payoutId}}"}}
                """.formatted(url);
        assertEquals(201, send(s.control, "POST", "/_sim/scenarios", null, scenario, java.util.Map.of("Content-Type", "application/yaml")).statusCode());
    }

    private static HttpResponse<String> sendWithKey(int port, String auth, String key, String body) throws Exception {
        return send(port, "POST", "/api/v1/cards", auth, body, java.util.Map.of("IdempotencyKey", key));
    }


    private static Instant clock(PackagedServer s) throws Exception {
        return Instant.parse(JSON.readTree(send(s.control, "GET", "/_sim/clock", null, null).body()).path("now").asText());
    }

    private static void advance(PackagedServer s, String by) throws Exception {
        assertEquals(200, send(s.control, "POST", "/_sim/clock/advance", null, "{\"by\":\"" + by + "\"}").statusCode());
    }

    private static String token(PackagedServer s) throws Exception {
        HttpResponse<String> r = send(s.velo, "POST", "/v1/authenticate?grant_type=client_credentials",
                "Basic " + Base64.getEncoder().encodeToString(KEY.getBytes()), null);
        return JSON.readTree(r.body()).path("access_token").asText();
    }
}
