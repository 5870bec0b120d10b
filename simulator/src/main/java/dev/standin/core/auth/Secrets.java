package dev.standin.core.auth;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Credentials, access tokens and other values that grant access: drawn from a secure random source,
 * never from the seeded id streams. Resource ids stay deterministic; a secret must not be guessable
 * from the seed, nor be the same for two servers started alike.
 */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** A random (version 4) UUID from the secure source. */
    public static UUID uuid() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (b[i] & 0xff);
            lsb = (lsb << 8) | (b[i + 8] & 0xff);
        }
        return new UUID(msb, lsb);
    }

    /** {@code n} random decimal digits (an SMS code). */
    public static String digits(int n) {
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            out.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return out.toString();
    }
}
