package dev.standin.core.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many provider requests that may change state (not GET, HEAD, OPTIONS) compute at once
 * ({@code --max-concurrent-requests}): the others wait their turn in arrival order. The control API's
 * provider simulations ({@code /_sim/qolo/cards/{proxy}/authorizations}, ...) take turns too: they are
 * provider writes arriving by another port. On two cores, 32
 * writes computing at once stretched every one of them (a write's p99 was 5 to 7 times its median) and
 * starved the JIT compiler while the server warmed up; a few at a time, each finishes sooner and the
 * queue moves. The price is a park and a wake per waiting request, about 0.1 ms of CPU: reads, which
 * take a tenth of a write's CPU, go straight through (in turns their CPU had doubled).
 * <p>
 * A request that waits by design does not hold its turn while it waits: a rule's delay or hold, the
 * customer at a terminal, another request with the same idempotency key, a webhook's ping. Such waits
 * run inside {@link #stepAside()}. A request never waits more than {@link #PATIENCE_MILLIS} for a turn
 * (nor to take it back after such a wait): past that it goes on regardless, so that a wait nobody
 * declared (a lock, a slow client) slows the others down and never stops them.
 */
public final class Admission {
    private static final Logger LOG = LoggerFactory.getLogger(Admission.class);
    /** The longest a request waits for a turn before it goes on without one. */
    public static final long PATIENCE_MILLIS = 200;
    /** No limit: every request computes at once. */
    public static final Admission NONE = new Admission(0);
    private static final ThreadLocal<Admission> HELD = new ThreadLocal<>();
    private static final Away NOTHING = () -> { };

    private final int limit;
    private final Semaphore turns;
    /** Requests that went on without a turn, having waited {@link #PATIENCE_MILLIS} for one. */
    private final AtomicLong overdrawn = new AtomicLong();

    private Admission(int limit) {
        this.limit = limit;
        this.turns = limit > 0 ? new Semaphore(limit, true) : null;
    }

    /** At most {@code limit} requests at once; 0: no limit. */
    public static Admission of(int limit) {
        return limit <= 0 ? NONE : new Admission(limit);
    }

    public int limit() {
        return limit;
    }

    /** Waits for this thread's turn (at most {@link #PATIENCE_MILLIS}); {@link #leave} ends it. */
    public void enter() {
        if (turns == null || HELD.get() != null) {
            return;
        }
        try {
            if (!turns.tryAcquire(PATIENCE_MILLIS, TimeUnit.MILLISECONDS)) {
                if (overdrawn.getAndIncrement() == 0) {
                    LOG.warn("a request waited {} ms for one of the {} turns (--max-concurrent-requests) and went on without one; "
                            + "requests are waiting on something else than the CPU", PATIENCE_MILLIS, limit);
                }
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        HELD.set(this);
    }

    /** For {@code /_sim/stats}: the limit (0: none), turns taken now, requests waiting for one, and those that went on without. */
    public Map<String, Object> stats() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("limit", limit);
        out.put("computing", turns == null ? 0 : limit - turns.availablePermits());
        out.put("waiting", turns == null ? 0 : turns.getQueueLength());
        out.put("overdrawn", overdrawn.get());
        return out;
    }

    /** Whether a request with this method takes a turn: what may change state does, reads do not. */
    public static boolean takesTurn(io.javalin.http.HandlerType method) {
        return method != io.javalin.http.HandlerType.GET && method != io.javalin.http.HandlerType.HEAD
                && method != io.javalin.http.HandlerType.OPTIONS;
    }

    /** Ends the calling thread's turn, if it has one. */
    public static void leave() {
        Admission held = HELD.get();
        if (held != null) {
            HELD.remove();
            held.turns.release();
        }
    }

    /**
     * Gives the calling thread's turn to the next request until the result is closed, then takes one
     * again: {@code try (Admission.Away away = Admission.stepAside()) { latch.await(...); }}.
     */
    public static Away stepAside() {
        Admission held = HELD.get();
        if (held == null) {
            return NOTHING;
        }
        leave();
        return held::enter;
    }

    /** A turn given up, taken back on {@link #close}. */
    @FunctionalInterface
    public interface Away extends AutoCloseable {
        @Override
        void close();
    }
}
