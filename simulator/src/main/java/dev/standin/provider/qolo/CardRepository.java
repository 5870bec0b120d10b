package dev.standin.provider.qolo;

import dev.standin.db.qolo.tables.records.CardRecord;
import org.jooq.DSLContext;

import java.util.List;
import java.util.Optional;

import static dev.standin.db.qolo.Tables.CARD;

/** Cards, always within one program. */
final class CardRepository {
    private final DSLContext dsl;

    CardRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    DSLContext dsl() {
        return dsl;
    }

    void insert(DSLContext tx, CardRecord c) {
        tx.insertInto(CARD).set(c).execute();
    }

    void update(DSLContext tx, CardRecord c) {
        tx.executeUpdate(c);
    }

    Optional<CardRecord> card(DSLContext tx, String program, String proxy) {
        return tx.selectFrom(CARD).where(CARD.PROGRAM_GUID.eq(program), CARD.CARD_PROXY.eq(proxy)).fetchOptional();
    }

    Optional<CardRecord> locked(DSLContext tx, String program, String proxy) {
        return tx.selectFrom(CARD).where(CARD.PROGRAM_GUID.eq(program), CARD.CARD_PROXY.eq(proxy)).forUpdate().fetchOptional();
    }

    /** The newest card with this number (a reissue keeps the number). */
    Optional<CardRecord> byPan(String program, String pan) {
        return dsl.selectFrom(CARD).where(CARD.PROGRAM_GUID.eq(program), CARD.PAN.eq(pan)).orderBy(CARD.CREATED.desc()).limit(1).fetchOptional();
    }

    /** The program a card belongs to (for the control API, which has no token). */
    Optional<String> programOf(String proxy) {
        return dsl.select(CARD.PROGRAM_GUID).from(CARD).where(CARD.CARD_PROXY.eq(proxy)).fetchOptional(CARD.PROGRAM_GUID);
    }

    List<CardRecord> cards(String program) {
        return dsl.selectFrom(CARD).where(CARD.PROGRAM_GUID.eq(program)).orderBy(CARD.CREATED).fetch();
    }
}
