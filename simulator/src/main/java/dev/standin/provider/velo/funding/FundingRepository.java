package dev.standin.provider.velo.funding;

import dev.standin.db.velo.tables.records.FundingRecord;
import org.jooq.DSLContext;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import static dev.standin.db.velo.Tables.FUNDING;
import static dev.standin.db.velo.Tables.FUNDING_EVENT;

/** ACH funding requests and their events. */
public final class FundingRepository {
    private final DSLContext dsl;

    public FundingRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    public void insert(DSLContext tx, UUID fundingId, UUID payorId, UUID sourceAccountId, long amount, String currency,
                       OffsetDateTime at) {
        tx.insertInto(FUNDING)
                .set(FUNDING.FUNDING_ID, fundingId)
                .set(FUNDING.PAYOR_ID, payorId)
                .set(FUNDING.SOURCE_ACCOUNT_ID, sourceAccountId)
                .set(FUNDING.AMOUNT, amount)
                .set(FUNDING.CURRENCY, currency)
                .set(FUNDING.STATUS, "PENDING")
                .set(FUNDING.REQUESTED, at)
                .execute();
    }

    public Optional<FundingRecord> find(UUID fundingId) {
        return dsl.selectFrom(FUNDING).where(FUNDING.FUNDING_ID.eq(fundingId)).fetchOptional();
    }

    /** Moves a PENDING funding to {@code status}; answers whether it was still pending (so it completes once). */
    public boolean complete(DSLContext tx, UUID fundingId, String status, OffsetDateTime at) {
        return tx.update(FUNDING).set(FUNDING.STATUS, status).set(FUNDING.COMPLETED, at)
                .where(FUNDING.FUNDING_ID.eq(fundingId).and(FUNDING.STATUS.eq("PENDING"))).execute() == 1;
    }

    public void event(DSLContext tx, UUID fundingId, UUID eventId, String type, OffsetDateTime at) {
        tx.insertInto(FUNDING_EVENT)
                .set(FUNDING_EVENT.FUNDING_ID, fundingId)
                .set(FUNDING_EVENT.EVENT_ID, eventId)
                .set(FUNDING_EVENT.EVENT_TYPE, type)
                .set(FUNDING_EVENT.AT, at)
                .execute();
    }
}
