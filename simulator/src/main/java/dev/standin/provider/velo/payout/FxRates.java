package dev.standin.provider.velo.payout;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.scenario.ScenarioRegistry;
import dev.standin.provider.velo.reference.Currencies;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The FX rate table from the scenarios' {@code seed.velo.fxRates} (the USD value of one unit of each
 * currency; a later scenario overrides an earlier one). The rate of a source/payment pair is the
 * number of source units per payment unit, {@code value(payment) / value(source)}, rounded half-up
 * to 4 places; a payment's source amount is its amount times that rate, rounded half-up to the
 * source currency's minor unit. A pair's total is the sum of its payments' source amounts, so what
 * is debited always equals what was quoted.
 */
final class FxRates {
    private static final int SCALE = 4;

    private final ScenarioRegistry scenarios;

    FxRates(ScenarioRegistry scenarios) {
        this.scenarios = scenarios;
    }

    /** Source units per payment unit; 1 for the same currency; empty when either currency has no rate. */
    Optional<BigDecimal> rate(String sourceCurrency, String paymentCurrency) {
        if (sourceCurrency.equals(paymentCurrency)) {
            return Optional.of(BigDecimal.ONE.setScale(SCALE, RoundingMode.HALF_UP));
        }
        Map<String, BigDecimal> values = values();
        BigDecimal source = values.get(sourceCurrency);
        BigDecimal payment = values.get(paymentCurrency);
        if (source == null || payment == null) {
            return Optional.empty();
        }
        return Optional.of(payment.divide(source, SCALE, RoundingMode.HALF_UP));
    }

    static BigDecimal inverted(BigDecimal rate) {
        return BigDecimal.ONE.divide(rate, SCALE, RoundingMode.HALF_UP);
    }

    static long sourceAmount(long paymentMinor, String paymentCurrency, String sourceCurrency, BigDecimal rate) {
        int paymentDigits = Currencies.find(paymentCurrency).map(Currencies.Currency::minorDigits).orElse(2);
        int sourceDigits = Currencies.find(sourceCurrency).map(Currencies.Currency::minorDigits).orElse(2);
        return BigDecimal.valueOf(paymentMinor).movePointLeft(paymentDigits).multiply(rate)
                .movePointRight(sourceDigits).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private Map<String, BigDecimal> values() {
        Map<String, BigDecimal> values = new HashMap<>();
        for (JsonNode seed : scenarios.seedsFor("velo")) {
            seed.path("fxRates").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().decimalValue()));
        }
        return values;
    }
}
