package dev.standin.provider.velo.funding;

import java.util.UUID;

/** A payor's balance in one currency, in minor units. */
public record SourceAccount(UUID id, UUID payorId, String name, String currency, long balance, String fundingRef,
                            String physicalAccountName, String railsId, boolean pooled, boolean balanceVisible,
                            String customerId, Long minimumBalance) {
}
