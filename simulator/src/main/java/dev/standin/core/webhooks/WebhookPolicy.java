package dev.standin.core.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How one provider delivers: how long a subscriber has to acknowledge (2xx), the waits before each
 * retry (their count is the number of retries), and the headers that sign a payload.
 */
public record WebhookPolicy(Duration ackTimeout, List<Duration> retryDelays, Function<byte[], Map<String, String>> signer) {

    /** The default for scenario webhooks: 5 s to acknowledge, retries after 1 s, 5 s and 30 s, unsigned. */
    public static final WebhookPolicy DEFAULT = new WebhookPolicy(Duration.ofSeconds(5),
            List.of(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30)), body -> Map.of());
}
