package dev.standin.core;

import dev.standin.core.clock.Scheduler;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.id.Ids;
import dev.standin.core.provider.ProviderModule;
import dev.standin.core.rules.RuleEngine;
import dev.standin.core.webhooks.WebhookDelivery;
import dev.standin.core.scenario.Scenario;
import dev.standin.core.scenario.ScenarioException;
import dev.standin.core.scenario.ScenarioParser;
import dev.standin.core.scenario.ScenarioProblem;
import dev.standin.core.scenario.ScenarioRegistry;
import dev.standin.core.store.Database;
import dev.standin.core.store.Room;
import org.jooq.DSLContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.standin.db.core.Tables.SCENARIO;

/**
 * The simulated world's state as a whole: which scenarios are loaded, seeding the providers from
 * them, and resetting everything (or one provider) back to what they seed.
 */
public final class Simulation {
    /** The meta key saying a scenario's seed is in this database already (a persistent one keeps it across starts). */
    private static String seededKey(String scenario) {
        return "seeded:" + scenario;
    }

    /** A scenario document and where it came from (a file name, or "POST /_sim/scenarios"). */
    public record Source(String origin, String text) {
    }

    private final List<ProviderModule> modules;
    private final ScenarioRegistry registry;
    private final ScenarioParser parser;
    private final Database database;
    private final VirtualClock clock;
    private final Scheduler scheduler;
    private final Ids ids;
    private final RuleEngine rules;
    private final WebhookDelivery webhooks;
    private volatile Runnable onScenariosChanged = () -> {
    };
    /** The sandbox's generation this instance is up to date with (see {@link #follow}). */
    private volatile long followed;
    /** Resets (by any instance) this instance has followed, by meta key: {@value #RESETS} (all), {@code resets.<provider>}. */
    private final java.util.Map<String, Long> resetsSeen = new java.util.HashMap<>();
    private static final String RESETS = "resets";
    /** Names of the scenarios parsed at start (the command line's): each instance's own, never unloaded by {@link #follow}. */
    private final java.util.Set<String> atStart = new java.util.HashSet<>();

    public Simulation(List<ProviderModule> modules, ScenarioRegistry registry, ScenarioParser parser,
                      Database database, VirtualClock clock, Scheduler scheduler, Ids ids, RuleEngine rules,
                      WebhookDelivery webhooks) {
        this.modules = modules;
        this.registry = registry;
        this.parser = parser;
        this.database = database;
        this.clock = clock;
        this.scheduler = scheduler;
        this.ids = ids;
        this.rules = rules;
        this.webhooks = webhooks;
    }

