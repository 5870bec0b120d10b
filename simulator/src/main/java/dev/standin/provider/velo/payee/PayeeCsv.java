package dev.standin.provider.velo.payee;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.standin.core.json.Json;
import dev.standin.provider.velo.CsvUpload;

import java.util.List;
import java.util.Map;

/** The guide's payee CSV columns, turned into the JSON submission {@code POST /v2/payees} takes. */
final class PayeeCsv {
    static final List<String> COLUMNS = List.of("type", "remoteId", "email", "addressLine1", "addressLine2", "addressLine3",
            "addressLine4", "addressCity", "addressCountyOrProvince", "addressZipOrPostcode", "addressCountry",
            "individualNationalIdentification", "individualDateOfBirth", "individualTitle", "individualFirstName",
            "individualOtherNames", "individualLastName", "companyName", "companyEIN", "paymentChannelAccountNumber",
            "paymentChannelRoutingNumber", "paymentChannelAccountName", "paymentChannelIban", "paymentChannelCountryCode",
            "paymentChannelCurrency", "challengeDescription", "challengeValue", "payeeLanguage");

    private PayeeCsv() {
    }

    static ObjectNode toSubmission(CsvUpload.Row row) {
        Map<String, String> c = row.cells();
        ObjectNode p = Json.mapper().createObjectNode();
        put(p, "type", c.get("type"));
        put(p, "remoteId", c.get("remoteId"));
        put(p, "email", c.get("email"));
        ObjectNode address = p.putObject("address");
        put(address, "line1", c.get("addressLine1"));
        put(address, "line2", c.get("addressLine2"));
        put(address, "line3", c.get("addressLine3"));
        put(address, "line4", c.get("addressLine4"));
        put(address, "city", c.get("addressCity"));
        put(address, "countyOrProvince", c.get("addressCountyOrProvince"));
        put(address, "zipOrPostcode", c.get("addressZipOrPostcode"));
        put(address, "country", c.get("addressCountry"));
        if ("Individual".equals(c.get("type"))) {
            ObjectNode individual = p.putObject("individual");
            ObjectNode name = individual.putObject("name");
            put(name, "title", c.get("individualTitle"));
            put(name, "firstName", c.get("individualFirstName"));
            put(name, "otherNames", c.get("individualOtherNames"));
            put(name, "lastName", c.get("individualLastName"));
            put(individual, "nationalIdentification", c.get("individualNationalIdentification"));
            put(individual, "dateOfBirth", c.get("individualDateOfBirth"));
        } else if ("Company".equals(c.get("type"))) {
            ObjectNode company = p.putObject("company");
            put(company, "name", c.get("companyName"));
            put(company, "taxId", c.get("companyEIN"));
        }
        if (COLUMNS.stream().filter(k -> k.startsWith("paymentChannel")).anyMatch(c::containsKey)) {
            ObjectNode channel = p.putObject("paymentChannel");
            put(channel, "accountNumber", c.get("paymentChannelAccountNumber"));
            put(channel, "routingNumber", c.get("paymentChannelRoutingNumber"));
            put(channel, "accountName", c.get("paymentChannelAccountName"));
            put(channel, "iban", c.get("paymentChannelIban"));
            put(channel, "countryCode", c.get("paymentChannelCountryCode"));
            put(channel, "currency", c.get("paymentChannelCurrency"));
        }
        if (c.containsKey("challengeValue") || c.containsKey("challengeDescription")) {
            ObjectNode challenge = p.putObject("challenge");
            put(challenge, "value", c.get("challengeValue"));
            put(challenge, "description", c.get("challengeDescription"));
        }
        put(p, "language", c.get("payeeLanguage"));
        return p;
    }

    private static void put(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
