package dev.standin.provider.qolo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.http.ApiError;
import dev.standin.core.id.IdGenerator;
import dev.standin.core.json.Json;
import dev.standin.core.rules.LifecycleEvents;
import dev.standin.core.store.AfterCommit;
import dev.standin.db.qolo.tables.records.AccountRecord;
import dev.standin.db.qolo.tables.records.CardRecord;
import dev.standin.db.qolo.tables.records.LedgerEntryRecord;
import dev.standin.db.qolo.tables.records.TransferRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static dev.standin.db.qolo.Tables.LEDGER_ENTRY;

/**
 * Transfers, keyed per program by {@code client_reference_id} (a repeat answers the original):
 * ACCOUNTTOACCOUNT moves money between two accounts; BANKTOACCOUNT and PARTNERTOCARD (or CARDLOAD)
 * bring money in; CARDUNLOAD takes it out. A rule on {@code transfer.settle} can fail one (nothing moves).
 */
final class Transfers {
    static final Set<String> TYPES = Set.of("ACCOUNTTOACCOUNT", "BANKTOACCOUNT", "PARTNERTOCARD", "CARDLOAD", "CARDUNLOAD");

    /** A transfer's answer, and whether it was made now (201) or is the original of a repeat (200). */
    record Result(Map<String, Object> body, boolean created) {
    }

    private final LedgerRepository ledger;
    private final Balances balances;
    private final CardRepository cards;
    private final PeopleRepository people;
    private final VirtualClock clock;
    private final IdGenerator ids;
    private final LifecycleEvents lifecycle;
    private final Events events;

    Transfers(LedgerRepository ledger, Balances balances, CardRepository cards, PeopleRepository people, VirtualClock clock,
              IdGenerator ids, LifecycleEvents lifecycle, Events events) {
        this.ledger = ledger;
        this.balances = balances;
        this.cards = cards;
        this.people = people;
        this.clock = clock;
        this.ids = ids;
        this.lifecycle = lifecycle;
        this.events = events;
    }

