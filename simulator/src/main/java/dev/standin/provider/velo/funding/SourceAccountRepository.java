package dev.standin.provider.velo.funding;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.db.velo.tables.records.SourceAccountRecord;
import dev.standin.provider.velo.VeloPage;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SortField;
import org.jooq.impl.DSL;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static dev.standin.db.velo.Tables.SOURCE_ACCOUNT;

/** Source accounts. Balances only ever change by one atomic UPDATE, so concurrent calls never lose or double money. */
public final class SourceAccountRepository {
    static final Map<String, Field<?>> SORTABLE = Map.of(
            "fundingRef", SOURCE_ACCOUNT.FUNDING_REF,
            "name", SOURCE_ACCOUNT.NAME,
            "balance", SOURCE_ACCOUNT.BALANCE,
            "currency", SOURCE_ACCOUNT.CURRENCY);

    /** One page and how many match in all. */
    public record Page(long total, List<SourceAccount> accounts) {
    }

    private final DSLContext dsl;

    public SourceAccountRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    public Optional<SourceAccount> find(UUID payorId, UUID id) {
        return dsl.selectFrom(SOURCE_ACCOUNT).where(SOURCE_ACCOUNT.PAYOR_ID.eq(payorId).and(SOURCE_ACCOUNT.SOURCE_ACCOUNT_ID.eq(id)))
                .fetchOptional().map(SourceAccountRepository::toAccount);
    }

    public Optional<SourceAccount> findByName(DSLContext tx, UUID payorId, String name) {
        return tx.selectFrom(SOURCE_ACCOUNT).where(SOURCE_ACCOUNT.PAYOR_ID.eq(payorId).and(SOURCE_ACCOUNT.NAME.eq(name)))
                .fetchOptional().map(SourceAccountRepository::toAccount);
    }

    /** All of a payor's source accounts, by name. */
    public Map<String, SourceAccount> byName(DSLContext tx, UUID payorId) {
        Map<String, SourceAccount> out = new java.util.HashMap<>();
        tx.selectFrom(SOURCE_ACCOUNT).where(SOURCE_ACCOUNT.PAYOR_ID.eq(payorId))
                .fetch(SourceAccountRepository::toAccount).forEach(a -> out.put(a.name(), a));
        return out;
    }

    public Page list(UUID payorId, String physicalAccountName, VeloPage page) {
        Condition where = SOURCE_ACCOUNT.PAYOR_ID.eq(payorId);
        if (physicalAccountName != null) {
            where = where.and(SOURCE_ACCOUNT.PHYSICAL_ACCOUNT_NAME.eq(physicalAccountName));
        }
        List<SortField<?>> order = new ArrayList<>();
        for (VeloPage.Sort s : page.sort()) {
            Field<?> field = SORTABLE.get(s.field());
            order.add(s.ascending() ? field.asc() : field.desc());
        }
        order.add(SOURCE_ACCOUNT.NAME.asc());
        long total = dsl.fetchCount(SOURCE_ACCOUNT, where);
        return new Page(total, dsl.selectFrom(SOURCE_ACCOUNT).where(where).orderBy(order)
                .limit(page.pageSize()).offset(page.offset()).fetch(SourceAccountRepository::toAccount));
    }

    public void credit(DSLContext tx, UUID id, long amount) {
        tx.update(SOURCE_ACCOUNT).set(SOURCE_ACCOUNT.BALANCE, SOURCE_ACCOUNT.BALANCE.plus(amount))
                .where(SOURCE_ACCOUNT.SOURCE_ACCOUNT_ID.eq(id)).execute();
    }

    /** Takes {@code amount} when the balance covers it; answers whether it did. */
    public boolean debitIfCovered(DSLContext tx, UUID id, long amount) {
        return tx.update(SOURCE_ACCOUNT).set(SOURCE_ACCOUNT.BALANCE, SOURCE_ACCOUNT.BALANCE.minus(amount))
                .where(SOURCE_ACCOUNT.SOURCE_ACCOUNT_ID.eq(id).and(SOURCE_ACCOUNT.BALANCE.ge(amount)))
                .execute() == 1;
    }

