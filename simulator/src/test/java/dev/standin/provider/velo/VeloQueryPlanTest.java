package dev.standin.provider.velo;

import dev.standin.core.clock.ClockMode;
import dev.standin.core.clock.VirtualClock;
import dev.standin.provider.velo.payee.Payee;
import dev.standin.provider.velo.payee.PayeeRepository;
import dev.standin.provider.velo.payout.PayoutRepository;
import dev.standin.support.QueryPlans;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

/**
 * The queries a payout's validation runs for a whole payout at once search their IN lists through an
 * index (H2 does so only on an index's first column, and with jOOQ's casts of the values only when the
 * IN came first): otherwise each payout walks every payment and payee the payor has, and payouts slow
 * down as the payor's data grows. So does a payee's deletion counting its payments.
 */
class VeloQueryPlanTest {
    private final QueryPlans queries = new QueryPlans(dev.standin.db.velo.Velo.VELO);
    private final PayeeRepository payees = new PayeeRepository(queries.database, new VirtualClock(ClockMode.MANUAL, Instant.EPOCH));

    @AfterEach
    void close() {
        queries.close();
    }

    @Test
    void usedPayorPaymentIdsAreLookedUpByIndex() {
        new PayoutRepository(queries.dsl()).payorPaymentIdsUsed(queries.dsl(), UUID.randomUUID(), List.of("a", "b"), UUID.randomUUID());
        assertThat(queries.plans.getFirst(), containsString(": PAYOR_PAYMENT_ID IN("));
    }

    @Test
    void aPayoutsPayeesAreLookedUpByIndex() {
        payees.findByRemoteIds(queries.dsl(), UUID.randomUUID(), List.of("r1", "r2"));
        assertThat(queries.plans.getFirst(), containsString(": REMOTE_ID IN("));
    }

    @Test
    void aPayeesPaymentsAreCountedByIndex() {
        payees.payments(new Payee(UUID.randomUUID(), UUID.randomUUID(), "r1", "Individual", "a@example.com", "A", "US", "EN", "USD",
                "INVITED", "PENDING", "PENDING", UUID.randomUUID(), null, java.time.OffsetDateTime.now(), null));
        assertThat(queries.plans, hasSize(1));
        assertThat(queries.plans.getFirst(), containsString("VELO.PAYMENT_BY_PAYEE: PAYEE_ID = ?"));
        // the remote id's search, before validation names the payee: all three of the index's columns
        assertThat(queries.plans.getFirst(), matchesPattern("(?s).*VELO\\.PAYMENT_BY_PAYEE: [^*]*PAYEE_ID IS NULL.*"));
        assertThat(List.of(queries.plans.getFirst().split("/\\*")), everyItem(not(containsString("tableScan"))));
    }
}
