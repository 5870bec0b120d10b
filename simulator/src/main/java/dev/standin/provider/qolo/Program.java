package dev.standin.provider.qolo;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Qolo program as a scenario declares it: its guid and currency, its logins (each with an optional
 * scope: {@code read-only} or a list of operations), its request rate and how long an uncleared
 * authorisation lives.
 */
record Program(String guid, String name, String currency, List<Login> logins, int rateRequests, Duration ratePer,
               Duration authorizationExpiry) {

    /** A login; {@code operations} null means every operation, empty means reads only. */
    record Login(String loginId, String apiKey, Set<String> operations) {
        boolean allows(String operation) {
            if (operations == null || operation.endsWith(":read")) {
                return true;
            }
            return operations.contains(operation);
        }
    }

    static Program of(JsonNode p) {
        List<Login> logins = new ArrayList<>();
        for (JsonNode l : p.path("logins")) {
            JsonNode scope = l.path("scope");
            Set<String> operations = null;
            if (scope.isTextual() && scope.asText().equals("read-only")) {
                operations = Set.of();
            } else if (scope.isArray()) {
                operations = new TreeSet<>();
                for (JsonNode op : scope) {
                    operations.add(op.asText());
                }
            }
            logins.add(new Login(l.path("loginid").asText(), l.path("apikey").asText(), operations));
        }
        JsonNode rate = p.path("rateLimit");
        return new Program(p.path("programGuid").asText(), p.path("name").asText(p.path("programGuid").asText()),
                p.path("currency").asText("USD"), logins, rate.path("requests").asInt(1000),
                Duration.parse(rate.path("per").asText("PT1S")), Duration.parse(p.path("authorizationExpiry").asText("P7D")));
    }
}
