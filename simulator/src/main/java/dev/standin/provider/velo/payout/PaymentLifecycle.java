package dev.standin.provider.velo.payout;

import dev.standin.core.clock.Scheduler;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.id.IdGenerator;
import dev.standin.core.rules.LifecycleEvents;
import dev.standin.core.scenario.ScenarioRegistry;
import dev.standin.core.store.AfterCommit;
import dev.standin.provider.velo.VeloEvents;
import dev.standin.provider.velo.VeloModule;
import dev.standin.provider.velo.funding.SourceAccountRepository;
import org.jooq.DSLContext;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static dev.standin.db.velo.Tables.PAYOUT;

/**
 * What happens to accepted payments after instruct, on the virtual clock: FUNDED as soon as the
 * source account covers them (the balance is debited exactly once; otherwise AWAITING_FUNDS until a
 * funding arrives), then BANK_PAYMENT_REQUESTED, ACCEPTED_BY_RAILS and CONFIRMED, each step an
 * event. A payment can FAIL (a bank return), which puts its money back. When every payment has
 * ended, the payout is COMPLETED, or INCOMPLETE if any failed.
 */
final class PaymentLifecycle {
    static final Duration STEP_DELAY = Duration.ofSeconds(1);

    /** from status, to status, audit event, rule event. */
    private static final String[][] STEPS = {
            {PaymentStatus.FUNDED, PaymentStatus.BANK_PAYMENT_REQUESTED, "BANK_PAYMENT_REQUESTED", "payment.bankRequest"},
            {PaymentStatus.BANK_PAYMENT_REQUESTED, PaymentStatus.ACCEPTED_BY_RAILS, "PAYMENT_ACCEPTED_BY_RAILS", "payment.railsAccept"},
            {PaymentStatus.ACCEPTED_BY_RAILS, PaymentStatus.CONFIRMED, "PAYMENT_CONFIRMED", "payment.confirm"},
    };

    private final PayoutRepository payouts;
    private final SourceAccountRepository accounts;
    private final DSLContext dsl;
    private final VirtualClock clock;
    private final Scheduler scheduler;
    private final IdGenerator ids;
    private final ScenarioRegistry settings;
    private final VeloEvents events;
    private java.util.function.Consumer<UUID> balanceChanged = id -> {
    };

    PaymentLifecycle(PayoutRepository payouts, SourceAccountRepository accounts, DSLContext dsl, VirtualClock clock,
                     Scheduler scheduler, IdGenerator ids, ScenarioRegistry settings, VeloEvents events) {
        this.events = events;
        this.payouts = payouts;
        this.accounts = accounts;
        this.dsl = dsl;
        this.clock = clock;
        this.scheduler = scheduler;
        this.ids = ids;
        this.settings = settings;
        scheduler.register(STEP_KIND, this::runStored);
    }

    /** The stored step kind of a payment's next lifecycle step; its subject is "paymentId:step". */
    static final String STEP_KIND = "velo.payment.step";

    /**
     * Inside the instruct transaction: funds each accepted payment (or leaves it waiting for funds),
     * and stores each funded payment's next step with it; once committed, the steps are queued and
     * the accounts debited checked against their low-balance thresholds.
     */
    void fund(DSLContext tx, UUID payoutId) {
        List<Scheduler.Stored> next = new ArrayList<>();
        java.util.Set<UUID> debited = new java.util.HashSet<>();
        for (Payment p : payouts.payments(tx, payoutId)) {
            if (!p.status().equals(PaymentStatus.ACCEPTED)) {
                continue;
            }
            if (accounts.debitIfCovered(tx, p.sourceAccountId(), p.sourceAmount())) {
                debited.add(p.sourceAccountId());
                payouts.movePayment(tx, p.paymentId(), List.of(PaymentStatus.ACCEPTED), PaymentStatus.FUNDED, null, now());
                payouts.event(tx, p.paymentId(), ids.uuid(), "PAYMENT_FUNDED", now());
                next.add(prepareStep(p.paymentId(), 0));
            } else {
                payouts.movePayment(tx, p.paymentId(), List.of(PaymentStatus.ACCEPTED), PaymentStatus.AWAITING_FUNDS, null, now());
                payouts.event(tx, p.paymentId(), ids.uuid(), "PAYMENT_AWAITING_FUNDS", now());
            }
        }
        scheduler.saveAll(tx, next);
        AfterCommit.run(() -> debited.forEach(balanceChanged));
    }

    /** Called with a source account's id after a committed change to its balance (a low-balance check). */
    void onBalanceChanged(java.util.function.Consumer<UUID> listener) {
        this.balanceChanged = listener;
    }

    /** A funding arrived on {@code sourceAccountId}: waiting payments it now covers are funded, oldest first. */
    void fundsArrived(UUID sourceAccountId) {
        for (Payment p : payouts.awaitingFunds(sourceAccountId)) {
            fundWaiting(sourceAccountId, p, prepareStep(p.paymentId(), 0));
        }
        balanceChanged.accept(sourceAccountId);
    }

    /** Runs a stored step after a restart, or when it falls due: "paymentId:step". */
    void runStored(String subject) {
        String[] parts = subject.split(":", 2);
        ruledStep(UUID.fromString(parts[0]), Integer.parseInt(parts[1]));
    }

