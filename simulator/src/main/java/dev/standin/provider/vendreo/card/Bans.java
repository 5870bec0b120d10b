package dev.standin.provider.vendreo.card;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.http.ApiError;
import dev.standin.core.id.IdGenerator;
import dev.standin.db.vendreo.tables.records.CardBanRecord;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An application's bans of IP addresses and card hashes: a banned shopper's card payment is declined (BANNED). */
public final class Bans {
    private final CardRepository repo;
    private final VirtualClock clock;
    private final IdGenerator ids;

    public Bans(CardRepository repo, VirtualClock clock, IdGenerator ids) {
        this.repo = repo;
        this.clock = clock;
        this.ids = ids;
    }

    /** "BANNED" when the IP address or the card hash is banned now, else null. */
    public String banned(String application, String ip, String cardHash) {
        for (CardBanRecord b : repo.bans(application, clock.now().toEpochMilli())) {
            if ((b.getBanType().equals("IP_ADDRESS") && b.getReference().equals(ip))
                    || (b.getBanType().equals("CARD_HASH") && b.getReference().equals(cardHash))) {
                return "BANNED";
            }
        }
        return null;
    }

    public List<Map<String, Object>> list(String application) {
        return repo.bans(application, clock.now().toEpochMilli()).stream().map(b -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", Long.toString(b.getBanId()));
            m.put("type", b.getBanType());
            m.put("reference_id", b.getReference());
            m.put("created_at", dev.standin.provider.vendreo.VendreoDates.format(b.getCreated()));
            if (b.getExpiresAt() != null) {
                m.put("expires_at", dev.standin.core.clock.Timestamps.seconds(b.getExpiresAt())); // as the document: 2019-08-24T14:15:22Z
            }
            return m;
        }).toList();
    }

    public long add(String application, JsonNode body) {
        List<ApiError.Violation> problems = new java.util.ArrayList<>();
        String type = body.path("type").isArray() && body.get("type").size() == 1 ? body.get("type").get(0).asText() : body.path("type").asText("");
        if (!type.equals("IP_ADDRESS") && !type.equals("CARD_HASH")) {
            problems.add(new ApiError.Violation("The selected type is invalid.", "INVALID", "type", "requestBody"));
        }
        String reference = body.path("reference").asText("");
        if (reference.isBlank() || reference.length() > 128) {
            problems.add(new ApiError.Violation("The reference field is required.", "INVALID", "reference", "requestBody"));
        }
        Long expires = null;
        if (body.hasNonNull("expires_at")) {
            try {
                expires = Instant.parse(body.get("expires_at").asText()).toEpochMilli();
            } catch (DateTimeParseException e) {
                problems.add(new ApiError.Violation("The expires at is not a valid date.", "INVALID", "expires_at", "requestBody"));
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiError(422, problems);
        }
        long id = Long.parseLong("1" + ids.digits(8));
        repo.insert(new CardBanRecord(id, application, type, reference, expires, clock.now().toEpochMilli()));
        return id;
    }

    public void remove(String application, String id) {
        boolean removed;
        try {
            removed = repo.deleteBan(application, Long.parseLong(id));
        } catch (NumberFormatException e) {
            removed = false;
        }
        if (!removed) {
            throw new ApiError(422, List.of(new ApiError.Violation("The selected ban is invalid.", "INVALID", "ban", "pathParam")));
        }
    }
}
