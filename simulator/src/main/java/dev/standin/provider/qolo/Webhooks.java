package dev.standin.provider.qolo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.standin.core.Lazy;
import dev.standin.core.auth.TimestampSignature;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.http.Admission;
import dev.standin.core.http.ApiError;
import dev.standin.core.id.IdGenerator;
import dev.standin.core.json.Json;
import dev.standin.core.webhooks.WebhookDelivery;
import dev.standin.core.webhooks.WebhookPolicy;
import dev.standin.db.qolo.tables.records.WebhookSubscriptionRecord;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Webhook subscriptions and the events they receive. Saving a subscription pings its URL; it is
 * active only when the ping answers 2xx (and it was not saved inactive). Each event goes to every
 * active subscription of the program that lists its type (or lists none), through the shared
 * delivery: signed with {@code x-qolo-signature} (hex HMAC-SHA256 of the raw payload with the
 * subscription's secret), acknowledged by a 2xx within 5 s, retried up to 6 times at growing
 * intervals of virtual time.
 */
final class Webhooks implements Events {
    static final Set<String> EVENT_TYPES = Set.of("person.created", "card.created", "card.activated", "card.status", "account.created",
            "transfer.success", "transfer.failure", "auth.approved", "auth.declined", "auth.cleared", "auth.reversed", "auth.refunded");
    static final List<Duration> RETRIES = List.of(Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(45),
            Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(15));
    private static final Lazy<HttpClient> PINGER = new Lazy<>(() -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());

    private final WebhookRepository repo;
    private final WebhookDelivery delivery;
    private final VirtualClock clock;
    private final IdGenerator ids;

    Webhooks(WebhookRepository repo, WebhookDelivery delivery, VirtualClock clock, IdGenerator ids) {
        this.repo = repo;
        this.delivery = delivery;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public void emit(String program, String eventType, Map<String, Object> data) {
        for (WebhookSubscriptionRecord s : repo.active(program)) {
            Set<String> types = types(s);
            if (!types.isEmpty() && !types.contains(eventType)) {
                continue;
            }
            ObjectNode payload = Json.mapper().createObjectNode();
            payload.put("event_id", ids.uuidString());
            payload.put("event_type", eventType);
            payload.put("program_guid", program);
            payload.put("subscription_guid", s.getSubscriptionGuid());
            payload.put("created_at", clock.now().toString());
            payload.set("data", Json.mapper().valueToTree(data));
            delivery.deliver(QoloModule.NAME, eventType, s.getUrl(), headers(s), payload, Duration.ZERO, policy(s.getSecret()));
        }
    }

    static WebhookPolicy policy(String secret) {
        return new WebhookPolicy(Duration.ofSeconds(5), RETRIES, body -> Map.of("x-qolo-signature", sign(secret, body)));
    }

    static String sign(String secret, byte[] body) {
        return TimestampSignature.hmacHex(secret, body);
    }

    Map<String, Object> create(Program program, JsonNode body) {
        WebhookSubscriptionRecord s = new WebhookSubscriptionRecord();
        s.setSubscriptionGuid(ids.uuidString());
        s.setProgramGuid(program.guid());
        s.setCreated(clock.now().toEpochMilli());
        return save(program, s, body, true);
    }

    Map<String, Object> update(Program program, String guid, JsonNode body) {
        WebhookSubscriptionRecord s = repo.find(program.guid(), guid).orElseThrow(() -> ApiError.notFound("No webhook subscription " + guid));
        return save(program, s, body, false);
    }

    private Map<String, Object> save(Program program, WebhookSubscriptionRecord s, JsonNode body, boolean isNew) {
        Fields f = new Fields();
        String programGuid = f.text(body, "", "program_guid", false, 36);
        if (programGuid != null && !programGuid.equals(program.guid())) {
            f.problem("program_guid", "is not the program of this access token");
        }
        String url = f.text(body, "", "url", isNew, 2048);
        if (url != null && !url.matches("https?://[^\\s]+")) {
            f.problem("url", "must be an http or https URL");
        }
        String secret = f.text(body, "", "secret", isNew, 256);
        JsonNode headers = f.object(body, "headers", false);
        if (headers != null) {
            headers.fields().forEachRemaining(h -> {
                if (!h.getValue().isTextual()) {
                    f.problem("headers." + h.getKey(), "must be a string");
                }
            });
        }
        Boolean active = null;
        if (body.has("active") && !body.get("active").isNull()) {
            if (body.get("active").isBoolean()) {
                active = body.get("active").asBoolean();
            } else {
                f.problem("active", "must be true or false");
            }
        }
        JsonNode types = body.get("event_type");
        Set<String> eventTypes = new TreeSet<>();
        if (types != null && !types.isNull()) {
            if (!types.isArray()) {
                f.problem("event_type", "must be a list of event types");
            } else {
                for (int i = 0; i < types.size(); i++) {
                    if (!EVENT_TYPES.contains(types.get(i).asText())) {
                        f.problem("event_type[" + i + "]", "must be one of " + String.join(", ", new TreeSet<>(EVENT_TYPES)));
                    }
                    eventTypes.add(types.get(i).asText());
                }
            }
        }
        f.check();
        if (url != null) {
            s.setUrl(url);
        }
        if (secret != null) {
            s.setSecret(secret);
        }
        if (headers != null || isNew) {
            s.setHeaders(headers == null ? "{}" : headers.toString());
        }
        if (types != null || isNew) {
            s.setEventTypes(Json.mapper().valueToTree(eventTypes).toString());
        }
        s.setUpdated(clock.now().toEpochMilli());
        Map<String, Object> ping = ping(program, s);
        s.setActive((active == null || active) && Boolean.TRUE.equals(ping.get("acknowledged")));
        if (isNew) {
            repo.insert(s);
        } else {
            repo.update(s);
        }
        Map<String, Object> out = view(s);
        out.put("ping", ping);
        return out;
    }

    /** POSTs a signed {@code ping} event to the URL now (real time, 5 s at most): its answer decides whether the subscription is active. */
    private Map<String, Object> ping(Program program, WebhookSubscriptionRecord s) {
        ObjectNode payload = Json.mapper().createObjectNode().put("event_id", ids.uuidString()).put("event_type", "ping")
                .put("program_guid", program.guid()).put("subscription_guid", s.getSubscriptionGuid()).put("created_at", clock.now().toString());
        byte[] bytes = payload.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Map<String, Object> out = new LinkedHashMap<>();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(s.getUrl())).timeout(Duration.ofSeconds(5))
                    .header("Content-Type", "application/json").header("x-qolo-signature", sign(s.getSecret(), bytes))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
            headers(s).forEach(request::header);
            int status;
            try (Admission.Away away = Admission.stepAside()) { // the URL may be this server's own
                status = PINGER.get().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            }
            out.put("status", status);
            out.put("acknowledged", status >= 200 && status < 300);
        } catch (IOException | IllegalArgumentException e) {
            out.put("acknowledged", false);
            out.put("error", e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.put("acknowledged", false);
            out.put("error", "interrupted");
        }
        return out;
    }

    List<Map<String, Object>> list(Program program) {
        return repo.all(program.guid()).stream().map(Webhooks::view).toList();
    }

    Map<String, Object> get(Program program, String guid) {
        return view(repo.find(program.guid(), guid).orElseThrow(() -> ApiError.notFound("No webhook subscription " + guid)));
    }

    Map<String, Object> delete(Program program, String guid) {
        Map<String, Object> out = get(program, guid);
        repo.delete(program.guid(), guid);
        out.put("deleted", true);
        return out;
    }

    private static Map<String, String> headers(WebhookSubscriptionRecord s) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            Json.mapper().readTree(s.getHeaders()).fields().forEachRemaining(h -> out.put(h.getKey(), h.getValue().asText()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static Set<String> types(WebhookSubscriptionRecord s) {
        Set<String> out = new TreeSet<>();
        try {
            Json.mapper().readTree(s.getEventTypes()).forEach(t -> out.add(t.asText()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static Map<String, Object> view(WebhookSubscriptionRecord s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("subscription_guid", s.getSubscriptionGuid());
        out.put("program_guid", s.getProgramGuid());
        out.put("url", s.getUrl());
        out.put("headers", headers(s));
        out.put("active", s.getActive());
        out.put("event_type", types(s));
        out.put("sys_utcinserted", Instant.ofEpochMilli(s.getCreated()).toString());
        out.put("sys_utcupdated", Instant.ofEpochMilli(s.getUpdated()).toString());
        return out;
    }
}