    /** Any payor's account (for scheduled steps and balance checks). */
    public Optional<SourceAccount> find(UUID id) {
        return dsl.selectFrom(SOURCE_ACCOUNT).where(SOURCE_ACCOUNT.SOURCE_ACCOUNT_ID.eq(id)).fetchOptional()
                .map(SourceAccountRepository::toAccount);
    }

    /** Sets the low-balance threshold; the next check compares the balance with it afresh. */
    public void setMinimumBalance(UUID id, long minimum) {
        dsl.update(SOURCE_ACCOUNT).set(SOURCE_ACCOUNT.MINIMUM_BALANCE, minimum).set(SOURCE_ACCOUNT.BELOW_MINIMUM, false)
                .where(SOURCE_ACCOUNT.SOURCE_ACCOUNT_ID.eq(id)).execute();
    }

    /**
     * Marks the account as under its threshold when it is and was not yet marked: true exactly once
     * per crossing, however many checks race (one conditional UPDATE).
     */
    public boolean markBelowMinimum(UUID id) {
        return dsl.update(SOURCE_ACCOUNT).set(SOURCE_ACCOUNT.BELOW_MINIMUM, true)
                .where(SOURCE_ACCOUNT.SOURCE_ACCOUNT_ID.eq(id).and(SOURCE_ACCOUNT.BELOW_MINIMUM.isFalse())
                        .and(SOURCE_ACCOUNT.MINIMUM_BALANCE.isNotNull())
                        .and(SOURCE_ACCOUNT.BALANCE.lt(SOURCE_ACCOUNT.MINIMUM_BALANCE)))
                .execute() == 1;
    }

    /** Re-arms the notification once the balance is back at or over the threshold. */
    public void clearBelowMinimum(UUID id) {
        dsl.update(SOURCE_ACCOUNT).set(SOURCE_ACCOUNT.BELOW_MINIMUM, false)
                .where(SOURCE_ACCOUNT.SOURCE_ACCOUNT_ID.eq(id).and(SOURCE_ACCOUNT.BELOW_MINIMUM.isTrue())
                        .and(SOURCE_ACCOUNT.BALANCE.ge(SOURCE_ACCOUNT.MINIMUM_BALANCE)))
                .execute();
    }

    public void insertSeed(DSLContext tx, UUID payorId, JsonNode a) {
        tx.insertInto(SOURCE_ACCOUNT)
                .set(SOURCE_ACCOUNT.SOURCE_ACCOUNT_ID, UUID.fromString(a.get("id").asText()))
                .set(SOURCE_ACCOUNT.PAYOR_ID, payorId)
                .set(SOURCE_ACCOUNT.NAME, a.get("name").asText())
                .set(SOURCE_ACCOUNT.CURRENCY, a.get("currency").asText())
                .set(SOURCE_ACCOUNT.BALANCE, a.path("balance").asLong(0))
                .set(SOURCE_ACCOUNT.FUNDING_REF, a.path("fundingRef").asText("a1b2c3d4"))
                .set(SOURCE_ACCOUNT.PHYSICAL_ACCOUNT_NAME, a.path("physicalAccountName").asText("VELO_FBO_SIM_" + a.get("currency").asText()))
                .set(SOURCE_ACCOUNT.RAILS_ID, a.path("railsId").asText("SIM"))
                .set(SOURCE_ACCOUNT.POOLED, a.path("pooled").asBoolean(true))
                .set(SOURCE_ACCOUNT.BALANCE_VISIBLE, a.path("balanceVisible").asBoolean(true))
                .set(SOURCE_ACCOUNT.CUSTOMER_ID, a.hasNonNull("customerId") ? a.get("customerId").asText() : null)
                .execute();
    }

    static SourceAccount toAccount(SourceAccountRecord r) {
        return new SourceAccount(r.getSourceAccountId(), r.getPayorId(), r.getName(), r.getCurrency(), r.getBalance(),
                r.getFundingRef(), r.getPhysicalAccountName(), r.getRailsId(), r.getPooled(), r.getBalanceVisible(),
                r.getCustomerId(), r.getMinimumBalance());
    }

}
