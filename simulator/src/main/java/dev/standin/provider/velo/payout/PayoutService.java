package dev.standin.provider.velo.payout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.standin.core.json.Json;
import dev.standin.provider.velo.CsvUpload;
import dev.standin.core.clock.Scheduler;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.http.ApiError;
import dev.standin.core.http.Violations;
import dev.standin.core.id.IdGenerator;
import dev.standin.core.rules.LifecycleEvents;
import dev.standin.core.scenario.ScenarioRegistry;
import dev.standin.provider.velo.VeloEvents;
import dev.standin.provider.velo.VeloModule;
import dev.standin.provider.velo.auth.VeloPrincipal;
import dev.standin.provider.velo.funding.SourceAccountRepository;
import dev.standin.provider.velo.payee.PayeeRepository;
import org.jooq.DSLContext;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.standin.db.velo.Tables.PAYOUT;

/** Submit, quote, instruct and withdraw payouts; the state machine lives here and in {@link PaymentLifecycle}. */
public final class PayoutService {
    public static final int MAX_PAYMENTS = 2000;
    public static final Duration QUOTE_LIFETIME = Duration.ofSeconds(60);
    static final Duration VALIDATION_DELAY = Duration.ofSeconds(1);
    private static final List<String> QUOTABLE = List.of("ACCEPTED", "QUOTED");
    private static final List<String> WITHDRAWABLE = List.of("SUBMITTED", "ACCEPTED", "QUOTED");

    /** A payout with its payments, as the summary shows it at {@code asOf} (quotes expire). */
    public record View(Payout payout, List<Payment> payments, Instant asOf) {
    }

    private final PayoutRepository payouts;
    private final PayoutValidator validator;
    private final PaymentLifecycle lifecycle;
    private final FxRates rates;
    private final DSLContext dsl;
    private final VirtualClock clock;
    private final Scheduler scheduler;
    private final IdGenerator ids;
    private final ScenarioRegistry settings;

    private final VeloEvents events;

    public PayoutService(PayoutRepository payouts, PayeeRepository payees, SourceAccountRepository accounts, DSLContext dsl,
                         VirtualClock clock, Scheduler scheduler, IdGenerator ids, ScenarioRegistry settings, VeloEvents events) {
        this.events = events;
        this.payouts = payouts;
        this.rates = new FxRates(settings);
        this.validator = new PayoutValidator(payouts, payees, accounts, rates, ids);
        this.lifecycle = new PaymentLifecycle(payouts, accounts, dsl, clock, scheduler, ids, settings, events);
        this.dsl = dsl;
        this.clock = clock;
        this.scheduler = scheduler;
        this.ids = ids;
        this.settings = settings;
        scheduler.register(VALIDATE_KIND, this::validateWhenDue);
    }

    /** The CSV columns of a payout upload, in the guide's order (used when the file has no header row). */
    public static final List<String> CSV_COLUMNS = List.of("remoteId", "currency", "amount", "paymentMemo",
            "sourceAccountName", "payorPaymentId");

    /** Checks the payout's shape (400 per field), stores it SUBMITTED with its payments, and schedules validation. */
    public UUID submit(VeloPrincipal caller, JsonNode body) {
        Violations v = new Violations();
        String payorId = v.text(body, "payorId", 36, 36, true);
        String memo = v.text(body, "payoutMemo", 0, 40, false);
        JsonNode list = body.path("payments");
        List<Payment> payments = new ArrayList<>();
        if (!list.isArray() || list.isEmpty() || list.size() > MAX_PAYMENTS) {
            v.add("payments", "payments: size must be between 1 and " + MAX_PAYMENTS + " inclusive");
        } else {
            for (int i = 0; i < list.size(); i++) {
                payments.add(payment(list.get(i), v.at("payments[" + i + "]"), i, caller));
            }
        }
        v.throwIfAny();
        caller.requireOwn(payorId, "requestBody", false);
        return store(caller, memo, payments);
    }

    /**
     * A CSV upload: rows breaking a field rule become payments REJECTED as BADLY_FORMED_DATA_ROW; with
     * no valid row at all, no payout is made and the answer is 400 (as the guide says).
     */
    public UUID submitCsv(VeloPrincipal caller, String payorId, String memo, List<CsvUpload.Row> rows) {
        caller.requireOwn(payorId, "queryParam", false);
        if (memo != null && memo.length() > 40) {
            throw ApiError.badQuery("payoutMemo", "payoutMemo: size must be between 0 and 40 inclusive");
        }
        List<Payment> payments = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (CsvUpload.Row row : rows) {
            ObjectNode item = Json.mapper().createObjectNode();
            row.cells().forEach((column, value) -> {
                if (column.equals("amount") && value.matches("-?\\d{1,18}")) {
                    item.put(column, Long.parseLong(value));
                } else {
                    item.put(column, value);
                }
            });
            Violations rowRules = new Violations();
            Payment p = payment(item, rowRules, payments.size(), caller);
            try {
                rowRules.throwIfAny();
                payments.add(p);
            } catch (ApiError e) {
                problems.add("line " + row.lineNumber() + ": " + e.getMessage());
                payments.add(new Payment(null, null, p.payorId(), p.position(), p.remoteId() == null ? "" : p.remoteId(), null,
                        p.currency() == null ? "" : p.currency(), p.amount(), p.sourceAccountName() == null ? "" : p.sourceAccountName(),
                        null, null, null, null, p.payorPaymentId(), p.paymentMemo(), PaymentStatus.REJECTED,
                        "BADLY_FORMED_DATA_ROW", null, now()));
            }
        }
        if (payments.stream().noneMatch(p -> p.status().equals(PaymentStatus.SUBMITTED)) || payments.size() > MAX_PAYMENTS) {
            throw new ApiError(400, "INVALID_VALUE", payments.size() > MAX_PAYMENTS
                    ? "A payout holds at most " + MAX_PAYMENTS + " payments"
                    : "The CSV holds no valid payments: " + problems, "file", "requestBody");
        }
        return store(caller, memo, payments);
    }

