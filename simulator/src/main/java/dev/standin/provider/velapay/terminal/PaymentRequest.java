package dev.standin.provider.velapay.terminal;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** A {@code requestType: payment} request, validated: amounts are decimal strings, tenders from the terminal's list. */
record PaymentRequest(String type, BigDecimal amount, String tender, BigDecimal presetTip, String invoiceNumber,
                      String referenceNumber, boolean signatureCapture, String tipPrompt, List<TipOption> tips,
                      boolean showCustomTip, boolean showNoTip, String requestId, boolean printReceipt, String company) {

    /** A tip button: label and amount. */
    record TipOption(String label, BigDecimal amount) {
    }

    static final List<String> TYPES = List.of("sale", "auth", "capture", "return", "void", "adjust", "batch");

    static PaymentRequest of(JsonNode r, Terminal terminal) {
        String type = TerminalHandler.text(r, "transactionType");
        if (type == null) {
            throw TerminalError.missing("transactionType");
        }
        type = type.toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw TerminalError.invalid("transactionType", "'" + type + "' is not one of " + TYPES);
        }
        String action = TerminalHandler.text(r, "actionType");
        if (action != null && !action.equals("process")) {
            throw TerminalError.invalid("actionType", "'" + action + "' is not 'process'");
        }
        boolean needsAmount = List.of("sale", "auth", "return").contains(type);
        BigDecimal amount = money(r, "amount", needsAmount);
        if ((type.equals("capture") || type.equals("void") || type.equals("adjust")) && TerminalHandler.text(r, "referenceNumber") == null) {
            throw TerminalError.missing("referenceNumber");
        }
        String tender = TerminalHandler.text(r, "tenderType");
        if (tender != null && terminal.config().tenders().stream().noneMatch(t -> t.equalsIgnoreCase(r.get("tenderType").asText()))) {
            throw TerminalError.invalid("tenderType", "'" + tender + "' is not one of this terminal's tenders " + terminal.config().tenders());
        }
        List<TipOption> tips = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            BigDecimal tipAmount = money(r, "tip" + i + "Amount", false);
            if (tipAmount != null) {
                tips.add(new TipOption(r.path("tip" + i + "Label").asText("Tip " + i), tipAmount));
            }
        }
        String tipPrompt = TerminalHandler.text(r, "tipPrompt");
        if (tipPrompt != null && !tipPrompt.equals("button") && !tipPrompt.equals("custom")) {
            throw TerminalError.invalid("tipPrompt", "'" + tipPrompt + "' is not 'button' or 'custom'");
        }
        bounded(r, "invoiceNumber", 64);
        bounded(r, "referenceNumber", 20);
        bounded(r, "requestId", 64);
        bounded(r, "company", 64);
        for (int i = 1; i <= 3; i++) {
            bounded(r, "tip" + i + "Label", 32);
        }
        return new PaymentRequest(type, amount, tender == null ? null : tender.toLowerCase(Locale.ROOT), money(r, "amountTip", false),
                TerminalHandler.text(r, "invoiceNumber"), TerminalHandler.text(r, "referenceNumber"),
                flag(r, "signatureCapture"), tipPrompt, tips, flag(r, "tipShowCustomTip"), flag(r, "tipShowNoTip"),
                TerminalHandler.text(r, "requestId"), flag(r, "printReceipt"), TerminalHandler.text(r, "company"));
    }

    boolean interactive() {
        return type.equals("sale") || type.equals("auth") || type.equals("return");
    }

    /** The largest amount a terminal takes in one field (a sale, tip or capture): 9,999,999.99. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999.99");
    /** The document's amount format: digits, a point and one or two decimals ("100.00", "5.5"), or whole digits. */
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,20}(\\.\\d{1,2})?");

    /**
     * A decimal string in the document's format ("100.00"); JSON numbers are tolerated when they are
     * such an amount. Nothing else is: no spaces, signs, exponents, a bare point or an empty string.
     * Null when absent and not required.
     */
    static BigDecimal money(JsonNode r, String field, boolean required) {
        JsonNode v = r.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw TerminalError.missing(field);
            }
            return null;
        }
        if (v.isNumber()) {
            BigDecimal d = v.decimalValue(); // exact, even for 1e1000; compared before it is ever written out
            if (d.signum() < 0 || d.compareTo(MAX_AMOUNT) > 0 || d.stripTrailingZeros().scale() > 2) {
                throw TerminalError.invalid(field, "must be an amount between 0.00 and " + MAX_AMOUNT.toPlainString()
                        + " with at most two decimals, was " + v);
            }
            return d.setScale(2, java.math.RoundingMode.UNNECESSARY);
        }
        String text = v.isTextual() ? v.asText() : v.toString();
        if (!v.isTextual() || !AMOUNT.matcher(text).matches()) {
            throw TerminalError.invalid(field, "must be a decimal string such as \"100.00\" (digits, then at most two decimals), was '"
                    + abbreviate(text) + "'");
        }
        BigDecimal d = new BigDecimal(text);
        if (d.compareTo(MAX_AMOUNT) > 0) {
            throw TerminalError.invalid(field, "must be at most " + MAX_AMOUNT.toPlainString() + ", was '" + text + "'");
        }
        return d.setScale(2);
    }

    /** A text field the terminal stores or prints: at most {@code max} characters, refused before any work is done. */
    private static void bounded(JsonNode r, String field, int max) {
        JsonNode v = r.get(field);
        if (v != null && !v.isNull() && v.asText().length() > max) {
            throw TerminalError.invalid(field, "must be at most " + max + " characters, was " + v.asText().length());
        }
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static boolean flag(JsonNode r, String field) {
        JsonNode v = r.get(field);
        return v != null && (v.asBoolean(false) || "true".equalsIgnoreCase(v.asText()));
    }
}
