package dev.standin.core.store;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When the heap guard refuses writes, lifts the refusal, and asks for a full collection (a 100-byte old generation, limit 90 %). */
class HeapGuardTest {
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final HeapGuard guard = new HeapGuard(90, "PS Old Gen", 100, requests::incrementAndGet, now::get);

    @Test
    void onlyAFullCollectionAboveTheLimitRefusesAndTheRefusalLastsUntilFivePointsBelow() {
        guard.collected(95, false); // a young collection: the old generation may hold garbage
        assertNull(guard.full());
        guard.collected(91, true);
        String why = guard.full();
        assertTrue(why != null && why.contains("91 % full") && why.contains("old generation") && why.contains("--heap-limit-percent"), why);
        assertEquals(true, guard.describe().get("full"));
        assertEquals("PS Old Gen", guard.describe().get("space"));
        guard.collected(86, true); // under the limit, not 5 points under
        assertTrue(guard.full() != null);
        guard.collected(84, true);
        assertNull(guard.full());
        assertEquals(false, guard.describe().get("full"));
    }

    @Test
    void aYoungCollectionAboveTheLimitAsksForAFullOneEachTimeTheOldGenerationGrewFivePoints() {
        guard.collected(60, false);
        assertEquals(0, requests.get(), "below the limit nothing is asked");
        guard.collected(91, false);
        assertEquals(1, requests.get());
        guard.collected(92, false);
        assertEquals(1, requests.get(), "one is on its way");
        guard.collected(88, true); // it came: 88 % once the garbage went
        guard.collected(91, false);
        guard.collected(92, false);
        assertEquals(1, requests.get(), "3 and 4 points since the last full collection");
        guard.collected(93, false);
        assertEquals(2, requests.get());
        now.addAndGet(3_000_000_000L); // the asked-for collection never came (-XX:+DisableExplicitGC, say): asked again
        guard.collected(94, false);
        assertEquals(3, requests.get());
    }

    @Test
    void whileRefusingARefusedWriteAsksForAFullCollectionAtMostEveryTwoSeconds() {
        guard.collected(95, true);
        assertTrue(guard.full() != null);
        assertEquals(1, requests.get(), "the first refused write asks: a reset may have made room since");
        guard.full();
        guard.full();
        assertEquals(1, requests.get());
        now.addAndGet(2_000_000_000L);
        guard.full();
        assertEquals(2, requests.get());
        guard.collected(99, false); // young collections while refusing ask nothing
        assertEquals(2, requests.get());
    }
}
