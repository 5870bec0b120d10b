package dev.standin.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.clock.Scheduler;
import dev.standin.core.http.Admission;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A provider's lifecycle steps as rule events, for every provider: a matching rule can hold the step
 * (until {@code POST /_sim/holds/{id}/release}, a later rule's {@code release}, or the scenario is
 * unloaded), delay it on the virtual clock, or replace it with a provider outcome; otherwise the step
 * runs as usual. {@link #around} is for steps that run by themselves (a payout's progress, a
 * terminal's processor); {@link #decide} for a verdict a waiting request needs (a card
 * authorisation), which a hold or delay keeps waiting.
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

    /** What rules on a step see: the tenant its object belongs to, and the entity {@code match.entity} reads. */
    public record Subject(String tenant, Map<String, ?> entity) {
    }

    /**
     * {@link #around(String, String, Map, Runnable, Consumer)} for a step whose subject must be read
     * first (from the database): read only when a loaded rule names {@code event}. Without one the step
     * runs at once, so it must check for itself that its object still exists and is in the state it
     * needs (a stored step does anyway: it may run after a restart or a hold). An empty subject: the
     * object is gone or has moved on, nothing to do. A payout's validation read the payout and every
     * payment only to count them for rules nobody had written, then read them again to validate.
     */
    public void around(String event, Supplier<Optional<Subject>> subject, Runnable step, Consumer<JsonNode> outcome) {
        if (!rules.namesEvent(provider, event)) {
            step.run();
            return;
        }
        subject.get().ifPresent(s -> around(event, s.tenant(), s.entity(), step, outcome));
    }

    /**
     * A rule's say on a verdict a request waits for: its outcome (empty: decide as usual), and how long
     * the answer must wait ({@link #await}): the rule's delay on the virtual clock, or its hold until
     * released (at most {@link #HOLD_CAP_SECONDS} of real time).
     */
    public record Decision(Optional<JsonNode> outcome, Duration delay, CountDownLatch hold, Scheduler scheduler, String provider) {
        static final Decision NONE = new Decision(Optional.empty(), Duration.ZERO, null, null, null);

        /** Blocks the calling request until the rule lets it go on. */
        public void await() {
            if (hold != null) {
                try (Admission.Away away = Admission.stepAside()) {
                    hold.await(HOLD_CAP_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            } else if (scheduler != null) {
                VirtualWait.await(scheduler, provider, delay);
            }
        }
    }

    /**
     * Matches the rules for a verdict a request waits for; the caller {@link Decision#await awaits} the
     * answer: at once ({@link #decide}), or once the transaction that recorded the verdict committed
     * ({@code AfterCommit.run(decision::await)}), so that no row stays locked while a rule holds the answer.
     * A matching rule's {@code release} releases another rule's holds first.
     */
    public Decision match(String event, String tenant, Map<String, ?> entity) {
        Optional<Rule> rule = rules.matchEvent(provider, event, tenant, entity);
        if (rule.isEmpty()) {
            return Decision.NONE;
        }
        Rule.Effect e = rule.get().effect();
        if (e.release() != null) {
            rules.holds().releaseRule(e.release());
        }
        CountDownLatch hold = null;
        if (e.hold()) {
            hold = new CountDownLatch(1);
            rules.holds().hold(rule.get(), provider, event, event + " " + entity, hold::countDown);
        }
        return new Decision(Optional.ofNullable(e.outcome()), e.delays() ? rules.delayOf(e) : Duration.ZERO, hold, scheduler, provider);
    }

    /** {@link #match} and wait: the outcome a matching rule gives, after its hold or delay. */
    public Optional<JsonNode> decide(String event, String tenant, Map<String, ?> entity) {
        Decision d = match(event, tenant, entity);
        d.await();
        return d.outcome();
    }

    /** The longest a held request waits, in real time, for its release. */
    public static final long HOLD_CAP_SECONDS = 600;
}
