package dev.standin.provider.velo.payee;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.json.Json;
import dev.standin.db.velo.tables.records.PayeeRecord;
import dev.standin.provider.velo.VeloPage;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.standin.db.velo.Tables.PAYEE;
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

    public PayeeRepository(DSLContext dsl) {
        this.dsl = dsl;
        this.index = new PayeeIndex(payorId -> dsl.select(PAYEE.PAYEE_ID, PAYEE.REMOTE_ID, PAYEE.PAYEE_TYPE, PAYEE.EMAIL,
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
        find(payeeId).ifPresent(p -> changed(p.payorId()));
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
