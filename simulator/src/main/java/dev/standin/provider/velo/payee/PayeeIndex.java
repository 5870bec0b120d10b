package dev.standin.provider.velo.payee;

import dev.standin.core.store.Database;
import dev.standin.core.store.VersionedCache;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The narrow columns of each payor's payees, held in memory so that {@code GET /v1/payees} filters,
 * sorts and counts without scanning the table on every request. It is loaded from the table in one
 * query and forgotten after every committed change to that payor's payees (on every instance sharing
 * the database: a {@link VersionedCache}).
 */
final class PayeeIndex {
    /** What lists filter, sort and count on (with lower-case copies for the case-insensitive filters). */
    record Row(UUID payeeId, String remoteId, String type, String email, String displayName,
               String onboardedStatus, String ofacStatus, String emailLower, String displayNameLower) {
        Row(UUID payeeId, String remoteId, String type, String email, String displayName, String onboardedStatus, String ofacStatus) {
            this(payeeId, remoteId, type, email, displayName, onboardedStatus, ofacStatus,
                    email.toLowerCase(Locale.ROOT), displayName.toLowerCase(Locale.ROOT));
        }
    }

    static final Map<String, Comparator<Row>> SORTS = Map.of(
            "payeeId", Comparator.comparing(r -> r.payeeId().toString()),
            "displayName", Comparator.comparing(Row::displayName),
            "ofacStatus", Comparator.comparing(Row::ofacStatus),
            "onboardedStatus", Comparator.comparing(Row::onboardedStatus),
            "email", Comparator.comparing(Row::email));

    /** A payor's rows and the summary counts over them, as loaded together. */
    record Snapshot(List<Row> rows, Map<String, Integer> summary) {
        static Snapshot of(List<Row> rows) {
            int invited = 0;
            int registered = 0;
            int onboarded = 0;
            int ofacFailed = 0;
            for (Row r : rows) {
                switch (r.onboardedStatus()) {
                    case "INVITED" -> invited++;
                    case "REGISTERED" -> registered++;
                    case "ONBOARDED" -> onboarded++;
                    default -> {
                    }
                }
                if (r.ofacStatus().equals("FAILED")) {
                    ofacFailed++;
                }
            }
            Map<String, Integer> summary = new java.util.LinkedHashMap<>();
            summary.put("totalPayeesCount", rows.size());
            summary.put("totalInvitedCount", invited);
            summary.put("totalRegisteredCount", registered);
            summary.put("totalOnboardedCount", onboarded);
            summary.put("totalOfacFailedCount", ofacFailed);
            return new Snapshot(rows, java.util.Collections.unmodifiableMap(summary));
        }
    }

    private final VersionedCache<UUID, Snapshot> byPayor;
    private final Function<UUID, List<Row>> loader;

    PayeeIndex(Database database, java.util.function.LongSupplier dataVersion, Function<UUID, List<Row>> loader) {
        this.byPayor = new VersionedCache<>("velo.payees", 100, database, dataVersion);
        this.loader = loader;
    }

    Snapshot snapshot(UUID payorId) {
        return byPayor.get(payorId, id -> Snapshot.of(loader.apply(id)));
    }

    Map<String, Integer> summary(UUID payorId) {
        return snapshot(payorId).summary();
    }

    /** Call after the change has committed: a load racing the change is dropped too. */
    void forget(UUID payorId) {
        byPayor.changed(payorId);
    }

    void forgetAll() {
        byPayor.forgetAll();
    }

    /** {@code emailLower} and {@code displayNameLower} are the filter's substrings, already lower-cased. */
    static boolean matches(Row r, PayeeRepository.Filter f, String emailLower, String displayNameLower) {
        return (f.ofacStatus() == null || f.ofacStatus().equals(r.ofacStatus()))
                && (f.onboardedStatus() == null || f.onboardedStatus().equals(r.onboardedStatus()))
                && (f.remoteId() == null || f.remoteId().equals(r.remoteId()))
                && (f.payeeType() == null || f.payeeType().equals(r.type()))
                && (emailLower == null || r.emailLower().contains(emailLower))
                && (displayNameLower == null || r.displayNameLower().contains(displayNameLower));
    }
}
