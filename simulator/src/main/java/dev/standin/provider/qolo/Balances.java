package dev.standin.provider.qolo;

import dev.standin.core.clock.VirtualClock;
import dev.standin.core.http.ApiError;
import dev.standin.core.id.IdGenerator;
import dev.standin.db.qolo.tables.records.AccountRecord;
import dev.standin.db.qolo.tables.records.LedgerEntryRecord;
import org.jooq.DSLContext;

import java.math.BigDecimal;

/**
 * Every change of an account's balances, each with its ledger entry: {@code external} entries are
 * money entering (positive) or leaving (negative) the program, so that the sum of a program's ledger
 * balances always equals the sum of its external entries.
 */
final class Balances {
    private final PeopleRepository people;
    private final LedgerRepository ledger;
    private final VirtualClock clock;
    private final IdGenerator ids;

    Balances(PeopleRepository people, LedgerRepository ledger, VirtualClock clock, IdGenerator ids) {
        this.people = people;
        this.ledger = ledger;
        this.clock = clock;
        this.ids = ids;
    }

    /** The account locked for a change; 404 when it is not the program's. */
    AccountRecord lock(DSLContext tx, String program, String guid, String field) {
        return people.lockedAccount(tx, program, guid).orElseThrow(() -> new ApiError(404, "NOT_FOUND", "No account " + guid, field, null));
    }

    /** Money arriving: ledger and available grow. */
    void credit(DSLContext tx, AccountRecord a, BigDecimal amount, String type, boolean external, Refs refs) {
        change(tx, a, amount, amount, BigDecimal.ZERO, type, amount, external, refs);
    }

    /** Money leaving: ledger and available shrink (the caller checked that it is available). */
    void debit(DSLContext tx, AccountRecord a, BigDecimal amount, String type, boolean external, Refs refs) {
        change(tx, a, amount.negate(), amount.negate(), BigDecimal.ZERO, type, amount.negate(), external, refs);
    }

    /** An authorisation's hold: available to suspense (the ledger is unchanged). */
    void hold(DSLContext tx, AccountRecord a, BigDecimal amount, Refs refs) {
        change(tx, a, BigDecimal.ZERO, amount.negate(), amount, "AUTHORIZATION", amount.negate(), false, refs);
    }

    /** The end of a hold: {@code settled} leaves the program, the rest goes back to available. */
    void release(DSLContext tx, AccountRecord a, BigDecimal held, BigDecimal settled, String type, Refs refs) {
        change(tx, a, settled.negate(), held.subtract(settled), held.negate(), type, settled.negate(), settled.signum() != 0, refs);
    }

    /** Which transfer, card or authorisation an entry belongs to. */
    record Refs(String transfer, String card, String auth) {
    }

    private void change(DSLContext tx, AccountRecord a, BigDecimal ledgerDelta, BigDecimal availableDelta, BigDecimal suspenseDelta,
                        String type, BigDecimal entryAmount, boolean external, Refs refs) {
        long now = clock.now().toEpochMilli();
        a.setLedgerBalance(a.getLedgerBalance().add(ledgerDelta));
        a.setAvailableBalance(a.getAvailableBalance().add(availableDelta));
        a.setSuspenseBalance(a.getSuspenseBalance().add(suspenseDelta));
        a.setUpdated(now);
        people.update(tx, a);
        LedgerEntryRecord e = new LedgerEntryRecord();
        e.setEntryGuid(ids.uuidString());
        e.setProgramGuid(a.getProgramGuid());
        e.setAccountGuid(a.getAccountGuid());
        e.setCardProxy(refs.card());
        e.setTransferGuid(refs.transfer());
        e.setAuthGuid(refs.auth());
        e.setEntryType(type);
        e.setAmount(entryAmount);
        e.setExternal(external);
        e.setStatus("POSTED");
        e.setCreated(now);
        ledger.insert(tx, e);
    }
}
