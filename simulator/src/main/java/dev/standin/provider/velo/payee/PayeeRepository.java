package dev.standin.provider.velo.payee;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.json.Json;
import dev.standin.db.velo.tables.records.PayeeRecord;
import dev.standin.provider.velo.VeloPage;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.standin.db.velo.Tables.INVITE;
import static dev.standin.db.velo.Tables.PAYEE;
import static dev.standin.db.velo.Tables.PAYMENT;
import static dev.standin.db.velo.Tables.PAYEE_DETAIL;

/** Payees, always read within one payor. */
public final class PayeeRepository {
    /** The list filters of {@code GET /v1/payees}; null means "any". */
    public record Filter(String ofacStatus, String onboardedStatus, String email, String displayName,
                         String remoteId, String payeeType) {
    }

    /** One page of payees and how many match in all. */
    public record Page(long total, List<Payee> payees) {
    }

    static final List<String> SORTABLE = List.copyOf(PayeeIndex.SORTS.keySet());

    private final DSLContext dsl;
    private final PayeeIndex index;
    private final java.util.function.Supplier<java.time.OffsetDateTime> now;

    /** {@code now}: when a change happens, for {@code GET /v1/deltas/payees}; {@code clock}: its data version checks the index. */
    public PayeeRepository(dev.standin.core.store.Database database, dev.standin.core.clock.VirtualClock clock) {
        this.dsl = database.dsl();
        this.now = () -> clock.now().atOffset(java.time.ZoneOffset.UTC);
        this.index = new PayeeIndex(database, clock::dataVersion, payorId -> dsl.select(PAYEE.PAYEE_ID, PAYEE.REMOTE_ID, PAYEE.PAYEE_TYPE, PAYEE.EMAIL,
                        PAYEE.DISPLAY_NAME, PAYEE.ONBOARDED_STATUS, PAYEE.OFAC_STATUS)
                .from(PAYEE).where(PAYEE.PAYOR_ID.eq(payorId))
                .fetch(r -> new PayeeIndex.Row(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7())));
    }

    /** After a committed change to a payor's payees (lists read an in-memory index of them). */
    public void changed(UUID payorId) {
        index.forget(payorId);
    }

    public void forgetCached() {
        index.forgetAll();
    }

    public void insert(DSLContext tx, Payee p) {
        tx.insertInto(PAYEE)
                .set(PAYEE.PAYEE_ID, p.payeeId())
                .set(PAYEE.PAYOR_ID, p.payorId())
                .set(PAYEE.REMOTE_ID, p.remoteId())
                .set(PAYEE.PAYEE_TYPE, p.type())
                .set(PAYEE.EMAIL, p.email())
                .set(PAYEE.EMAIL_KEY, p.email().toLowerCase(Locale.ROOT))
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
                .set(PAYEE.UPDATED, p.created())
                .execute();
        tx.insertInto(PAYEE_DETAIL).set(PAYEE_DETAIL.PAYEE_ID, p.payeeId()).set(PAYEE_DETAIL.DETAILS, p.details().toString()).execute();
    }

    public Optional<Payee> find(UUID payorId, UUID payeeId) {
        return withDetails(dsl, PAYEE.PAYOR_ID.eq(payorId).and(PAYEE.PAYEE_ID.eq(payeeId))).stream().findFirst();
    }

    /** Any payor's payee, for the control API and scheduled steps. */
    public Optional<Payee> find(UUID payeeId) {
        return withDetails(dsl, PAYEE.PAYEE_ID.eq(payeeId)).stream().findFirst();
    }

    /** A payor's payees with these remote ids, by remote id (one query for a whole payout). */
    public Map<String, Payee> findByRemoteIds(DSLContext tx, UUID payorId, java.util.Collection<String> remoteIds) {
        Map<String, Payee> out = new java.util.HashMap<>();
        withDetails(tx, PAYEE.PAYOR_ID.eq(payorId).and(PAYEE.REMOTE_ID.in(remoteIds))).forEach(p -> out.put(p.remoteId(), p));
        return out;
    }

    public Optional<Payee> findByRemoteId(DSLContext tx, UUID payorId, String remoteId) {
        return withDetails(tx, PAYEE.PAYOR_ID.eq(payorId).and(PAYEE.REMOTE_ID.eq(remoteId))).stream().findFirst();
    }

