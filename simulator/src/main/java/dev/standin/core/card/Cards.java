package dev.standin.core.card;

import java.time.YearMonth;

/** What any simulated card acquirer knows about a card number: its brand, its length, its check digit, its CVV's length. */
public final class Cards {
    private Cards() {
    }

    /** VISA, MASTERCARD, AMEX or DISCOVER by the number's prefix; UNKNOWN otherwise. */
    public static String brandOf(String pan) {
        if (pan.startsWith("4")) {
            return "VISA";
        }
        if (pan.startsWith("34") || pan.startsWith("37")) {
            return "AMEX";
        }
        if (pan.startsWith("6011") || pan.startsWith("65") || prefixBetween(pan, 3, 644, 649) || prefixBetween(pan, 6, 622126, 622925)) {
            return "DISCOVER";
        }
        if (prefixBetween(pan, 2, 51, 55) || prefixBetween(pan, 4, 2221, 2720)) {
            return "MASTERCARD";
        }
        return "UNKNOWN";
    }

    /** Whether a number of this brand may have this many digits. */
    public static boolean validLength(String brand, int length) {
        return switch (brand) {
            case "VISA" -> length == 13 || length == 16 || length == 19;
            case "AMEX" -> length == 15;
            case "MASTERCARD" -> length == 16;
            case "DISCOVER" -> length >= 16 && length <= 19;
            default -> false;
        };
    }

    /** The Luhn (mod 10) check over all the digits. */
    public static boolean luhn(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return false;
            }
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return !digits.isEmpty() && sum % 10 == 0;
    }

    /** 4 digits for Amex, 3 for the others. */
    public static int cvvLength(String brand) {
        return brand.equals("AMEX") ? 4 : 3;
    }

    /** An MMYY expiry as a month, or null when it is not one. */
    public static YearMonth expiry(String mmyy) {
        if (mmyy == null || !mmyy.matches("\\d{4}")) {
            return null;
        }
        int month = Integer.parseInt(mmyy.substring(0, 2));
        if (month < 1 || month > 12) {
            return null;
        }
        return YearMonth.of(2000 + Integer.parseInt(mmyy.substring(2)), month);
    }

    private static boolean prefixBetween(String pan, int digits, int low, int high) {
        if (pan.length() < digits) {
            return false;
        }
        try {
            int prefix = Integer.parseInt(pan.substring(0, digits));
            return prefix >= low && prefix <= high;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
