package dev.standin.provider.velo.payout;

import dev.standin.core.id.IdGenerator;
import dev.standin.provider.velo.funding.SourceAccount;
import dev.standin.provider.velo.funding.SourceAccountRepository;
import dev.standin.provider.velo.payee.Payee;
import dev.standin.provider.velo.payee.PayeeRepository;
import dev.standin.provider.velo.reference.Currencies;
import org.jooq.DSLContext;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The asynchronous validation of a SUBMITTED payout: each payment is ACCEPTED or REJECTED with the
 * first reason that applies, in this order: UNKNOWN_SOURCE_ACCOUNT, UNSUPPORTED_CURRENCY,
 * PAYMENT_VALUE_TOO_HIGH, UNKNOWN_REMOTE_ID, OFAC_FAILED, DECLINED_INVITE, PENDING_INVITE,
 * PAYEE_NOT_ONBOARDED, CURRENCY_MISMATCH (the payee's payment channel is in another currency),
 * UNSUPPORTED_CURRENCY (no FX rate between the source account and the payment currency) and
 * DUPLICATE_PAYOR_PAYMENT_ID. The payout is ACCEPTED when any payment is, else REJECTED.
 */
final class PayoutValidator {
    private final PayoutRepository payouts;
    private final PayeeRepository payees;
    private final SourceAccountRepository accounts;
    private final FxRates rates;
    private final IdGenerator ids;

    PayoutValidator(PayoutRepository payouts, PayeeRepository payees, SourceAccountRepository accounts, FxRates rates,
                    IdGenerator ids) {
        this.payouts = payouts;
        this.payees = payees;
        this.accounts = accounts;
        this.rates = rates;
        this.ids = ids;
    }

    void validate(DSLContext tx, UUID payoutId, OffsetDateTime now) {
        Payout payout = payouts.find(tx, payoutId).orElse(null);
        if (payout == null || !payout.status().equals(PaymentStatus.SUBMITTED)) {
            return;
        }
        List<Payment> payments = payouts.payments(tx, payoutId).stream()
                .filter(p -> !p.status().equals(PaymentStatus.REJECTED)).toList();
        Map<String, SourceAccount> accountsByName = accounts.byName(tx, payout.payorId());
        Map<String, Payee> payeesByRemoteId = payees.findByRemoteIds(tx, payout.payorId(),
                payments.stream().map(Payment::remoteId).collect(Collectors.toSet()));
        Set<String> usedElsewhere = payouts.payorPaymentIdsUsed(tx, payout.payorId(), payments.stream()
                .map(Payment::payorPaymentId).filter(id -> id != null && !id.isEmpty()).collect(Collectors.toSet()), payoutId);
        Set<String> seenHere = new HashSet<>();
        List<PayoutRepository.Verdict> verdicts = new ArrayList<>();
        List<PayoutRepository.Event> events = new ArrayList<>();
        boolean anyAccepted = false;
        for (Payment p : payments) {
            Optional<SourceAccount> account = Optional.ofNullable(accountsByName.get(p.sourceAccountName()));
            Optional<Payee> payee = Optional.ofNullable(payeesByRemoteId.get(p.remoteId()));
            String reason = reason(p, account, payee, seenHere, usedElsewhere);
            anyAccepted |= reason == null;
            verdicts.add(new PayoutRepository.Verdict(p.paymentId(),
                    reason == null ? PaymentStatus.ACCEPTED : PaymentStatus.REJECTED, reason,
                    payee.map(Payee::payeeId).orElse(null), account.map(SourceAccount::id).orElse(null),
                    account.map(SourceAccount::currency).orElse(null)));
            events.add(new PayoutRepository.Event(p.paymentId(), ids.uuid(),
                    reason == null ? "PAYMENT_SUBMITTED_ACCEPTED" : "PAYMENT_SUBMITTED_REJECTED", now));
        }
        payouts.judge(tx, verdicts, now);
        payouts.events(tx, events);
        payouts.movePayout(tx, payoutId, List.of(PaymentStatus.SUBMITTED),
                anyAccepted ? PaymentStatus.ACCEPTED : PaymentStatus.REJECTED, null, now);
    }

    /** The outcome {@code reject}: every payment REJECTED with {@code reason}, and the payout REJECTED. */
    void reject(DSLContext tx, UUID payoutId, String reason, OffsetDateTime now) {
        Payout payout = payouts.find(tx, payoutId).orElse(null);
        if (payout == null || !payout.status().equals(PaymentStatus.SUBMITTED)) {
            return;
        }
        List<PayoutRepository.Verdict> verdicts = new ArrayList<>();
        List<PayoutRepository.Event> events = new ArrayList<>();
        for (Payment p : payouts.payments(tx, payoutId)) {
            verdicts.add(new PayoutRepository.Verdict(p.paymentId(), PaymentStatus.REJECTED,
                    p.reason() != null ? p.reason() : reason, null, null, null));
            events.add(new PayoutRepository.Event(p.paymentId(), ids.uuid(), "PAYMENT_SUBMITTED_REJECTED", now));
        }
        payouts.judge(tx, verdicts, now);
        payouts.events(tx, events);
        payouts.movePayout(tx, payoutId, List.of(PaymentStatus.SUBMITTED), PaymentStatus.REJECTED, null, now);
    }

    private String reason(Payment p, Optional<SourceAccount> account, Optional<Payee> payee,
                          Set<String> seenHere, Set<String> usedElsewhere) {
        if (account.isEmpty()) {
            return "UNKNOWN_SOURCE_ACCOUNT";
        }
        Optional<Currencies.Currency> currency = Currencies.find(p.currency());
        if (currency.isEmpty()) {
            return "UNSUPPORTED_CURRENCY";
        }
        if (p.amount() > currency.get().maxMinorAmount()) {
            return "PAYMENT_VALUE_TOO_HIGH";
        }
        if (payee.isEmpty()) {
            return "UNKNOWN_REMOTE_ID";
        }
        Payee e = payee.get();
        if (Payee.FAILED.equals(e.ofacStatus())) {
            return "OFAC_FAILED";
        }
        if (Payee.DECLINED.equals(e.invitationStatus())) {
            return "DECLINED_INVITE";
        }
        if (Payee.PENDING.equals(e.invitationStatus())) {
            return "PENDING_INVITE";
        }
        if (!Payee.ONBOARDED.equals(e.onboardedStatus())) {
            return "PAYEE_NOT_ONBOARDED";
        }
        if (e.paymentCurrency() != null && !e.paymentCurrency().equals(p.currency())) {
            return "CURRENCY_MISMATCH";
        }
        if (rates.rate(account.get().currency(), p.currency()).isEmpty()) {
            return "UNSUPPORTED_CURRENCY";
        }
        if (p.payorPaymentId() != null && !p.payorPaymentId().isEmpty()
                && (!seenHere.add(p.payorPaymentId()) || usedElsewhere.contains(p.payorPaymentId()))) {
            return "DUPLICATE_PAYOR_PAYMENT_ID";
        }
        return null;
    }
}