    public boolean emailTaken(DSLContext tx, UUID payorId, String email) {
        return tx.fetchExists(PAYEE, PAYEE.PAYOR_ID.eq(payorId).and(PAYEE.EMAIL_KEY.eq(email.toLowerCase(Locale.ROOT))));
    }

    /** Filters, sorts and pages in memory over the payor's index, then reads the page's whole rows. */
    public Page list(UUID payorId, Filter f, VeloPage page) {
        Comparator<PayeeIndex.Row> order = null;
        for (VeloPage.Sort s : page.sort()) {
            Comparator<PayeeIndex.Row> next = PayeeIndex.SORTS.get(s.field());
            next = s.ascending() ? next : next.reversed();
            order = order == null ? next : order.thenComparing(next);
        }
        Comparator<PayeeIndex.Row> byId = PayeeIndex.SORTS.get("payeeId");
        order = order == null ? byId : order.thenComparing(byId);
        // keep only the first offset + pageSize matches in order (a bounded heap), counting all matches
        int keep = page.offset() + page.pageSize();
        java.util.PriorityQueue<PayeeIndex.Row> best = new java.util.PriorityQueue<>(keep + 1, order.reversed());
        int total = 0;
        String emailLower = f.email() == null ? null : f.email().toLowerCase(Locale.ROOT);
        String displayNameLower = f.displayName() == null ? null : f.displayName().toLowerCase(Locale.ROOT);
        for (PayeeIndex.Row r : index.snapshot(payorId).rows()) {
            if (PayeeIndex.matches(r, f, emailLower, displayNameLower)) {
                total++;
                if (best.size() < keep) {
                    best.add(r);
                } else if (order.compare(r, best.peek()) < 0) {
                    best.poll();
                    best.add(r);
                }
            }
        }
        List<PayeeIndex.Row> first = new java.util.ArrayList<>(best);
        first.sort(order);
        List<UUID> ids = first.stream().skip(page.offset()).map(PayeeIndex.Row::payeeId).toList();
        Map<UUID, Payee> rows = new java.util.HashMap<>();
        withDetails(dsl, PAYEE.PAYEE_ID.in(ids)).forEach(p -> rows.put(p.payeeId(), p));
        return new Page(total, ids.stream().map(rows::get).filter(java.util.Objects::nonNull).toList());
    }

    /** Counts over all of a payor's payees, by state. */
    public Map<String, Integer> summary(UUID payorId) {
        return index.summary(payorId);
    }

    /** Sets whichever states are non-null. */
    public void setStates(UUID payeeId, String onboardedStatus, String ofacStatus, String invitationStatus) {
        var update = dsl.update(PAYEE).set(PAYEE.UPDATED, now.get());
        if (onboardedStatus != null) {
            update = update.set(PAYEE.ONBOARDED_STATUS, onboardedStatus);
        }
        if (ofacStatus != null) {
            update = update.set(PAYEE.OFAC_STATUS, ofacStatus);
        }
        if (invitationStatus != null) {
            update = update.set(PAYEE.INVITATION_STATUS, invitationStatus);
        }
        // the update answers the payee's payor (whose cached index it changed): reading the payee back
        // was a join and a parse of its details, the third read of an OFAC check's payee
        update.where(PAYEE.PAYEE_ID.eq(payeeId)).returningResult(PAYEE.PAYOR_ID).fetchOptional()
                .ifPresent(payor -> changed(payor.value1()));
    }

    /** A payee's change since a time, as {@code GET /v1/deltas/payees} lists it. */
    public record Change(UUID payeeId, String remoteId, String displayName, String email, String country,
                         String onboardedStatus) {
    }

    /** The payor's payees changed (created, or a state moved) at or after {@code since}, oldest change first. */
    public PageOf<Change> changesSince(UUID payorId, java.time.OffsetDateTime since, int offset, int limit) {
        Condition where = PAYEE.PAYOR_ID.eq(payorId).and(PAYEE.UPDATED.ge(since));
        return new PageOf<>(dsl.fetchCount(PAYEE, where), dsl.select(PAYEE.PAYEE_ID, PAYEE.REMOTE_ID, PAYEE.DISPLAY_NAME,
                        PAYEE.EMAIL, PAYEE.COUNTRY, PAYEE.ONBOARDED_STATUS).from(PAYEE).where(where)
                .orderBy(PAYEE.UPDATED, PAYEE.PAYEE_ID).limit(limit).offset(offset)
                .fetch(r -> new Change(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6())));
    }

