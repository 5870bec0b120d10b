package dev.standin.core.id;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One {@link IdGenerator} per stream (a provider, or the core), all derived from the server's seed. */
public final class Ids {
    private final long seed;
    private final long epoch;
    private final Map<String, IdGenerator> generators = new ConcurrentHashMap<>();

    public Ids(long seed, long epoch) {
        this.seed = seed;
        this.epoch = epoch;
    }

    public IdGenerator stream(String name) {
        return generators.computeIfAbsent(name, n -> new IdGenerator(seed, n, epoch));
    }

    public void restart(String name) {
        stream(name).restart();
    }

    public void restartAll() {
        generators.values().forEach(IdGenerator::restart);
    }
}
