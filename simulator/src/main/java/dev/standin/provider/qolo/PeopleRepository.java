package dev.standin.provider.qolo;

import dev.standin.db.qolo.tables.records.AccountRecord;
import dev.standin.db.qolo.tables.records.PersonRecord;
import dev.standin.db.qolo.tables.records.WalletRecord;
import org.jooq.DSLContext;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import static dev.standin.db.qolo.Tables.ACCOUNT;
import static dev.standin.db.qolo.Tables.PERSON;
import static dev.standin.db.qolo.Tables.WALLET;

/** Persons, their wallets and accounts, always within one program. */
final class PeopleRepository {
    private final DSLContext dsl;

    PeopleRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    DSLContext dsl() {
        return dsl;
    }

    void insert(DSLContext tx, PersonRecord p) {
        tx.insertInto(PERSON).set(p).execute();
    }

    void insert(DSLContext tx, WalletRecord w) {
        tx.insertInto(WALLET).set(w).execute();
    }

    void insert(DSLContext tx, AccountRecord a) {
        tx.insertInto(ACCOUNT).set(a).execute();
    }

    Optional<PersonRecord> person(DSLContext tx, String program, String guid) {
        return tx.selectFrom(PERSON).where(PERSON.PROGRAM_GUID.eq(program), PERSON.PERSON_GUID.eq(guid)).fetchOptional();
    }

    Optional<WalletRecord> wallet(DSLContext tx, String program, String guid) {
        return tx.selectFrom(WALLET).where(WALLET.PROGRAM_GUID.eq(program), WALLET.WALLET_GUID.eq(guid)).fetchOptional();
    }

    Optional<WalletRecord> walletOf(DSLContext tx, String program, String person) {
        return tx.selectFrom(WALLET).where(WALLET.PROGRAM_GUID.eq(program), WALLET.PERSON_GUID.eq(person))
                .orderBy(WALLET.CREATED).limit(1).fetchOptional();
    }

    Optional<AccountRecord> account(DSLContext tx, String program, String guid) {
        return tx.selectFrom(ACCOUNT).where(ACCOUNT.PROGRAM_GUID.eq(program), ACCOUNT.ACCOUNT_GUID.eq(guid)).fetchOptional();
    }

    /** The account, locked until the caller's transaction ends (for balance changes). */
    Optional<AccountRecord> lockedAccount(DSLContext tx, String program, String guid) {
        return tx.selectFrom(ACCOUNT).where(ACCOUNT.PROGRAM_GUID.eq(program), ACCOUNT.ACCOUNT_GUID.eq(guid)).forUpdate().fetchOptional();
    }

    Optional<AccountRecord> firstAccountOf(DSLContext tx, String program, String wallet, String currency) {
        return tx.selectFrom(ACCOUNT).where(ACCOUNT.PROGRAM_GUID.eq(program), ACCOUNT.WALLET_GUID.eq(wallet), ACCOUNT.CURRENCY.eq(currency))
                .orderBy(ACCOUNT.CREATED).limit(1).fetchOptional();
    }

    List<AccountRecord> accountsOf(DSLContext tx, String program, String person) {
        return tx.selectFrom(ACCOUNT).where(ACCOUNT.PROGRAM_GUID.eq(program), ACCOUNT.PERSON_GUID.eq(person)).orderBy(ACCOUNT.CREATED).fetch();
    }

    List<AccountRecord> accounts(String program) {
        return dsl.selectFrom(ACCOUNT).where(ACCOUNT.PROGRAM_GUID.eq(program)).orderBy(ACCOUNT.CREATED).fetch();
    }

    List<PersonRecord> persons(String program) {
        return dsl.selectFrom(PERSON).where(PERSON.PROGRAM_GUID.eq(program)).orderBy(PERSON.CREATED).fetch();
    }

    /** The sums of a program's balances: ledger, available, suspense. */
    BigDecimal[] totals(String program) {
        var r = dsl.select(org.jooq.impl.DSL.coalesce(org.jooq.impl.DSL.sum(ACCOUNT.LEDGER_BALANCE), BigDecimal.ZERO),
                        org.jooq.impl.DSL.coalesce(org.jooq.impl.DSL.sum(ACCOUNT.AVAILABLE_BALANCE), BigDecimal.ZERO),
                        org.jooq.impl.DSL.coalesce(org.jooq.impl.DSL.sum(ACCOUNT.SUSPENSE_BALANCE), BigDecimal.ZERO))
                .from(ACCOUNT).where(ACCOUNT.PROGRAM_GUID.eq(program)).fetchOne();
        return new BigDecimal[]{r.value1(), r.value2(), r.value3()};
    }

    void update(DSLContext tx, AccountRecord a) {
        tx.executeUpdate(a);
    }

    void update(DSLContext tx, PersonRecord p) {
        tx.executeUpdate(p);
    }
}
