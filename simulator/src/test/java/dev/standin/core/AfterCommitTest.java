package dev.standin.core;

import dev.standin.core.clock.ClockMode;
import dev.standin.core.clock.Scheduler;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.store.AfterCommit;
import dev.standin.core.store.Database;
import dev.standin.core.store.StoredSteps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The one mechanism by which work waits for a commit: a stored step is queued exactly when the state
 * it belongs to was committed, never after a rollback (which the eight hand-written "queue after the
 * transaction" sites it replaced each had to get right).
 */
class AfterCommitTest {
    private Database db;
    private Scheduler scheduler;
    private VirtualClock clock;
    private final List<String> ran = new ArrayList<>();

    @BeforeEach
    void open() {
        db = Database.connect(Optional.empty());
        db.migrate();
        clock = new VirtualClock(ClockMode.MANUAL, Instant.parse("2026-01-01T00:00:00Z"));
        scheduler = new Scheduler(clock, 100, new StoredSteps(db));
        scheduler.register("test.step", ran::add);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Scheduler.Stored step(String subject) {
        return scheduler.prepare("test", "test.step", subject, "step " + subject, Duration.ofSeconds(1));
    }

    @Test
    void aStepIsDueOnceTheClockReachesItAndUntilItRuns() {
        db.dsl().transaction(tx -> scheduler.save(tx.dsl(), step("a")));
        assertEquals(1, scheduler.stats().get("pending"));
        assertEquals(0, scheduler.stats().get("due"));
        clock.advance(Duration.ofSeconds(1)); // the clock alone: nothing runs the step yet
        assertEquals(1, scheduler.stats().get("due"));
        scheduler.advance(Duration.ZERO);
        assertEquals(List.of("a"), ran);
        assertEquals(0, scheduler.stats().get("due"));
        assertEquals(0, scheduler.stats().get("pending"));
    }

    @Test
    void aStepSavedInACommittedTransactionIsQueuedOnceItCommits() {
        db.dsl().transaction(tx -> {
            scheduler.save(tx.dsl(), step("a"));
            assertEquals(0, scheduler.pending().size(), "queued before the commit");
        });
        assertEquals(1, scheduler.pending().size());
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(List.of("a"), ran);
        assertEquals(0, scheduler.stats().get("stored"));
    }

    @Test
    void aStepSavedInARolledBackTransactionIsNeitherQueuedNorStored() {
        assertThrows(IllegalStateException.class, () -> db.dsl().transaction(tx -> {
            scheduler.save(tx.dsl(), step("a"));
            throw new IllegalStateException("the request failed after the step was saved");
        }));
        assertEquals(0, scheduler.pending().size());
        assertEquals(0, scheduler.stats().get("stored"));
        scheduler.advance(Duration.ofMinutes(1));
        assertEquals(List.of(), ran);
    }

    @Test
    void aNestedTransactionsWorkWaitsForTheOuterCommitAndIsDroppedWithItsOwnRollback() {
        List<String> after = new ArrayList<>();
        db.dsl().transaction(outer -> {
            outer.dsl().transaction(inner -> {
                scheduler.save(inner.dsl(), step("kept"));
                AfterCommit.run(() -> after.add("kept"));
            });
            assertEquals(List.of(), after, "ran at the savepoint, before the outer commit");
            try {
                outer.dsl().transaction(inner -> {
                    scheduler.save(inner.dsl(), step("dropped"));
                    AfterCommit.run(() -> after.add("dropped"));
                    throw new IllegalStateException("rolled back to the savepoint");
                });
            } catch (IllegalStateException expected) {
                // the outer transaction goes on
            }
        });
        assertEquals(List.of("kept"), after);
        assertEquals(List.of("step kept"), scheduler.pending().stream().map(Scheduler.Event::name).toList());
    }

    @Test
    void outsideATransactionTheTaskRunsAtOnceAndAFailingTaskDoesNotStopTheOthers() {
        List<String> after = new ArrayList<>();
        AfterCommit.run(() -> after.add("now"));
        assertEquals(List.of("now"), after);
        db.dsl().transaction(tx -> {
            AfterCommit.run(() -> {
                throw new IllegalStateException("a failing listener");
            });
            AfterCommit.run(() -> after.add("second"));
        });
        assertEquals(List.of("now", "second"), after);
        AfterCommit.run(() -> after.add("after"));
        assertEquals(List.of("now", "second", "after"), after, "a frame was left open on this thread");
    }
}
