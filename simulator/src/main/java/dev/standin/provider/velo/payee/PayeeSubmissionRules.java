package dev.standin.provider.velo.payee;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.http.ApiError;
import dev.standin.core.http.Violations;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The guide's constraints on a payee submission ({@code POST /v2/payees}), every violation named by
 * its path (e.g. {@code payees[3].address.zipOrPostcode}), and the in-batch duplicate check.
 */
final class PayeeSubmissionRules {
    static final List<String> TYPES = List.of("Individual", "Company");
    static final List<String> LANGUAGES = List.of("AR", "EN", "ES", "FR", "HE", "HI", "JA", "PT", "RU", "UR", "ZH");
    private static final String EMAIL = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

    private PayeeSubmissionRules() {
    }

    /** Validates one submission; {@code v} is already positioned at {@code payees[i]}. */
    static void check(JsonNode p, Violations v, LocalDate today) {
        String type = v.oneOf(p, "type", true, TYPES);
        v.text(p, "remoteId", 1, 100, true);
        v.matching(p, "email", 3, 255, true, EMAIL, "must be a well-formed email address");
        JsonNode address = v.object(p, "address", true);
        if (address.isObject()) {
            Violations a = v.at("address");
            a.text(address, "line1", 1, 100, true);
            a.text(address, "line2", 1, 100, false);
            a.text(address, "line3", 1, 100, false);
            a.text(address, "line4", 1, 100, false);
            a.text(address, "city", 1, 50, true);
            a.text(address, "countyOrProvince", 1, 50, false);
            a.text(address, "zipOrPostcode", 3, 15, true);
            a.text(address, "country", 1, 60, true);
        }
        JsonNode channel = v.object(p, "paymentChannel", false);
        if (channel.isObject()) {
            Violations c = v.at("paymentChannel");
            c.text(channel, "paymentChannelName", 0, 100, false);
            c.matching(channel, "iban", 15, 34, false, "^[A-Za-z0-9]+$", "must match the regular expression ^[A-Za-z0-9]+$");
            c.text(channel, "accountNumber", 6, 17, false);
            c.matching(channel, "routingNumber", 9, 11, false, "^\\d(?:[- ]?\\d){8}$",
                    "must be a combination of 9 numeric digits, separated optionally by hyphens or spaces");
            c.text(channel, "countryCode", 2, 2, true);
            c.matching(channel, "currency", 3, 3, true, "^[A-Z]{3}$", "must be a 3 character currency code e.g. USD, GBP, EUR");
            c.text(channel, "accountName", 1, 100, true);
        }
        JsonNode individual = v.object(p, "individual", "Individual".equals(type));
        if (individual.isObject()) {
            Violations i = v.at("individual");
            JsonNode name = i.object(individual, "name", true);
            if (name.isObject()) {
                Violations n = i.at("name");
                n.text(name, "title", 1, 10, false);
                n.text(name, "firstName", 1, 40, true);
                n.text(name, "otherNames", 1, 40, false);
                n.text(name, "lastName", 1, 40, true);
            }
            i.text(individual, "nationalIdentification", 0, 30, false);
            String dateOfBirth = i.text(individual, "dateOfBirth", 10, 10, true);
            if (dateOfBirth != null) {
                try {
                    if (LocalDate.parse(dateOfBirth).isAfter(today)) {
                        i.add("dateOfBirth", "dateOfBirth must not be in the future");
                    }
                } catch (DateTimeParseException e) {
                    i.add("dateOfBirth", "dateOfBirth must be a date like 1970-05-20");
                }
            }
        }
        JsonNode company = v.object(p, "company", "Company".equals(type));
        if (company.isObject()) {
            Violations c = v.at("company");
            c.text(company, "name", 1, 40, true);
            c.matching(company, "taxId", 9, 9, false, "^\\d{9}$", "must match the regular expression [\\d]{9}");
        }
        JsonNode social = v.object(p, "social", false);
        if (social.isObject()) {
            Violations s = v.at("social");
            s.text(social, "twitterId", 1, 256, false);
            s.text(social, "facebookId", 1, 256, false);
            s.text(social, "linkedInId", 1, 256, false);
        }
        JsonNode challenge = v.object(p, "challenge", false);
        if (challenge.isObject()) {
            Violations c = v.at("challenge");
            c.text(challenge, "value", 3, 20, true);
            c.text(challenge, "description", 1, 255, true);
        }
        v.oneOf(p, "language", false, LANGUAGES);
    }

    /**
     * 409 when two submissions of the same type share a remote id or an email. Submissions of
     * different types may share them: the guide's own example sends an Individual and a Company with
     * the same remote id and email, and answers 201 (the second then fails in the batch).
     */
    static void rejectDuplicates(JsonNode payees) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < payees.size(); i++) {
            JsonNode p = payees.get(i);
            String type = p.path("type").asText();
            duplicate(seen, type + "|remoteId|" + p.path("remoteId").asText(), i, "remoteId", p.path("remoteId").asText());
            duplicate(seen, type + "|email|" + p.path("email").asText().toLowerCase(Locale.ROOT), i, "email", p.path("email").asText());
        }
    }

    private static void duplicate(Map<String, Integer> seen, String key, int index, String field, String value) {
        Integer first = seen.putIfAbsent(key, index);
        if (first != null) {
            throw new ApiError(409, "DUPLICATE_" + field.toUpperCase(Locale.ROOT),
                    "payees[" + index + "]." + field + " '" + value + "' duplicates payees[" + first + "]." + field + " in this batch",
                    "payees[" + index + "]." + field, "requestBody");
        }
    }
}
