package dev.standin;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kills the packaged server with SIGKILL while several clients write on a data directory, starts it
 * again on the same directory, and finds every acknowledged write, then every pending step (payout
 * validation, payee batches, ACH credits) run once the virtual clock reaches it.
 */
class CrashDurabilityIT {
    private static final String JAR = System.getProperty("standin.jar", "target/standin.jar");
    private static final String PAYOR = "c66a1b03-23e2-4fa8-9197-840f98f8d205";
    private static final String USD_EMPTY = "5a0c0005-0000-4000-8000-000000000005";
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            "44a9537d-d55d-4b47-8082-14061c2bcdd8:c396b26b-137a-44fd-87f5-34631f8fd529".getBytes(StandardCharsets.UTF_8));
    private static final Pattern ID = Pattern.compile("\"(payoutId|batchId)\":\"([0-9a-f-]{36})\"");

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void everyAcknowledgedWriteAndPendingStepSurvivesSigkill() throws Exception {
        Path dir = Files.createTempDirectory("standin-crash");
        int control = freePort();
        int velo = freePort();
        Process first = launch(dir, control, velo);
        awaitHealthy(control);
        String token = token(velo);

        ConcurrentLinkedQueue<String> payouts = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> batches = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> fundings = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int c = 0; c < 4; c++) {
            int clientNo = c;
            clients.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    try {
                        switch (i % 3) {
                            case 0 -> ack(post(velo, token, "/v3/payouts", "{\"payorId\":\"" + PAYOR + "\",\"payments\":[{\"remoteId\":"
                                    + "\"myRemoteId01\",\"currency\":\"USD\",\"amount\":100,\"sourceAccountName\":\"USD_Velo\"}]}"), 202, payouts);
                            case 1 -> ack(post(velo, token, "/v2/payees", "{\"payorId\":\"" + PAYOR + "\",\"payees\":[" + payee("crash-" + clientNo + "-" + i)
                                    + "]}"), 201, batches);
                            default -> {
                                HttpResponse<String> r = post(velo, token, "/v1/sourceAccounts/" + USD_EMPTY + "/achFundingRequest", "{\"amount\":7}");
                                if (r.statusCode() == 202) {
                                    fundings.add(7L);
                                }
                            }
                        }
                    } catch (IOException killed) {
                        return null;
                    }
                }
                return null;
            });
        }
        Thread.sleep(2500);
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close of the database
        first.waitFor(10, TimeUnit.SECONDS);
        stop.set(true);
        clients.shutdown();
        assertTrue(clients.awaitTermination(20, TimeUnit.SECONDS));
        assertTrue(payouts.size() > 5 && batches.size() > 5 && fundings.size() > 5,
                "too few writes before the kill: " + payouts.size() + " " + batches.size() + " " + fundings.size());

        Process second = launch(dir, control, velo);
        try {
            awaitHealthy(control);
            String again = token(velo);
            for (String payout : payouts) {
                assertEquals(200, get(velo, again, "/v3/payouts/" + payout).statusCode(), "payout " + payout + " was acknowledged but lost");
            }
            for (String batch : batches) {
                assertEquals(200, get(velo, again, "/v2/payees/batch/" + batch).statusCode(), "batch " + batch + " was acknowledged but lost");
            }
            HttpResponse<String> advanced = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control + "/_sim/clock/advance"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"by\":\"PT1H\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, advanced.statusCode(), advanced.body());
            again = token(velo); // the hour advanced expired the token
            for (String payout : payouts) {
                String body = get(velo, again, "/v3/payouts/" + payout).body();
                assertTrue(body.contains("\"status\":\"ACCEPTED\""), "payout still not validated after the restart: " + body);
            }
            for (String batch : batches) {
                String body = get(velo, again, "/v2/payees/batch/" + batch).body();
                assertTrue(body.contains("\"status\":\"ACCEPTED\""), "payee batch never processed after the restart: " + body);
            }
            String account = get(velo, again, "/v1/sourceAccounts/" + USD_EMPTY).body();
            long credited = fundings.stream().mapToLong(Long::longValue).sum();
            Matcher balance = Pattern.compile("\"balance\":(\\d+)").matcher(account);
            assertTrue(balance.find(), account);
            assertTrue(Long.parseLong(balance.group(1)) >= credited,
                    "acknowledged ACH fundings of " + credited + " but the balance is " + balance.group(1));
        } finally {
            second.destroy();
            second.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String payee(String remoteId) {
        return ("{\"type\":\"Individual\",\"remoteId\":\"%s\",\"email\":\"%s@example.com\",\"address\":{\"line1\":\"1 Road\",\"city\":\"Austin\","
                + "\"zipOrPostcode\":\"73301\",\"country\":\"US\"},\"paymentChannel\":{\"countryCode\":\"US\",\"currency\":\"USD\","
                + "\"accountName\":\"New Payee\",\"accountNumber\":\"12345678\",\"routingNumber\":\"123456789\"},"
                + "\"individual\":{\"name\":{\"firstName\":\"New\",\"lastName\":\"Payee\"},\"dateOfBirth\":\"1990-02-03\"}}").formatted(remoteId, remoteId);
    }

    private static void ack(HttpResponse<String> response, int status, ConcurrentLinkedQueue<String> ids) {
        if (response.statusCode() == status) {
            Matcher m = ID.matcher(response.body());
            if (m.find()) {
                ids.add(m.group(2));
            } else {
                response.headers().firstValue("Location").ifPresent(location -> ids.add(location.replaceAll(".*/", "")));
            }
        }
    }

    private HttpResponse<String> post(int port, String token, String path, String body) throws IOException {
        try {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private HttpResponse<String> get(int port, String token, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String token(int velo) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + velo
                        + "/v1/authenticate?grant_type=client_credentials")).header("Authorization", BASIC)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(r.body());
        assertTrue(m.find(), r.body());
        return m.group(1);
    }

    private void awaitHealthy(int control) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                if (client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control + "/_sim/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("not healthy within 30 s");
    }

    private static Process launch(Path dir, int control, int velo) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR,
                "--data-dir", dir.toString(), "--clock", "manual", "--start-time", "2026-01-01T00:00:00Z", "--host", "127.0.0.1",
                "--port-control", String.valueOf(control)));
        command.addAll(dev.standin.support.TestServer.freePorts());
        command.addAll(List.of("--port-velo", String.valueOf(velo))); // after the free ports: the last value wins
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
