package dev.standin.provider.vendreo;

import java.time.Instant;

/** Vendreo's date-time format: {@code 2022-01-01 00:00:00} (UTC). */
public final class VendreoDates {
    private VendreoDates() {
    }

    public static String format(long epochMillis) {
        return Payments.DATE_TIME.format(Instant.ofEpochMilli(epochMillis));
    }
}
