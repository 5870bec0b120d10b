package dev.standin.provider.velo.payee;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.json.Json;
import dev.standin.db.velo.tables.records.PayeeRecord;
import dev.standin.provider.velo.VeloPage;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.impl.DSL;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.standin.db.velo.Tables.PAYEE;

/** Payees, always read within one payor. */
public final class PayeeRepository {
    /** The list filters of {@code GET /v1/payees}; null means "any". */
    public record Filter(String ofacStatus, String onboardedStatus, String email, String displayName,
                         String remoteId, String payeeType) {
    }

    /** One page of payees and how many match in all. */
    public record Page(long total, List<Payee> payees) {
    }

    static final Map<String, Field<?>> SORTABLE = Map.of(
            "payeeId", PAYEE.PAYEE_ID,
            "displayName", PAYEE.DISPLAY_NAME,
            "ofacStatus", PAYEE.OFAC_STATUS,
            "onboardedStatus", PAYEE.ONBOARDED_STATUS,
            "email", PAYEE.EMAIL);

    private final DSLContext dsl;

    public PayeeRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void insert(DSLContext tx, Payee p) {
        tx.insertInto(PAYEE)
                .set(PAYEE.PAYEE_ID, p.payeeId())
                .set(PAYEE.PAYOR_ID, p.payorId())
                .set(PAYEE.REMOTE_ID, p.remoteId())
                .set(PAYEE.PAYEE_TYPE, p.type())
                .set(PAYEE.EMAIL, p.email())
                .set(PAYEE.DISPLAY_NAME, p.displayName())
                .set(PAYEE.COUNTRY, p.country())
                .set(PAYEE.LANGUAGE, p.language())
                .set(PAYEE.PAYMENT_CURRENCY, p.paymentCurrency())
                .set(PAYEE.ROUTING_NUMBER, p.details().path("paymentChannel").path("routingNumber").asText(null))
                .set(PAYEE.ACCOUNT_NUMBER, p.details().path("paymentChannel").has("iban")
                        ? p.details().path("paymentChannel").path("iban").asText()
                        : p.details().path("paymentChannel").path("accountNumber").asText(null))
                .set(PAYEE.ONBOARDED_STATUS, p.onboardedStatus())
                .set(PAYEE.OFAC_STATUS, p.ofacStatus())
                .set(PAYEE.INVITATION_STATUS, p.invitationStatus())
                .set(PAYEE.INVITE_ID, p.inviteId())
                .set(PAYEE.BATCH_ID, p.batchId())
                .set(PAYEE.CREATED, p.created())
                .set(PAYEE.DETAILS, p.details().toString())
                .execute();
    }

    public Optional<Payee> find(UUID payorId, UUID payeeId) {
        return dsl.selectFrom(PAYEE).where(PAYEE.PAYOR_ID.eq(payorId).and(PAYEE.PAYEE_ID.eq(payeeId)))
                .fetchOptional().map(PayeeRepository::toPayee);
    }

    /** Any payor's payee, for the control API and scheduled steps. */
    public Optional<Payee> find(UUID payeeId) {
        return dsl.selectFrom(PAYEE).where(PAYEE.PAYEE_ID.eq(payeeId)).fetchOptional().map(PayeeRepository::toPayee);
    }

    public Optional<Payee> findByRemoteId(DSLContext tx, UUID payorId, String remoteId) {
        return tx.selectFrom(PAYEE).where(PAYEE.PAYOR_ID.eq(payorId).and(PAYEE.REMOTE_ID.eq(remoteId)))
                .fetchOptional().map(PayeeRepository::toPayee);
    }

    public boolean emailTaken(DSLContext tx, UUID payorId, String email) {
        return tx.fetchExists(PAYEE, PAYEE.PAYOR_ID.eq(payorId).and(DSL.lower(PAYEE.EMAIL).eq(email.toLowerCase(Locale.ROOT))));
    }

