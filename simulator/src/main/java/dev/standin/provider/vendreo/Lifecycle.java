package dev.standin.provider.vendreo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.standin.core.clock.Scheduler;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.id.IdGenerator;
import dev.standin.core.json.Json;
import dev.standin.core.rules.LifecycleEvents;
import dev.standin.core.rules.RuleEngine;
import dev.standin.core.rules.RuleEvent;
import dev.standin.core.scenario.ScenarioRegistry;
import dev.standin.core.store.AfterCommit;
import dev.standin.core.webhooks.WebhookDelivery;
import dev.standin.core.webhooks.WebhookPolicy;
import dev.standin.db.vendreo.tables.records.InstalmentRecord;
import dev.standin.db.vendreo.tables.records.PaymentRecord;
import dev.standin.db.vendreo.tables.records.TxnRecord;
import org.jooq.DSLContext;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What happens to a payment after it is requested, on the virtual clock: the bank's answer (authorise,
 * deny, cancel), settlement to COMPLETED after {@code vendreoSettlementDelay}, expiry to FAILED when
 * nobody authorised it within {@code vendreoPaymentExpiry}, each PERIODIC instalment collected when the
 * clock reaches its date, and the merchant's callback for each outcome through the shared delivery.
 */
final class Lifecycle {
    static final String SETTLE = "vendreo.settle";
    static final String EXPIRE = "vendreo.expire";
    static final String COLLECT = "vendreo.collect";
    static final RuleEvent BANK_DECIDE = new RuleEvent("bank.decide", Map.of("authorise", Set.of(), "deny", Set.of(), "cancel", Set.of()));
    static final RuleEvent INSTALMENT_COLLECT = new RuleEvent("instalment.collect", Map.of("fail", Set.of()));
    private static final WebhookPolicy CALLBACKS = new WebhookPolicy(Duration.ofSeconds(5),
            List.of(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5)), body -> Map.of());

    private final PaymentRepository repo;
    private final VirtualClock clock;
    private final IdGenerator ids;
    private final Scheduler scheduler;
    private final RuleEngine rules;
    private final ScenarioRegistry settings;
    private final WebhookDelivery webhooks;
    private final Function<String, Optional<Application>> applications;
    private final LifecycleEvents events;

    Lifecycle(PaymentRepository repo, VirtualClock clock, IdGenerator ids, Scheduler scheduler, RuleEngine rules,
              ScenarioRegistry settings, WebhookDelivery webhooks, Function<String, Optional<Application>> applications) {
        this.repo = repo;
        this.clock = clock;
        this.ids = ids;
        this.scheduler = scheduler;
        this.rules = rules;
        this.settings = settings;
        this.webhooks = webhooks;
        this.applications = applications;
        this.events = new LifecycleEvents(VendreoModule.NAME, rules, scheduler);
        scheduler.register(SETTLE, this::settle);
        scheduler.register(EXPIRE, this::expire);
        scheduler.register(COLLECT, this::collect);
    }

    /** Stores the expiry step of a new payment, in its transaction (queued when it commits). */
    void scheduleExpiry(DSLContext tx, PaymentRecord p) {
        step(tx, EXPIRE, p.getPaymentUuid(), settings.setting("delays", "vendreoPaymentExpiry", Duration.ofMinutes(30)));
    }

    private void step(DSLContext tx, String kind, String subject, Duration delay) {
        scheduler.save(tx, scheduler.prepare(VendreoModule.NAME, kind, subject, kind + " " + subject,
                delay.isNegative() ? Duration.ZERO : delay));
    }

    /** The answer a scenario rule on {@code bank.decide} gives for this payment (after its delay), if one fires. */
    Optional<String> ruled(PaymentRecord p, String institution) {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("application", p.getApplicationKey());
        entity.put("payment_uuid", p.getPaymentUuid());
        entity.put("institution", institution);
        entity.put("amount", p.getAmount());
        entity.put("payment_type", p.getPaymentType());
        entity.put("kind", p.getKind());
        entity.put("reference_id", p.getReferenceId());
        return events.decide(BANK_DECIDE.name(), p.getApplicationKey(), entity).map(o -> o.path("type").asText());
    }

    /**
     * The shopper's (or a rule's) answer at the bank: {@code authorise}, {@code deny} or {@code cancel}.
     * Answers the payment after it, or empty when it was already decided.
     */
    Optional<PaymentRecord> decide(String uuid, String institution, String answer) {
        Optional<PaymentRecord> decided = repo.dsl().transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            PaymentRecord p = repo.locked(tx, uuid).orElse(null);
            if (p == null || p.getAuthorised() || !p.getStatus().equals("PENDING")) {
                return Optional.<PaymentRecord>empty();
            }
            p.setInstitution(institution);
            p.setUpdated(clock.now().toEpochMilli());
            if (answer.equals("authorise")) {
                p.setAuthorised(true);
                List<InstalmentRecord> instalments = repo.instalments(tx, uuid);
                if (instalments.isEmpty()) {
                    Duration settle = settings.delay("vendreoSettlementDelay", Duration.ofSeconds(5));
                    repo.insert(tx, new TxnRecord(ids.uuidString(), uuid, p.getAmount(), p.getCurrency(), false, false, null,
                            clock.now().plus(settle).toEpochMilli(), clock.now().toEpochMilli()));
                    step(tx, SETTLE, uuid, settle);
                } else {
                    p.setStatus("SCHEDULED");
                    for (InstalmentRecord i : instalments) {
                        step(tx, COLLECT, uuid + "#" + i.getSeq(), Duration.between(clock.now(), Instant.ofEpochMilli(i.getDateScheduled())));
                    }
                }
            } else {
                p.setStatus("FAILED");
                AfterCommit.run(() -> notify(p, "payment_failed", Map.of("reason", answer.equals("deny") ? "DENIED_BY_BANK" : "CANCELLED_BY_SHOPPER")));
            }
            repo.update(tx, p);
            return Optional.of(p);
        });
        return decided;
    }

    private void settle(String uuid) {
        PaymentRecord done = repo.dsl().transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            PaymentRecord p = repo.locked(tx, uuid).orElse(null);
            if (p == null || !p.getStatus().equals("PENDING")) {
                return null;
            }
            tx.update(dev.standin.db.vendreo.Tables.TXN).set(dev.standin.db.vendreo.Tables.TXN.COMPLETED, true)
                    .set(dev.standin.db.vendreo.Tables.TXN.CROSS_CHECKED, true)
                    .set(dev.standin.db.vendreo.Tables.TXN.DATE_COMPLETED, clock.now().toEpochMilli())
                    .where(dev.standin.db.vendreo.Tables.TXN.PAYMENT_UUID.eq(uuid)).execute();
            p.setStatus("COMPLETED");
            p.setUpdated(clock.now().toEpochMilli());
            repo.update(tx, p);
            return p;
        });
        if (done != null) {
            notify(done, "payment_completed", Map.of());
        }
    }

    private void expire(String uuid) {
        PaymentRecord done = repo.dsl().transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            PaymentRecord p = repo.locked(tx, uuid).orElse(null);
            if (p == null || p.getAuthorised() || !p.getStatus().equals("PENDING")) {
                return null;
            }
            p.setStatus("FAILED");
            p.setUpdated(clock.now().toEpochMilli());
            repo.update(tx, p);
            tx.update(dev.standin.db.vendreo.Tables.INSTALMENT).set(dev.standin.db.vendreo.Tables.INSTALMENT.STATUS, "EXPIRED")
                    .where(dev.standin.db.vendreo.Tables.INSTALMENT.PAYMENT_UUID.eq(uuid)).execute();
            return p;
        });
        if (done != null) {
            notify(done, "payment_failed", Map.of("reason", "EXPIRED"));
        }
    }

    /**
     * One instalment falls due: collected, unless a rule on {@code instalment.collect} fails it, holds
     * it (until released) or delays it (every provider gets these through the core's lifecycle events).
     */
    private void collect(String subject) {
        String uuid = subject.substring(0, subject.indexOf('#'));
        int seq = Integer.parseInt(subject.substring(subject.indexOf('#') + 1));
        // the collection itself collects only a SCHEDULED instalment of a SCHEDULED payment
        events.around("instalment.collect", () -> instalment(uuid, seq), () -> collect(uuid, seq, false),
                outcome -> collect(uuid, seq, outcome.path("type").asText().equals("fail")));
    }

    /** An instalment as rules on {@code instalment.collect} see it (empty: its payment or it is gone). */
    private Optional<LifecycleEvents.Subject> instalment(String uuid, int seq) {
        PaymentRecord p = repo.find(repo.dsl(), uuid).orElse(null);
        InstalmentRecord i = p == null ? null : repo.instalments(repo.dsl(), uuid).stream().filter(x -> x.getSeq() == seq).findFirst().orElse(null);
        if (i == null) {
            return Optional.empty();
        }
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("application", p.getApplicationKey());
        entity.put("payment_uuid", uuid);
        entity.put("instalment", seq);
        entity.put("amount", i.getAmount());
        entity.put("reference_id", p.getReferenceId());
        return Optional.of(new LifecycleEvents.Subject(p.getApplicationKey(), entity));
    }

    private void collect(String uuid, int seq, boolean failed) {
        repo.dsl().transaction(cfg -> {
            DSLContext tx = cfg.dsl();
            PaymentRecord p = repo.locked(tx, uuid).orElse(null);
            InstalmentRecord i = p == null ? null : repo.instalment(tx, uuid, seq).orElse(null);
            if (i == null || !i.getStatus().equals("SCHEDULED") || !p.getStatus().equals("SCHEDULED")) {
                return;
            }
            long now = clock.now().toEpochMilli();
            i.setStatus(failed ? "FAILED" : "COMPLETED");
            repo.update(tx, i);
            if (!failed) {
                repo.insert(tx, new TxnRecord(ids.uuidString(), uuid, i.getAmount(), i.getCurrency(), true, true, now, now, now));
            }
            List<InstalmentRecord> all = repo.instalments(tx, uuid);
            if (all.stream().noneMatch(x -> x.getStatus().equals("SCHEDULED"))) {
                p.setStatus(all.stream().allMatch(x -> x.getStatus().equals("COMPLETED")) ? "COMPLETED" : "FAILED");
            }
            p.setUpdated(now);
            repo.update(tx, p);
            Map<String, Object> extra = new LinkedHashMap<>();
            extra.put("instalment", seq);
            extra.put("instalment_amount", i.getAmount());
            AfterCommit.run(() -> notify(p, failed ? "payment_failed" : "payment_completed", extra));
        });
    }

    /** The merchant's callback for an open-banking payment: {@code {act, reference_id, payment_uuid, ...}}. */
    void notify(PaymentRecord p, String act, Map<String, Object> extra) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("act", act);
        if (p.getReferenceId() == null) {
            body.putNull("reference_id");
        } else {
            body.put("reference_id", p.getReferenceId());
        }
        body.put("payment_uuid", p.getPaymentUuid());
        body.put("payment_reference", p.getPaymentReference());
        body.put("status", p.getStatus());
        body.put("amount", p.getAmount());
        body.put("currency", p.getCurrency());
        body.put("payment_type", p.getPaymentType());
        body.put("type", p.getKind());
        extra.forEach((k, v) -> body.set(k, Json.mapper().valueToTree(v)));
        send(p.getApplicationKey(), act, body);
    }

    /** A JSON POST of {@code body} to the application's callback URL (none set: nothing is sent), through the shared delivery. */
    void send(String applicationKey, String act, ObjectNode body) {
        Optional<Application> app = applications.apply(applicationKey);
        if (app.isEmpty() || app.get().callbackUrl() == null) {
            return;
        }
        webhooks.deliver(VendreoModule.NAME, act, app.get().callbackUrl(), Map.of("Accept", "application/json"), body, Duration.ZERO, CALLBACKS);
    }
}
