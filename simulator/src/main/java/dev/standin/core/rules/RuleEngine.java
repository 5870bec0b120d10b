package dev.standin.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.id.IdGenerator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The loaded scenarios' rules, in load order then file order: the first rule that matches (and, by
 * its "how often", fires) decides. Random choices (probability, delay ranges) come from the seeded
 * "rules" id stream, so runs repeat exactly.
 */
public final class RuleEngine {
    /** A rule that fired for a request, with the request's path variables for templating; {@code match}: which match of the rule it was (1 for the first). */
    public record Firing(Rule rule, Map<String, String> pathVariables, long match) {
    }

    private final IdGenerator random;
    private final java.util.function.Supplier<java.time.Instant> now;
    private final RuleCounts counts;
    private final Holds holds;
    private volatile List<Rule> rules = List.of();
    private Map<RuleSet, List<Rule>> compiled = new java.util.IdentityHashMap<>();

    /** @param now the virtual clock: {@code match.during} windows count from when a rule set was compiled */
    public RuleEngine(IdGenerator random, java.util.function.Supplier<java.time.Instant> now) {
        this(random, now, RuleCounts.IN_MEMORY, new Holds());
    }

    /** Counts and holds in {@code database} when several instances share it, else in memory. */
    public RuleEngine(IdGenerator random, java.util.function.Supplier<java.time.Instant> now, dev.standin.core.store.Database database) {
        this(random, now, RuleCounts.of(database), new Holds(database));
    }

    private RuleEngine(IdGenerator random, java.util.function.Supplier<java.time.Instant> now, RuleCounts counts, Holds holds) {
        this.random = random;
        this.now = now;
        this.counts = counts;
        this.holds = holds;
    }

    /** How many times {@code rule} matched. */
    public long matchedCount(Rule rule) {
        return counts.matched(rule);
    }

    /** How many times {@code rule} fired. */
    public long firedCount(Rule rule) {
        return counts.fired(rule);
    }

    /** Starts the counts of these scenarios' rules again (all when null): a reset, or a scenario unloaded. */
    public void forgetCounts(List<String> scenarios) {
        counts.forget(scenarios);
    }

    /** Counts a match; answers its number when it fires, given how often the rule applies, else 0. */
    private long countAndDecide(Rule r) {
        long n = counts.match(r);
        if (!r.fires(n, random::nextDouble)) {
            return 0;
        }
        counts.fire(r);
        return n;
    }

    /**
     * Takes the loaded scenarios' rules after one was loaded or unloaded: the rules of scenarios that
     * stay keep their counts (a {@code times: {first: 1}} rule that fired stays spent).
     */
    public synchronized void reload(List<? extends RuleSet> scenarios) {
        Map<RuleSet, List<Rule>> next = new java.util.IdentityHashMap<>();
        List<Rule> all = new ArrayList<>();
        for (RuleSet s : scenarios) {
            List<Rule> own = compiled.get(s);
            if (own == null) {
                own = s.rules().isArray() ? RuleCompiler.compile(s.name(), s.rules()) : List.of();
                java.time.Instant at = now.get();
                own.forEach(r -> r.loadedAt(at));
            }
            next.put(s, own);
            all.addAll(own);
        }
        compiled = next;
        rules = List.copyOf(all);
    }

    /** Recompiles every loaded scenario's rules: all counts start again (a reset). */
    public synchronized void restart(List<? extends RuleSet> scenarios) {
        compiled = new java.util.IdentityHashMap<>();
        reload(scenarios);
    }

    public List<Rule> rules() {
        return rules;
    }

    public Holds holds() {
        return holds;
    }

    /** Whether a loaded rule (active now or not) names {@code event} of {@code provider}: a step no rule names runs as it is. */
    public boolean namesEvent(String provider, String event) {
        for (Rule r : rules) {
            Rule.Match m = r.match();
            if (event.equals(m.event()) && (m.provider() == null || m.provider().equals(provider))) {
                return true;
            }
        }
        return false;
    }

    public boolean hasRulesFor(String provider) {
        for (Rule r : rules) {
            if (r.match().provider() == null || r.match().provider().equals(provider)) {
                return true;
            }
        }
        return false;
    }

    public Optional<Firing> matchRequest(RequestFacts f) {
        java.time.Instant at = now.get();
        for (Rule r : rules) {
            Rule.Match m = r.match();
            if (!r.activeAt(at) || m.event() != null || (m.provider() != null && !m.provider().equals(f.provider()))
                    || (m.method() != null && !m.method().equals(f.method()))) {
                continue;
            }
            Map<String, String> vars = Map.of();
            if (m.path() != null) {
                Optional<Map<String, String>> matched = m.path().match(f.path());
                if (matched.isEmpty()) {
                    continue;
                }
                vars = matched.get();
            }
            if (!all(m.query(), name -> f.query().containsKey(name) ? f.query().get(name).getFirst() : null)
                    || !all(m.headers(), name -> f.headers().get(name.toLowerCase(Locale.ROOT)))
                    || !bodyMatches(m.body(), f)
                    || (m.tenant() != null && !m.tenant().equals(f.tenant().get()))) {
                continue;
            }
            long n = countAndDecide(r);
            if (n > 0) {
                return Optional.of(new Firing(r, vars, n));
            }
        }
        return Optional.empty();
    }

    /**
     * A provider's lifecycle event about to happen (e.g. velo {@code payment.confirm}): the first
     * matching rule's effect, if one fires. {@code entity} holds the entity's fields by name.
     */
    public Optional<Rule> matchEvent(String provider, String event, String tenant, Map<String, ?> entity) {
        java.time.Instant at = now.get();
        for (Rule r : rules) {
            Rule.Match m = r.match();
            if (!r.activeAt(at) || m.event() == null || !m.event().equals(event) || (m.provider() != null && !m.provider().equals(provider))
                    || (m.tenant() != null && !m.tenant().equals(tenant))
                    || !all(m.entity(), name -> entity.get(name) == null ? null : String.valueOf(entity.get(name)))) {
                continue;
            }
            if (countAndDecide(r) > 0) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The delay of an effect: fixed, or drawn uniformly from its range. */
    public Duration delayOf(Rule.Effect e) {
        if (!e.delays()) {
            return Duration.ZERO;
        }
        long min = e.delayMin().toMillis();
        long max = e.delayMax().toMillis();
        return Duration.ofMillis(min == max ? min : min + (long) (random.nextDouble() * (max - min + 1)));
    }

    private static boolean all(Map<String, ValueMatcher> matchers, java.util.function.Function<String, String> value) {
        for (Map.Entry<String, ValueMatcher> e : matchers.entrySet()) {
            if (!e.getValue().test(value.apply(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean bodyMatches(Map<String, ValueMatcher> matchers, RequestFacts f) {
        if (matchers.isEmpty()) {
            return true;
        }
        JsonNode body = f.body().get();
        return all(matchers, name -> {
            JsonNode v = Templates.field(body, name);
            return v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
        });
    }
}
