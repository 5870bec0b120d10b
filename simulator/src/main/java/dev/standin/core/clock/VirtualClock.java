package dev.standin.core.clock;

import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;
import java.time.Instant;

/**
 * The one clock every timestamp, expiry and delay reads.
 * <p>
 * In {@link ClockMode#SYSTEM} mode it follows the wall clock plus whatever was advanced;
 * in {@link ClockMode#MANUAL} mode it stands still at its start time until {@link #advance} moves it.
 */
public final class VirtualClock {
    private final ClockMode mode;
    private final Instant configuredStart;

    private volatile Instant anchor;
    private volatile long anchorNanos;
    private volatile long offsetNanos;
    /** The sandbox's generation as the shared row last said (0 when not shared): see {@link ClockState}. */
    private volatile long generation;
    /** The shared data version as last read (0 when not shared): see {@link ClockState.State}. */
    private volatile long dataVersion;
    /** Set when several instances share this clock (a PostgreSQL database): its state lives there. */
    private volatile ClockState shared;

    public VirtualClock(ClockMode mode, Instant startTime) {
        this.mode = mode;
        this.configuredStart = startTime;
        restart();
    }

    public ClockMode mode() {
        return mode;
    }

    /** Back to the start: the configured start time (manual) or the wall clock (system). */
    public synchronized void restart() {
        anchor = configuredStart != null ? configuredStart : wallNow();
        anchorNanos = System.nanoTime();
        offsetNanos = 0;
        if (shared != null) {
            apply(shared.restart());
        }
    }

    /**
     * From now on the clock is the one stored in {@code state}, which other instances share: a manual
     * clock starts where the first instance started it, and every advance anyone makes counts. A system
     * clock follows this machine's wall clock plus the shared offset.
     */
    public synchronized void share(ClockState state) {
        this.shared = state;
        apply(state.load(new ClockState.State(anchor, offsetNanos, 0, 0)));
    }

    /** Takes what other instances did to a shared clock (before each request and each scheduler poll). */
    public void refresh() {
        ClockState s = shared;
        if (s != null) {
            ClockState.State state = s.read();
            synchronized (this) {
                apply(state);
            }
        }
    }

    public boolean isShared() {
        return shared != null;
    }

    /** The sandbox's generation as last read with a shared clock (0 when not shared). */
    public long generation() {
        return generation;
    }

    /**
     * The shared data version as read before this request or poll (0 when not shared): a cache entry
     * checked at this version is still current when it has not moved.
     */
    public long dataVersion() {
        return dataVersion;
    }

    /** Raises the shared generation (this instance reset or reloaded); answers it. Not shared: 0. */
    public synchronized long nextGeneration() {
        if (shared != null) {
            apply(shared.nextGeneration());
        }
        return generation;
    }

    private void apply(ClockState.State state) {
        if (mode == ClockMode.MANUAL) {
            anchor = state.anchor();
        }
        offsetNanos = state.offsetNanos();
        generation = Math.max(generation, state.generation()); // a slower read never takes it back
        dataVersion = Math.max(dataVersion, state.dataVersion());
    }

    public Instant now() {
        long elapsed = mode == ClockMode.SYSTEM ? System.nanoTime() - anchorNanos : 0;
        return anchor.plusNanos(elapsed + offsetNanos);
    }

    public long epochMillis() {
        return now().toEpochMilli();
    }

    /** Moves the clock forward; negative durations are refused. */
    public synchronized void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        if (shared != null) {
            apply(shared.advance(by.toNanos()));
        } else {
            offsetNanos += by.toNanos();
        }
    }

    /** Moves the clock forward to {@code target} if it is in the future; never backwards. */
    public synchronized void advanceTo(Instant target) {
        Duration gap = Duration.between(now(), target);
        if (!gap.isNegative()) {
            if (shared != null) {
                apply(shared.advanceTo(offsetNanos + gap.toNanos()));
            } else {
                offsetNanos += gap.toNanos();
            }
        }
    }

    /** A Caffeine ticker on this clock, so cache expiry follows virtual time. */
    public Ticker ticker() {
        return () -> {
            Instant n = now();
            return n.getEpochSecond() * 1_000_000_000L + n.getNano();
        };
    }

    private static Instant wallNow() {
        return Instant.now();
    }
}
