package dev.standin.provider.velo.payor;

import dev.standin.db.velo.tables.records.PayorRecord;

import java.util.UUID;

/** A payor as the rest of the provider reads it: an immutable value, safe to cache and share. */
public record Payor(UUID payorId, String payorName,
                    String line1, String line2, String line3, String line4, String city,
                    String countyOrProvince, String zipOrPostcode, String country,
                    String primaryContactName, String primaryContactPhone, String primaryContactEmail,
                    String fundingAccountRoutingNumber, String fundingAccountAccountNumber, String fundingAccountAccountName,
                    String kycState, boolean manualLockout, boolean payeeGracePeriodProcessingEnabled,
                    Integer payeeGracePeriodDays, String collectiveAlias, String supportContact, String dbaName,
                    boolean allowsLanguageChoice, boolean reminderEmailsOptOut, String language, boolean includesReports,
                    UUID parentPayorId, String notificationUrl, String logoId) {

    /** From a row read without its logo bytes (see {@link PayorRepository#find}). */
    static Payor of(PayorRecord r) {
        return new Payor(r.getPayorId(), r.getPayorName(),
                r.getAddressLine1(), r.getAddressLine2(), r.getAddressLine3(), r.getAddressLine4(), r.getAddressCity(),
                r.getAddressCountyOrProvince(), r.getAddressZipOrPostcode(), r.getAddressCountry(),
                r.getPrimaryContactName(), r.getPrimaryContactPhone(), r.getPrimaryContactEmail(),
                r.getFundingRoutingNumber(), r.getFundingAccountNumber(), r.getFundingAccountName(),
                r.getKycState(), r.getManualLockout(), r.getPayeeGracePeriodEnabled(),
                r.getPayeeGracePeriodDays(), r.getCollectiveAlias(), r.getSupportContact(), r.getDbaName(),
                r.getAllowsLanguageChoice(), r.getReminderEmailsOptOut(), r.getLanguage(), r.getIncludesReports(),
                r.getParentPayorId(), r.getNotificationUrl(), r.getLogoId());
    }
}
