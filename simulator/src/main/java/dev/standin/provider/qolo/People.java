package dev.standin.provider.qolo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.http.ApiError;
import dev.standin.core.id.IdGenerator;
import dev.standin.core.json.Json;
import dev.standin.db.qolo.tables.records.AccountRecord;
import dev.standin.db.qolo.tables.records.PersonRecord;
import dev.standin.db.qolo.tables.records.WalletRecord;
import org.jooq.DSLContext;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Persons (with their status from the simulated screening), wallets and accounts. A person whose last
 * name is {@code Sanctioned} or whose id number is {@code 999999999} is SANCTIONED; {@code Exposed} or
 * {@code 888888888}: PEP; both restricted (no cards, no transfers). Without an identification, an
 * address or a birth date a person is INCOMPLETE; otherwise CLEARED.
 */
final class People {
    static final Set<String> RESTRICTED = Set.of("SANCTIONED", "PEP", "NEGLIST");
    static final Set<String> ACCOUNT_STATUSES = Set.of("ACTIVE", "FREEZE", "CLOSED");

    private final PeopleRepository repo;
    private final VirtualClock clock;
    private final IdGenerator ids;
    private final Events events;

    People(PeopleRepository repo, VirtualClock clock, IdGenerator ids, Events events) {
        this.repo = repo;
        this.clock = clock;
        this.ids = ids;
        this.events = events;
    }

    PeopleRepository repo() {
        return repo;
    }

    /** {@code POST /api/v1/persons}: the person, and with {@code account_currencies} a wallet and an account per currency. */
    Map<String, Object> create(Program program, JsonNode body) {
        Fields f = new Fields();
        checkProgram(f, program, body);
        JsonNode details = f.object(body, "person_details", true);
        Person person = details == null ? null : readPerson(f, details, "person_details");
        List<String> currencies = currencies(f, body, program);
        String type = f.text(body, "", "account_type", false, 32);
        String name = f.text(body, "", "account_name", false, 128);
        f.check();
        Created c = repo.dsl().transactionResult(cfg -> createPerson(cfg.dsl(), program, person, currencies, type, name));
        emitCreated(program, c);
        return c.view();
    }

    /** What creating a person made. */
    record Created(PersonRecord person, WalletRecord wallet, List<AccountRecord> accounts) {
        Map<String, Object> view() {
            Map<String, Object> out = People.view(person);
            if (wallet != null) {
                out.put("wallet_guid", wallet.getWalletGuid());
                out.put("accounts", accounts.stream().map(People::view).toList());
            }
            return out;
        }
    }

    void emitCreated(Program program, Created c) {
        events.emit(program.guid(), "person.created", view(c.person()));
        c.accounts().forEach(a -> events.emit(program.guid(), "account.created", view(a)));
    }

    /** A person's fields as read from a request (details kept as sent, trimmed to the known fields). */
    record Person(JsonNode details, String clientReferenceId, String status) {
    }

