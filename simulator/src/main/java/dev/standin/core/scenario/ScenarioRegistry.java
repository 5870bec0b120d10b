package dev.standin.core.scenario;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The scenarios loaded into the running server, in load order. */
public final class ScenarioRegistry {
    private final List<Scenario> loaded = new CopyOnWriteArrayList<>();
    /** Whether a loaded scenario sets settings.validateRequests: read on every request, so kept up to date here. */
    private volatile boolean validateRequests;
    /**
     * Declared items as their provider reads them, by "provider/list": a new map whenever the scenarios
     * change, so that a reader still building from the old list fills the old map, never the new one.
     */
    private volatile java.util.Map<String, List<?>> declared = new java.util.concurrent.ConcurrentHashMap<>();

    public List<Scenario> all() {
        return List.copyOf(loaded);
    }

    public Optional<Scenario> find(String name) {
        return loaded.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public void add(Scenario scenario) {
        if (find(scenario.name()).isPresent()) {
            throw new IllegalStateException("scenario '" + scenario.name() + "' is already loaded");
        }
        loaded.add(scenario);
        changed();
    }

    private void changed() {
        declared = new java.util.concurrent.ConcurrentHashMap<>();
        validateRequests = loaded.stream().anyMatch(s -> s.settings().path("validateRequests").asBoolean(false));
    }

    /** Strict mode for this sandbox: a loaded scenario sets {@code settings.validateRequests: true}. */
    public boolean validateRequests() {
        return validateRequests;
    }

    public void remove(String name) {
        loaded.removeIf(s -> s.name().equals(name));
        changed();
    }

    /**
     * The delay of a lifecycle step: zero when any loaded scenario sets {@code settings.instant},
     * else {@code settings.delays.<name>} from the last scenario that sets it, else {@code fallback}.
     */
    public Duration delay(String name, Duration fallback) {
        List<Scenario> all = all();
        if (all.stream().anyMatch(s -> s.settings().path("instant").asBoolean(false))) {
            return Duration.ZERO;
        }
        return setting("delays", name, fallback);
    }

    /** {@code settings.<section>.<name>} from the last scenario that sets it, else {@code fallback}. */
    public Duration setting(String section, String name, Duration fallback) {
        List<Scenario> all = all();
        for (int i = all.size() - 1; i >= 0; i--) {
            JsonNode value = all.get(i).settings().path(section).path(name);
            if (value.isTextual()) {
                return Duration.parse(value.asText());
            }
        }
        return fallback;
    }

    /** A list of durations under {@code settings.<section>.<name>} from the last scenario that sets it. */
    public List<Duration> settings(String section, String name, List<Duration> fallback) {
        List<Scenario> all = all();
        for (int i = all.size() - 1; i >= 0; i--) {
            JsonNode value = all.get(i).settings().path(section).path(name);
            if (value.isArray()) {
                List<Duration> out = new ArrayList<>();
                value.forEach(v -> out.add(Duration.parse(v.asText())));
                return out;
            }
        }
        return fallback;
    }

    /** The items of one list ({@code "merchants"}, {@code "programs"}...) of a provider's seed, over every loaded scenario in load order. */
    public List<JsonNode> seedItems(String provider, String list) {
        List<JsonNode> items = new ArrayList<>();
        seedsFor(provider).forEach(seed -> seed.path(list).forEach(items::add));
        return items;
    }

    /**
     * {@link #seedItems} read as {@code of} reads each item, kept until the loaded scenarios change:
     * providers look their declared tenants up on every request (one reader per provider and list).
     */
    @SuppressWarnings("unchecked")
    public <T> List<T> declared(String provider, String list, java.util.function.Function<JsonNode, T> of) {
        return (List<T>) declared.computeIfAbsent(provider + "/" + list, k -> seedItems(provider, list).stream().map(of).toList());
    }

    /** Every loaded scenario's seed section for one provider, in load order. */
    public List<JsonNode> seedsFor(String provider) {
        List<JsonNode> seeds = new ArrayList<>();
        for (Scenario s : loaded) {
            JsonNode seed = s.seedFor(provider);
            if (!seed.isMissingNode()) {
                seeds.add(seed);
            }
        }
        return seeds;
    }
}
