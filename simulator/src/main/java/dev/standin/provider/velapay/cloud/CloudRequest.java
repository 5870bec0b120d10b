package dev.standin.provider.velapay.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.card.Cards;
import dev.standin.core.http.ApiError;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A Cloud Payment API request, checked against the document's requirement table: which types need
 * an amount, a card or token, a reference number. Every problem is named in one 400 answer.
 */
record CloudRequest(String type, BigDecimal amount, String referenceNumber, CardDetails card, JsonNode token,
                    boolean getToken, String invoiceNumber, Billing billing) {

    static final Set<String> TYPES = Set.of("SALE", "AUTH", "CAPTURE", "VOID", "RETURN", "TOKEN", "DELETE");
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("99999999.99");

    /** Card details as sent: number, MMYY expiry, CVV and holder; brand from the number. */
    record CardDetails(String pan, String expiry, String cvv, String holder, String brand) {
        String last4() {
            return pan.substring(pan.length() - 4);
        }
    }

    /** The billing address fields the simulation looks at (the zip code decides the AVS result). */
    record Billing(String name, String zipcode) {
    }

    /** The token in the form it was sent (string or number), for echoing back; null without one. */
    String tokenText() {
        return token == null ? null : token.asText();
    }

    static CloudRequest parse(JsonNode body, YearMonth currentMonth) {
        if (body == null || !body.isObject()) {
            throw bad(List.of("Invalid request: the body must be a JSON object"));
        }
        List<String> problems = new ArrayList<>();
        expect(body, "requestType", "payment", problems);
        expect(body, "actionType", "process", problems);
        String type = text(body, "transactionType", 10, problems);
        if (type == null) {
            if (!body.has("transactionType")) {
                problems.add(missing("transactionType", "one of sale, auth, capture, void, return, token, delete"));
            }
            throw bad(problems);
        }
        type = type.toUpperCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            problems.add(invalid("transactionType", "'" + body.get("transactionType").asText() + "' is not one of sale, auth, capture, void, return, token, delete"));
            throw bad(problems);
        }
        BigDecimal amount = amount(body, type, problems);
        String reference = null;
        if (Set.of("CAPTURE", "VOID", "RETURN", "DELETE").contains(type)) {
            reference = text(body, "referenceNumber", 64, problems);
            if (reference == null && !body.hasNonNull("referenceNumber")) {
                problems.add(missing("referenceNumber", "the reference number of the original transaction"));
            }
        }
        CardDetails card = null;
        JsonNode token = null;
        Billing billing = null;
        if (type.equals("SALE") || type.equals("AUTH") || type.equals("TOKEN")) {
            token = body.hasNonNull("token") ? body.get("token") : null;
            if (token != null && !(token.isTextual() && token.asText().matches("\\d{4,19}")) && !(token.isIntegralNumber() && token.asLong() > 0)) {
                problems.add(invalid("token", "must be the token a previous transaction answered (digits, as a string or a number)"));
                token = null;
            }
            if (type.equals("TOKEN") && body.hasNonNull("token")) {
                problems.add(invalid("token", "a token transaction takes card details, not an existing token"));
            } else if (body.hasNonNull("token") && body.hasNonNull("cardNumber")) {
                problems.add(invalid("token", "send either card details or a token, not both"));
            }
            if (!body.hasNonNull("token") || type.equals("TOKEN")) {
                card = card(body, currentMonth, problems);
                billing = billing(body, true, problems);
            } else {
                billing = billing(body, false, problems);
            }
        }
        boolean getToken = false;
        if (body.has("getToken") && !body.get("getToken").isNull()) {
            if (!body.get("getToken").isBoolean()) {
                problems.add(invalid("getToken", "must be true or false"));
            } else {
                getToken = body.get("getToken").asBoolean();
            }
        }
        String invoice = text(body, "invoiceNumber", 64, problems);
        String email = text(body, "email", 254, problems);
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            problems.add(invalid("email", "'" + email + "' is not an email address"));
        }
        text(body, "customerIp", 45, problems);
        for (String object : List.of("addressShipping", "sourceData")) {
            if (body.has(object) && !body.get(object).isNull() && !body.get(object).isObject()) {
                problems.add(invalid(object, "must be an object (it may be empty: {})"));
            }
        }
        if (!problems.isEmpty()) {
            throw bad(problems);
        }
        return new CloudRequest(type, amount, reference, card, token, getToken, invoice, billing);
    }

    private static BigDecimal amount(JsonNode body, String type, List<String> problems) {
        boolean required = type.equals("SALE") || type.equals("AUTH");
        boolean used = required || type.equals("CAPTURE") || type.equals("RETURN") || type.equals("TOKEN");
        JsonNode a = body.get("amount");
        if (!used || a == null || a.isNull()) {
            if (required) {
                problems.add(missing("amount", "the amount to " + (type.equals("SALE") ? "charge" : "authorise") + ", such as \"10.00\""));
            }
            return null;
        }
        BigDecimal value;
        try {
            value = a.isNumber() ? a.decimalValue() : a.isTextual() ? new BigDecimal(a.asText().trim()) : null;
        } catch (NumberFormatException e) {
            value = null;
        }
        if (value == null || value.scale() > 2 && value.stripTrailingZeros().scale() > 2 || value.signum() < 0
                || value.compareTo(MAX_AMOUNT) > 0) {
            problems.add(invalid("amount", "must be a decimal amount with at most two decimals, from 0.00 to " + MAX_AMOUNT
                    + " (a string such as \"10.00\" or a number)"));
            return null;
        }
        value = value.setScale(2, java.math.RoundingMode.UNNECESSARY);
        if (type.equals("TOKEN") && value.signum() != 0) {
            problems.add(invalid("amount", "must be \"0.00\" for a token transaction"));
        } else if (!type.equals("TOKEN") && value.signum() == 0) {
            problems.add(invalid("amount", "must be more than 0.00"));
        }
        return value;
    }

    private static CardDetails card(JsonNode body, YearMonth currentMonth, List<String> problems) {
        int before = problems.size();
        String pan = text(body, "cardNumber", 19, problems);
        String expiry = text(body, "cardExpDate", 4, problems);
        String cvv = text(body, "cvv", 4, problems);
        String holder = text(body, "cardHolder", 128, problems);
        for (String field : List.of("cardNumber", "cardExpDate", "cvv", "cardHolder")) {
            if (!body.hasNonNull(field)) {
                problems.add(missing(field, "card details (cardNumber, cardExpDate, cvv, cardHolder) or a token are required"));
            }
        }
        String brand = null;
        if (pan != null) {
            brand = Cards.brandOf(pan);
            if (!pan.matches("\\d{12,19}")) {
                problems.add(invalid("cardNumber", "must be 12 to 19 digits"));
            } else if (brand.equals("UNKNOWN")) {
                problems.add(invalid("cardNumber", "is not a Visa, Mastercard, Amex or Discover number"));
            } else if (!Cards.validLength(brand, pan.length())) {
                problems.add(invalid("cardNumber", "a " + brand + " number cannot have " + pan.length() + " digits"));
            } else if (!Cards.luhn(pan)) {
                problems.add(invalid("cardNumber", "fails the card number check digit (Luhn)"));
            }
        }
        if (expiry != null) {
            YearMonth month = Cards.expiry(expiry);
            if (month == null) {
                problems.add(invalid("cardExpDate", "must be MMYY, such as \"1225\" for December 2025"));
            } else if (month.isBefore(currentMonth)) {
                problems.add(invalid("cardExpDate", "the card expired at the end of " + month + " (today is " + currentMonth + ")"));
            }
        }
        if (cvv != null && brand != null && !brand.equals("UNKNOWN") && !cvv.matches("\\d{" + Cards.cvvLength(brand) + "}")) {
            problems.add(invalid("cvv", "must be " + Cards.cvvLength(brand) + " digits for " + brand));
        } else if (cvv != null && !cvv.matches("\\d{3,4}")) {
            problems.add(invalid("cvv", "must be 3 or 4 digits"));
        }
        if (holder != null && holder.isBlank()) {
            problems.add(invalid("cardHolder", "must not be empty"));
        }
        return problems.size() > before ? null : new CardDetails(pan, expiry, cvv, holder.trim(), brand);
    }

    private static Billing billing(JsonNode body, boolean required, List<String> problems) {
        JsonNode a = body.get("addressBilling");
        if (a == null || a.isNull() || (a.isObject() && a.isEmpty() && !required)) {
            if (required) {
                problems.add(missing("addressBilling", "a billing address (name, street, city, state, zipcode, country) is required with card details"));
            }
            return new Billing(null, null);
        }
        if (!a.isObject()) {
            problems.add(invalid("addressBilling", "must be an object"));
            return new Billing(null, null);
        }
        for (String field : List.of("name", "street", "city", "state", "zipcode", "country")) {
            JsonNode v = a.get(field);
            String at = "addressBilling." + field;
            if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
                problems.add(missing(at, "the billing address needs name, street, city, state, zipcode and country"));
            } else if (field.equals("zipcode") ? !(v.isTextual() || v.isIntegralNumber()) : !v.isTextual()) {
                problems.add(invalid(at, field.equals("zipcode") ? "must be a string or a number" : "must be a string"));
            } else if ((field.equals("state") || field.equals("country")) && !v.asText().matches("[A-Za-z]{2}")) {
                problems.add(invalid(at, "must be a 2-letter code, such as " + (field.equals("state") ? "\"CA\"" : "\"US\"")));
            } else if (v.asText().length() > 128) {
                problems.add(invalid(at, "must be at most 128 characters"));
            }
        }
        for (String optional : List.of("firstName", "lastName", "street2", "phone")) {
            if (a.has(optional) && !a.get(optional).isNull() && !a.get(optional).isTextual()) {
                problems.add(invalid("addressBilling." + optional, "must be a string"));
            }
        }
        return new Billing(a.path("name").asText(null), a.hasNonNull("zipcode") ? a.get("zipcode").asText() : null);
    }

    private static void expect(JsonNode body, String field, String value, List<String> problems) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            problems.add(missing(field, "must be \"" + value + "\""));
        } else if (!v.isTextual() || !v.asText().equalsIgnoreCase(value)) {
            problems.add(invalid(field, "must be \"" + value + "\""));
        }
    }

    /** A string field (null when absent); a non-string or an over-long value is a problem. */
    private static String text(JsonNode body, String field, int max, List<String> problems) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            problems.add(invalid(field, "must be a string"));
            return null;
        }
        if (v.asText().length() > max) {
            problems.add(invalid(field, "must be at most " + max + " characters"));
            return null;
        }
        return v.asText();
    }

    private static String missing(String field, String why) {
        return "Missing parameter " + field + ": " + why;
    }

    private static String invalid(String field, String why) {
        return "Invalid parameter " + field + ": " + why;
    }

    private static ApiError bad(List<String> problems) {
        return new ApiError(400, "INVALID_REQUEST", String.join("; ", problems), null, null);
    }
}