    private Payment payment(JsonNode item, Violations p, int position, VeloPrincipal caller) {
        String remoteId = p.text(item, "remoteId", 1, 100, true);
        String currency = p.matching(item, "currency", 3, 3, true, "^[A-Z]{3}$", "must be a 3 character currency code e.g. USD, GBP, EUR");
        Long amount = p.number(item, "amount", 1, Long.MAX_VALUE, true);
        String paymentMemo = p.text(item, "paymentMemo", 0, 40, false);
        String sourceAccountName = p.text(item, "sourceAccountName", 1, 64, true);
        String payorPaymentId = p.text(item, "payorPaymentId", 0, 40, false);
        return new Payment(null, null, caller.payorId(), position, remoteId, null, currency, amount == null ? 0 : amount,
                sourceAccountName, null, null, null, null, payorPaymentId, paymentMemo, PaymentStatus.SUBMITTED, null, null, now());
    }

    private UUID store(VeloPrincipal caller, String memo, List<Payment> payments) {
        UUID payoutId = ids.uuid();
        List<Payment> withIds = payments.stream().map(p -> new Payment(ids.uuid(), payoutId, p.payorId(), p.position(),
                p.remoteId(), null, p.currency(), p.amount(), p.sourceAccountName(), null, null, null, null,
                p.payorPaymentId(), p.paymentMemo(), p.status(), p.reason(), null, p.updated())).toList();
        Scheduler.Stored validation = scheduler.prepare(VeloModule.NAME, VALIDATE_KIND, payoutId.toString(),
                "validate payout " + payoutId, settings.delay("veloPayoutValidationDelay", VALIDATION_DELAY));
        dsl.transaction(tx -> {
            payouts.insertPayout(tx.dsl(), payoutId, caller.payorId(), memo, now());
            payouts.insertPayments(tx.dsl(), withIds);
            payouts.events(tx.dsl(), withIds.stream()
                    .map(p -> new PayoutRepository.Event(p.paymentId(), ids.uuid(), "PAYMENT_SUBMITTED", p.updated())).toList());
            scheduler.save(tx.dsl(), validation);
        });
        return payoutId;
    }

    /** The stored step kind of a payout's validation; its subject is the payout id. */
    static final String VALIDATE_KIND = "velo.payout.validate";

    /** A payout's validation, when it falls due (also after a restart): rules on {@code payout.validate} may intervene. */
    private void validateWhenDue(String subject) {
        UUID payoutId = UUID.fromString(subject);
        // the validator reads the payout again in its transaction, and validates only a SUBMITTED one
        events.around("payout.validate", () -> payouts.find(dsl, payoutId)
                        .filter(payout -> payout.status().equals(PaymentStatus.SUBMITTED))
                        .map(payout -> new LifecycleEvents.Subject(payout.payorId().toString(), java.util.Map.of("payoutId", payoutId,
                                "payments", payouts.payments(dsl, payoutId).size(), "memo", payout.memo() == null ? "" : payout.memo()))),
                () -> dsl.transaction(tx -> validator.validate(tx.dsl(), payoutId, now())),
                outcome -> dsl.transaction(tx -> validator.reject(tx.dsl(), payoutId, outcome.path("reason").asText("OTHER"), now())));
    }

    public View get(VeloPrincipal caller, UUID payoutId) {
        Payout payout = find(caller, payoutId);
        return new View(payout, payouts.payments(dsl, payoutId), clock.now());
    }

    /** Prices the accepted payments at the current rates; the quote expires 60 s later. */
    public View quote(VeloPrincipal caller, UUID payoutId) {
        Payout payout = find(caller, payoutId);
        dsl.transaction(tx -> {
            DSLContext t = tx.dsl();
            OffsetDateTime now = now();
            if (!payouts.movePayout(t, payoutId, QUOTABLE, "QUOTED", null, now)) {
                throw wrongState(payout.status(), "quoted");
            }
            price(t, payoutId);
            payouts.setQuote(t, payoutId, ids.uuid(), now, now.plus(QUOTE_LIFETIME));
        });
        return get(caller, payoutId);
    }

