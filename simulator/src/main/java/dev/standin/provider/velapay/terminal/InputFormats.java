package dev.standin.provider.velapay.terminal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Input dialog types: what the customer may type for each, how it is formatted, and what the default customer types. */
final class InputFormats {
    static final List<String> TYPES = List.of("number", "phone", "money", "email", "date", "time", "datetime");
    static final Map<String, String> DEFAULTS = Map.of("number", "42", "phone", "5555550100", "money", "1000",
            "email", "customer@example.com", "date", "20260131", "time", "1430", "datetime", "202601311430");

    private InputFormats() {
    }

    /** The formatted value, or an IllegalArgumentException naming what the type accepts. */
    static String format(String type, String raw) {
        return switch (type) {
            case "number" -> require(raw, "\\d+", "digits");
            case "phone" -> {
                String digits = require(raw, "\\+?\\d{7,15}", "7 to 15 digits");
                yield digits.length() == 10
                        ? "(" + digits.substring(0, 3) + ") " + digits.substring(3, 6) + "-" + digits.substring(6) : digits;
            }
            case "money" -> new BigDecimal(require(raw, "\\d{1,12}", "an amount in cents (digits)")).movePointLeft(2).setScale(2).toPlainString();
            case "email" -> require(raw, "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", "an email address");
            case "date" -> {
                String d = require(raw, "\\d{8}", "YYYYMMDD");
                yield d.substring(0, 4) + "-" + d.substring(4, 6) + "-" + d.substring(6);
            }
            case "time" -> {
                String t = require(raw, "\\d{4}", "HHMM");
                yield t.substring(0, 2) + ":" + t.substring(2);
            }
            default -> {
                String dt = require(raw, "\\d{12}", "YYYYMMDDHHMM");
                yield dt.substring(0, 4) + "-" + dt.substring(4, 6) + "-" + dt.substring(6, 8) + "T" + dt.substring(8, 10) + ":" + dt.substring(10);
            }
        };
    }

    private static String require(String raw, String pattern, String what) {
        if (raw == null || !raw.matches(pattern)) {
            throw new IllegalArgumentException("this input takes " + what + ", was '" + raw + "'");
        }
        return raw;
    }
}