    /** A payee's invitation status. */
    public record Invitation(UUID payeeId, String invitationStatus, String onboardedStatus, java.time.OffsetDateTime created) {
    }

    /** The payor's payees' invitation statuses, optionally of one payee or one status, by creation. */
    public PageOf<Invitation> invitations(UUID payorId, UUID payeeId, String status, int offset, int limit) {
        Condition where = PAYEE.PAYOR_ID.eq(payorId)
                .and(payeeId == null ? DSL.noCondition() : PAYEE.PAYEE_ID.eq(payeeId))
                .and(status == null ? DSL.noCondition() : PAYEE.INVITATION_STATUS.eq(status));
        return new PageOf<>(dsl.fetchCount(PAYEE, where), dsl.select(PAYEE.PAYEE_ID, PAYEE.INVITATION_STATUS,
                        PAYEE.ONBOARDED_STATUS, PAYEE.CREATED).from(PAYEE).where(where)
                .orderBy(PAYEE.CREATED, PAYEE.PAYEE_ID).limit(limit).offset(offset)
                .fetch(r -> new Invitation(r.value1(), r.value2(), r.value3(), r.value4())));
    }

    /** A page of rows and how many match in all. */
    public record PageOf<T>(long total, List<T> rows) {
    }

    /**
     * How many payments pay the payee, and how many of those are still in flight (not in a final
     * state); a payment not yet validated names the payee by its remote id only.
     */
    public long[] payments(Payee payee) {
        // two searches of payment_by_payee, not one OR of both (H2 walked the whole table for that)
        var paying = dsl.select(PAYMENT.STATUS).from(PAYMENT).where(PAYMENT.PAYEE_ID.eq(payee.payeeId()))
                .unionAll(dsl.select(PAYMENT.STATUS).from(PAYMENT).where(PAYMENT.PAYEE_ID.isNull()
                        .and(PAYMENT.REMOTE_ID.eq(payee.remoteId())).and(PAYMENT.PAYOR_ID.eq(payee.payorId())))).asTable("paying");
        Field<String> status = paying.field(PAYMENT.STATUS);
        var row = dsl.select(DSL.count(), DSL.count().filterWhere(status.notIn(FINAL_PAYMENT_STATES))).from(paying).fetchOne();
        return new long[] {row.value1(), row.value2()};
    }

    private static final List<String> FINAL_PAYMENT_STATES = List.of("CONFIRMED", "FAILED", "REJECTED", "WITHDRAWN");

    /** Removes the payee, its details and its invites. */
    public void delete(DSLContext tx, UUID payeeId) {
        tx.deleteFrom(INVITE).where(INVITE.PAYEE_ID.eq(payeeId)).execute();
        tx.deleteFrom(PAYEE_DETAIL).where(PAYEE_DETAIL.PAYEE_ID.eq(payeeId)).execute();
        tx.deleteFrom(PAYEE).where(PAYEE.PAYEE_ID.eq(payeeId)).execute();
    }

    /** Points the payee at a new invite (a resent invitation), recording the change. */
    public void reinvite(DSLContext tx, UUID payeeId, UUID inviteId) {
        tx.update(PAYEE).set(PAYEE.INVITE_ID, inviteId).set(PAYEE.UPDATED, now.get()).where(PAYEE.PAYEE_ID.eq(payeeId)).execute();
    }

    private static List<Payee> withDetails(DSLContext ctx, Condition where) {
        return ctx.select(PAYEE.fields()).select(PAYEE_DETAIL.DETAILS)
                .from(PAYEE.join(PAYEE_DETAIL).on(PAYEE_DETAIL.PAYEE_ID.eq(PAYEE.PAYEE_ID)))
                .where(where)
                .fetch(r -> toPayee(r.into(PAYEE), r.get(PAYEE_DETAIL.DETAILS)));
    }

    static Payee toPayee(PayeeRecord r, String details) {
        return new Payee(r.getPayeeId(), r.getPayorId(), r.getRemoteId(), r.getPayeeType(), r.getEmail(),
                r.getDisplayName(), r.getCountry(), r.getLanguage(), r.getPaymentCurrency(),
                r.getOnboardedStatus(), r.getOfacStatus(), r.getInvitationStatus(), r.getInviteId(),
                r.getBatchId(), r.getCreated(), parse(details));
    }

    private static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
