package dev.standin.provider.velo.payout;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The FX view of a payout: one entry per source/payment currency pair of its priced payments. */
public record FxSummary(UUID quoteId, Instant creationTime, Instant expiryTime, BigDecimal rate, BigDecimal invertedRate,
                        long totalSourceAmount, long totalPaymentAmount, String sourceCurrency, String paymentCurrency,
                        String status, String fundingStatus) {

    public static List<FxSummary> of(Payout payout, List<Payment> payments, Instant asOf) {
        Map<String, List<Payment>> byPair = new LinkedHashMap<>();
        for (Payment p : payments) {
            if (p.rate() != null && !p.status().equals(PaymentStatus.REJECTED)) {
                byPair.computeIfAbsent(p.sourceCurrency() + "/" + p.currency(), k -> new ArrayList<>()).add(p);
            }
        }
        List<FxSummary> out = new ArrayList<>();
        for (List<Payment> pair : byPair.values()) {
            Payment first = pair.getFirst();
            out.add(new FxSummary(payout.quoteId(), instant(payout.quoteCreated()), instant(payout.quoteExpiry()),
                    first.rate(), FxRates.inverted(first.rate()),
                    pair.stream().mapToLong(Payment::sourceAmount).sum(), pair.stream().mapToLong(Payment::amount).sum(),
                    first.sourceCurrency(), first.currency(), status(payout, asOf), fundingStatus(payout, pair)));
        }
        return out;
    }

    /** Payment units per source unit, to 4 places. */
    public static BigDecimal inverted(BigDecimal rate) {
        return FxRates.inverted(rate);
    }

    /** A payment's funding status: FUNDED once debited, INSTRUCTED while waiting for funds, else UNFUNDED. */
    public static String fundingStatusOf(Payment p) {
        if (PaymentStatus.DEBITED.contains(p.status()) || (p.status().equals(PaymentStatus.FAILED) && p.sourceAmount() != null)) {
            return "FUNDED";
        }
        return p.status().equals(PaymentStatus.AWAITING_FUNDS) ? "INSTRUCTED" : "UNFUNDED";
    }

    private static String status(Payout payout, Instant asOf) {
        return switch (payout.status()) {
            case "QUOTED" -> asOf.isBefore(payout.quoteExpiry().toInstant()) ? "QUOTED" : "EXPIRED";
            case "INSTRUCTED", "COMPLETED", "INCOMPLETE" -> "EXECUTED";
            default -> payout.quoteId() == null ? "UNQUOTED" : "QUOTED";
        };
    }

    private static String fundingStatus(Payout payout, List<Payment> pair) {
        if (payout.instructed() == null) {
            return "UNFUNDED";
        }
        return pair.stream().allMatch(p -> fundingStatusOf(p).equals("FUNDED")) ? "FUNDED" : "INSTRUCTED";
    }

    private static Instant instant(java.time.OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
