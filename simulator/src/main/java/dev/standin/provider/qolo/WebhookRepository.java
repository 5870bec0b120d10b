package dev.standin.provider.qolo;

import dev.standin.core.clock.VirtualClock;
import dev.standin.core.store.Database;
import dev.standin.core.store.VersionedCache;
import dev.standin.db.qolo.tables.records.WebhookSubscriptionRecord;
import org.jooq.DSLContext;

import java.util.List;
import java.util.Optional;

import static dev.standin.db.qolo.Tables.WEBHOOK_SUBSCRIPTION;

/**
 * Webhook subscriptions, within one program. Every card, person, transfer and authorisation event asks
 * for a program's active ones, so those are read through a cache that every instance sharing the
 * database keeps right ({@link VersionedCache}): the query was a quarter of a card creation's CPU.
 */
final class WebhookRepository {
    private final DSLContext dsl;
    private final VersionedCache<String, List<WebhookSubscriptionRecord>> active;

    WebhookRepository(Database database, VirtualClock clock) {
        this.dsl = database.dsl();
        this.active = new VersionedCache<>("qolo.webhooks", 1_000, database, clock::dataVersion);
    }

    void insert(WebhookSubscriptionRecord s) {
        dsl.insertInto(WEBHOOK_SUBSCRIPTION).set(s).execute();
        active.changed(s.getProgramGuid());
    }

    void update(WebhookSubscriptionRecord s) {
        dsl.executeUpdate(s);
        active.changed(s.getProgramGuid());
    }

    boolean delete(String program, String guid) {
        boolean deleted = dsl.deleteFrom(WEBHOOK_SUBSCRIPTION).where(WEBHOOK_SUBSCRIPTION.PROGRAM_GUID.eq(program),
                WEBHOOK_SUBSCRIPTION.SUBSCRIPTION_GUID.eq(guid)).execute() > 0;
        active.changed(program);
        return deleted;
    }

    /** After a reset (the table emptied with the rest) or another instance's. */
    void forgetCached() {
        active.forgetAll();
    }

    Optional<WebhookSubscriptionRecord> find(String program, String guid) {
        return dsl.selectFrom(WEBHOOK_SUBSCRIPTION).where(WEBHOOK_SUBSCRIPTION.PROGRAM_GUID.eq(program),
                WEBHOOK_SUBSCRIPTION.SUBSCRIPTION_GUID.eq(guid)).fetchOptional();
    }

    List<WebhookSubscriptionRecord> all(String program) {
        return dsl.selectFrom(WEBHOOK_SUBSCRIPTION).where(WEBHOOK_SUBSCRIPTION.PROGRAM_GUID.eq(program))
                .orderBy(WEBHOOK_SUBSCRIPTION.CREATED).fetch();
    }

    /** The program's active subscriptions, oldest first (records shared by readers: never change them). */
    List<WebhookSubscriptionRecord> active(String program) {
        return active.get(program, p -> List.copyOf(dsl.selectFrom(WEBHOOK_SUBSCRIPTION).where(WEBHOOK_SUBSCRIPTION.PROGRAM_GUID.eq(p),
                WEBHOOK_SUBSCRIPTION.ACTIVE.isTrue()).orderBy(WEBHOOK_SUBSCRIPTION.CREATED).fetch()));
    }
}
