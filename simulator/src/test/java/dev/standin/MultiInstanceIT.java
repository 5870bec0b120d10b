package dev.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.standin.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two packaged servers on one PostgreSQL database (STANDIN_TEST_POSTGRES; skipped without it): one
 * virtual clock, and the stored steps of an instance killed with SIGKILL run by the other, once.
 */
class MultiInstanceIT {
    private static final String JAR = System.getProperty("standin.jar", "target/standin.jar");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAYOR = "c66a1b03-23e2-4fa8-9197-840f98f8d205";
    private static final String KEY = "44a9537d-d55d-4b47-8082-14061c2bcdd8:c396b26b-137a-44fd-87f5-34631f8fd529";
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> processes = new ArrayList<>();

    record Instance(Process process, int control, int velo, Path log) {
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void twoInstancesShareOneClockAndTheSurvivorRunsTheKilledOnesStepsOnce() throws Exception {
        Assumptions.assumeTrue(TestDatabase.postgres(), "STANDIN_TEST_POSTGRES is not set: no PostgreSQL to share");
        List<String> database = TestDatabase.options();
        Instance a = start(database);
        Instance b = start(database);

        Instant start = clock(a);
        assertEquals(start, clock(b), "both read the one clock");
        advance(b, "PT1H");
        assertEquals(start.plus(Duration.ofHours(1)), clock(a), "an advance on one instance is seen by the other");

        String payoutId = JSON.readTree(send(a.velo, "POST", "/v3/payouts", "Bearer " + token(a),
                "{\"payorId\":\"" + PAYOR + "\",\"payments\":[{\"remoteId\":\"myRemoteId01\",\"currency\":\"USD\",\"amount\":100,"
                        + "\"sourceAccountName\":\"PAYOR_SRC_ACCT\"}]}").body()).path("payoutId").asText();
        a.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: its validation step is still to run

        advance(b, "PT1M");
        JsonNode payout = JSON.readTree(send(b.velo, "GET", "/v3/payouts/" + payoutId, "Bearer " + token(b), null).body());
        assertEquals("ACCEPTED", payout.path("status").asText(), payout.toString());
        try (Connection c = DriverManager.getConnection(database.get(1), database.get(3), "");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*) from velo.payment_event e join velo.payment p on p.payment_id = e.payment_id "
                     + "where p.payout_id = '" + payoutId + "' and e.event_type = 'PAYMENT_SUBMITTED_ACCEPTED'")) {
            r.next();
            assertEquals(1, r.getInt(1), "the validation ran exactly once");
        }
        try (Connection c = DriverManager.getConnection(database.get(1), database.get(3), "");
             Statement s = c.createStatement(); ResultSet r = s.executeQuery("select count(*) from core.scheduled_step where name like 'validate payout%'")) {
            r.next();
            assertEquals(0, r.getInt(1), "no validation left pending");
        }
    }

    @Test
    void aPayoutJourneyAlternatesBetweenInstancesAndOnlyOneOfAHundredConcurrentInstructsWins() throws Exception {
        Assumptions.assumeTrue(TestDatabase.postgres(), "STANDIN_TEST_POSTGRES is not set: no PostgreSQL to share");
        List<String> database = TestDatabase.options();
        Instance a = start(database);
        Instance b = start(database);
        String auth = "Bearer " + token(a); // issued by one instance, accepted by the other
        String payoutId = JSON.readTree(send(b.velo, "POST", "/v3/payouts", auth,
                "{\"payorId\":\"" + PAYOR + "\",\"payments\":[{\"remoteId\":\"myRemoteId01\",\"currency\":\"USD\",\"amount\":100,"
                        + "\"sourceAccountName\":\"PAYOR_SRC_ACCT\"}]}").body()).path("payoutId").asText();
        advance(a, "PT2S");
        assertEquals("ACCEPTED", JSON.readTree(send(b.velo, "GET", "/v3/payouts/" + payoutId, auth, null).body()).path("status").asText());

        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        for (int i = 0; i < 100; i++) {
            int port = i % 2 == 0 ? a.velo : b.velo;
            answers.add(pool.submit(() -> {
                go.await();
                return send(port, "POST", "/v3/payouts/" + payoutId, auth, null).statusCode();
            }));
        }
        go.countDown();
        int accepted = 0;
        for (var answer : answers) {
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

    private Instance start(List<String> database) throws Exception {
        int control = freePort();
        int velo = freePort();
        Path log = Files.createTempFile("standin-instance", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR,
                "--clock", "manual", "--start-time", "2026-01-01T00:00:00Z", "--host", "127.0.0.1"));
        command.addAll(dev.standin.support.TestServer.freePorts());
        command.addAll(List.of("--port-control", String.valueOf(control), "--port-velo", String.valueOf(velo)));
        command.addAll(database);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), "exited: " + Files.readString(log));
            try {
                if (send(control, "GET", "/_sim/health", null, null).statusCode() == 200) {
                    return new Instance(process, control, velo, log);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("never healthy: " + Files.readString(log));
    }

    private Instant clock(Instance i) throws Exception {
        return Instant.parse(JSON.readTree(send(i.control, "GET", "/_sim/clock", null, null).body()).path("now").asText());
    }

    private void advance(Instance i, String by) throws Exception {
        assertEquals(200, send(i.control, "POST", "/_sim/clock/advance", null, "{\"by\":\"" + by + "\"}").statusCode());
    }

    private String token(Instance i) throws Exception {
        HttpResponse<String> r = send(i.velo, "POST", "/v1/authenticate?grant_type=client_credentials",
                "Basic " + Base64.getEncoder().encodeToString(KEY.getBytes()), null);
        return JSON.readTree(r.body()).path("access_token").asText();
    }

    private HttpResponse<String> send(int port, String method, String path, String auth, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
