package dev.standin.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.clock.Scheduler;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A provider's lifecycle steps as rule events, for every provider: a matching rule can hold the step
 * (until {@code POST /_sim/holds/{id}/release}, a later rule's {@code release}, or the scenario is
 * unloaded), delay it on the virtual clock, or replace it with a provider outcome; otherwise the step
 * runs as usual.
 */
public final class LifecycleEvents {
    private final String provider;
    private final RuleEngine rules;
    private final Scheduler scheduler;

    public LifecycleEvents(String provider, RuleEngine rules, Scheduler scheduler) {
        this.provider = provider;
        this.rules = rules;
        this.scheduler = scheduler;
    }

    /**
     * Runs {@code step} unless a rule intervenes; an outcome rule calls {@code outcome} with its
     * {@code outcome} object instead. {@code entity} is what {@code match.entity} sees.
     */
    public void around(String event, String tenant, Map<String, ?> entity, Runnable step, Consumer<JsonNode> outcome) {
        Optional<Rule> rule = rules.matchEvent(provider, event, tenant, entity);
        if (rule.isEmpty()) {
            step.run();
            return;
        }
        Rule.Effect e = rule.get().effect();
        if (e.release() != null) {
            rules.holds().releaseRule(e.release());
        }
        Runnable act = e.outcome() != null ? () -> outcome.accept(e.outcome()) : step;
        if (e.hold()) {
            rules.holds().hold(rule.get(), provider, event, event + " " + entity, act);
        } else if (e.delays()) {
            scheduler.schedule(provider, event + " (delayed by rule " + rule.get().name() + ")", rules.delayOf(e), act);
        } else {
            act.run();
        }
    }
}
