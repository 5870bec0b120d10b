package dev.standin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.standin.support.PackagedServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.standin.support.PackagedServer.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged jar in a JVM with a 64 MB heap, filled with payouts until it is nearly full: writes then
 * answer 507 HEAP_FULL in Velo's own error shape instead of the process dying of an OutOfMemoryError,
 * reads still answer, {@code /_sim/health} says why, and a reset makes room again; with both collectors
 * Standin is run with (the parallel one, capped young generation, by default; the serial one).
 */
class HeapLimitIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAYOR = "c66a1b03-23e2-4fa8-9197-840f98f8d205";
    private static final String KEY = "44a9537d-d55d-4b47-8082-14061c2bcdd8:c396b26b-137a-44fd-87f5-34631f8fd529";

    @ParameterizedTest
    @ValueSource(strings = {"-XX:+UseParallelGC", "-XX:+UseSerialGC"})
    void aNearlyFullHeapRefusesWritesInTheProvidersShapeAndAResetMakesRoom(String collector) throws Exception {
        try (PackagedServer server = PackagedServer.start(List.of("-Xms64m", "-Xmx64m", collector, "-XX:+ExitOnOutOfMemoryError"),
                List.of("--clock", "manual", "--journal-size", "0"))) {
            int velo = server.velo;
            String token = token(velo);
            String payout = payout(500);
            int accepted = 0;
            HttpResponse<String> refused = null;
            for (int i = 0; i < 5_000 && refused == null; i++) {
                HttpResponse<String> r = send(velo, "POST", "/v3/payouts", "Bearer " + token, payout);
                if (r.statusCode() == 202) {
                    accepted++;
                } else {
                    refused = r;
                }
            }
            assertTrue(server.process.isAlive(), "the server died: " + server.output());
            assertTrue(refused != null, "never refused after " + accepted + " payouts");
            assertEquals(507, refused.statusCode(), refused.body());
            JsonNode error = JSON.readTree(refused.body());
            assertEquals("HEAP_FULL", error.at("/errors/0/errorCode").asText(), refused.body());
            assertTrue(error.at("/errors/0/errorMessage").asText().contains("--heap-limit-percent"), refused.body());
            assertTrue(error.hasNonNull("correlationId"), refused.body());
            assertTrue(accepted > 10, "refused after only " + accepted + " payouts of 500 payments");

            JsonNode health = JSON.readTree(send(server.control, "GET", "/_sim/health", null, null).body());
            assertTrue(health.at("/heap/full").asBoolean(), health.toString());
            assertTrue(health.at("/heap/why").asText().contains("% full"), health.toString());
            assertTrue(health.at("/heap/space").asText().matches("PS Old Gen|Tenured Gen"), health.toString());
            assertEquals(200, send(velo, "GET", "/v1/payees?payorId=" + PAYOR, "Bearer " + token, null).statusCode(), "reads still answer");

            assertEquals(200, send(server.control, "POST", "/_sim/reset", null, null).statusCode());
            String fresh = token(velo);
            int status = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (status != 202 && System.nanoTime() < deadline) {
                Thread.sleep(100); // the next full collection sees the room the reset made
                status = send(velo, "POST", "/v3/payouts", "Bearer " + fresh, payout(1)).statusCode();
            }
            assertEquals(202, status, "a write after the reset");
            assertTrue(server.process.isAlive());
            System.out.println("heap limit (" + collector + "): " + accepted + " payouts of 500 payments accepted in a 64 MB heap before 507");
        }
    }

    private static String payout(int payments) {
        StringBuilder b = new StringBuilder("{\"payorId\":\"" + PAYOR + "\",\"payments\":[");
        for (int i = 0; i < payments; i++) {
            b.append(i == 0 ? "" : ",").append("{\"remoteId\":\"remote").append(i)
                    .append("\",\"currency\":\"USD\",\"amount\":100,\"sourceAccountName\":\"PAYOR_SRC_ACCT\"}");
        }
        return b.append("]}").toString();
    }

    private static String token(int velo) throws Exception {
        HttpResponse<String> r = send(velo, "POST", "/v1/authenticate?grant_type=client_credentials",
                "Basic " + Base64.getEncoder().encodeToString(KEY.getBytes()), null);
        return JSON.readTree(r.body()).path("access_token").asText();
    }
}
