package dev.standin.core.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lifecycle steps a rule is holding back: each waits until released through the control API
 * ({@code POST /_sim/holds/{id}/release}) or until the scenario of its rule is unloaded.
 */
public final class Holds {
    /** A held step as the control API shows it. */
    public record Held(long id, String provider, String event, String description, String rule, String scenario) {
    }

    private record Entry(Held held, Runnable release) {
    }

    private final Map<Long, Entry> held = new LinkedHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    public synchronized Held hold(Rule rule, String provider, String event, String description, Runnable release) {
        Held h = new Held(ids.incrementAndGet(), provider, event, description, rule.name(), rule.scenario());
        held.put(h.id(), new Entry(h, release));
        return h;
    }

    public synchronized List<Held> list() {
        return held.values().stream().map(Entry::held).toList();
    }

    /** Releases one hold; false when there is none with that id. */
    public boolean release(long id) {
        Entry e;
        synchronized (this) {
            e = held.remove(id);
        }
        if (e == null) {
            return false;
        }
        e.release.run();
        return true;
    }

    /** Releases every hold made by the rule named {@code rule} (a later rule's {@code release} effect). */
    public void releaseRule(String rule) {
        List<Long> ids;
        synchronized (this) {
            ids = new ArrayList<>(held.values().stream().filter(e -> e.held.rule().equals(rule)).map(e -> e.held.id()).toList());
        }
        ids.forEach(this::release);
    }

    /** Releases every hold of a scenario's rules (it was unloaded). */
    public void releaseScenario(String scenario) {
        List<Long> ids;
        synchronized (this) {
            ids = new ArrayList<>(held.values().stream().filter(e -> e.held.scenario().equals(scenario)).map(e -> e.held.id()).toList());
        }
        ids.forEach(this::release);
    }

    /** Forgets every hold without running it (a reset). */
    public synchronized void clear() {
        held.clear();
    }
}
