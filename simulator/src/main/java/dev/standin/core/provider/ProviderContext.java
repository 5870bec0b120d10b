package dev.standin.core.provider;

import dev.standin.core.http.Cidr;
import java.util.List;

import dev.standin.core.clock.Scheduler;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.id.IdGenerator;
import dev.standin.core.rules.LifecycleEvents;
import dev.standin.core.rules.RuleEngine;
import dev.standin.core.webhooks.WebhookDelivery;
import dev.standin.core.scenario.ScenarioRegistry;
import dev.standin.core.store.Database;

/**
 * What the core hands each provider instance (one per sandbox): the sandbox's id ("default" for the
 * server's own; a provider puts it in URLs that carry no credential, such as hosted pages), clock, scheduler, id
 * stream, database, loaded scenarios and rules, webhook delivery, the networks that count as a
 * device's local network.
 */
public record ProviderContext(String sandbox, VirtualClock clock, Scheduler scheduler, IdGenerator ids, Database database,
                              ScenarioRegistry scenarios, RuleEngine rules, WebhookDelivery webhooks,
                              List<Cidr> trustedNetworks) {
    /** The provider's lifecycle events: rules on them hold, delay or decide (see {@link LifecycleEvents}). */
    public LifecycleEvents events(String provider) {
        return new LifecycleEvents(provider, rules, scheduler);
    }
}
