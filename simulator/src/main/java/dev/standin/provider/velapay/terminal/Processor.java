package dev.standin.provider.velapay.terminal;

import dev.standin.core.rules.RuleEvent;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The simulated processor's verdict. Declines come from magic cents and card numbers (the
 * documents' own example amounts, such as 100.00 and 25.99, approve):
 * <ul>
 * <li>cents .51: DECLINED, insufficient funds (51); .05: DECLINED, do not honour (05);
 * .54: DECLINED, expired card (54); .55: DECLINED, incorrect PIN (55); .91: ERROR, lost connection
 * to the processor (91);</li>
 * <li>card 4000000000000002: DECLINED, do not honour; 4000000000000069: DECLINED, expired card.</li>
 * </ul>
 */
final class Processor {
    /** A verdict: status APPROVED, DECLINED or ERROR, a result code and a message. */
    record Verdict(String status, String resultCode, String message) {
        boolean approved() {
            return status.equals("APPROVED");
        }
    }

    static final Verdict APPROVED = new Verdict("APPROVED", "00", "Transaction approved");
    private static final Map<String, Verdict> BY_CENTS = Map.of(
            "51", new Verdict("DECLINED", "51", "Insufficient funds"),
            "05", new Verdict("DECLINED", "05", "Do not honor"),
            "54", new Verdict("DECLINED", "54", "Expired card"),
            "55", new Verdict("DECLINED", "55", "Incorrect PIN"),
            "91", new Verdict("ERROR", "91", "Lost connection to the processor"));
    private static final Map<String, Verdict> BY_CARD = Map.of(
            "4000000000000002", new Verdict("DECLINED", "05", "Do not honor"),
            "4000000000000069", new Verdict("DECLINED", "54", "Expired card"));

    private Processor() {
    }

    /** The outcome {@code {type: decline, reason: ...}} of a scenario rule on the {@code payment.process} event. */
    static final Map<String, Verdict> BY_REASON = Map.of(
            "insufficientFunds", BY_CENTS.get("51"),
            "doNotHonor", BY_CENTS.get("05"),
            "expiredCard", BY_CENTS.get("54"),
            "wrongPin", BY_CENTS.get("55"),
            "processorUnavailable", BY_CENTS.get("91"));

    /** The rule event deciding a payment's verdict, with the decline reasons above. */
    static final RuleEvent PROCESS_EVENT = new RuleEvent("payment.process", Map.of("decline", BY_REASON.keySet()));

    static Verdict decide(BigDecimal amount, Card card) {
        if (card != null && BY_CARD.containsKey(card.pan())) {
            return BY_CARD.get(card.pan());
        }
        String cents = amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
        return BY_CENTS.getOrDefault(cents.substring(cents.length() - 2), APPROVED);
    }
}
