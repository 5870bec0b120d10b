package dev.standin.core.rules;

import dev.standin.core.store.Database;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static dev.standin.db.core.Tables.HOLD;

/**
 * Lifecycle steps a rule is holding back: each waits until released through the control API
 * ({@code POST /_sim/holds/{id}/release}) or until the scenario of its rule is unloaded.
 * <p>
 * On a database several instances share, each hold is also a row of {@code core.hold}: every instance
 * lists them all, and releasing one held by another instance marks its row released; the holding
 * instance runs the held work at its next scheduler poll ({@link #poll}). The held work lives in its
 * instance's memory, so the holds of an instance that died (not seen alive lately: its id is the hold
 * id's top bits) are neither listed nor released.
 */
public final class Holds {
    /** A held step as the control API shows it. */
    public record Held(long id, String provider, String event, String description, String rule, String scenario) {
    }

    private record Entry(Held held, Runnable release) {
    }

    private final Map<Long, Entry> held = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    /** The rows' database when instances share it, else null. */
    private final Database shared;

    public Holds() {
        this(null);
    }

    public Holds(Database database) {
        this.shared = database != null && database.sharedByInstances() ? database : null;
    }

    /** Ids from {@code floor} on (an instance's own range when instances share the rows). */
    public void startIdsAt(long floor) {
        ids.accumulateAndGet(floor, Math::max);
    }

    public Held hold(Rule rule, String provider, String event, String description, Runnable release) {
        Held h;
        synchronized (this) {
            h = new Held(ids.incrementAndGet(), provider, event, description, rule.name(), rule.scenario());
            held.put(h.id(), new Entry(h, release));
        }
        if (shared != null) {
            shared.dsl().insertInto(HOLD, HOLD.HOLD_ID, HOLD.PROVIDER, HOLD.EVENT_NAME, HOLD.DESCRIPTION, HOLD.RULE_NAME, HOLD.SCENARIO)
                    .values(h.id(), h.provider(), h.event(), cut(h.description(), 1000), cut(h.rule(), 200), h.scenario()).execute();
        }
        return h;
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    public List<Held> list() {
        if (shared != null) {
            return shared.dsl().selectFrom(HOLD).where(HOLD.RELEASED.isFalse(), heldByLiveInstance()).orderBy(HOLD.HOLD_ID)
                    .fetch(r -> new Held(r.getHoldId(), r.getProvider(), r.getEventName(), r.getDescription(), r.getRuleName(), r.getScenario()));
        }
        synchronized (this) {
            return held.values().stream().map(Entry::held).toList();
        }
    }

    /**
     * Releases one hold, this instance's or (shared) another's; false when there is none with that id.
     * Another instance's hold is marked released, then waited for (up to {@value #WAIT_MILLIS} ms) until
     * that instance ran the held work, so the release answers once it took effect, as a local one does.
     */
    public boolean release(long id) {
        if (runLocal(id)) {
            return true;
        }
        if (shared == null || shared.dsl().update(HOLD).set(HOLD.RELEASED, true)
                .where(HOLD.HOLD_ID.eq(id), HOLD.RELEASED.isFalse(), heldByLiveInstance()).execute() == 0) {
            return false;
        }
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000L;
        while (shared.dsl().fetchExists(HOLD, HOLD.HOLD_ID.eq(id)) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return true;
    }

    private static final long WAIT_MILLIS = 5_000;

    /** The hold's instance (its id's top bits: ids start at the instance's start count shifted 40 bits) is alive. */
    private static org.jooq.Condition heldByLiveInstance() {
        return HOLD.HOLD_ID.div(1L << 40).in(dev.standin.core.store.InstanceRegistry.alive());
    }

    /** Runs one of this instance's holds; its row (shared) goes once the work is done, which a remote release waits for. */
    private boolean runLocal(long id) {
        Entry e;
        synchronized (this) {
            e = held.remove(id);
        }
        if (e == null) {
            return false;
        }
        try {
            e.release.run();
        } finally {
            if (shared != null) {
                shared.dsl().deleteFrom(HOLD).where(HOLD.HOLD_ID.eq(id)).execute();
            }
        }
        return true;
    }

    /** Releases every hold made by the rule named {@code rule} (a later rule's {@code release} effect), on every instance. */
    public void releaseRule(String rule) {
        releaseWhere(e -> e.held.rule().equals(rule), HOLD.RULE_NAME.eq(rule));
    }

    /** Releases every hold of a scenario's rules (it was unloaded), on every instance. */
    public void releaseScenario(String scenario) {
        releaseWhere(e -> e.held.scenario().equals(scenario), HOLD.SCENARIO.eq(scenario));
    }

    private void releaseWhere(java.util.function.Predicate<Entry> local, org.jooq.Condition row) {
        List<Long> mine;
        synchronized (this) {
            mine = new ArrayList<>(held.values().stream().filter(local).map(e -> e.held.id()).toList());
        }
        mine.forEach(this::runLocal);
        if (shared != null) {
            shared.dsl().update(HOLD).set(HOLD.RELEASED, true).where(row, HOLD.RELEASED.isFalse()).execute();
        }
    }

    /** Shared: runs this instance's holds that another instance released. Nothing to ask when none is held here. */
    public void poll() {
        List<Long> mine;
        synchronized (this) {
            if (shared == null || held.isEmpty()) {
                return;
            }
            mine = new ArrayList<>(held.keySet());
        }
        shared.dsl().select(HOLD.HOLD_ID).from(HOLD).where(HOLD.HOLD_ID.in(mine), HOLD.RELEASED.isTrue())
                .fetch(HOLD.HOLD_ID).forEach(this::runLocal);
    }

    /** Forgets every hold without running it (a reset), on every instance. */
    public void clear() {
        forgetLocal();
        if (shared != null) {
            shared.dsl().deleteFrom(HOLD).execute();
        }
    }

    /** Forgets this instance's holds without running them (another instance reset the sandbox and emptied the rows). */
    public synchronized void forgetLocal() {
        held.clear();
    }
}
