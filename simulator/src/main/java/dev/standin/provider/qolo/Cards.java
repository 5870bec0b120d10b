package dev.standin.provider.qolo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.http.ApiError;
import dev.standin.core.id.IdGenerator;
import dev.standin.db.qolo.tables.records.AccountRecord;
import dev.standin.db.qolo.tables.records.CardRecord;
import dev.standin.db.qolo.tables.records.PersonRecord;
import dev.standin.db.qolo.tables.records.WalletRecord;
import org.jooq.DSLContext;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cards and their lifecycle: PENDING (loads only) until activated, then ACTIVE; SUSPEND and back;
 * LOST and STOLEN end the card and issue a replacement with a new number and proxy; DAMAGED ends it
 * and reissues the same number; CLOSED is final. Numbers are Luhn-valid test numbers from the id
 * generator, shown masked.
 */
final class Cards {
    static final Set<String> STATUSES = Set.of("ACTIVE", "SUSPEND", "LOST", "STOLEN", "DAMAGED", "CLOSED");
    static final Set<String> FINAL = Set.of("LOST", "STOLEN", "DAMAGED", "CLOSED");
    private static final DateTimeFormatter YYMM = DateTimeFormatter.ofPattern("yyMM");

    private final CardRepository cards;
    private final People people;
    private final VirtualClock clock;
    private final IdGenerator ids;
    private final Events events;

    Cards(CardRepository cards, People people, VirtualClock clock, IdGenerator ids, Events events) {
        this.cards = cards;
        this.people = people;
        this.clock = clock;
        this.ids = ids;
        this.events = events;
    }

    CardRepository repo() {
        return cards;
    }