    Result create(Program program, JsonNode body) {
        Fields f = new Fields();
        String reference = f.text(body, "", "client_reference_id", true, 64);
        String type = f.oneOf(body, "", "transfer_type", true, TYPES);
        BigDecimal amount = f.amount(body, "amount", true);
        String currency = f.text(body, "", "currency", false, 3);
        if (currency != null && !currency.equals(program.currency())) {
            f.problem("currency", "this program moves " + program.currency());
        }
        JsonNode source = f.object(body, "source", type != null && (type.equals("ACCOUNTTOACCOUNT") || type.equals("CARDUNLOAD")));
        JsonNode destination = f.object(body, "destination", type != null && !type.equals("CARDUNLOAD"));
        if (type != null) {
            String needSource = switch (type) {
                case "ACCOUNTTOACCOUNT" -> "account_guid";
                case "CARDUNLOAD" -> "card_proxy";
                default -> null;
            };
            String needDestination = switch (type) {
                case "ACCOUNTTOACCOUNT", "BANKTOACCOUNT" -> "account_guid";
                case "PARTNERTOCARD", "CARDLOAD" -> "card_proxy";
                default -> null;
            };
            if (needSource != null && source != null) {
                f.text(source, "source", needSource, true, 36);
            }
            if (needDestination != null && destination != null) {
                f.text(destination, "destination", needDestination, true, 36);
            }
        }
        f.check();
        Result[] emitted = new Result[1];
        Result result = ledger.dsl().transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            var existing = ledger.transferByReference(tx, program.guid(), reference);
            if (existing.isPresent()) {
                return new Result(view(existing.get()), false);
            }
            TransferRecord t = new TransferRecord();
            t.setTransferGuid(ids.uuidString());
            t.setProgramGuid(program.guid());
            t.setClientReferenceId(reference);
            t.setTransferType(type);
            t.setAmount(amount);
            t.setCurrency(program.currency());
            t.setSource(source == null ? "{}" : source.toString());
            t.setDestination(destination == null ? "{}" : destination.toString());
            t.setCreated(clock.now().toEpochMilli());
            String failure = ruledFailure(program, t);
            if (failure == null) {
                move(tx, program, t, source, destination);
                t.setStatus("SUCCESS");
            } else {
                t.setStatus("FAILED");
                t.setFailureReason(failure);
            }
            ledger.insert(tx, t);
            emitted[0] = new Result(view(t), true);
            return emitted[0];
        });
        if (emitted[0] != null) {
            events.emit(program.guid(), emitted[0].body().get("status").equals("SUCCESS") ? "transfer.success" : "transfer.failure",
                    emitted[0].body());
        }
        return result;
    }

    private void move(DSLContext tx, Program program, TransferRecord t, JsonNode source, JsonNode destination) {
        Balances.Refs refs = new Balances.Refs(t.getTransferGuid(), null, null);
        BigDecimal amount = t.getAmount();
        switch (t.getTransferType()) {
            case "ACCOUNTTOACCOUNT" -> {
                String from = source.get("account_guid").asText();
                String to = destination.get("account_guid").asText();
                if (from.equals(to)) {
                    throw ApiError.badBody("destination.account_guid", "destination.account_guid: must differ from the source account");
                }
                // lock in a fixed order so that two opposite transfers cannot deadlock
                AccountRecord first = balances.lock(tx, program.guid(), from.compareTo(to) < 0 ? from : to, "source");
                AccountRecord second = balances.lock(tx, program.guid(), from.compareTo(to) < 0 ? to : from, "destination");
                AccountRecord a = first.getAccountGuid().equals(from) ? first : second;
                AccountRecord b = a == first ? second : first;
                usable(tx, a, "source.account_guid", true, amount);
                usable(tx, b, "destination.account_guid", false, amount);
                balances.debit(tx, a, amount, "TRANSFER_OUT", false, refs);
                balances.credit(tx, b, amount, "TRANSFER_IN", false, refs);
            }
            case "BANKTOACCOUNT" -> {
                AccountRecord b = balances.lock(tx, program.guid(), destination.get("account_guid").asText(), "destination");
                usable(tx, b, "destination.account_guid", false, amount);
                balances.credit(tx, b, amount, "BANK_LOAD", true, refs);
            }
            case "PARTNERTOCARD", "CARDLOAD" -> {
                CardRecord card = card(tx, program, destination.get("card_proxy").asText(), "destination.card_proxy");
                AccountRecord b = balances.lock(tx, program.guid(), card.getAccountGuid(), "destination");
                usable(tx, b, "destination.card_proxy", false, amount);
                balances.credit(tx, b, amount, "CARD_LOAD", true, new Balances.Refs(t.getTransferGuid(), card.getCardProxy(), null));
            }
            case "CARDUNLOAD" -> {
                CardRecord card = card(tx, program, source.get("card_proxy").asText(), "source.card_proxy");
                AccountRecord a = balances.lock(tx, program.guid(), card.getAccountGuid(), "source");
                usable(tx, a, "source.card_proxy", true, amount);
                balances.debit(tx, a, amount, "CARD_UNLOAD", true, new Balances.Refs(t.getTransferGuid(), card.getCardProxy(), null));
            }
            default -> throw new IllegalStateException(t.getTransferType());
        }
    }

    private CardRecord card(DSLContext tx, Program program, String proxy, String field) {
        CardRecord card = cards.card(tx, program.guid(), proxy).orElseThrow(() -> new ApiError(404, "NOT_FOUND", "No card " + proxy, field, null));
        if (Cards.FINAL.contains(card.getCardStatus())) {
            throw ApiError.badBody(field, field + ": card " + proxy + " is " + card.getCardStatus());
        }
        return card;
    }

    /** An account that may send ({@code debit}) or receive: ACTIVE, its person not restricted, enough available to send. */
    private void usable(DSLContext tx, AccountRecord a, String field, boolean debit, BigDecimal amount) {
        if (!a.getAccountStatus().equals("ACTIVE")) {
            throw ApiError.badBody(field, field + ": account " + a.getAccountGuid() + " is " + a.getAccountStatus());
        }
        if (a.getPersonGuid() != null) {
            people.person(tx, a.getProgramGuid(), a.getPersonGuid()).filter(p -> People.RESTRICTED.contains(p.getPersonStatus()))
                    .ifPresent(p -> {
                        throw ApiError.badBody(field, field + ": the account's person is " + p.getPersonStatus() + " (restricted): no transfers");
                    });
        }
        if (debit && a.getAvailableBalance().compareTo(amount) < 0) {
            throw ApiError.badBody("amount", "amount: " + amount + " is more than the " + a.getAvailableBalance() + " available in account "
                    + a.getAccountGuid());
        }
    }

    /** A rule on {@code transfer.settle} (entity: program, transfer_type, amount, client_reference_id) failing it, with its reason. */
    private String ruledFailure(Program program, TransferRecord t) {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("program", program.guid());
        entity.put("transfer_type", t.getTransferType());
        entity.put("amount", t.getAmount().toPlainString());
        entity.put("client_reference_id", t.getClientReferenceId());
        LifecycleEvents.Decision decision = lifecycle.match(Authorizations.SETTLE_EVENT.name(), program.guid(), entity);
        AfterCommit.run(decision::await); // a rule's hold or delay keeps the answer waiting, not the accounts locked
        return decision.outcome()
                .filter(o -> o.path("type").asText().equals("fail"))
                .map(o -> o.path("reason").asText("TRANSFER_FAILED")).orElse(null);
    }

    Map<String, Object> get(Program program, String id) {
        return view(ledger.transfer(program.guid(), id).orElseThrow(() -> ApiError.notFound("No transfer " + id)));
    }

    /** {@code GET /api/v1/transactions}: filters account_guid, card_proxy, transaction_type, status, from, to; paged. */
    Map<String, Object> search(Program program, Map<String, String> q) {
        Condition c = DSL.trueCondition();
        if (q.get("account_guid") != null) {
            c = c.and(LEDGER_ENTRY.ACCOUNT_GUID.eq(q.get("account_guid")));
        }
        if (q.get("card_proxy") != null) {
            c = c.and(LEDGER_ENTRY.CARD_PROXY.eq(q.get("card_proxy")));
        }
        if (q.get("transaction_type") != null) {
            c = c.and(LEDGER_ENTRY.ENTRY_TYPE.eq(q.get("transaction_type").toUpperCase(java.util.Locale.ROOT)));
        }
        if (q.get("status") != null) {
            c = c.and(LEDGER_ENTRY.STATUS.eq(q.get("status").toUpperCase(java.util.Locale.ROOT)));
        }
        if (q.get("from") != null) {
            c = c.and(LEDGER_ENTRY.CREATED.ge(instant(q.get("from"), "from")));
        }
        if (q.get("to") != null) {
            c = c.and(LEDGER_ENTRY.CREATED.lt(instant(q.get("to"), "to")));
        }
        int page = number(q.get("page"), "page", 1, 100_000, 1);
        int size = number(q.get("page_size"), "page_size", 1, 100, 25);
        LedgerRepository.Page found = ledger.search(program.guid(), c, page, size);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("transactions", found.entries().stream().map(Transfers::view).toList());
        out.put("page", page);
        out.put("page_size", size);
        out.put("total", found.total());
        return out;
    }

    private static long instant(String text, String name) {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw ApiError.badQuery(name, name + ": must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
        }
    }

    private static int number(String text, String name, int min, int max, int fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // named below
        }
        throw ApiError.badQuery(name, name + ": must be a whole number from " + min + " to " + max);
    }

    static Map<String, Object> view(TransferRecord t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("transfer_guid", t.getTransferGuid());
        out.put("client_reference_id", t.getClientReferenceId());
        out.put("program_guid", t.getProgramGuid());
        out.put("transfer_type", t.getTransferType());
        out.put("amount", t.getAmount());
        out.put("currency", t.getCurrency());
        try {
            out.put("source", Json.mapper().readTree(t.getSource()));
            out.put("destination", Json.mapper().readTree(t.getDestination()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        out.put("status", t.getStatus());
        if (t.getFailureReason() != null) {
            out.put("failure_reason", t.getFailureReason());
        }
        out.put("sys_utcinserted", Instant.ofEpochMilli(t.getCreated()).toString());
        return out;
    }

    static Map<String, Object> view(LedgerEntryRecord e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("transaction_guid", e.getEntryGuid());
        out.put("account_guid", e.getAccountGuid());
        if (e.getCardProxy() != null) {
            out.put("card_proxy", e.getCardProxy());
        }
        if (e.getTransferGuid() != null) {
            out.put("transfer_guid", e.getTransferGuid());
        }
        if (e.getAuthGuid() != null) {
            out.put("auth_guid", e.getAuthGuid());
        }
        out.put("transaction_type", e.getEntryType());
        out.put("amount", e.getAmount());
        out.put("status", e.getStatus());
        out.put("sys_utcinserted", Instant.ofEpochMilli(e.getCreated()).toString());
        return out;
    }
}
