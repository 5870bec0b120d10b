package dev.standin.provider.qolo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.clock.Scheduler;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.http.ApiError;
import dev.standin.core.id.IdGenerator;
import dev.standin.core.rules.LifecycleEvents;
import dev.standin.core.rules.RuleEngine;
import dev.standin.core.store.AfterCommit;
import dev.standin.core.rules.RuleEvent;
import dev.standin.db.qolo.tables.records.AccountRecord;
import dev.standin.db.qolo.tables.records.CardAuthRecord;
import dev.standin.db.qolo.tables.records.CardRecord;
import org.jooq.DSLContext;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Simulated card authorisations (the development environment's "simulate card transaction"): approved
 * when the card is ACTIVE, its account ACTIVE and the available balance covers the amount (which moves
 * to suspense); declined otherwise. Then cleared (settles to the ledger; a partial clearing releases
 * the rest), reversed (releases the hold) or refunded (credits after clearing, at most what cleared).
 * A hold not cleared expires after the program's {@code authorizationExpiry} of virtual time.
 */
final class Authorizations {
    static final String EXPIRE_STEP = "qolo.auth.expire";
    static final Set<String> DECLINE_REASONS = Set.of("insufficientFunds", "inactiveCard", "lostOrStolen", "closedAccount",
            "suspectedFraud", "doNotHonor");
    /** {@code auth.decide}: {@code decline} with a reason, or {@code freeze} (the card is suspended and the auth declined). */
    static final RuleEvent DECIDE_EVENT = new RuleEvent("auth.decide", Map.of("decline", DECLINE_REASONS, "freeze", Set.of()));
    static final RuleEvent SETTLE_EVENT = new RuleEvent("transfer.settle", Map.of("fail", Set.of()));

    private final LedgerRepository ledger;
    private final Balances balances;
    private final CardRepository cards;
    private final Cards cardService;
    private final VirtualClock clock;
    private final IdGenerator ids;
    private final LifecycleEvents lifecycle;
    private final Scheduler scheduler;
    private final Events events;
    private final Function<String, Optional<Program>> programs;

    Authorizations(LedgerRepository ledger, Balances balances, CardRepository cards, Cards cardService, VirtualClock clock,
                   IdGenerator ids, RuleEngine rules, Scheduler scheduler, Events events, Function<String, Optional<Program>> programs) {
        this.ledger = ledger;
        this.balances = balances;
        this.cards = cards;
        this.cardService = cardService;
        this.clock = clock;
        this.ids = ids;
        this.lifecycle = new LifecycleEvents(QoloModule.NAME, rules, scheduler);
        this.scheduler = scheduler;
        this.events = events;
        this.programs = programs;
        scheduler.register(EXPIRE_STEP, this::expire);
    }

    /** {@code POST /_sim/qolo/cards/{card_proxy}/authorizations} {@code {amount, merchant_name}}. */
    Map<String, Object> authorize(Program program, String proxy, JsonNode body) {
        Fields f = new Fields();
        BigDecimal amount = f.amount(body, "amount", true);
        String merchant = f.text(body, "", "merchant_name", false, 128);
        f.check();
        CardRecord[] frozen = new CardRecord[1];
        CardAuthRecord auth = ledger.dsl().transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            CardRecord card = cards.locked(tx, program.guid(), proxy).orElseThrow(() -> ApiError.notFound("No card " + proxy));
            AccountRecord account = balances.lock(tx, program.guid(), card.getAccountGuid(), "card_proxy");
            CardAuthRecord a = new CardAuthRecord();
            a.setAuthGuid(ids.uuidString());
            a.setProgramGuid(program.guid());
            a.setCardProxy(proxy);
            a.setAccountGuid(account.getAccountGuid());
            a.setAmount(amount);
            a.setCurrency(account.getCurrency());
            a.setClearedAmount(BigDecimal.ZERO.setScale(2));
            a.setRefundedAmount(BigDecimal.ZERO.setScale(2));
            a.setMerchantName(merchant == null ? "Simulated merchant" : merchant);
            a.setCreated(clock.now().toEpochMilli());
            a.setExpiresAt(clock.now().plus(program.authorizationExpiry()).toEpochMilli());
            String decline = decline(program, card, account, amount, a.getMerchantName());
            if ("FREEZE".equals(decline)) {
                cardService.apply(tx, program, card, "SUSPEND", "RULE", "Frozen by a scenario rule");
                frozen[0] = card;
                decline = "CARD_SUSPENDED";
            }
            if (decline == null) {
                a.setStatus("APPROVED");
                balances.hold(tx, account, amount, new Balances.Refs(null, proxy, a.getAuthGuid()));
                scheduler.save(tx, scheduler.prepare(QoloModule.NAME, EXPIRE_STEP, a.getAuthGuid(), "auth.expire " + a.getAuthGuid(),
                        program.authorizationExpiry()));
            } else {
                a.setStatus("DECLINED");
                a.setDeclineReason(decline);
            }
            ledger.insert(tx, a);
            return a;
        });
        if (frozen[0] != null) {
            events.emit(program.guid(), "card.status", Cards.view(frozen[0]));
        }
        events.emit(program.guid(), auth.getStatus().equals("APPROVED") ? "auth.approved" : "auth.declined", view(auth));
        return view(auth);
    }

    /** Why the authorisation is declined (a scenario rule first), or null to approve. */
    private String decline(Program program, CardRecord card, AccountRecord account, BigDecimal amount, String merchant) {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("program", program.guid());
        entity.put("card_proxy", card.getCardProxy());
        entity.put("card_status", card.getCardStatus());
        entity.put("amount", amount.toPlainString());
        entity.put("merchant_name", merchant);
        entity.put("available_balance", account.getAvailableBalance().toPlainString());
        LifecycleEvents.Decision decision = lifecycle.match(DECIDE_EVENT.name(), program.guid(), entity);
        AfterCommit.run(decision::await); // a rule's hold or delay keeps the answer waiting, not the card's row locked
        var ruled = decision.outcome();
        if (ruled.isPresent()) {
            JsonNode o = ruled.get();
            if (o.path("type").asText().equals("freeze")) {
                return card.getCardStatus().equals("ACTIVE") ? "FREEZE" : "CARD_INACTIVE";
            }
            return switch (o.path("reason").asText("doNotHonor")) {
                case "insufficientFunds" -> "INSUFFICIENT_FUNDS";
                case "inactiveCard" -> "CARD_INACTIVE";
                case "lostOrStolen" -> "CARD_LOST_OR_STOLEN";
                case "closedAccount" -> "ACCOUNT_CLOSED";
                case "suspectedFraud" -> "SUSPECTED_FRAUD";
                default -> "DO_NOT_HONOR";
            };
        }
        return switch (card.getCardStatus()) {
            case "LOST", "STOLEN" -> "CARD_LOST_OR_STOLEN";
            case "CLOSED", "DAMAGED" -> "CARD_CLOSED";
            case "ACTIVE" -> !account.getAccountStatus().equals("ACTIVE") ? "ACCOUNT_" + account.getAccountStatus()
                    : account.getAvailableBalance().compareTo(amount) < 0 ? "INSUFFICIENT_FUNDS" : null;
            default -> "CARD_INACTIVE";
        };
    }

    /** {@code POST /_sim/qolo/authorizations/{auth_guid}/clear} {@code {amount}} (default the whole hold). */
    Map<String, Object> clear(Program program, String guid, JsonNode body) {
        Fields f = new Fields();
        BigDecimal amount = f.amount(body, "amount", false);
        f.check();
        return finish(program, guid, "auth.cleared", (tx, a) -> {
            requireStatus(a, "APPROVED", "cleared");
            BigDecimal settled = amount == null ? a.getAmount() : amount;
            if (settled.compareTo(a.getAmount()) > 0) {
                throw ApiError.badBody("amount", "amount: " + settled + " is more than the " + a.getAmount() + " authorised");
            }
            balances.release(tx, balances.lock(tx, program.guid(), a.getAccountGuid(), "auth_guid"), a.getAmount(), settled, "CLEARING",
                    refs(a));
            a.setClearedAmount(settled);
            a.setStatus("CLEARED");
        });
    }

    /** {@code POST /_sim/qolo/authorizations/{auth_guid}/reverse}: the hold is released. */
    Map<String, Object> reverse(Program program, String guid) {
        return finish(program, guid, "auth.reversed", (tx, a) -> {
            requireStatus(a, "APPROVED", "reversed");
            balances.release(tx, balances.lock(tx, program.guid(), a.getAccountGuid(), "auth_guid"), a.getAmount(), BigDecimal.ZERO,
                    "REVERSAL", refs(a));
            a.setStatus("REVERSED");
        });
    }

    /** {@code POST /_sim/qolo/authorizations/{auth_guid}/refund} {@code {amount}} (default what is left of the cleared amount). */
    Map<String, Object> refund(Program program, String guid, JsonNode body) {
        Fields f = new Fields();
        BigDecimal amount = f.amount(body, "amount", false);
        f.check();
        return finish(program, guid, "auth.refunded", (tx, a) -> {
            if (!a.getStatus().equals("CLEARED") && !a.getStatus().equals("REFUNDED")) {
                throw ApiError.badBody("auth_guid", "auth_guid: authorisation " + a.getAuthGuid() + " is " + a.getStatus()
                        + "; only a cleared one is refunded");
            }
            BigDecimal left = a.getClearedAmount().subtract(a.getRefundedAmount());
            BigDecimal refund = amount == null ? left : amount;
            if (left.signum() == 0 || refund.compareTo(left) > 0) {
                throw ApiError.badBody("amount", "amount: only " + left + " of the " + a.getClearedAmount() + " cleared is left to refund");
            }
            balances.credit(tx, balances.lock(tx, program.guid(), a.getAccountGuid(), "auth_guid"), refund, "REFUND", true, refs(a));
            a.setRefundedAmount(a.getRefundedAmount().add(refund));
            a.setStatus(a.getRefundedAmount().compareTo(a.getClearedAmount()) == 0 ? "REFUNDED" : "CLEARED");
        });
    }

    /** The stored step: an approved authorisation still held when its time is up is released. */
    private void expire(String guid) {
        CardAuthRecord done = ledger.dsl().transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            CardAuthRecord a = ledger.authById(tx, guid).orElse(null);
            if (a == null || !a.getStatus().equals("APPROVED")) {
                return null;
            }
            balances.release(tx, balances.lock(tx, a.getProgramGuid(), a.getAccountGuid(), "auth_guid"), a.getAmount(), BigDecimal.ZERO,
                    "EXPIRY", refs(a));
            a.setStatus("EXPIRED");
            ledger.update(tx, a);
            return a;
        });
        if (done != null && programs.apply(done.getProgramGuid()).isPresent()) {
            events.emit(done.getProgramGuid(), "auth.reversed", view(done));
        }
    }

    private interface Change {
        void apply(DSLContext tx, CardAuthRecord a);
    }

    private Map<String, Object> finish(Program program, String guid, String event, Change change) {
        CardAuthRecord a = ledger.dsl().transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            CardAuthRecord auth = ledger.lockedAuth(tx, program.guid(), guid).orElseThrow(() -> ApiError.notFound("No authorization " + guid));
            change.apply(tx, auth);
            ledger.update(tx, auth);
            return auth;
        });
        events.emit(program.guid(), event, view(a));
        return view(a);
    }

    private static void requireStatus(CardAuthRecord a, String status, String verb) {
        if (!a.getStatus().equals(status)) {
            throw ApiError.badBody("auth_guid", "auth_guid: authorisation " + a.getAuthGuid() + " is " + a.getStatus() + "; only an "
                    + status + " one is " + verb);
        }
    }

    private static Balances.Refs refs(CardAuthRecord a) {
        return new Balances.Refs(null, a.getCardProxy(), a.getAuthGuid());
    }

    static Map<String, Object> view(CardAuthRecord a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("auth_guid", a.getAuthGuid());
        out.put("program_guid", a.getProgramGuid());
        out.put("card_proxy", a.getCardProxy());
        out.put("account_guid", a.getAccountGuid());
        out.put("amount", a.getAmount());
        out.put("currency", a.getCurrency());
        out.put("merchant_name", a.getMerchantName());
        out.put("status", a.getStatus());
        if (a.getDeclineReason() != null) {
            out.put("decline_reason", a.getDeclineReason());
        }
        out.put("cleared_amount", a.getClearedAmount());
        out.put("refunded_amount", a.getRefundedAmount());
        out.put("expires_at", Instant.ofEpochMilli(a.getExpiresAt()).toString());
        out.put("sys_utcinserted", Instant.ofEpochMilli(a.getCreated()).toString());
        return out;
    }
}
