package dev.standin.provider.velo.payout;

import java.util.List;

/** Velo's payment statuses, and the payout statuses they lead to. */
public final class PaymentStatus {
    public static final String SUBMITTED = "SUBMITTED";
    public static final String ACCEPTED = "ACCEPTED";
    public static final String REJECTED = "REJECTED";
    public static final String AWAITING_FUNDS = "AWAITING_FUNDS";
    public static final String FUNDED = "FUNDED";
    public static final String BANK_PAYMENT_REQUESTED = "BANK_PAYMENT_REQUESTED";
    public static final String ACCEPTED_BY_RAILS = "ACCEPTED_BY_RAILS";
    public static final String CONFIRMED = "CONFIRMED";
    public static final String FAILED = "FAILED";
    public static final String WITHDRAWN = "WITHDRAWN";

    /** Payments whose money has left the source account. */
    static final List<String> DEBITED = List.of(FUNDED, BANK_PAYMENT_REQUESTED, ACCEPTED_BY_RAILS, CONFIRMED);
    static final List<String> TERMINAL = List.of(CONFIRMED, FAILED, REJECTED, WITHDRAWN);

    private PaymentStatus() {
    }
}
