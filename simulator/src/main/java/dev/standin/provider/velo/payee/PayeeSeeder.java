package dev.standin.provider.velo.payee;

import dev.standin.core.auth.Secrets;

import dev.standin.provider.velo.invite.InviteRepository;

import com.fasterxml.jackson.databind.JsonNode;
import org.jooq.DSLContext;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** Inserts payees as scenarios seed them, in any state; each gets an invitation whose id derives from the payee's. */
public final class PayeeSeeder {
    private PayeeSeeder() {
    }

    public static void insert(DSLContext tx, PayeeRepository payees, InviteRepository invites, UUID payorId, JsonNode p, Instant now) {
        UUID payeeId = UUID.fromString(p.get("payeeId").asText());
        UUID inviteId = Secrets.uuid(); // the public invite endpoints answer it without credentials: unguessable
        payees.insert(tx, new Payee(payeeId, payorId, p.get("remoteId").asText(), p.get("type").asText(),
                p.get("email").asText(), Payee.displayNameOf(p), p.path("address").path("country").asText(null),
                p.path("language").asText("EN"), p.path("paymentChannel").path("currency").asText(null),
                p.path("onboardedStatus").asText(Payee.ONBOARDED), p.path("ofacStatus").asText(Payee.PASSED),
                p.path("invitationStatus").asText(Payee.ACCEPTED), inviteId, null, now.atOffset(ZoneOffset.UTC), details(p)));
        invites.insert(tx, inviteId, payeeId, payorId);
    }

    /** The seed minus the simulator's own keys: what a payor would have submitted. */
    private static JsonNode details(JsonNode p) {
        var copy = p.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove(java.util.List.of("payeeId", "onboardedStatus", "ofacStatus", "invitationStatus"));
        return copy;
    }
}
