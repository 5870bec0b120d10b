package dev.standin.core.rules;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A compiled scenario rule: when (a {@link Match}), what happens (an {@link Effect}) and how often
 * ({@link Times}). Counts how many times it matched and how many times it fired (in memory; a
 * database several instances share counts instead: {@link RuleCounts}).
 */
public final class Rule {

    /** What a rule matches; null fields match anything. Requests use method/path/query/headers/body; events use event/entity. */
    record Match(String provider, String method, PathTemplate path, Map<String, ValueMatcher> query,
                 Map<String, ValueMatcher> headers, Map<String, ValueMatcher> body, String tenant,
                 String event, Map<String, ValueMatcher> entity, Duration during, Duration until) {
    }

    /** What happens when a rule fires; several may combine (e.g. a delay, then a response). */
    public record Effect(Respond respond, JsonNode outcome, Duration delayMin, Duration delayMax, String fault,
                         Integer rateLimitRetryAfter, CommitThenFail commitThenFail, boolean hold, Webhook webhook,
                         String release) {
        public boolean delays() {
            return delayMin != null;
        }
    }

    /** Answer with this status, headers and (templated) body; without a body, the provider's own error shape. */
    public record Respond(int status, Map<String, String> headers, JsonNode body) {
    }

    /** Do the work, then answer {@code status} (or drop the connection). */
    public record CommitThenFail(int status, boolean drop) {
    }

    /** After answering, POST {@code body} (templated) to {@code url}. */
    public record Webhook(String url, Map<String, String> headers, JsonNode body, Duration delay) {
    }

    /** How often: always, the first N matches, only the Nth, after the first N, or with a probability. */
    record Times(String mode, long n, double probability) {
    }

    private final String scenario;
    /** Its position in its scenario's rules (what a shared count is keyed by: names may repeat). */
    private final int index;
    private final String name;
    private final Match match;
    private final Effect effect;
    private final Times times;
    private final AtomicLong matched = new AtomicLong();
    private final AtomicLong fired = new AtomicLong();
    /** When the rule was compiled (its scenario loaded, or the sandbox reset), on the virtual clock. */
    private volatile java.time.Instant loadedAt = java.time.Instant.EPOCH;

    Rule(String scenario, int index, String name, Match match, Effect effect, Times times) {
        this.scenario = scenario;
        this.index = index;
        this.name = name;
        this.match = match;
        this.effect = effect;
        this.times = times;
    }

    void loadedAt(java.time.Instant at) {
        loadedAt = at;
    }

    /** Whether {@code now} is inside the rule's {@code match.during} window (always, without one). */
    boolean activeAt(java.time.Instant now) {
        if (match.during() == null) {
            return true;
        }
        java.time.Instant from = loadedAt.plus(match.during());
        return !now.isBefore(from) && now.isBefore(loadedAt.plus(match.until()));
    }

    public String scenario() {
        return scenario;
    }

    public String name() {
        return name;
    }

    int index() {
        return index;
    }

    Match match() {
        return match;
    }

    public Effect effect() {
        return effect;
    }

    Times times() {
        return times;
    }

    /** Whether its {@code n}th match fires, given how often the rule applies. */
    boolean fires(long n, java.util.function.DoubleSupplier random) {
        return switch (times.mode()) {
            case "first" -> n <= times.n();
            case "nth" -> n == times.n();
            case "after" -> n > times.n();
            case "probability" -> random.getAsDouble() < times.probability();
            default -> true;
        };
    }

    /** The in-memory counts (what {@link RuleCounts#IN_MEMORY} counts with). */
    AtomicLong matched() {
        return matched;
    }

    AtomicLong fired() {
        return fired;
    }
}
