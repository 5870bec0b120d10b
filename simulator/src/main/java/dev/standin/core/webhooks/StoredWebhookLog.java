package dev.standin.core.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.standin.core.json.Json;
import dev.standin.core.store.Database;
import dev.standin.db.core.tables.records.WebhookDeliveryRecord;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static dev.standin.db.core.Tables.WEBHOOK_DELIVERY;

/** The webhook log as rows of {@code core.webhook_delivery}, which every instance sharing the database reads and writes. */
final class StoredWebhookLog implements WebhookLog {
    private final Database database;
    private final AtomicLong added = new AtomicLong();

    StoredWebhookLog(Database database) {
        this.database = database;
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public void add(Delivery d) {
        WebhookDeliveryRecord r = database.dsl().newRecord(WEBHOOK_DELIVERY);
        r.setDeliveryId(d.id);
        r.setProvider(d.provider);
        r.setEventName(d.event);
        r.setUrl(d.url);
        r.setHeaders(json(d.headers));
        r.setBody(d.body.toString());
        r.setAckTimeoutMs(d.ackTimeout.toMillis());
        r.setRetryDelaysMs(String.join(",", d.retryDelays.stream().map(x -> Long.toString(x.toMillis())).toList()));
        r.setCreatedAt(time(d.createdAt));
        fill(r, d);
        r.insert();
        if (added.incrementAndGet() % 100 == 0) { // the oldest beyond the log's size fall off, now and then
            database.dsl().deleteFrom(WEBHOOK_DELIVERY).where(WEBHOOK_DELIVERY.DELIVERY_ID.in(
                    database.dsl().select(WEBHOOK_DELIVERY.DELIVERY_ID).from(WEBHOOK_DELIVERY)
                            .orderBy(WEBHOOK_DELIVERY.CREATED_AT.desc(), WEBHOOK_DELIVERY.DELIVERY_ID.desc()).offset(SIZE))).execute();
        }
    }

    @Override
    public Optional<Delivery> find(long id) {
        return database.dsl().selectFrom(WEBHOOK_DELIVERY).where(WEBHOOK_DELIVERY.DELIVERY_ID.eq(id)).fetchOptional().map(StoredWebhookLog::delivery);
    }

    @Override
    public void saved(Delivery d) {
        WebhookDeliveryRecord r = database.dsl().newRecord(WEBHOOK_DELIVERY);
        synchronized (d) {
            fill(r, d);
        }
        database.dsl().update(WEBHOOK_DELIVERY).set(r).where(WEBHOOK_DELIVERY.DELIVERY_ID.eq(d.id)).execute();
    }

    @Override
    public List<Delivery> recent() {
        return database.dsl().selectFrom(WEBHOOK_DELIVERY).orderBy(WEBHOOK_DELIVERY.CREATED_AT.desc(), WEBHOOK_DELIVERY.DELIVERY_ID.desc())
                .limit(SIZE).fetch(StoredWebhookLog::delivery);
    }

    @Override
    public int size() {
        return database.dsl().fetchCount(WEBHOOK_DELIVERY);
    }

    @Override
    public void clear() {
        database.dsl().deleteFrom(WEBHOOK_DELIVERY).execute();
    }

    /** What changes as attempts go (the rest is written once). */
    private static void fill(WebhookDeliveryRecord r, Delivery d) {
        r.setState(d.state);
        r.setFailedInRow(d.failedInRow);
        r.setAttempts(json(d.attempts));
        r.setNextAttemptAt(d.nextAttemptAt == null ? null : time(d.nextAttemptAt));
    }

    private static Delivery delivery(WebhookDeliveryRecord r) {
        try {
            Delivery d = new Delivery(r.getDeliveryId(), r.getProvider(), r.getEventName(), r.getUrl(),
                    Json.mapper().readValue(r.getHeaders(), new TypeReference<Map<String, String>>() { }),
                    Json.mapper().readTree(r.getBody()), Duration.ofMillis(r.getAckTimeoutMs()),
                    r.getRetryDelaysMs().isEmpty() ? List.of() : Arrays.stream(r.getRetryDelaysMs().split(",")).map(ms -> Duration.ofMillis(Long.parseLong(ms))).toList(),
                    r.getCreatedAt().toInstant());
            d.attempts.addAll(Json.mapper().readValue(r.getAttempts(), new TypeReference<List<WebhookDelivery.Attempt>>() { }));
            d.state = r.getState();
            d.failedInRow = r.getFailedInRow();
            d.nextAttemptAt = r.getNextAttemptAt() == null ? null : r.getNextAttemptAt().toInstant();
            return d;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OffsetDateTime time(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
