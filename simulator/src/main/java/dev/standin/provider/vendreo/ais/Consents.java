package dev.standin.provider.vendreo.ais;

import dev.standin.core.clock.VirtualClock;
import dev.standin.core.http.ApiError;
import dev.standin.core.id.IdGenerator;
import dev.standin.core.scenario.ScenarioRegistry;
import dev.standin.db.vendreo.tables.records.AisConsentRecord;
import org.jooq.DSLContext;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.standin.db.vendreo.Tables.AIS_CONSENT;

/**
 * Account-information consents: PENDING until the shopper consents at a bank (AUTHORISED, for
 * {@code vendreoConsentLifetime} of virtual time, 90 days unless set) or refuses (REFUSED);
 * CANCELLED by the merchant; EXPIRED once its time is up. Only an AUTHORISED consent serves data.
 */
public final class Consents {
    private final DSLContext dsl;
    private final VirtualClock clock;
    private final IdGenerator ids;
    private final ScenarioRegistry settings;

    public Consents(DSLContext dsl, VirtualClock clock, IdGenerator ids, ScenarioRegistry settings) {
        this.dsl = dsl;
        this.clock = clock;
        this.ids = ids;
        this.settings = settings;
    }

    public AisConsentRecord create(String application, String redirect, String cancel, String reference, String description) {
        long now = clock.now().toEpochMilli();
        AisConsentRecord c = new AisConsentRecord(ids.uuidString(), application, ids.digits(9), redirect, cancel, reference, description,
                null, "PENDING", null, now, now);
        dsl.insertInto(AIS_CONSENT).set(c).execute();
        return c;
    }

    /** Any application's consent (the consent page knows only its id), its expiry applied. */
    public Optional<AisConsentRecord> find(String uuid) {
        return dsl.selectFrom(AIS_CONSENT).where(AIS_CONSENT.CONSENT_UUID.eq(uuid)).fetchOptional().map(this::expired);
    }

    /** The shopper's answer at the bank: {@code consent} or {@code refuse}; empty when it was already answered. */
    public Optional<AisConsentRecord> answer(String uuid, String institution, boolean consent) {
        return dsl.transactionResult(cfg -> {
            AisConsentRecord c = cfg.dsl().selectFrom(AIS_CONSENT).where(AIS_CONSENT.CONSENT_UUID.eq(uuid)).forUpdate().fetchOptional().orElse(null);
            if (c == null || !c.getStatus().equals("PENDING")) {
                return Optional.<AisConsentRecord>empty();
            }
            c.setInstitution(institution);
            c.setStatus(consent ? "AUTHORISED" : "REFUSED");
            if (consent) {
                c.setExpiresAt(clock.now().plus(settings.setting("delays", "vendreoConsentLifetime", Duration.ofDays(90))).toEpochMilli());
            }
            c.setUpdated(clock.now().toEpochMilli());
            cfg.dsl().executeUpdate(c);
            return Optional.of(c);
        });
    }

    /** The application's consent that may serve data: 404 for another's, 422 naming the state for one that may not. */
    public AisConsentRecord usable(String application, String uuid) {
        AisConsentRecord c = find(uuid).filter(x -> x.getApplicationKey().equals(application))
                .orElseThrow(() -> ApiError.notFound("No account consent " + uuid));
        if (!c.getStatus().equals("AUTHORISED")) {
            throw new ApiError(422, List.of(new ApiError.Violation("The account consent is " + c.getStatus()
                    + (c.getStatus().equals("PENDING") ? " (the shopper has not consented yet)" : "") + ".", "INVALID_STATE",
                    "accountConsent", "pathParam")));
        }
        return c;
    }

    public AisConsentRecord cancel(String application, String uuid) {
        AisConsentRecord c = find(uuid).filter(x -> x.getApplicationKey().equals(application))
                .orElseThrow(() -> ApiError.notFound("No account consent " + uuid));
        if (c.getStatus().equals("CANCELLED") || c.getStatus().equals("EXPIRED") || c.getStatus().equals("REFUSED")) {
            throw new ApiError(422, List.of(new ApiError.Violation("The account consent is already " + c.getStatus() + ".", "INVALID_STATE",
                    "accountConsent", "pathParam")));
        }
        c.setStatus("CANCELLED");
        c.setUpdated(clock.now().toEpochMilli());
        dsl.executeUpdate(c);
        return c;
    }

    private AisConsentRecord expired(AisConsentRecord c) {
        if (c.getStatus().equals("AUTHORISED") && c.getExpiresAt() != null && clock.now().toEpochMilli() >= c.getExpiresAt()) {
            c.setStatus("EXPIRED");
            c.setUpdated(clock.now().toEpochMilli());
            dsl.executeUpdate(c);
        }
        return c;
    }
}