    /**
     * ACCEPTED (priced at the current rates) or QUOTED with an unexpired quote: INSTRUCTED, and the
     * payments are funded or wait for funds. Exactly one of concurrent instructs succeeds.
     */
    public void instruct(VeloPrincipal caller, UUID payoutId) {
        Payout payout = find(caller, payoutId);
        dsl.transaction(tx -> {
            DSLContext t = tx.dsl();
            Payout current = payouts.find(t, payoutId).orElseThrow();
            if (current.status().equals("QUOTED") && !now().isBefore(current.quoteExpiry())) {
                throw new ApiError(409, "QUOTE_EXPIRED",
                        "The quote expired at " + current.quoteExpiry().toInstant() + "; request a new quote", null, null);
            }
            if (!payouts.movePayout(t, payoutId, QUOTABLE, "INSTRUCTED", PAYOUT.INSTRUCTED, now())) {
                throw wrongState(current.status(), "instructed");
            }
            if (current.status().equals("ACCEPTED")) {
                price(t, payoutId);
                payouts.setQuote(t, payoutId, ids.uuid(), now(), now().plus(QUOTE_LIFETIME));
            }
            lifecycle.fund(t, payoutId);
        });
    }

    /** Before instruct: WITHDRAWN with its payments; after: 409. */
    public void withdraw(VeloPrincipal caller, UUID payoutId) {
        Payout payout = find(caller, payoutId);
        dsl.transaction(tx -> {
            DSLContext t = tx.dsl();
            if (!payouts.movePayout(t, payoutId, WITHDRAWABLE, "WITHDRAWN", PAYOUT.WITHDRAWN, now())) {
                throw wrongState(payouts.find(t, payoutId).map(Payout::status).orElse(payout.status()), "withdrawn");
            }
            for (Payment p : payouts.payments(t, payoutId)) {
                if (!p.status().equals(PaymentStatus.REJECTED)) {
                    payouts.event(t, p.paymentId(), ids.uuid(), "PAYOUT_WITHDRAWN", now());
                }
            }
            payouts.moveAllPayments(t, payoutId, List.of(PaymentStatus.SUBMITTED, PaymentStatus.ACCEPTED),
                    PaymentStatus.WITHDRAWN, now());
        });
    }

    /** For the control API: a payout of any payor with each payment's id, status, reasons and events. */
    public java.util.Map<String, Object> inspect(UUID payoutId) {
        Payout payout = payouts.find(dsl, payoutId).orElseThrow(() -> ApiError.notFound("No payout " + payoutId));
        List<java.util.Map<String, Object>> payments = new ArrayList<>();
        for (Payment p : payouts.payments(dsl, payoutId)) {
            java.util.Map<String, Object> item = new java.util.LinkedHashMap<>();
            item.put("paymentId", p.paymentId().toString());
            item.put("remoteId", p.remoteId());
            item.put("amount", p.amount());
            item.put("currency", p.currency());
            item.put("sourceAmount", p.sourceAmount());
            item.put("status", p.status());
            item.put("reason", p.reason());
            item.put("failureReason", p.failureReason());
            item.put("events", payouts.eventTypes(p.paymentId()));
            payments.add(item);
        }
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("payoutId", payoutId.toString());
        out.put("payorId", payout.payorId().toString());
        out.put("status", payout.status());
        out.put("payments", payments);
        return out;
    }

    /** The provider outcome a scenario (or the control API) triggers: fail one payment, e.g. with an ACH return. */
    public boolean failPayment(UUID paymentId, String reason) {
        return lifecycle.fail(paymentId, reason);
    }

    /** Called with a source account's id after a payment changed its balance. */
    public void onBalanceChanged(java.util.function.Consumer<UUID> listener) {
        lifecycle.onBalanceChanged(listener);
    }

    public void fundsArrived(UUID sourceAccountId) {
        lifecycle.fundsArrived(sourceAccountId);
    }

    private void price(DSLContext tx, UUID payoutId) {
        for (Payment p : payouts.payments(tx, payoutId)) {
            if (p.status().equals(PaymentStatus.ACCEPTED)) {
                BigDecimal rate = rates.rate(p.sourceCurrency(), p.currency())
                        .orElseThrow(() -> new ApiError(409, "UNSUPPORTED_CURRENCY",
                                "No FX rate from " + p.sourceCurrency() + " to " + p.currency(), null, null));
                payouts.price(tx, p.paymentId(), rate, FxRates.sourceAmount(p.amount(), p.currency(), p.sourceCurrency(), rate));
            }
        }
    }

    private Payout find(VeloPrincipal caller, UUID payoutId) {
        return payouts.find(caller.payorId(), payoutId)
                .orElseThrow(() -> new ApiError(404, "NOT_FOUND", "Payout not found", "payoutId", "pathParam"));
    }

    private static ApiError wrongState(String status, String verb) {
        return new ApiError(409, "INVALID_STATE", "A payout in status " + status + " cannot be " + verb, null, null);
    }

    private OffsetDateTime now() {
        return clock.now().atOffset(ZoneOffset.UTC);
    }
}