    Person readPerson(Fields f, JsonNode d, String at) {
        f.text(d, at, "first_name", true, 64);
        f.text(d, at, "middle_name", false, 64);
        String last = f.text(d, at, "last_name", true, 64);
        String email = f.text(d, at, "email", false, 254);
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            f.problem(at + ".email", "is not an email address");
        }
        f.text(d, at, "mobile_number", false, 20);
        String birth = f.text(d, at, "birth_date", false, 10);
        if (birth != null && !birth.matches("\\d{4}-\\d{2}-\\d{2}")) {
            f.problem(at + ".birth_date", "must be YYYY-MM-DD");
        }
        String reference = f.text(d, at, "client_reference_id", false, 64);
        boolean sanctioned = "Sanctioned".equalsIgnoreCase(last);
        boolean exposed = "Exposed".equalsIgnoreCase(last);
        JsonNode ids = d.path("identifications");
        if (!ids.isMissingNode() && !ids.isNull() && !ids.isArray()) {
            f.problem(at + ".identifications", "must be a list");
        }
        for (int i = 0; i < ids.size(); i++) {
            f.text(ids.get(i), at + ".identifications[" + i + "]", "govt_id_type", true, 32);
            String number = f.text(ids.get(i), at + ".identifications[" + i + "]", "govt_id_number", true, 32);
            sanctioned |= "999999999".equals(number);
            exposed |= "888888888".equals(number);
        }
        JsonNode addresses = d.path("addresses");
        if (!addresses.isMissingNode() && !addresses.isNull() && !addresses.isArray()) {
            f.problem(at + ".addresses", "must be a list");
        }
        for (int i = 0; i < addresses.size(); i++) {
            String a = at + ".addresses[" + i + "]";
            f.text(addresses.get(i), a, "address_line1", true, 128);
            f.text(addresses.get(i), a, "address_line2", false, 128);
            f.text(addresses.get(i), a, "city", true, 64);
            f.text(addresses.get(i), a, "state", false, 64);
            f.text(addresses.get(i), a, "postal_code", false, 16);
            String country = f.text(addresses.get(i), a, "country", true, 3);
            if (country != null && !country.matches("[A-Z]{3}")) {
                f.problem(a + ".country", "must be a 3-letter ISO country code, such as USA");
            }
        }
        String status = sanctioned ? "SANCTIONED" : exposed ? "PEP"
                : ids.size() > 0 && addresses.size() > 0 && birth != null ? "CLEARED" : "INCOMPLETE";
        return new Person(d, reference, status);
    }

    Created createPerson(DSLContext tx, Program program, Person person, List<String> currencies, String type, String name) {
        long now = clock.now().toEpochMilli();
        PersonRecord p = new PersonRecord();
        p.setPersonGuid(ids.uuidString());
        p.setProgramGuid(program.guid());
        p.setDetails(person.details().toString());
        p.setPersonStatus(person.status());
        p.setClientReferenceId(person.clientReferenceId());
        p.setCreated(now);
        p.setUpdated(now);
        repo.insert(tx, p);
        if (currencies.isEmpty()) {
            return new Created(p, null, List.of());
        }
        WalletRecord w = new WalletRecord(ids.uuidString(), program.guid(), p.getPersonGuid(), now);
        repo.insert(tx, w);
        List<AccountRecord> accounts = new ArrayList<>();
        for (String currency : currencies) {
            accounts.add(newAccount(tx, program, w.getWalletGuid(), p.getPersonGuid(), type, name, currency));
        }
        return new Created(p, w, accounts);
    }

    AccountRecord newAccount(DSLContext tx, Program program, String wallet, String person, String type, String name, String currency) {
        long now = clock.now().toEpochMilli();
        AccountRecord a = new AccountRecord();
        a.setAccountGuid(ids.uuidString());
        a.setProgramGuid(program.guid());
        a.setWalletGuid(wallet);
        a.setPersonGuid(person);
        a.setAccountName(name);
        a.setAccountType(type == null ? "PREPAID" : type.toUpperCase(Locale.ROOT));
        a.setCurrency(currency);
        a.setLedgerBalance(BigDecimal.ZERO.setScale(2));
        a.setAvailableBalance(BigDecimal.ZERO.setScale(2));
        a.setSuspenseBalance(BigDecimal.ZERO.setScale(2));
        a.setAccountStatus("ACTIVE");
        a.setCreated(now);
        a.setUpdated(now);
        repo.insert(tx, a);
        return a;
    }

    Map<String, Object> get(Program program, String guid) {
        PersonRecord p = repo.person(repo.dsl(), program.guid(), guid).orElseThrow(() -> ApiError.notFound("No person " + guid));
        Map<String, Object> out = view(p);
        out.put("accounts", repo.accountsOf(repo.dsl(), program.guid(), guid).stream().map(People::view).toList());
        return out;
    }

    /** {@code POST /api/v1/accounts}: an account in a person's wallet (made when the person has none) or of the program. */
    Map<String, Object> createAccount(Program program, JsonNode body) {
        Fields f = new Fields();
        checkProgram(f, program, body);
        String person = f.text(body, "", "person_guid", false, 36);
        String wallet = f.text(body, "", "wallet_guid", false, 36);
        String currency = f.text(body, "", "currency", false, 3);
        if (currency != null && !currency.equals(program.currency())) {
            f.problem("currency", "this program holds " + program.currency() + " accounts");
        }
        String type = f.text(body, "", "account_type", false, 32);
        String name = f.text(body, "", "account_name", false, 128);
        f.check();
        AccountRecord a = repo.dsl().transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            String walletGuid = wallet;
            String personGuid = person;
            if (wallet != null) {
                WalletRecord w = repo.wallet(tx, program.guid(), wallet).orElseThrow(() -> ApiError.notFound("No wallet " + wallet));
                if (person != null && !person.equals(w.getPersonGuid())) {
                    throw ApiError.badBody("wallet_guid", "wallet_guid: wallet " + wallet + " is not person " + person + "'s");
                }
                personGuid = w.getPersonGuid();
            } else if (person != null) {
                repo.person(tx, program.guid(), person).orElseThrow(() -> ApiError.notFound("No person " + person));
                String p = person;
                walletGuid = repo.walletOf(tx, program.guid(), person).map(WalletRecord::getWalletGuid).orElseGet(() -> {
                    WalletRecord w = new WalletRecord(ids.uuidString(), program.guid(), p, clock.now().toEpochMilli());
                    repo.insert(tx, w);
                    return w.getWalletGuid();
                });
            }
            return newAccount(tx, program, walletGuid, personGuid, type, name, program.currency());
        });
        events.emit(program.guid(), "account.created", view(a));
        return view(a);
    }

    Map<String, Object> getAccount(Program program, String guid) {
        return view(repo.account(repo.dsl(), program.guid(), guid).orElseThrow(() -> ApiError.notFound("No account " + guid)));
    }

    /** {@code GET /api/v1/programs/{program_guid}/balances}. */
    Map<String, Object> balances(Program program, String guid) {
        if (!program.guid().equals(guid)) {
            throw ApiError.notFound("No program " + guid);
        }
        BigDecimal[] t = repo.totals(program.guid());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("program_guid", program.guid());
        out.put("currency", program.currency());
        out.put("ledger_balance", t[0]);
        out.put("available_balance", t[1]);
        out.put("suspense_balance", t[2]);
        out.put("accounts", repo.accounts(program.guid()).size());
        return out;
    }

    private static void checkProgram(Fields f, Program program, JsonNode body) {
        String guid = f.text(body, "", "program_guid", false, 36);
        if (guid != null && !guid.equals(program.guid())) {
            f.problem("program_guid", "is not the program of this access token");
        }
    }

    private static List<String> currencies(Fields f, JsonNode body, Program program) {
        JsonNode list = body.path("account_currencies");
        List<String> out = new ArrayList<>();
        if (list.isMissingNode() || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            f.problem("account_currencies", "must be a list of currency codes");
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            String c = list.get(i).asText();
            if (!c.equals(program.currency())) {
                f.problem("account_currencies[" + i + "]", "this program holds " + program.currency() + " accounts");
            } else if (!out.contains(c)) {
                out.add(c);
            }
        }
        return out;
    }

    static Map<String, Object> view(PersonRecord p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("person_guid", p.getPersonGuid());
        out.put("program_guid", p.getProgramGuid());
        try {
            JsonNode d = Json.mapper().readTree(p.getDetails());
            for (String field : List.of("first_name", "middle_name", "last_name", "email", "mobile_number", "birth_date")) {
                if (d.hasNonNull(field)) {
                    out.put(field, d.get(field).asText());
                }
            }
            out.put("identifications", d.has("identifications") ? d.get("identifications") : List.of());
            out.put("addresses", d.has("addresses") ? d.get("addresses") : List.of());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        out.put("person_status", p.getPersonStatus());
        if (p.getClientReferenceId() != null) {
            out.put("client_reference_id", p.getClientReferenceId());
        }
        out.put("sys_utcinserted", Instant.ofEpochMilli(p.getCreated()).toString());
        out.put("sys_utcupdated", Instant.ofEpochMilli(p.getUpdated()).toString());
        return out;
    }

    static Map<String, Object> view(AccountRecord a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("account_guid", a.getAccountGuid());
        out.put("program_guid", a.getProgramGuid());
        if (a.getWalletGuid() != null) {
            out.put("wallet_guid", a.getWalletGuid());
        }
        if (a.getPersonGuid() != null) {
            out.put("person_guid", a.getPersonGuid());
        }
        if (a.getAccountName() != null) {
            out.put("account_name", a.getAccountName());
        }
        out.put("account_type", a.getAccountType());
        out.put("currency", a.getCurrency());
        out.put("ledger_balance", a.getLedgerBalance());
        out.put("available_balance", a.getAvailableBalance());
        out.put("suspense_balance", a.getSuspenseBalance());
        out.put("account_status", a.getAccountStatus());
        out.put("sys_utcinserted", Instant.ofEpochMilli(a.getCreated()).toString());
        out.put("sys_utcupdated", Instant.ofEpochMilli(a.getUpdated()).toString());
        return out;
    }
}