    public Page list(UUID payorId, Filter f, VeloPage page) {
        List<Condition> where = new ArrayList<>();
        where.add(PAYEE.PAYOR_ID.eq(payorId));
        if (f.ofacStatus() != null) {
            where.add(PAYEE.OFAC_STATUS.eq(f.ofacStatus()));
        }
        if (f.onboardedStatus() != null) {
            where.add(PAYEE.ONBOARDED_STATUS.eq(f.onboardedStatus()));
        }
        if (f.email() != null) {
            where.add(PAYEE.EMAIL.containsIgnoreCase(f.email()));
        }
        if (f.displayName() != null) {
            where.add(PAYEE.DISPLAY_NAME.containsIgnoreCase(f.displayName()));
        }
        if (f.remoteId() != null) {
            where.add(PAYEE.REMOTE_ID.eq(f.remoteId()));
        }
        if (f.payeeType() != null) {
            where.add(PAYEE.PAYEE_TYPE.eq(f.payeeType()));
        }
        List<SortField<?>> order = new ArrayList<>();
        for (VeloPage.Sort s : page.sort()) {
            Field<?> field = SORTABLE.get(s.field());
            order.add(s.ascending() ? field.asc() : field.desc());
        }
        order.add(PAYEE.PAYEE_ID.asc());
        long total = dsl.fetchCount(PAYEE, DSL.and(where));
        List<Payee> rows = dsl.selectFrom(PAYEE).where(where).orderBy(order)
                .limit(page.pageSize()).offset(page.offset())
                .fetch(PayeeRepository::toPayee);
        return new Page(total, rows);
    }

    /** Counts over all of a payor's payees, by state. */
    public Map<String, Integer> summary(UUID payorId) {
        var r = dsl.select(
                        DSL.count(),
                        DSL.count().filterWhere(PAYEE.ONBOARDED_STATUS.eq("INVITED")),
                        DSL.count().filterWhere(PAYEE.ONBOARDED_STATUS.eq("REGISTERED")),
                        DSL.count().filterWhere(PAYEE.ONBOARDED_STATUS.eq(Payee.ONBOARDED)),
                        DSL.count().filterWhere(PAYEE.OFAC_STATUS.eq(Payee.FAILED)))
                .from(PAYEE).where(PAYEE.PAYOR_ID.eq(payorId)).fetchOne();
        Map<String, Integer> summary = new java.util.LinkedHashMap<>();
        summary.put("totalPayeesCount", r.value1());
        summary.put("totalInvitedCount", r.value2());
        summary.put("totalRegisteredCount", r.value3());
        summary.put("totalOnboardedCount", r.value4());
        summary.put("totalOfacFailedCount", r.value5());
        return summary;
    }

    /** Sets whichever states are non-null. */
    public void setStates(UUID payeeId, String onboardedStatus, String ofacStatus, String invitationStatus) {
        var update = dsl.update(PAYEE).set(PAYEE.PAYEE_ID, PAYEE.PAYEE_ID);
        if (onboardedStatus != null) {
            update = update.set(PAYEE.ONBOARDED_STATUS, onboardedStatus);
        }
        if (ofacStatus != null) {
            update = update.set(PAYEE.OFAC_STATUS, ofacStatus);
        }
        if (invitationStatus != null) {
            update = update.set(PAYEE.INVITATION_STATUS, invitationStatus);
        }
        update.where(PAYEE.PAYEE_ID.eq(payeeId)).execute();
    }

    static Payee toPayee(PayeeRecord r) {
        return new Payee(r.getPayeeId(), r.getPayorId(), r.getRemoteId(), r.getPayeeType(), r.getEmail(),
                r.getDisplayName(), r.getCountry(), r.getLanguage(), r.getPaymentCurrency(),
                r.getOnboardedStatus(), r.getOfacStatus(), r.getInvitationStatus(), r.getInviteId(),
                r.getBatchId(), r.getCreated(), parse(r.getDetails()));
    }

    private static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
