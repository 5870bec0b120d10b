package dev.standin.core.sandbox;

import dev.standin.core.Simulation;
import dev.standin.core.clock.ClockMode;
import dev.standin.core.clock.ClockRow;
import dev.standin.core.clock.Scheduler;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.http.Cidr;
import dev.standin.core.http.ErrorRenderer;
import dev.standin.core.http.RequestFilter;
import dev.standin.core.http.RequestJournal;
import dev.standin.core.http.RequestScope;
import dev.standin.core.id.Ids;
import dev.standin.core.provider.ProviderContext;
import dev.standin.core.provider.ProviderModule;
import dev.standin.core.rules.RuleEngine;
import dev.standin.core.rules.RuleEvent;
import dev.standin.core.rules.RuleEventCheck;
import dev.standin.core.rules.RuleFilter;
import dev.standin.core.scenario.ScenarioParser;
import dev.standin.core.scenario.ScenarioRegistry;
import dev.standin.core.scenario.SeedCheck;
import dev.standin.core.store.Database;
import dev.standin.core.store.HeapGuard;
import dev.standin.core.store.StoredSteps;
import dev.standin.core.webhooks.WebhookDelivery;
import dev.standin.core.webhooks.WebhookPolicy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One isolated simulated world: its own virtual clock and scheduler, id and random streams, database,
 * loaded scenarios with their rules and counts, holds, webhook log, request journal, and an instance
 * of every provider built on them. The server's default sandbox is what a user who never creates one
 * talks to; others are created through the control API and found by their credentials.
 */
public final class Sandbox implements RequestScope, AutoCloseable {

    /** How a sandbox is made; {@code location} only for the default sandbox (others live in memory); {@code maxRows} 0 for no limit. */
    public record Spec(String id, String name, String controlToken, ClockMode clockMode, Instant start, long seed,
                       Database.Location location, List<Simulation.Source> scenarios, int journalSize, List<Cidr> trustedNetworks,
                       long maxRows) {
    }

    private volatile Spec spec;
    private final VirtualClock clock;
    private final Database database;
    private final Ids ids;
    private final Scheduler scheduler;
    private final RuleEngine rules;
    private final WebhookDelivery webhooks;
    private final Simulation simulation;
    private final RequestJournal journal;
    private final Map<String, ProviderModule> modules = new LinkedHashMap<>();
    private final Map<String, RuleFilter> filters = new LinkedHashMap<>();
    private volatile long lastUsedNanos = System.nanoTime();
    private static final long IDLE_POLL_NANOS = 10_000_000_000L;
    /**
     * Pending scheduled events a sandbox holds in memory before a request that needs more answers 507
     * SCHEDULER_FULL. Future steps pile up under steady load (a Vendreo payment's expiry is 30 minutes
     * away: 100,000 was reached at 56 payment requests a second), so the bound is high and the heap's
     * limit (507 HEAP_FULL) usually comes first.
     */
    static final int MAX_PENDING_EVENTS = 1_000_000;
    /** Asked when its shared state cannot be read: whether another instance removed it (and so it was closed here). */
    private volatile java.util.function.Predicate<Sandbox> removedElsewhere = s -> false;
    /** The instances sharing this sandbox's database, when several may (set once it is open). */
    private volatile dev.standin.core.store.InstanceRegistry instances;

    /** The default sandbox, whose database a created one lives beside (null for the default one itself). */
    private final Sandbox home;

    private Sandbox(Spec spec, List<ProviderModule> providers, HeapGuard heap, Sandbox home) {
        this.spec = spec;
        this.home = home;
        this.clock = new VirtualClock(spec.clockMode(), spec.start());
        this.database = home == null ? Database.connect(spec.location()) : Database.sandbox(home.database, spec.id());
        this.database.limitRows(spec.maxRows());
        this.database.guard(heap);
        this.ids = new Ids(spec.seed());
        this.scheduler = new Scheduler(clock, MAX_PENDING_EVENTS, new StoredSteps(database));
        ScenarioRegistry registry = new ScenarioRegistry();
        Map<String, SeedCheck> seedChecks = new LinkedHashMap<>();
        Map<String, List<RuleEvent>> ruleEvents = new LinkedHashMap<>();
        providers.forEach(m -> {
            seedChecks.put(m.name(), m.seedCheck());
            ruleEvents.put(m.name(), m.ruleEvents());
            modules.put(m.name(), m);
        });
        RuleEventCheck eventCheck = new RuleEventCheck(ruleEvents, List.of(WebhookDelivery.RULE_EVENT));
        this.rules = new RuleEngine(ids.stream("rules"), clock::now, database);
        this.webhooks = new WebhookDelivery(clock, scheduler, rules, database, () -> new WebhookPolicy(
                registry.setting("webhooks", "ackTimeout", WebhookPolicy.DEFAULT.ackTimeout()),
                registry.settings("webhooks", "retryDelays", WebhookPolicy.DEFAULT.retryDelays()),
                WebhookPolicy.DEFAULT.signer()));
        this.simulation = new Simulation(providers, registry, new ScenarioParser(seedChecks, eventCheck, registry),
                database, clock, scheduler, ids, rules, webhooks);
        this.journal = new RequestJournal(spec.journalSize());
        providers.forEach(m -> m.init(new ProviderContext(spec.id(), clock, scheduler, ids.stream(m.name()), database, registry, rules, webhooks,
                spec.trustedNetworks())));
        providers.forEach(m -> filters.put(m.name(), new RuleFilter(rules, m.name(), m.errors(), m::tenant, scheduler, clock,
                webhooks::sendFromRule)));
    }

