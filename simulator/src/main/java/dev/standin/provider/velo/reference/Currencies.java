package dev.standin.provider.velo.reference;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The currencies Velo pays in ({@code GET /v2/currencies}), with the guide's maximum payment amount
 * (in major units: the guide's example payments of 12,345 minor units pass its limit of 1000) and
 * each currency's minor-unit digits.
 */
public final class Currencies {
    /** A supported currency. */
    public record Currency(String code, long maxPaymentAmount, int minorDigits) {
        /** The largest payment in minor units. */
        public long maxMinorAmount() {
            return maxPaymentAmount * (long) Math.pow(10, minorDigits);
        }
    }

    private static final Map<String, Currency> ALL = new LinkedHashMap<>();

    static {
        for (String code : new String[]{"AUD", "CAD", "CHF", "CNY", "EUR", "GBP", "ILS", "JPY", "MXN", "NOK", "PHP", "SGD", "THB", "USD", "ZAR"}) {
            ALL.put(code, new Currency(code, 1000, code.equals("JPY") ? 0 : 2));
        }
    }

    private Currencies() {
    }

    public static Optional<Currency> find(String code) {
        return Optional.ofNullable(ALL.get(code));
    }

    public static Iterable<Currency> all() {
        return ALL.values();
    }
}