    /** Parses the start-up scenarios into the registry, reporting every problem of every file together. */
    public void parseAtStart(List<Source> sources) {
        List<ScenarioProblem> problems = new ArrayList<>();
        for (Source source : sources) {
            try {
                registry.add(parser.parse(source.text(), source.origin()).withoutText());
            } catch (ScenarioException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        registry.all().forEach(s -> atStart.add(s.name()));
        rules.reload(registry.all());
    }

    /**
     * After {@link #parseAtStart} and the migrations: loads the scenarios loaded at runtime into this
     * (persistent) database before, and seeds every scenario this database has not seeded yet (a
     * scenario named on a later start of a data directory is seeded then).
     */
    public void seedAtStart() {
        if (clock.isShared()) {
            followed = clock.generation();
            resetsKeys().forEach(key -> resetsSeen.put(key, resets(key)));
        }
        (database.mayHoldRows(SCENARIO) ? database.dsl().selectFrom(SCENARIO).orderBy(SCENARIO.POSITION).fetch()
                : List.<dev.standin.db.core.tables.records.ScenarioRecord>of()).forEach(stored -> {
            if (registry.find(stored.getName()).isEmpty()) {
                registry.add(parser.parse(stored.getSource(), stored.getOrigin()));
            }
        });
        rules.reload(registry.all());
        database.dsl().transaction(tx -> registry.all().forEach(scenario -> {
            if (database.meta(tx.dsl(), seededKey(scenario.name())).isEmpty()) {
                seedAll(scenario, tx.dsl());
                database.meta(tx.dsl(), seededKey(scenario.name()), "true");
            }
        }));
    }

    /** Loads a scenario into the running server: validated as a whole, then seeded and remembered, or nothing changes. */
    public synchronized Scenario load(Source source) {
        Scenario scenario = parser.parse(source.text(), source.origin());
        database.dsl().transaction(tx -> {
            DSLContext t = tx.dsl();
            seedAll(scenario, t);
            Integer last = t.select(org.jooq.impl.DSL.max(SCENARIO.POSITION)).from(SCENARIO).fetchOne(0, Integer.class);
            int position = last == null ? 1 : last + 1;
            t.insertInto(SCENARIO, SCENARIO.POSITION, SCENARIO.NAME, SCENARIO.ORIGIN, SCENARIO.SOURCE)
                    .values(position, scenario.name(), scenario.origin(), scenario.text())
                    .execute();
            database.meta(t, seededKey(scenario.name()), "true");
        });
        registry.add(scenario);
        rules.reload(registry.all());
        try {
            onScenariosChanged.run();
        } catch (RuntimeException e) {
            unload(scenario.name()); // e.g. a declared port in use: the scenario leaves nothing behind
            throw e;
        }
        announce();
        return scenario;
    }

    /**
     * Unloads a scenario. The providers it seeded are reset to what the remaining scenarios seed
     * (its tenants disappear with it); a scenario without a seed is simply dropped.
     */
    public synchronized boolean unload(String name) {
        Optional<Scenario> found = registry.find(name);
        if (found.isEmpty()) {
            return false;
        }
        registry.remove(name);
        database.dsl().deleteFrom(SCENARIO).where(SCENARIO.NAME.eq(name)).execute();
        database.forget(seededKey(name));
        rules.reload(registry.all());
        rules.forgetCounts(List.of(name));
        rules.holds().releaseScenario(name);
        onScenariosChanged.run();
        for (ProviderModule module : modules) {
            if (!found.get().seedFor(module.name()).isMissingNode()) {
                reset(module);
            }
        }
        announce();
        return true;
    }

    /** Called after a scenario is loaded or unloaded (providers' declared servers may change). */
    public void onScenariosChanged(Runnable listener) {
        this.onScenariosChanged = listener;
    }

    /** Every provider back to what the loaded scenarios seed; the clock and id generators restart. */
    public synchronized void resetAll() {
        scheduler.cancel(null);
        rules.holds().clear();
        rules.forgetCounts(null);
        rules.restart(registry.all());
        webhooks.clear();
        modules.forEach(ProviderModule::clear);
        clock.restart();
        ids.restartAll();
        // what was seeded before, into emptied tables: never refused as a full heap's new writes are
        Room.unlimited(() -> database.dsl().transaction(tx -> registry.all().forEach(scenario -> seedAll(scenario, tx.dsl()))));
        countReset(RESETS);
        announce();
    }

    /** One provider back to what the loaded scenarios seed; its id generator restarts, the shared clock does not. */
    public synchronized void reset(ProviderModule module) {
        scheduler.cancel(module.name());
        module.clear();
        ids.restart(module.name());
        Room.unlimited(() -> database.dsl().transaction(tx -> registry.all().forEach(scenario -> module.seed(scenario, tx.dsl()))));
        countReset(RESETS + "." + module.name());
        announce();
    }

    /** Shared: counts a reset under {@code key}, so that the other instances drop their in-memory part of what it reset. */
    private synchronized void countReset(String key) {
        if (clock.isShared()) {
            long n = resets(key) + 1;
            database.meta(key, Long.toString(n));
            resetsSeen.put(key, n);
        }
    }

    private long resets(String key) {
        return database.meta(key).map(Long::parseLong).orElse(0L);
    }

    private List<String> resetsKeys() {
        List<String> keys = new ArrayList<>(List.of(RESETS));
        modules.forEach(m -> keys.add(RESETS + "." + m.name()));
        return keys;
    }

    /** Tells the other instances sharing the database (if any) that they must {@link #follow}. */
    private void announce() {
        if (clock.isShared()) {
            followed = clock.nextGeneration();
        }
    }

    /**
     * Before a request on a database several instances share: when another instance reset, loaded or
     * unloaded a scenario since (the shared clock's generation moved), take its scenarios from the
     * database, forget every cache and, after a reset, this instance's in-memory events and holds (the
     * reset emptied the shared tables itself). Cheap when nothing moved (one comparison).
     */
    public void follow(long generation) {
        if (generation <= followed) {
            return;
        }
        synchronized (this) {
            if (generation <= followed) {
                return;
            }
            List<String> stored = new ArrayList<>();
            database.dsl().selectFrom(SCENARIO).orderBy(SCENARIO.POSITION).fetch().forEach(row -> {
                stored.add(row.getName());
                if (registry.find(row.getName()).isEmpty()) {
                    registry.add(parser.parse(row.getSource(), row.getOrigin()));
                }
            });
            registry.all().stream().map(Scenario::name).filter(n -> !atStart.contains(n) && !stored.contains(n)).forEach(registry::remove);
            if (changed(RESETS)) {
                scheduler.forgetPending(null);
                rules.holds().forgetLocal();
                rules.restart(registry.all());
                ids.restartAll();
            } else {
                rules.reload(registry.all());
            }
            for (ProviderModule m : modules) {
                if (changed(RESETS + "." + m.name())) { // one provider reset elsewhere: its in-memory events here go too
                    scheduler.forgetPending(m.name());
                    ids.restart(m.name());
                }
            }
            modules.forEach(ProviderModule::forgetCached);
            followed = generation;
            try {
                onScenariosChanged.run();
            } catch (RuntimeException e) { // e.g. a declared device's port, bound by the instance that loaded it on this machine
                org.slf4j.LoggerFactory.getLogger(Simulation.class).warn("following another instance's scenarios: {}", e.getMessage());
            }
        }
    }

    /** Whether the resets counted under {@code key} moved since this instance last looked (and takes note). */
    private boolean changed(String key) {
        long now = resets(key);
        Long seen = resetsSeen.put(key, now);
        return seen == null ? now != 0 : seen != now;
    }

    public Optional<ProviderModule> module(String name) {
        return modules.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public List<ProviderModule> modules() {
        return modules;
    }

    public ScenarioRegistry scenarios() {
        return registry;
    }

    public RuleEngine rules() {
        return rules;
    }

    private void seedAll(Scenario scenario, DSLContext tx) {
        for (ProviderModule module : modules) {
            if (!scenario.seedFor(module.name()).isMissingNode()) {
                module.seed(scenario, tx);
            }
        }
    }
}
