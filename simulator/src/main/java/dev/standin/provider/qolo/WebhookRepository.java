package dev.standin.provider.qolo;

import dev.standin.db.qolo.tables.records.WebhookSubscriptionRecord;
import org.jooq.DSLContext;

import java.util.List;
import java.util.Optional;

import static dev.standin.db.qolo.Tables.WEBHOOK_SUBSCRIPTION;

/** Webhook subscriptions, within one program. */
final class WebhookRepository {
    private final DSLContext dsl;

    WebhookRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    void insert(WebhookSubscriptionRecord s) {
        dsl.insertInto(WEBHOOK_SUBSCRIPTION).set(s).execute();
    }

    void update(WebhookSubscriptionRecord s) {
        dsl.executeUpdate(s);
    }

    boolean delete(String program, String guid) {
        return dsl.deleteFrom(WEBHOOK_SUBSCRIPTION).where(WEBHOOK_SUBSCRIPTION.PROGRAM_GUID.eq(program),
                WEBHOOK_SUBSCRIPTION.SUBSCRIPTION_GUID.eq(guid)).execute() > 0;
    }

    Optional<WebhookSubscriptionRecord> find(String program, String guid) {
        return dsl.selectFrom(WEBHOOK_SUBSCRIPTION).where(WEBHOOK_SUBSCRIPTION.PROGRAM_GUID.eq(program),
                WEBHOOK_SUBSCRIPTION.SUBSCRIPTION_GUID.eq(guid)).fetchOptional();
    }

    List<WebhookSubscriptionRecord> all(String program) {
        return dsl.selectFrom(WEBHOOK_SUBSCRIPTION).where(WEBHOOK_SUBSCRIPTION.PROGRAM_GUID.eq(program))
                .orderBy(WEBHOOK_SUBSCRIPTION.CREATED).fetch();
    }

    List<WebhookSubscriptionRecord> active(String program) {
        return dsl.selectFrom(WEBHOOK_SUBSCRIPTION).where(WEBHOOK_SUBSCRIPTION.PROGRAM_GUID.eq(program),
                WEBHOOK_SUBSCRIPTION.ACTIVE.isTrue()).orderBy(WEBHOOK_SUBSCRIPTION.CREATED).fetch();
    }
}
