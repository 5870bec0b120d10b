package dev.standin.core.clock;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * ISO-8601 UTC timestamps in the precision a provider's document shows: whole seconds
 * ({@code 2023-12-01T10:00:00Z}) or always three digits of milliseconds ({@code 2018-12-17T12:31:55.353Z}),
 * whatever the virtual clock's own precision (a system clock has nanoseconds).
 */
public final class Timestamps {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String seconds(Instant t) {
        return t == null ? null : SECONDS.format(t);
    }

    public static String millis(Instant t) {
        return t == null ? null : MILLIS.format(t);
    }

    public static String millis(OffsetDateTime t) {
        return t == null ? null : millis(t.toInstant());
    }

    public static String millis(long epochMillis) {
        return MILLIS.format(Instant.ofEpochMilli(epochMillis));
    }

    public static String seconds(long epochMillis) {
        return SECONDS.format(Instant.ofEpochMilli(epochMillis));
    }
}
