package dev.standin.provider.velo.payout;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A payout: a batch of payments moving through SUBMITTED, ACCEPTED/REJECTED, QUOTED, INSTRUCTED, COMPLETED/INCOMPLETE or WITHDRAWN. */
public record Payout(UUID payoutId, UUID payorId, String status, String memo, OffsetDateTime submitted,
                     UUID quoteId, OffsetDateTime quoteCreated, OffsetDateTime quoteExpiry,
                     OffsetDateTime instructed, OffsetDateTime completed, OffsetDateTime withdrawn) {
}
