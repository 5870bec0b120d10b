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
        offsetNanos += by.toNanos();
    }

    /** Moves the clock forward to {@code target} if it is in the future; never backwards. */
    public synchronized void advanceTo(Instant target) {
        Duration gap = Duration.between(now(), target);
        if (!gap.isNegative()) {
            offsetNanos += gap.toNanos();
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
