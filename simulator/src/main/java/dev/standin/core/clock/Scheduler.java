package dev.standin.core.clock;

import dev.standin.core.store.AfterCommit;
import dev.standin.core.store.Room;
import dev.standin.core.store.StoredSteps;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.PriorityQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Events due on the virtual clock. Events run one at a time, in due-time order (ties in the order
 * they were scheduled). They run by themselves when the clock reaches them (a background poll), and
 * {@link #advance} runs every event that falls due before it returns, with the clock set to each
 * event's due time while it runs.
 *
 * <p>Steps of a registered kind are also stored (in the same transaction as the state they belong
 * to): at start, {@link #restore()} queues them again at their due time, so a payout submitted before
 * a crash is still validated after it. A stored step's row is deleted once its handler returned; a
 * crash in between runs it again, so handlers check the state they move (they are idempotent).
 *
 * <p>On a database several instances share (PostgreSQL), stored steps are not queued in memory at
 * all: each poll (and {@link #advance}) claims the earliest due step no other instance holds, runs it
 * and deletes it in one transaction ({@link StoredSteps#runClaimed}), so each runs once, and the steps
 * of an instance that died are run by another.
 */
public final class Scheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    private static final long POLL_MILLIS = 20;

    /** A scheduled event as the control API shows it. */
    public record Event(long sequence, Instant dueAt, String owner, String name) {
    }

    private record Entry(Event event, Runnable task) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry other) {
            int byTime = event.dueAt.compareTo(other.event.dueAt);
            return byTime != 0 ? byTime : Long.compare(event.sequence, other.event.sequence);
        }
    }

    private final VirtualClock clock;
    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private final ReentrantLock runLock = new ReentrantLock();
    private final AtomicLong sequence = new AtomicLong();
    private final int capacity;
    private final StoredSteps stored;
    private final Map<String, Consumer<String>> kinds = new ConcurrentHashMap<>();
    /** One small pool polls every sandbox's scheduler: a sandbox costs no thread of its own. */
    private static final ScheduledExecutorService POLLERS = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "standin-scheduler");
        t.setDaemon(true);
        return t;
    });

    private java.util.concurrent.ScheduledFuture<?> polling;
    private static final long QUIET_POLL_NANOS = 1_000_000_000L;
    private volatile java.util.function.BooleanSupplier quiet = () -> false;
    private volatile java.util.function.Predicate<RuntimeException> failureMatters = e -> true;
    private long lastPoll;
    private volatile Runnable onPoll = () -> {
    };
    private volatile long lastPollFailure;

    public Scheduler(VirtualClock clock, int capacity, StoredSteps stored) {
        this.clock = clock;
        this.capacity = capacity;
        this.stored = stored;
    }

    /** A step to be stored with the state it belongs to ({@link #save}): it is queued once that state is committed. */
    public record Stored(StoredSteps.Row row) {
    }

    /** Names the handler of a stored step kind; it receives the step's subject (e.g. a payout id). */
    public void register(String kind, Consumer<String> handler) {
        kinds.put(kind, handler);
    }

    /** A stored step due {@code delay} from now; nothing happens until it is saved and queued. */
    public Stored prepare(String owner, String kind, String subject, String name, Duration delay) {
        if (!kinds.containsKey(kind)) {
            throw new IllegalArgumentException("no handler registered for step kind " + kind);
        }
        return new Stored(new StoredSteps.Row(sequence.incrementAndGet(), owner, kind, subject, name, clock.now().plus(delay)));
    }

    /**
     * Stores the step in the caller's transaction and queues it when that transaction commits (nothing
     * is queued when it rolls back: {@link AfterCommit}).
     */
    public void save(DSLContext tx, Stored step) {
        saveAll(tx, List.of(step));
    }

    /** Deletes a stored step that is no longer needed (e.g. a guard whose event came). */
    public void unsave(Stored step) {
        stored.delete(step.row().stepId());
    }

    /** Stores many steps in the caller's transaction, as one batch, queued when it commits. */
    public void saveAll(DSLContext tx, List<Stored> steps) {
        if (steps.isEmpty()) {
            return;
        }
        List<Stored> saved = List.copyOf(steps);
        if (!stored.shared()) {
            admit(saved.size()); // refused before the state they belong to commits: never dropped after it
        }
        stored.insertAll(tx, saved.stream().map(Stored::row).toList());
        if (!stored.shared()) { // shared by instances: whichever polls first claims it from the database
            AfterCommit.run(() -> saved.forEach(this::queue));
        }
    }

    private void queue(Stored step) {
        StoredSteps.Row row = step.row();
        add(new Entry(new Event(row.stepId(), row.dueAt(), row.owner(), row.name()), () -> runStored(row)), false);
    }

    /**
     * Stored steps' ids start at {@code floor} or above: on a database several instances share, each
     * starts at its own start count shifted left by 40 bits, so two instances never mint the same id.
     */
    public void startIdsAt(long floor) {
        sequence.accumulateAndGet(floor, Math::max);
    }

    /** Queues every stored step again (at start): each runs at its due virtual time, those overdue at once. */
    public int restore() {
        long max = stored.maxId();
        sequence.accumulateAndGet(max, Math::max);
        if (stored.shared()) {
            return stored.count(); // claimed from the database as they fall due
        }
        List<StoredSteps.Row> rows = stored.all();
        for (StoredSteps.Row row : rows) {
            add(new Entry(new Event(row.stepId(), row.dueAt(), row.owner(), row.name()), () -> runStored(row)), false);
        }
        return rows.size();
    }

    private void runStored(StoredSteps.Row row) {
        try {
            handle(row);
        } finally {
            stored.delete(row.stepId());
        }
    }

    private void handle(StoredSteps.Row row) {
        Consumer<String> handler = kinds.get(row.kind());
        if (handler == null) {
            LOG.warn("stored step {} of unknown kind {} dropped", row.name(), row.kind());
        } else {
            handler.accept(row.subject());
        }
    }

    /** Shared by instances: runs every step due at {@code limit} that this instance can claim, in due order; answers whether it ran any. */
    private boolean runClaimed(Instant limit) {
        boolean ran = false;
        while (stored.runClaimed(limit, row -> run(new Entry(new Event(row.stepId(), row.dueAt(), row.owner(), row.name()), () -> handle(row))))) {
            ran = true;
        }
        return ran;
    }

    /**
     * Queues an event; {@code mayRefuse}: with 507 SCHEDULER_FULL when the queue holds its capacity. A
     * step whose state has committed is never refused (it was admitted before: {@link #admit}), nor is
     * one a running step schedules (it completes what was accepted). Refusing after the commit once lost
     * the step: a payout answered 202 stayed SUBMITTED for good.
     */
    private void add(Entry entry, boolean mayRefuse) {
        synchronized (queue) {
            if (mayRefuse && Room.limitsApply() && queue.size() >= capacity) {
                throw full();
            }
            queue.add(entry);
        }
    }

    /** Refuses {@code steps} more stored steps (507 SCHEDULER_FULL) when they would not fit in the queue. */
    private void admit(int steps) {
        synchronized (queue) {
            if (Room.limitsApply() && queue.size() + steps > capacity) {
                throw full();
            }
        }
    }

    private Room.Full full() {
        return new Room.Full("SCHEDULER_FULL", "The simulator holds " + capacity + " pending scheduled events, its maximum:"
                + " advance the clock to run those due, or reset");
    }

    /** Work for every poll of a scheduler shared by instances (e.g. running holds another instance released). */
    public void onPoll(Runnable task) {
        this.onPoll = task;
    }

    /**
     * While {@code quiet} holds, the background poll looks at most once a second (each look at a shared
     * database is a query: hundreds of idle sandboxes polled every 20 ms would be thousands a second).
     */
    public void pollSlowlyWhen(java.util.function.BooleanSupplier quiet) {
        this.quiet = quiet;
    }

    /** Asked when a poll fails whether to log it (not when its sandbox was just removed by another instance). */
    public void whenPollFails(java.util.function.Predicate<RuntimeException> matters) {
        this.failureMatters = matters;
    }

    public void start() {
        polling = POLLERS.scheduleWithFixedDelay(() -> {
            try {
                long now = System.nanoTime();
                if (quiet.getAsBoolean() && now - lastPoll < QUIET_POLL_NANOS) {
                    return;
                }
                lastPoll = now;
                runDue();
            } catch (RuntimeException e) { // e.g. the shared database unreachable for a moment: poll again, as a periodic task that throws never runs again
                if (!failureMatters.test(e)) {
                    return;
                }
                long now = System.nanoTime();
                if (now - lastPollFailure > TimeUnit.SECONDS.toNanos(10) || lastPollFailure == 0) { // not 50 lines a second while it lasts
                    LOG.error("scheduler poll failed (logged at most every 10 s)", e);
                    lastPollFailure = now;
                }
            }
        }, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Schedules {@code task} to run {@code delay} after now on the virtual clock. */
    public Event schedule(String owner, String name, Duration delay, Runnable task) {
        Event event = new Event(sequence.incrementAndGet(), clock.now().plus(delay), owner, name);
        add(new Entry(event, task), true);
        return event;
    }

    /** Moves the clock by {@code by}, running each event that falls due, in order, before returning. */
    public Instant advance(Duration by) {
        runLock.lock();
        try {
            clock.refresh();
            Instant target = clock.now().plus(by);
            if (stored.shared()) {
                advanceShared(target);
            } else {
                Entry next;
                while ((next = pollDue(target)) != null) {
                    clock.advanceTo(next.event.dueAt);
                    run(next);
                }
            }
            clock.advanceTo(target);
            return clock.now();
        } finally {
            runLock.unlock();
        }
    }

    /**
     * Shared by instances: this instance's events and the database's steps, whichever is due first, the
     * clock set to each one's due time; a step another instance is running is waited for.
     */
    private void advanceShared(Instant target) {
        while (true) {
            Instant memory;
            synchronized (queue) {
                Entry head = queue.peek();
                memory = head == null || head.event.dueAt.isAfter(target) ? null : head.event.dueAt;
            }
            Instant db = stored.earliestDue(target);
            if (memory == null && db == null) {
                return;
            }
            if (db == null || (memory != null && !memory.isAfter(db))) {
                Entry next = pollDue(memory);
                clock.advanceTo(memory);
                if (next != null) {
                    run(next);
                }
            } else {
                clock.advanceTo(db);
                if (!runClaimed(db)) {
                    sleepBriefly(); // the step is another instance's to finish
                }
            }
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the events already due at the clock's current time. */
    public void runDue() {
        if (!runLock.tryLock()) {
            return;
        }
        try {
            if (stored.shared()) {
                clock.refresh();
                runClaimed(clock.now());
                onPoll.run();
            }
            Entry next;
            while ((next = pollDue(clock.now())) != null) {
                run(next);
            }
        } finally {
            runLock.unlock();
        }
    }

    /**
     * Events waiting, how many of them are due (the clock has reached them and they have not run yet:
     * work behind, as bench/providers.sh waits for), and how many are stored (survive a restart).
     */
    public Map<String, Object> stats() {
        int queued;
        int due = 0;
        Instant now = clock.now();
        synchronized (queue) {
            queued = queue.size();
            for (Entry e : queue) {
                if (!e.event.dueAt.isAfter(now)) {
                    due++;
                }
            }
        }
        return Map.of("pending", queued, "due", due, "stored", stored.count());
    }

    public List<Event> pending() {
        synchronized (queue) {
            List<Entry> entries = new ArrayList<>(queue);
            entries.sort(null);
            return entries.stream().map(Entry::event).toList();
        }
    }

    /** Drops every pending event of one owner (a provider being reset), or all when owner is null. */
    public void cancel(String owner) {
        forgetPending(owner);
        stored.deleteOwner(owner);
    }

    /**
     * Drops this instance's in-memory events of one owner (all when null), leaving stored steps alone:
     * another instance sharing the database reset it, and its stored steps are its own business.
     */
    public void forgetPending(String owner) {
        synchronized (queue) {
            queue.removeIf(e -> owner == null || owner.equals(e.event.owner));
        }
    }

    private Entry pollDue(Instant limit) {
        synchronized (queue) {
            Entry head = queue.peek();
            if (head == null || head.event.dueAt.isAfter(limit)) {
                return null;
            }
            return queue.poll();
        }
    }

    private void run(Entry entry) {
        try {
            Room.unlimited(entry.task); // a step of something already accepted completes even in a full sandbox
        } catch (RuntimeException e) {
            LOG.error("scheduled event {} of {} failed", entry.event.name, entry.event.owner, e);
        }
    }

    @Override
    public void close() {
        if (polling != null) {
            polling.cancel(false);
        }
    }
}
