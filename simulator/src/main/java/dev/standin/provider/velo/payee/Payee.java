package dev.standin.provider.velo.payee;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A payee of one payor, with its onboarding, OFAC and invitation states and the details it was created with. */
public record Payee(UUID payeeId, UUID payorId, String remoteId, String type, String email, String displayName,
                    String country, String language, String paymentCurrency,
                    String onboardedStatus, String ofacStatus, String invitationStatus, UUID inviteId,
                    UUID batchId, OffsetDateTime created, JsonNode details) {

    public static final String ONBOARDED = "ONBOARDED";
    public static final String PASSED = "PASSED";
    public static final String FAILED = "FAILED";
    public static final String PENDING = "PENDING";
    public static final String ACCEPTED = "ACCEPTED";
    public static final String DECLINED = "DECLINED";

    /** Companies by name; individuals as "lastName, firstName" (the guide's rule for displayName). */
    static String displayNameOf(JsonNode details) {
        if ("Company".equals(details.path("type").asText())) {
            return details.path("company").path("name").asText();
        }
        JsonNode name = details.path("individual").path("name");
        return name.path("lastName").asText() + ", " + name.path("firstName").asText();
    }
}
