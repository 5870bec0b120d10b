package dev.standin.provider.velo.payor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.store.Database;
import dev.standin.core.store.VersionedCache;
import org.jooq.DSLContext;

import java.util.Optional;
import java.util.UUID;

import static dev.standin.db.velo.Tables.PAYOR;

/**
 * Payors, the Velo tenant. Every authenticated call reads its payor, and payors change rarely, so
 * lookups go through a small cache that every write here (and {@link #forgetCached()} on reset) clears,
 * on every instance sharing the database (a {@link VersionedCache}).
 */
public final class PayorRepository {
    private final DSLContext dsl;
    private final VersionedCache<UUID, Optional<Payor>> byId;

    /** {@code dataVersion}: the shared data version read before each request (the virtual clock's). */
    public PayorRepository(Database database, java.util.function.LongSupplier dataVersion) {
        this.dsl = database.dsl();
        this.byId = new VersionedCache<>("velo.payors", 1_000, database, dataVersion);
    }

    /** An uploaded logo. */
    public record Logo(String contentType, byte[] bytes) {
    }

    /** Every column but the logo's bytes (a cached payor stays small). */
    private static final java.util.List<org.jooq.Field<?>> WITHOUT_LOGO = java.util.Arrays.stream(PAYOR.fields())
            .filter(f -> !f.equals(PAYOR.LOGO)).toList();

    public Optional<Payor> find(UUID payorId) {
        return byId.get(payorId, id -> dsl.select(WITHOUT_LOGO).from(PAYOR).where(PAYOR.PAYOR_ID.eq(id)).fetchOptional()
                .map(r -> Payor.of(r.into(PAYOR))));
    }

    /** The payors whose parent is {@code parentId}. */
    public java.util.List<Payor> children(UUID parentId) {
        return dsl.select(WITHOUT_LOGO).from(PAYOR).where(PAYOR.PARENT_PAYOR_ID.eq(parentId)).orderBy(PAYOR.PAYOR_NAME, PAYOR.PAYOR_ID)
                .fetch(r -> Payor.of(r.into(PAYOR)));
    }

    public void setReminderEmailsOptOut(UUID payorId, boolean optOut) {
        dsl.update(PAYOR).set(PAYOR.REMINDER_EMAILS_OPT_OUT, optOut).where(PAYOR.PAYOR_ID.eq(payorId)).execute();
        byId.changed(payorId);
    }

    public void setLogo(UUID payorId, String logoId, String contentType, byte[] bytes) {
        dsl.update(PAYOR).set(PAYOR.LOGO_ID, logoId).set(PAYOR.LOGO_CONTENT_TYPE, contentType).set(PAYOR.LOGO, bytes)
                .where(PAYOR.PAYOR_ID.eq(payorId)).execute();
        byId.changed(payorId);
    }

    public boolean hasLogo(String logoId) {
        return dsl.fetchExists(PAYOR, PAYOR.LOGO_ID.eq(logoId));
    }

    public Optional<Logo> logo(String logoId) {
        return dsl.select(PAYOR.LOGO_CONTENT_TYPE, PAYOR.LOGO).from(PAYOR).where(PAYOR.LOGO_ID.eq(logoId))
                .fetchOptional(r -> new Logo(r.value1(), r.value2()));
    }

    public void forgetCached() {
        byId.forgetAll();
    }

    public void updateFundingDetails(UUID payorId, String routingNumber, String accountNumber, String accountName) {
        dsl.update(PAYOR)
                .set(PAYOR.FUNDING_ROUTING_NUMBER, routingNumber)
                .set(PAYOR.FUNDING_ACCOUNT_NUMBER, accountNumber)
                .set(PAYOR.FUNDING_ACCOUNT_NAME, accountName)
                .where(PAYOR.PAYOR_ID.eq(payorId))
                .execute();
        byId.changed(payorId);
    }

    /** Inserts a payor as a scenario seeds it (the same field names as {@code GET /v1/payors/{payorId}}). */
    public void insertSeed(DSLContext tx, JsonNode p) {
        byId.forgetAll();
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
                .set(PAYOR.PARENT_PAYOR_ID, p.hasNonNull("parentPayorId") ? UUID.fromString(p.get("parentPayorId").asText()) : null)
                .set(PAYOR.NOTIFICATION_URL, text(p, "notificationUrl"))
                .execute();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