    /** Funds one waiting payment when its account now covers it and it is still waiting; its first step is queued on commit. */
    private void fundWaiting(UUID sourceAccountId, Payment p, Scheduler.Stored step) {
        try {
            dsl.transaction(tx -> {
                DSLContext t = tx.dsl();
                if (!accounts.debitIfCovered(t, sourceAccountId, p.sourceAmount())) {
                    return;
                }
                if (!payouts.movePayment(t, p.paymentId(), List.of(PaymentStatus.AWAITING_FUNDS), PaymentStatus.FUNDED, null, now())) {
                    throw new MovedMeanwhile(); // rolls the debit back
                }
                payouts.event(t, p.paymentId(), ids.uuid(), "PAYMENT_FUNDED", now());
                scheduler.save(t, step);
            });
        } catch (MovedMeanwhile e) {
            // another funding or a withdrawal moved it first
        }
    }

    private Scheduler.Stored prepareStep(UUID paymentId, int step) {
        return scheduler.prepare(VeloModule.NAME, STEP_KIND, paymentId + ":" + step, STEPS[step][2] + " " + paymentId,
                settings.delay("veloPaymentStepDelay", STEP_DELAY));
    }

    /** The step as rules see it: {@code payment.bankRequest|railsAccept|confirm}; outcome {@code fail} fails the payment. */
    private void ruledStep(UUID paymentId, int step) {
        // runStep moves the payment only from the state the step expects, in its own transaction
        events.around(STEPS[step][3], () -> payouts.payment(dsl, paymentId)
                        .map(p -> new LifecycleEvents.Subject(p.payorId().toString(), entity(p))),
                () -> runStep(paymentId, step),
                outcome -> fail(paymentId, outcome.path("reason").asText("ACH_RETURN_R01")));
    }

    static java.util.Map<String, Object> entity(Payment p) {
        java.util.Map<String, Object> e = new java.util.HashMap<>();
        e.put("paymentId", p.paymentId());
        e.put("payoutId", p.payoutId());
        e.put("remoteId", p.remoteId());
        e.put("amount", p.amount());
        e.put("currency", p.currency());
        e.put("sourceAccountName", p.sourceAccountName());
        e.put("status", p.status());
        if (p.payorPaymentId() != null) {
            e.put("payorPaymentId", p.payorPaymentId());
        }
        return e;
    }

    private void runStep(UUID paymentId, int step) {
        String[] s = STEPS[step];
        Scheduler.Stored next = step + 1 < STEPS.length ? prepareStep(paymentId, step + 1) : null;
        Optional<UUID> payoutId = dsl.transactionResult(tx -> {
            Optional<Payment> p = payouts.payment(tx.dsl(), paymentId);
            if (p.isEmpty() || !payouts.movePayment(tx.dsl(), paymentId, List.of(s[0]), s[1], null, now())) {
                return Optional.<UUID>empty();
            }
            payouts.event(tx.dsl(), paymentId, ids.uuid(), s[2], now());
            if (next != null) {
                scheduler.save(tx.dsl(), next);
            }
            return Optional.of(p.get().payoutId());
        });
        if (payoutId.isEmpty()) {
            return;
        }
        if (next == null) {
            settle(payoutId.get());
        }
    }

    /**
     * The provider outcome "this payment failed" (e.g. an ACH return): FAILED, its money back on the
     * source account if it had been debited, and the payout settled again. Answers false when the
     * payment is not in a state that can fail (not instructed yet, or already failed).
     */
    boolean fail(UUID paymentId, String reason) {
        Optional<UUID> payoutId = dsl.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            Optional<Payment> found = payouts.payment(t, paymentId);
            if (found.isEmpty()) {
                return Optional.<UUID>empty();
            }
            Payment p = found.get();
            boolean debited = PaymentStatus.DEBITED.contains(p.status());
            if (!debited && !p.status().equals(PaymentStatus.AWAITING_FUNDS)) {
                return Optional.<UUID>empty();
            }
            if (!payouts.movePayment(t, paymentId, List.of(p.status()), PaymentStatus.FAILED, reason, now())) {
                return Optional.<UUID>empty();
            }
            if (debited) {
                accounts.credit(t, p.sourceAccountId(), p.sourceAmount());
            }
            if (reason.startsWith("ACH_RETURN") || reason.startsWith("R0")) {
                payouts.event(t, paymentId, ids.uuid(), "ACH_RETURN_RECEIVED", now());
            }
            payouts.event(t, paymentId, ids.uuid(), "PAYMENT_FAILED", now());
            return Optional.of(p.payoutId());
        });
        payoutId.ifPresent(this::settle);
        return payoutId.isPresent();
    }

    /** When every payment of an instructed payout has ended: COMPLETED, or INCOMPLETE if any failed. */
    private void settle(UUID payoutId) {
        dsl.transaction(tx -> {
            DSLContext t = tx.dsl();
            List<Payment> payments = payouts.payments(t, payoutId);
            boolean allEnded = payments.stream().allMatch(p -> PaymentStatus.TERMINAL.contains(p.status()));
            if (!allEnded) {
                return;
            }
            boolean anyFailed = payments.stream().anyMatch(p -> p.status().equals(PaymentStatus.FAILED));
            payouts.movePayout(t, payoutId, List.of("INSTRUCTED", "COMPLETED"), anyFailed ? "INCOMPLETE" : "COMPLETED",
                    PAYOUT.COMPLETED, now());
        });
    }

    private OffsetDateTime now() {
        return clock.now().atOffset(ZoneOffset.UTC);
    }

    /** Rolls a funding attempt back when the payment moved (failed, withdrawn) between read and write. */
    private static final class MovedMeanwhile extends RuntimeException {
        MovedMeanwhile() {
            super(null, null, false, false);
        }
    }
}
