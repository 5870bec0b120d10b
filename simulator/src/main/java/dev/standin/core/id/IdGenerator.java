package dev.standin.core.id;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * A deterministic source of ids and random choices for one provider: the same seed, epoch and
 * sequence of calls give the same values. The epoch counts server starts on a persistent database,
 * so a restarted server never hands out an id it handed out before.
 */
public final class IdGenerator {
    private static final char[] ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final char[] DIGITS = "0123456789".toCharArray();

    private final long seed;
    private final String stream;
    private final LongSupplier epoch;
    private SplittableRandom random;

    public IdGenerator(long seed, String stream, long epoch) {
        this(seed, stream, () -> epoch);
    }

    /** A stream whose epoch is read at each {@link #restart()}. */
    public IdGenerator(long seed, String stream, LongSupplier epoch) {
        this.seed = seed;
        this.stream = stream;
        this.epoch = epoch;
        restart();
    }

    public synchronized void restart() {
        random = new SplittableRandom(mix(seed, stream, epoch.getAsLong()));
    }

    /** A version-4 UUID drawn from this stream. */
    public synchronized UUID uuid() {
        long msb = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    public String uuidString() {
        return uuid().toString();
    }

    /** {@code length} characters from A-Z, a-z, 0-9. */
    public synchronized String alphanumeric(int length) {
        return draw(ALPHANUMERIC, length);
    }

    /** {@code length} decimal digits. */
    public synchronized String digits(int length) {
        return draw(DIGITS, length);
    }

    /** A uniformly drawn int in [0, bound). */
    public synchronized int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** A uniformly drawn double in [0, 1). */
    public synchronized double nextDouble() {
        return random.nextDouble();
    }

    private String draw(char[] alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(out);
    }

    private static long mix(long seed, String stream, long epoch) {
        long h = seed * 0x9E3779B97F4A7C15L;
        for (byte b : stream.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ b) * 0x100000001B3L;
        }
        return h ^ (epoch * 0xC2B2AE3D27D4EB4FL);
    }
}
