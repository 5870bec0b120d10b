package dev.standin.provider.velo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.clock.Scheduler;
import dev.standin.core.rules.Rule;
import dev.standin.core.rules.RuleEngine;
import dev.standin.core.rules.RuleEvent;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Velo's lifecycle steps as rule events ({@code payout.validate},
 * {@code payment.bankRequest}, {@code payment.railsAccept}, {@code payment.confirm}, {@code payee.ofac},
 * {@code funding.credit}). A matching rule can hold the step (until released), delay it, or replace
 * it with a provider outcome; otherwise the step runs as usual.
 */
public final class VeloEvents {
    /** The events and the outcome each understands (any reason: Velo's reason codes are open-ended). */
    static final List<RuleEvent> CATALOGUE = List.of(
            new RuleEvent("payout.validate", Map.of("reject", Set.of())),
            new RuleEvent("payment.bankRequest", Map.of("fail", Set.of())),
            new RuleEvent("payment.railsAccept", Map.of("fail", Set.of())),
            new RuleEvent("payment.confirm", Map.of("fail", Set.of())),
            new RuleEvent("payee.ofac", Map.of("fail", Set.of())),
            new RuleEvent("funding.credit", Map.of("return", Set.of())));

    private final RuleEngine rules;
    private final Scheduler scheduler;

    public VeloEvents(RuleEngine rules, Scheduler scheduler) {
        this.rules = rules;
        this.scheduler = scheduler;
    }

    /**
     * Runs {@code step} unless a rule intervenes; an outcome rule calls {@code outcome} with its
     * {@code outcome} object instead. {@code entity} is what {@code match.entity} sees.
     */
    public void around(String event, String tenant, Map<String, ?> entity, Runnable step, Consumer<JsonNode> outcome) {
        Optional<Rule> rule = rules.matchEvent(VeloModule.NAME, event, tenant, entity);
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
            rules.holds().hold(rule.get(), VeloModule.NAME, event, event + " " + entity, act);
        } else if (e.delays()) {
            scheduler.schedule(VeloModule.NAME, event + " (delayed by rule " + rule.get().name() + ")", rules.delayOf(e), act);
        } else {
            act.run();
        }
    }
}
