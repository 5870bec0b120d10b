package dev.standin.provider.velo.payout;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One payment of a payout, as submitted and as it has progressed. */
public record Payment(UUID paymentId, UUID payoutId, UUID payorId, int position, String remoteId, UUID payeeId,
                      String currency, long amount, String sourceAccountName, UUID sourceAccountId,
                      String sourceCurrency, Long sourceAmount, BigDecimal rate, String payorPaymentId,
                      String paymentMemo, String status, String reason, String failureReason, OffsetDateTime updated) {
}
