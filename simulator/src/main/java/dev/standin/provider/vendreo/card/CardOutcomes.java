package dev.standin.provider.vendreo.card;

import java.util.Map;

/**
 * The test cards of the simulated card acquirer. Any other Luhn-valid Visa, Mastercard or Amex number
 * approves.
 * <ul>
 * <li>4000000000000002: declined, DO_NOT_HONOUR; 4000000000009995: INSUFFICIENT_FUNDS;
 * 4000000000000069: EXPIRED_CARD; 4000000000009979: STOLEN_CARD;</li>
 * <li>4000000000003220: asks for a 3-D Secure challenge (as every card does when the request set
 * {@code mandate_3ds_challenge}); passing it approves, failing it declines THREE_D_SECURE_FAILED.</li>
 * </ul>
 */
final class CardOutcomes {
    static final String CHALLENGE_CARD = "4000000000003220";
    static final Map<String, String> DECLINES = Map.of(
            "4000000000000002", "DO_NOT_HONOUR",
            "4000000000009995", "INSUFFICIENT_FUNDS",
            "4000000000000069", "EXPIRED_CARD",
            "4000000000009979", "STOLEN_CARD");
    /** A rule's decline reason (outcome {@code {type: decline, reason}}) as the payment shows it. */
    static final Map<String, String> BY_REASON = Map.of(
            "doNotHonour", "DO_NOT_HONOUR", "insufficientFunds", "INSUFFICIENT_FUNDS", "expiredCard", "EXPIRED_CARD",
            "stolenCard", "STOLEN_CARD");

    private CardOutcomes() {
    }

    static String scheme(String brand) {
        return switch (brand) {
            case "VISA" -> "Visa";
            case "MASTERCARD" -> "Mastercard";
            case "AMEX" -> "American Express";
            default -> "Discover";
        };
    }

    /** Visa and Mastercard numbers whose second digit is even are debit cards here; the rest credit. */
    static String type(String brand, String pan) {
        boolean debit = (pan.charAt(1) - '0') % 2 == 0 && !brand.equals("AMEX");
        return scheme(brand) + (debit ? " Debit" : " Credit");
    }
}
