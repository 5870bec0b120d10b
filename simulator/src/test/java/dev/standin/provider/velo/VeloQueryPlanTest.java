package dev.standin.provider.velo;

import dev.standin.core.clock.ClockMode;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.store.Database;
import dev.standin.provider.velo.payee.PayeeRepository;
import dev.standin.provider.velo.payout.PayoutRepository;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * The queries a payout's validation runs for a whole payout at once search their IN lists through an
 * index (H2 does so only on an index's first column): otherwise each payout walks every payment and
 * payee the payor has, and payouts slow down as the payor's data grows. Checked on H2's plan, since
 * the difference shows in time only once the data is large.
 */
class VeloQueryPlanTest {
    private final Database database = Database.connect(Optional.empty());
    private final List<String> plans = new ArrayList<>();

    VeloQueryPlanTest() {
        database.migrate();
        // the explaining DSLContext below replaces the database's listeners, which make a table when first named
        dev.standin.db.velo.Velo.VELO.getTables().forEach(table -> database.dsl().fetchCount(table));
    }

    @AfterEach
    void close() {
        database.close();
    }

    /**
     * A DSLContext that records H2's plan of every query it runs, as it runs it: its SQL with the bind
     * values bound (jOOQ renders each as a cast, {@code cast(? as varchar(40))}, and H2 searched an
     * index with an IN list of casts only when the IN came first among the index's conditions; the same
     * query with the values inlined showed a good plan while a payout walked every payment of its payor).
     */
    private DSLContext explaining() {
        return database.dsl().configuration().derive(ExecuteListener.onExecuteStart(ctx ->
                plans.add(String.valueOf(database.dsl().resultQuery("explain " + ctx.sql(), ctx.query().getBindValues().toArray())
                        .fetchOne(0))))).dsl();
    }

    @Test
    void usedPayorPaymentIdsAreLookedUpByIndex() {
        new PayoutRepository(database.dsl()).payorPaymentIdsUsed(explaining(), UUID.randomUUID(), List.of("a", "b"), UUID.randomUUID());
        assertThat(plans.getFirst(), containsString(": PAYOR_PAYMENT_ID IN("));
    }

    @Test
    void aPayoutsPayeesAreLookedUpByIndex() {
        new PayeeRepository(database, new VirtualClock(ClockMode.MANUAL, Instant.EPOCH))
                .findByRemoteIds(explaining(), UUID.randomUUID(), List.of("r1", "r2"));
        assertThat(plans.getFirst(), containsString(": REMOTE_ID IN("));
    }
}
