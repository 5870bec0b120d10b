package dev.standin.core;

import dev.standin.core.clock.ClockMode;
import dev.standin.core.clock.Scheduler;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.store.Database;
import dev.standin.core.store.Room;
import dev.standin.core.store.StoredSteps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The scheduler's bound on pending events refuses a step before the state it belongs to commits (the
 * request answers 507 and nothing is kept), and never drops one after: it once threw after the commit,
 * so a payout answered 202 lost its next step and stayed SUBMITTED for good.
 */
class SchedulerCapacityTest {
    private static final String KIND = "test.step";
    private final Database database = Database.connect(Optional.empty());
    private final VirtualClock clock = new VirtualClock(ClockMode.MANUAL, Instant.parse("2026-01-01T00:00:00Z"));
    private final Scheduler scheduler;
    private final List<String> ran = new CopyOnWriteArrayList<>();

    SchedulerCapacityTest() {
        database.migrate();
        scheduler = new Scheduler(clock, 2, new StoredSteps(database));
        scheduler.register(KIND, ran::add);
    }

    @AfterEach
    void close() {
        scheduler.close();
        database.close();
    }

    private Scheduler.Stored step(String subject) {
        return scheduler.prepare("test", KIND, subject, "step " + subject, Duration.ofMinutes(1));
    }

    @Test
    void stepsBeyondTheCapacityAreRefusedBeforeTheirStateCommitsAndNeverDroppedAfter() {
        database.dsl().transaction(tx -> scheduler.saveAll(tx.dsl(), List.of(step("a"), step("b"))));

        Room.Full full = assertThrows(Room.Full.class, () -> database.dsl().transaction(tx -> scheduler.save(tx.dsl(), step("c"))));
        assertEquals("SCHEDULER_FULL", full.code());
        assertThrows(Room.Full.class, () -> scheduler.schedule("test", "an event", Duration.ofMinutes(1), () -> ran.add("e")));

        // a running step completes what was accepted: what it schedules is never refused
        Room.unlimited(() -> database.dsl().transaction(tx -> scheduler.save(tx.dsl(), step("d"))));

        scheduler.advance(Duration.ofMinutes(2));
        assertEquals(List.of("a", "b", "d"), ran);
    }
}
