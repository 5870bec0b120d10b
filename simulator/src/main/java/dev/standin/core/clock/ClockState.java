package dev.standin.core.clock;

import java.time.Instant;

/**
 * Where a clock shared by several instances keeps what it is (a row of the database they share): its
 * manual start and the offset advanced so far. Every change is one transaction, so two instances
 * advancing at once both count, and the offset never moves backwards. The row also carries the
 * sandbox's generation, which a reset or a scenario loaded or unloaded on any instance raises: read
 * with the clock before each request, it tells the others to follow (see {@code Simulation.follow}).
 */
public interface ClockState {
    /**
     * What a clock is: a manual clock's start, and the nanoseconds advanced; with the sandbox's
     * generation and its data version (raised with every cached thing's version: {@code VersionedCache}).
     */
    record State(Instant anchor, long offsetNanos, long generation, long dataVersion) {
    }

    /** The stored state, storing {@code initial} when there is none yet (the first instance to start). */
    State load(State initial);

    /** The stored state now. */
    State read();

    /** Adds {@code nanos} to the offset; answers the state after. */
    State advance(long nanos);

    /** Raises the offset to at least {@code offsetNanos}; answers the state after. */
    State advanceTo(long offsetNanos);

    /** Back to the start: offset 0. */
    State restart();

    /** Raises the generation by one (this instance changed what every instance must follow). */
    State nextGeneration();
}
