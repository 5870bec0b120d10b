package dev.standin.reliability;

import dev.standin.support.AcceptanceTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Money stays right when clients race: one instruct wins, fundings add up, withdraw and instruct exclude each other. */
class ConcurrencyTest extends AcceptanceTest {
    private static final String USD_EMPTY = "5a0c0005-0000-4000-8000-000000000005";

    private String submitAccepted(String token) {
        String payoutId = veloAs(token).body("{\"payorId\":\"" + PAYOR_ID + "\",\"payments\":[{\"remoteId\":\"myRemoteId01\","
                + "\"currency\":\"USD\",\"amount\":100,\"sourceAccountName\":\"PAYOR_SRC_ACCT\"}]}")
                .post("/v3/payouts").then().statusCode(202).extract().path("payoutId");
        advance("PT5S");
        veloAs(token).get("/v3/payouts/" + payoutId).then().body("status", equalTo("ACCEPTED"));
        return payoutId;
    }

    /** Runs every call at once (released together) and answers their statuses. */
    private static List<Integer> race(List<Callable<Integer>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Integer> out = new ArrayList<>();
            for (Future<Integer> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ofSixtyFourConcurrentInstructsExactlyOneIsAccepted() throws Exception {
        String token = veloToken();
        String payoutId = submitAccepted(token);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            calls.add(() -> veloAs(token).post("/v3/payouts/" + payoutId).then().extract().statusCode());
        }
        List<Integer> statuses = race(calls);
        assertEquals(1, statuses.stream().filter(s -> s == 202).count(), statuses.toString());
        assertEquals(63, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        advance("PT1M");
        veloAs(token).get("/v3/payouts/" + payoutId).then().body("status", equalTo("COMPLETED"));
    }

    @Test
    void aResetWhilePayoutsAreSubmittedAndValidatedSucceeds() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        try {
            for (int i = 0; i < 8; i++) {
                clients.submit(() -> {
                    while (writing.get()) {
                        String token = veloToken(); // a reset forgets the tokens
                        for (int n = 0; n < 20 && writing.get(); n++) {
                            veloAs(token).body(PAYOUT_BODY).post("/v3/payouts");
                        }
                        advance("PT5S"); // their validations run, on this thread

                    }
                    return null;
                });
            }
            for (int reset = 0; reset < 15; reset++) {
                Thread.sleep(300);
                // a payout committed between its events' table and its payments' being emptied once failed the reset (500)
                control().post("/_sim/reset").then().statusCode(200);
            }
        } finally {
            writing.set(false);
            clients.shutdown();
            clients.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    @Test
    void concurrentFundingsCreditExactlyTheAcknowledgedSum() throws Exception {
        String token = veloToken();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 1; i <= 32; i++) {
            int amount = i;
            calls.add(() -> veloAs(token).body("{\"amount\":" + amount + "}")
                    .post("/v1/sourceAccounts/" + USD_EMPTY + "/achFundingRequest").then().extract().statusCode() == 202 ? amount : 0);
        }
        int acknowledged = race(calls).stream().mapToInt(Integer::intValue).sum();
        assertEquals(32 * 33 / 2, acknowledged);
        advance("PT1M");
        veloAs(token).get("/v1/sourceAccounts/" + USD_EMPTY).then().body("balance", equalTo(acknowledged));
    }

    @Test
    void withdrawRacingInstructLeavesExactlyOneWinner() throws Exception {
        String token = veloToken();
        for (int round = 0; round < 5; round++) {
            String payoutId = submitAccepted(token);
            List<Integer> statuses = race(List.of(
                    () -> veloAs(token).post("/v3/payouts/" + payoutId).then().extract().statusCode(),
                    () -> veloAs(token).delete("/v3/payouts/" + payoutId).then().extract().statusCode()));
            long won = statuses.stream().filter(s -> s == 202 || s == 204).count();
            assertEquals(1, won, "instruct and withdraw answered " + statuses);
            String status = veloAs(token).get("/v3/payouts/" + payoutId).then().extract().path("status");
            assertEquals(statuses.get(0) == 202 ? "INSTRUCTED" : "WITHDRAWN", status.equals("COMPLETED") ? "INSTRUCTED" : status);
        }
    }
}
