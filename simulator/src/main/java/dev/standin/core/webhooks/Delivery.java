package dev.standin.core.webhooks;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One webhook delivery and its attempts so far. The headers already carry the provider's signature of
 * the body (the same for every attempt), so any instance can make the next attempt from what is stored.
 */
final class Delivery {
    final long id;
    final String provider;
    final String event;
    final String url;
    final Map<String, String> headers;
    final JsonNode body;
    final Duration ackTimeout;
    final List<Duration> retryDelays;
    final Instant createdAt;
    final List<WebhookDelivery.Attempt> attempts = new ArrayList<>();
    String state = "PENDING";
    Instant nextAttemptAt;
    int failedInRow;

    Delivery(long id, String provider, String event, String url, Map<String, String> headers, JsonNode body,
             Duration ackTimeout, List<Duration> retryDelays, Instant createdAt) {
        this.id = id;
        this.provider = provider;
        this.event = event;
        this.url = url;
        this.headers = headers;
        this.body = body;
        this.ackTimeout = ackTimeout;
        this.retryDelays = retryDelays;
        this.createdAt = createdAt;
    }

    synchronized int attemptCount() {
        return attempts.size();
    }

    synchronized WebhookDelivery.View view() {
        return new WebhookDelivery.View(id, provider, event, url, state, List.copyOf(attempts), nextAttemptAt,
                dev.standin.core.http.Redaction.json(body));
    }
}