    /**
     * Opens a sandbox: its database migrated, its scenarios parsed and seeded, its pending steps (of a
     * persistent database) scheduled again. A bad scenario throws a ScenarioException and leaves nothing
     * open. {@code home}: the default sandbox, for a created one (null when opening the default one);
     * on PostgreSQL a created sandbox another instance made is opened the same way (its schemas and
     * seed are there already).
     */
    public static Sandbox open(Spec spec, List<ProviderModule> providers, HeapGuard heap, Sandbox home) {
        Sandbox sandbox = new Sandbox(spec, providers, heap, home);
        try {
            sandbox.database.migrate();
            if (sandbox.database.sharedByInstances()) {
                sandbox.clock.share(new ClockRow(sandbox.database)); // every instance on the database reads one clock
            }
            long epoch = sandbox.database.countStart(); // a created sandbox counts its own: 0 where it was created, as on a fresh server
            sandbox.ids.epoch(epoch);
            if (sandbox.database.sharedByInstances()) {
                // this instance's id among those on the database (a created sandbox's ranges use the server's,
                // whose liveness its holds and webhook attempts are checked against)
                long instance = home == null ? epoch : home.instances.id();
                sandbox.scheduler.startIdsAt(instance << 40); // another instance's stored steps are in the same table
                sandbox.rules.holds().startIdsAt(instance << 40); // and its holds and webhook deliveries
                sandbox.webhooks.startIdsAt(instance << 40);
                sandbox.scheduler.onPoll(sandbox.rules.holds()::poll); // released by another instance: run here
                sandbox.instances = home == null ? new dev.standin.core.store.InstanceRegistry(sandbox.database, epoch) : home.instances;
                if (home != null) { // an idle sandbox's stored steps are looked for once a second, not fifty times
                    sandbox.scheduler.pollSlowlyWhen(() -> sandbox.idleNanos() > IDLE_POLL_NANOS);
                    sandbox.scheduler.whenPollFails(e -> !sandbox.removedElsewhere.test(sandbox));
                }
            }
            sandbox.simulation.parseAtStart(spec.scenarios());
            sandbox.simulation.seedAtStart();
            sandbox.scheduler.restore();
            sandbox.scheduler.start();
            return sandbox;
        } catch (RuntimeException e) {
            if (sandbox.database.madeSchemas()) {
                sandbox.destroy(); // a creation that failed (a bad scenario) leaves no schemas behind
            } else {
                sandbox.close();
            }
            throw e;
        }
    }

    public String id() {
        return spec.id();
    }

    public String name() {
        return spec.name();
    }

    public Spec spec() {
        return spec;
    }

    /** Once opened (and listed in a shared catalog) a created sandbox needs its scenarios' texts no more: its registry holds them parsed. */
    void forgetScenarioTexts() {
        spec = new Spec(spec.id(), spec.name(), spec.controlToken(), spec.clockMode(), spec.start(), spec.seed(), spec.location(),
                List.of(), spec.journalSize(), spec.trustedNetworks(), spec.maxRows());
    }

    /** The token that guards this sandbox's control endpoints, or null when they are open. */
    public String controlToken() {
        return spec.controlToken();
    }

    public VirtualClock clock() {
        return clock;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public Simulation simulation() {
        return simulation;
    }

    public RuleEngine rules() {
        return rules;
    }

    public WebhookDelivery webhooks() {
        return webhooks;
    }

    public Database database() {
        return database;
    }

    /** The instances sharing this sandbox's database (PostgreSQL), for what the control API gathers from each; empty otherwise. */
    public Optional<dev.standin.core.store.InstanceRegistry> instances() {
        return Optional.ofNullable(instances);
    }

    @Override
    public RequestJournal journal() {
        return journal;
    }

    @Override
    public RequestFilter filter(String provider) {
        return filters.get(provider);
    }

    @Override
    public ErrorRenderer errors(String provider) {
        ProviderModule module = modules.get(provider);
        return module == null ? null : module.errors();
    }

    @Override
    public Object module(String provider) {
        return modules.get(provider);
    }

    public Optional<ProviderModule> provider(String name) {
        return Optional.ofNullable(modules.get(name));
    }

    public List<ProviderModule> modules() {
        return simulation.modules();
    }

    @Override
    public Instant now() {
        return clock.now();
    }

    @Override
    public boolean validateRequests() {
        return simulation.scenarios().validateRequests();
    }

    /** Marks the sandbox as used now (for removing idle sandboxes). */
    @Override
    public void touch() {
        lastUsedNanos = System.nanoTime();
        try {
            clock.refresh(); // a shared clock: what another instance advanced counts for this request
        } catch (org.jooq.exception.DataAccessException e) {
            if (sharedByInstances() && removedElsewhere.test(this)) {
                throw new Gone("sandbox " + id() + " was removed by another instance");
            }
            throw e;
        }
        simulation.follow(clock.generation()); // and what another instance reset or loaded
    }

    public long idleNanos() {
        return System.nanoTime() - lastUsedNanos;
    }

    /** Closes it here: on PostgreSQL a created sandbox's state stays for the other instances (see {@link #destroy}). */
    @Override
    public void close() {
        scheduler.close();
        database.close();
    }

    /** Closes it and removes its state everywhere. */
    public void destroy() {
        close();
        database.drop();
    }

    /** How to learn, when its shared state cannot be read, that another instance removed it (closing it here). */
    public void whenRemovedElsewhere(java.util.function.Predicate<Sandbox> check) {
        this.removedElsewhere = check;
    }

    /** Whether its state outlives this instance (a created sandbox on PostgreSQL, which other instances open too). */
    public boolean sharedByInstances() {
        return home != null && database.sharedByInstances();
    }
}
