package dev.standin.provider.vendreo;

import dev.standin.support.QueryPlans;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** A refund sums the refunds of its original payment through an index, not by walking every payment. */
class VendreoQueryPlanTest {
    private final QueryPlans queries = new QueryPlans(dev.standin.db.vendreo.Vendreo.VENDREO);

    @AfterEach
    void close() {
        queries.close();
    }

    @Test
    void aPaymentsRefundsAreSummedByIndex() {
        new PaymentRepository(queries.dsl()).refunded(queries.dsl(), "a2b3c4d5-0000-4000-8000-000000000001");
        assertThat(queries.plans.getFirst(), containsString("VENDREO.PAYMENT_BY_ORIGINAL: ORIGINAL_PAYMENT_UUID = ?"));
        assertThat(queries.plans.getFirst(), not(containsString("tableScan")));
    }
}
