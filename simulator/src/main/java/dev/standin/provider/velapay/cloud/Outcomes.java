package dev.standin.provider.velapay.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.rules.LifecycleEvents;
import dev.standin.core.rules.RuleEvent;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The simulated processor's verdict on a sale or auth. Everything approves (the document's cards
 * 4111111111111111 and 4000000000000002 included) except these magic values:
 * <ul>
 * <li>cents .51 insufficient funds, .05 do not honour, .54 expired card, .43 lost or stolen card
 * (DECLINED); .91 processor error (ERROR); .10 partial approval of half the amount;</li>
 * <li>CVV 999: DECLINED with {@code cvv} CVV_MISMATCH;</li>
 * <li>billing zip code 20000: APPROVED with {@code avs} ZIP5_MATCH_ADDRESS_MISMATCH.</li>
 * </ul>
 * A scenario rule on the {@code payment.process} event decides first.
 */
final class Outcomes {
    /** A verdict: status APPROVED, DECLINED or ERROR, the processor's message and result code, and the share approved. */
    record Verdict(String status, String message, String resultCode, boolean partial) {
        boolean approved() {
            return status.equals("APPROVED");
        }
    }

    static final Verdict APPROVED = new Verdict("APPROVED", "APPROVAL", "0", false);
    static final Verdict PARTIAL = new Verdict("APPROVED", "PARTIAL APPROVAL", "10", true);
    static final Verdict CVV_DECLINE = new Verdict("DECLINED", "CVV2 Mismatch", "N7", false);

    /** Decline and error reasons by name, as scenario rules give them. */
    static final Map<String, Verdict> BY_REASON = Map.of(
            "insufficientFunds", new Verdict("DECLINED", "Insufficient Funds", "51", false),
            "doNotHonor", new Verdict("DECLINED", "Do Not Honor", "05", false),
            "expiredCard", new Verdict("DECLINED", "Expired Card", "54", false),
            "lostOrStolen", new Verdict("DECLINED", "Pick Up Card - Lost or Stolen", "43", false),
            "cvvMismatch", CVV_DECLINE,
            "processorUnavailable", new Verdict("ERROR", "Processor Unavailable", "91", false));

    private static final Map<String, String> REASON_BY_CENTS = Map.of(
            "51", "insufficientFunds", "05", "doNotHonor", "54", "expiredCard", "43", "lostOrStolen", "91", "processorUnavailable");

    static final String MAGIC_CVV = "999";
    static final String AVS_MISMATCH_ZIP = "20000";

    /** The rule event of a sale or auth: {@code decline} and {@code error} with their reasons, {@code partial}. */
    static final RuleEvent PROCESS_EVENT = new RuleEvent("payment.process", Map.of(
            "decline", Set.of("insufficientFunds", "doNotHonor", "expiredCard", "lostOrStolen", "cvvMismatch"),
            "error", Set.of("processorUnavailable"),
            "partial", Set.of()));

    private Outcomes() {
    }

    /**
     * A scenario rule on {@code payment.process} (entity: merchant, transactionType, amount, brand,
     * last4, zipcode), else the magic values.
     */
    static Verdict decide(LifecycleEvents events, String merchant, String type, BigDecimal amount, String brand, String last4,
                          String cvv, String zipcode) {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("merchant", merchant);
        entity.put("transactionType", type.toLowerCase(java.util.Locale.ROOT));
        entity.put("amount", amount.toPlainString());
        entity.put("brand", brand);
        entity.put("last4", last4);
        entity.put("zipcode", zipcode);
        var ruled = events.decide(PROCESS_EVENT.name(), merchant, entity);
        if (ruled.isPresent()) {
            JsonNode o = ruled.get();
            return switch (o.path("type").asText()) {
                case "partial" -> PARTIAL;
                case "error" -> BY_REASON.get("processorUnavailable");
                case "decline" -> BY_REASON.getOrDefault(o.path("reason").asText("doNotHonor"), BY_REASON.get("doNotHonor"));
                default -> APPROVED;
            };
        }
        if (MAGIC_CVV.equals(cvv)) {
            return CVV_DECLINE;
        }
        String cents = amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
        cents = cents.substring(cents.length() - 2);
        if (cents.equals("10")) {
            return PARTIAL;
        }
        String reason = REASON_BY_CENTS.get(cents);
        return reason == null ? APPROVED : BY_REASON.get(reason);
    }

    /** What a partial approval approves: half the amount, rounded down to the cent. */
    static BigDecimal partialAmount(BigDecimal requested) {
        return requested.divide(BigDecimal.TWO, 2, RoundingMode.DOWN);
    }

    /** The AVS result of a card transaction: by the billing zip code; null (not checked) without one. */
    static Map<String, String> avs(String zipcode) {
        if (zipcode == null) {
            return null;
        }
        return AVS_MISMATCH_ZIP.equals(zipcode)
                ? result("ZIP5_MATCH_ADDRESS_MISMATCH", "5-digit ZIP matches; address does not match.")
                : result("ZIP5_MATCH_ADDRESS_MATCH", "5-digit ZIP and address match.");
    }

    /** The CVV result: by the CVV sent; CVV_NOT_PROCESSED for a token transaction (no CVV). */
    static Map<String, String> cvv(String cvv, Verdict verdict) {
        if (cvv == null) {
            return result("CVV_NOT_PROCESSED", "CVV2/CVC2 not processed.");
        }
        return verdict == CVV_DECLINE ? result("CVV_MISMATCH", "CVV2/CVC2 does not match.") : result("CVV_MATCH", "CVV2/CVC2 match.");
    }

    static Map<String, String> result(String value, String description) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("value", value);
        out.put("description", description);
        return out;
    }
}
