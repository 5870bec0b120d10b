package dev.standin.core.clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
    private ScheduledExecutorService poller;

    public Scheduler(VirtualClock clock, int capacity) {
        this.clock = clock;
        this.capacity = capacity;
    }

    public void start() {
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "standin-scheduler");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::runDue, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Schedules {@code task} to run {@code delay} after now on the virtual clock. */
    public Event schedule(String owner, String name, Duration delay, Runnable task) {
        Event event = new Event(sequence.incrementAndGet(), clock.now().plus(delay), owner, name);
        synchronized (queue) {
            if (queue.size() >= capacity) {
                throw new IllegalStateException("the scheduler holds " + capacity + " events already");
            }
            queue.add(new Entry(event, task));
        }
        return event;
    }

    /** Moves the clock by {@code by}, running each event that falls due, in order, before returning. */
    public Instant advance(Duration by) {
        runLock.lock();
        try {
            Instant target = clock.now().plus(by);
            Entry next;
            while ((next = pollDue(target)) != null) {
                clock.advanceTo(next.event.dueAt);
                run(next);
            }
            clock.advanceTo(target);
            return clock.now();
        } finally {
            runLock.unlock();
        }
    }

    /** Runs the events already due at the clock's current time. */
    public void runDue() {
        if (!runLock.tryLock()) {
            return;
        }
        try {
            Entry next;
            while ((next = pollDue(clock.now())) != null) {
                run(next);
            }
        } finally {
            runLock.unlock();
        }
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
            entry.task.run();
        } catch (RuntimeException e) {
            LOG.error("scheduled event {} of {} failed", entry.event.name, entry.event.owner, e);
        }
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
