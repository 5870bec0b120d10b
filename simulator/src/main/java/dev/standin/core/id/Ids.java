package dev.standin.core.id;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link IdGenerator} per stream (a provider, or the core), all derived from the server's seed
 * and epoch (how many times a server started on this database before).
 */
public final class Ids {
    private final long seed;
    private volatile long epoch;
    private final Map<String, IdGenerator> generators = new ConcurrentHashMap<>();

    public Ids(long seed) {
        this.seed = seed;
    }

    /** Sets the epoch, known once the database is open, and restarts every stream on it. */
    public void epoch(long epoch) {
        this.epoch = epoch;
        restartAll();
    }

    public IdGenerator stream(String name) {
        return generators.computeIfAbsent(name, n -> new IdGenerator(seed, n, () -> epoch));
    }

    public void restart(String name) {
        stream(name).restart();
    }

    public void restartAll() {
        generators.values().forEach(IdGenerator::restart);
    }
}
