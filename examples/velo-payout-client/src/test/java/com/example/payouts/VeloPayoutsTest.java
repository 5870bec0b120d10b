package com.example.payouts;

import dev.standin.junit5.RequestPattern;
import dev.standin.junit5.Standin;
import dev.standin.junit5.StandinTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The team's client against Standin: the happy path, a payout Velo rejects, and a bank return (with a
 * token that expires meanwhile) that Velo's own sandbox cannot produce on demand.
 */
@StandinTest(resetEachTest = true)
class VeloPayoutsTest {
    Standin standin;
    VeloPayouts velo;

    @BeforeEach
    void client() {
        velo = new VeloPayouts(standin.url("velo"), standin.credential("velo", "apiKey"), standin.credential("velo", "apiSecret"),
                standin.credential("velo", "payorId"));
    }

    @Test
    void aPayoutIsAcceptedInstructedAndCompleted() {
        String payout = velo.submit("May payroll", List.of(new VeloPayouts.Payment("myRemoteId01", "USD", 1_500, "PAYOR_SRC_ACCT")));
        standin.clock().advance(Duration.ofSeconds(1));
        assertEquals("ACCEPTED", velo.status(payout));
        velo.instruct(payout);
        standin.clock().advance(Duration.ofMinutes(1));
        assertEquals("COMPLETED", velo.status(payout));
        standin.requests().verify(1, RequestPattern.post("velo", "/v3/payouts").status(202));
        standin.requests().verify(1, RequestPattern.post("velo", "/v1/authenticate"));
    }

    @Test
    void aPayoutToAPayeeThePayorDoesNotKnowIsRejectedOnceValidated() {
        String payout = velo.submit("typo", List.of(new VeloPayouts.Payment("no-such-payee", "USD", 100, "PAYOR_SRC_ACCT")));
        assertEquals("SUBMITTED", velo.status(payout));
        standin.clock().advance(Duration.ofSeconds(1));
        assertEquals("REJECTED", velo.status(payout));
        VeloPayouts.VeloException refused = assertThrows(VeloPayouts.VeloException.class, () -> velo.instruct(payout));
        assertEquals(409, refused.status());
    }

    /** A bank return, which Velo's own sandbox cannot produce on demand: a shipped scenario makes it happen. */
    @Nested
    @StandinTest(scenarios = {"default", "velo-partial-failure"})
    class WhenTheBankReturnsOnePayment {
        Standin returns;

        @Test
        void thePayoutEndsIncomplete() {
            VeloPayouts client = new VeloPayouts(returns.url("velo"), returns.credential("velo", "apiKey"),
                    returns.credential("velo", "apiSecret"), returns.credential("velo", "payorId"));
            String payout = client.submit("two payees", List.of(new VeloPayouts.Payment("myRemoteId01", "USD", 700, "PAYOR_SRC_ACCT"),
                    new VeloPayouts.Payment("myRemoteId02", "USD", 300, "PAYOR_SRC_ACCT")));
            returns.clock().advance(Duration.ofSeconds(1));
            client.instruct(payout);
            returns.clock().advance(Duration.ofHours(1));
            assertEquals("INCOMPLETE", client.status(payout));
        }
    }
}
