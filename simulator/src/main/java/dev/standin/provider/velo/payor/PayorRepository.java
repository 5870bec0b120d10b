package dev.standin.provider.velo.payor;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jooq.DSLContext;

import java.util.Optional;
import java.util.UUID;

import static dev.standin.db.velo.Tables.PAYOR;

/**
 * Payors, the Velo tenant. Every authenticated call reads its payor, and payors change rarely, so
 * lookups go through a small cache that every write here (and {@link #forgetCached()} on reset) clears.
 */
public final class PayorRepository {
    private final DSLContext dsl;
    private final Cache<UUID, Optional<Payor>> byId = Caffeine.newBuilder().maximumSize(1_000).build();

    public PayorRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    public Optional<Payor> find(UUID payorId) {
        return byId.get(payorId, id -> dsl.selectFrom(PAYOR).where(PAYOR.PAYOR_ID.eq(id)).fetchOptional().map(Payor::of));
    }

    public void forgetCached() {
        byId.invalidateAll();
    }

    public void updateFundingDetails(UUID payorId, String routingNumber, String accountNumber, String accountName) {
        byId.invalidate(payorId);
        dsl.update(PAYOR)
                .set(PAYOR.FUNDING_ROUTING_NUMBER, routingNumber)
                .set(PAYOR.FUNDING_ACCOUNT_NUMBER, accountNumber)
                .set(PAYOR.FUNDING_ACCOUNT_NAME, accountName)
                .where(PAYOR.PAYOR_ID.eq(payorId))
                .execute();
        byId.invalidate(payorId);
    }

    /** Inserts a payor as a scenario seeds it (the same field names as {@code GET /v1/payors/{payorId}}). */
    public void insertSeed(DSLContext tx, JsonNode p) {
        byId.invalidateAll();
        JsonNode a = p.path("address");
        tx.insertInto(PAYOR)
                .set(PAYOR.PAYOR_ID, UUID.fromString(p.get("payorId").asText()))
                .set(PAYOR.PAYOR_NAME, p.get("payorName").asText())
                .set(PAYOR.ADDRESS_LINE1, a.path("line1").asText())
                .set(PAYOR.ADDRESS_LINE2, text(a, "line2"))
                .set(PAYOR.ADDRESS_LINE3, text(a, "line3"))
                .set(PAYOR.ADDRESS_LINE4, text(a, "line4"))
                .set(PAYOR.ADDRESS_CITY, a.path("city").asText())
                .set(PAYOR.ADDRESS_COUNTY_OR_PROVINCE, text(a, "countyOrProvince"))
                .set(PAYOR.ADDRESS_ZIP_OR_POSTCODE, text(a, "zipOrPostcode"))
                .set(PAYOR.ADDRESS_COUNTRY, a.path("country").asText())
                .set(PAYOR.PRIMARY_CONTACT_NAME, p.get("primaryContactName").asText())
                .set(PAYOR.PRIMARY_CONTACT_PHONE, p.get("primaryContactPhone").asText())
                .set(PAYOR.PRIMARY_CONTACT_EMAIL, p.get("primaryContactEmail").asText())
                .set(PAYOR.FUNDING_ROUTING_NUMBER, text(p, "fundingAccountRoutingNumber"))
                .set(PAYOR.FUNDING_ACCOUNT_NUMBER, text(p, "fundingAccountAccountNumber"))
                .set(PAYOR.FUNDING_ACCOUNT_NAME, text(p, "fundingAccountAccountName"))
                .set(PAYOR.KYC_STATE, p.path("kycState").asText("PASSED_KYC"))
                .set(PAYOR.MANUAL_LOCKOUT, p.path("manualLockout").asBoolean(false))
                .set(PAYOR.PAYEE_GRACE_PERIOD_ENABLED, p.path("payeeGracePeriodProcessingEnabled").asBoolean(false))
                .set(PAYOR.PAYEE_GRACE_PERIOD_DAYS, p.has("payeeGracePeriodDays") ? p.get("payeeGracePeriodDays").asInt() : null)
                .set(PAYOR.COLLECTIVE_ALIAS, text(p, "collectiveAlias"))
                .set(PAYOR.SUPPORT_CONTACT, text(p, "supportContact"))
                .set(PAYOR.DBA_NAME, text(p, "dbaName"))
                .set(PAYOR.ALLOWS_LANGUAGE_CHOICE, p.path("allowsLanguageChoice").asBoolean(false))
                .set(PAYOR.REMINDER_EMAILS_OPT_OUT, p.path("reminderEmailsOptOut").asBoolean(false))
                .set(PAYOR.LANGUAGE, p.path("language").asText("EN"))
                .set(PAYOR.INCLUDES_REPORTS, p.path("includesReports").asBoolean(false))
                .execute();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
