package dev.standin.provider.qolo;

import dev.standin.db.qolo.tables.records.CardAuthRecord;
import dev.standin.db.qolo.tables.records.LedgerEntryRecord;
import dev.standin.db.qolo.tables.records.TransferRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import static dev.standin.db.qolo.Tables.CARD_AUTH;
import static dev.standin.db.qolo.Tables.LEDGER_ENTRY;
import static dev.standin.db.qolo.Tables.TRANSFER;

/** Transfers, authorisations and the ledger entries every balance change writes, within one program. */
final class LedgerRepository {
    private final DSLContext dsl;

    LedgerRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    DSLContext dsl() {
        return dsl;
    }

    void insert(DSLContext tx, LedgerEntryRecord e) {
        tx.insertInto(LEDGER_ENTRY).set(e).execute();
    }

    void insert(DSLContext tx, TransferRecord t) {
        tx.insertInto(TRANSFER).set(t).execute();
    }

    void insert(DSLContext tx, CardAuthRecord a) {
        tx.insertInto(CARD_AUTH).set(a).execute();
    }

    void update(DSLContext tx, CardAuthRecord a) {
        tx.executeUpdate(a);
    }

    Optional<TransferRecord> transferByReference(DSLContext tx, String program, String reference) {
        return tx.selectFrom(TRANSFER).where(TRANSFER.PROGRAM_GUID.eq(program), TRANSFER.CLIENT_REFERENCE_ID.eq(reference)).fetchOptional();
    }

    Optional<TransferRecord> transfer(String program, String id) {
        return dsl.selectFrom(TRANSFER).where(TRANSFER.PROGRAM_GUID.eq(program),
                TRANSFER.TRANSFER_GUID.eq(id).or(TRANSFER.CLIENT_REFERENCE_ID.eq(id))).limit(1).fetchOptional();
    }

    Optional<CardAuthRecord> lockedAuth(DSLContext tx, String program, String guid) {
        return tx.selectFrom(CARD_AUTH).where(CARD_AUTH.PROGRAM_GUID.eq(program), CARD_AUTH.AUTH_GUID.eq(guid)).forUpdate().fetchOptional();
    }

    Optional<CardAuthRecord> authById(DSLContext tx, String guid) {
        return tx.selectFrom(CARD_AUTH).where(CARD_AUTH.AUTH_GUID.eq(guid)).forUpdate().fetchOptional();
    }

    Optional<String> programOfAuth(String guid) {
        return dsl.select(CARD_AUTH.PROGRAM_GUID).from(CARD_AUTH).where(CARD_AUTH.AUTH_GUID.eq(guid)).fetchOptional(CARD_AUTH.PROGRAM_GUID);
    }

    List<CardAuthRecord> auths(String program) {
        return dsl.selectFrom(CARD_AUTH).where(CARD_AUTH.PROGRAM_GUID.eq(program)).orderBy(CARD_AUTH.CREATED.desc()).fetch();
    }

    /** The money that entered (positive) or left (negative) the program's accounts from outside. */
    BigDecimal externalNet(String program) {
        return dsl.select(DSL.coalesce(DSL.sum(LEDGER_ENTRY.AMOUNT), BigDecimal.ZERO)).from(LEDGER_ENTRY)
                .where(LEDGER_ENTRY.PROGRAM_GUID.eq(program), LEDGER_ENTRY.EXTERNAL.isTrue()).fetchOne(0, BigDecimal.class);
    }

    /** One page of the program's entries matching {@code filter}, newest first, and the count of all that match. */
    record Page(List<LedgerEntryRecord> entries, int total) {
    }

    Page search(String program, Condition filter, int page, int size) {
        Condition c = LEDGER_ENTRY.PROGRAM_GUID.eq(program).and(filter);
        int total = dsl.fetchCount(LEDGER_ENTRY, c);
        List<LedgerEntryRecord> rows = dsl.selectFrom(LEDGER_ENTRY).where(c).orderBy(LEDGER_ENTRY.CREATED.desc(), LEDGER_ENTRY.ENTRY_GUID)
                .limit(size).offset((page - 1) * size).fetch();
        return new Page(rows, total);
    }
}
