package dev.standin.core.clock;

/** How the virtual clock moves: with the wall clock, or only when told to. */
public enum ClockMode {
    SYSTEM, MANUAL;

    public static ClockMode parse(String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "system" -> SYSTEM;
            case "manual" -> MANUAL;
            default -> throw new IllegalArgumentException("must be 'system' or 'manual', was '" + value + "'");
        };
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