    /** {@code POST /api/v1/cards}: for an existing person ({@code person.person_guid}) or a new one (with wallet and account). */
    Map<String, Object> create(Program program, JsonNode body) {
        Fields f = new Fields();
        String programGuid = f.text(body, "", "program_guid", false, 36);
        if (programGuid != null && !programGuid.equals(program.guid())) {
            f.problem("program_guid", "is not the program of this access token");
        }
        JsonNode person = f.object(body, "person", true);
        String personGuid = person == null ? null : f.text(person, "person", "person_guid", false, 36);
        People.Person newPerson = person != null && personGuid == null ? people.readPerson(f, person, "person") : null;
        String wallet = f.text(body, "", "wallet_guid", false, 36);
        int months = f.integer(body, "months_until_expire", 1, 120, 36);
        f.check();
        People.Created[] made = new People.Created[1];
        CardRecord card = cards.dsl().transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            PersonRecord owner;
            WalletRecord w;
            AccountRecord account;
            if (newPerson != null) {
                made[0] = people.createPerson(tx, program, newPerson, List.of(program.currency()), null, null);
                owner = made[0].person();
                w = made[0].wallet();
                account = made[0].accounts().getFirst();
            } else {
                owner = people.repo().person(tx, program.guid(), personGuid).orElseThrow(() -> ApiError.notFound("No person " + personGuid));
                w = wallet != null ? people.repo().wallet(tx, program.guid(), wallet).filter(x -> x.getPersonGuid().equals(personGuid))
                        .orElseThrow(() -> ApiError.notFound("No wallet " + wallet + " of person " + personGuid))
                        : people.repo().walletOf(tx, program.guid(), personGuid).orElse(null);
                if (w == null) {
                    w = new WalletRecord(ids.uuidString(), program.guid(), personGuid, clock.now().toEpochMilli());
                    people.repo().insert(tx, w);
                }
                WalletRecord wf = w;
                account = people.repo().firstAccountOf(tx, program.guid(), w.getWalletGuid(), program.currency())
                        .orElseGet(() -> people.newAccount(tx, program, wf.getWalletGuid(), personGuid, null, null, program.currency()));
            }
            if (People.RESTRICTED.contains(owner.getPersonStatus())) {
                throw ApiError.badBody("person", "person: person " + owner.getPersonGuid() + " is " + owner.getPersonStatus()
                        + " (restricted): no cards may be issued");
            }
            CardRecord c = newCard(program, owner.getPersonGuid(), w.getWalletGuid(), account.getAccountGuid(), newPan(), months);
            cards.insert(tx, c);
            return c;
        });
        if (made[0] != null) {
            people.emitCreated(program, made[0]);
        }
        events.emit(program.guid(), "card.created", view(card));
        return view(card);
    }

    Map<String, Object> get(Program program, String proxy) {
        return view(find(cards.dsl(), program, proxy));
    }

    CardRecord find(DSLContext tx, Program program, String proxy) {
        return cards.card(tx, program.guid(), proxy).orElseThrow(() -> ApiError.notFound("No card " + proxy));
    }

    /** {@code POST /api/v1/cards/{card_proxy}/activate}: PENDING to ACTIVE. */
    Map<String, Object> activate(Program program, String proxy) {
        CardRecord c = cards.dsl().transactionResult(cfg -> {
            CardRecord card = cards.locked(cfg.dsl(), program.guid(), proxy).orElseThrow(() -> ApiError.notFound("No card " + proxy));
            if (!card.getCardStatus().equals("PENDING")) {
                throw ApiError.badBody("card_status", "card_status: card " + proxy + " is " + card.getCardStatus() + "; only a PENDING card is activated");
            }
            card.setCardStatus("ACTIVE");
            card.setUpdated(clock.now().toEpochMilli());
            cards.update(cfg.dsl(), card);
            return card;
        });
        events.emit(program.guid(), "card.activated", view(c));
        return view(c);
    }

    /** {@code POST /api/v1/cards/{card_proxy}/status}; answers the card, with its {@code replacement} when one was issued. */
    Map<String, Object> changeStatus(Program program, String proxy, JsonNode body) {
        Fields f = new Fields();
        String status = f.oneOf(body, "", "status", true, STATUSES);
        String code = f.text(body, "", "reason_code", false, 32);
        String description = f.text(body, "", "reason_description", false, 255);
        f.check();
        CardRecord[] replacement = new CardRecord[1];
        CardRecord c = cards.dsl().transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            CardRecord card = cards.locked(tx, program.guid(), proxy).orElseThrow(() -> ApiError.notFound("No card " + proxy));
            replacement[0] = apply(tx, program, card, status, code, description);
            return card;
        });
        events.emit(program.guid(), "card.status", view(c));
        Map<String, Object> out = view(c);
        if (replacement[0] != null) {
            events.emit(program.guid(), "card.created", view(replacement[0]));
            out.put("replacement", view(replacement[0]));
        }
        return out;
    }

    /** Sets the status (the card row is locked); answers the replacement card when one is issued. */
    CardRecord apply(DSLContext tx, Program program, CardRecord card, String status, String code, String description) {
        String from = card.getCardStatus();
        if (FINAL.contains(from)) {
            throw ApiError.badBody("status", "status: card " + card.getCardProxy() + " is " + from + ", which is final");
        }
        if (status.equals(from)) {
            throw ApiError.badBody("status", "status: card " + card.getCardProxy() + " is already " + from);
        }
        if (status.equals("ACTIVE") && from.equals("PENDING")) {
            throw ApiError.badBody("status", "status: a PENDING card becomes ACTIVE by activation (POST /api/v1/cards/{card_proxy}/activate)");
        }
        card.setCardStatus(status);
        card.setReasonCode(code);
        card.setReasonDescription(description);
        card.setUpdated(clock.now().toEpochMilli());
        CardRecord replacement = null;
        if (status.equals("LOST") || status.equals("STOLEN") || status.equals("DAMAGED")) {
            replacement = newCard(program, card.getPersonGuid(), card.getWalletGuid(), card.getAccountGuid(),
                    status.equals("DAMAGED") ? card.getPan() : newPan(), 36);
            replacement.setReplaces(card.getCardProxy());
            card.setReplacedBy(replacement.getCardProxy());
            cards.insert(tx, replacement);
        }
        cards.update(tx, card);
        return replacement;
    }

    /** {@code POST /api/v1/cards/validate}: whether number (or proxy and last four), CVV and expiry belong together. */
    Map<String, Object> validate(Program program, JsonNode body) {
        Fields f = new Fields();
        String number = f.text(body, "", "card_number", false, 19);
        String proxy = f.text(body, "", "card_proxy", false, 20);
        String lastFour = f.text(body, "", "last_four", false, 4);
        String cvv = f.text(body, "", "cvv", true, 4);
        String expiry = f.text(body, "", "expiration_date", true, 4);
        if (number == null && proxy == null) {
            f.problem("card_number", "is required (or card_proxy with last_four)");
        }
        f.check();
        CardRecord card = number != null ? cards.byPan(program.guid(), number).orElse(null)
                : cards.card(cards.dsl(), program.guid(), proxy).orElse(null);
        Map<String, Object> checks = new LinkedHashMap<>();
        checks.put("card_number", card != null && (lastFour == null || card.getPan().endsWith(lastFour)));
        checks.put("cvv", card != null && card.getCvv().equals(cvv));
        checks.put("expiration_date", card != null && card.getExpirationDate().equals(expiry));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("valid", !checks.containsValue(false));
        if (card != null) {
            out.put("card_proxy", card.getCardProxy());
            out.put("card_status", card.getCardStatus());
        }
        out.put("checks", checks);
        return out;
    }

    private CardRecord newCard(Program program, String person, String wallet, String account, String pan, int months) {
        long now = clock.now().toEpochMilli();
        CardRecord c = new CardRecord();
        c.setCardProxy(ids.digits(12));
        c.setProgramGuid(program.guid());
        c.setPersonGuid(person);
        c.setWalletGuid(wallet);
        c.setAccountGuid(account);
        c.setPan(pan);
        c.setCvv(ids.digits(3));
        c.setExpirationDate(YYMM.format(YearMonth.from(clock.now().atZone(ZoneOffset.UTC)).plusMonths(months)));
        c.setCardStatus("PENDING");
        c.setCreated(now);
        c.setUpdated(now);
        return c;
    }

    /** A 16-digit Visa test number: 4 and 14 random digits, then the Luhn check digit. */
    private String newPan() {
        String body = "4" + ids.digits(14);
        for (int d = 0; d <= 9; d++) {
            if (dev.standin.core.card.Cards.luhn(body + d)) {
                return body + d;
            }
        }
        throw new IllegalStateException("no check digit");
    }

    static String masked(String pan) {
        return pan.substring(0, 6) + "******" + pan.substring(pan.length() - 4);
    }

    static Map<String, Object> view(CardRecord c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("card_proxy", c.getCardProxy());
        out.put("mask_card_pan", masked(c.getPan()));
        out.put("program_guid", c.getProgramGuid());
        out.put("person_guid", c.getPersonGuid());
        out.put("wallet_guid", c.getWalletGuid());
        out.put("account_guid", c.getAccountGuid());
        out.put("card_status", c.getCardStatus());
        out.put("expiration_date", c.getExpirationDate());
        if (c.getReasonCode() != null) {
            out.put("reason_code", c.getReasonCode());
        }
        if (c.getReasonDescription() != null) {
            out.put("reason_description", c.getReasonDescription());
        }
        if (c.getReplacedBy() != null) {
            out.put("replaced_by", c.getReplacedBy());
        }
        if (c.getReplaces() != null) {
            out.put("replaces", c.getReplaces());
        }
        out.put("sys_utcinserted", Instant.ofEpochMilli(c.getCreated()).toString());
        out.put("sys_utcupdated", Instant.ofEpochMilli(c.getUpdated()).toString());
        return out;
    }
}
