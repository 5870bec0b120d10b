package dev.standin.provider.velo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.clock.Scheduler;
import dev.standin.core.rules.LifecycleEvents;
import dev.standin.core.rules.RuleEngine;
import dev.standin.core.rules.RuleEvent;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Velo's lifecycle steps as rule events ({@code payout.validate},
 * {@code payment.bankRequest}, {@code payment.railsAccept}, {@code payment.confirm}, {@code payee.ofac},
 * {@code funding.credit}), through the core's {@link LifecycleEvents}: hold, delay or an outcome.
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

    private final LifecycleEvents events;

    public VeloEvents(RuleEngine rules, Scheduler scheduler) {
        this.events = new LifecycleEvents(VeloModule.NAME, rules, scheduler);
    }

    /** See {@link LifecycleEvents#around(String, Supplier, Runnable, Consumer)}: the subject read only for rules naming the event. */
    public void around(String event, Supplier<Optional<LifecycleEvents.Subject>> subject, Runnable step, Consumer<JsonNode> outcome) {
        events.around(event, subject, step, outcome);
    }
}
