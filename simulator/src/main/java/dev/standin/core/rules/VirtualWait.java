package dev.standin.core.rules;

import dev.standin.core.clock.Scheduler;
import dev.standin.core.http.Admission;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Blocks the calling thread until {@code delay} has passed on the virtual clock: by itself in
 * system mode, when the clock is advanced in manual mode (at most ten minutes of real time).
 */
public final class VirtualWait {
    private static final long CAP_SECONDS = 600;

    private VirtualWait() {
    }

    public static void await(Scheduler scheduler, String owner, Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        CountDownLatch done = new CountDownLatch(1);
        scheduler.schedule(owner, "delayed answer", delay, done::countDown);
        try (Admission.Away away = Admission.stepAside()) {
            done.await(CAP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
