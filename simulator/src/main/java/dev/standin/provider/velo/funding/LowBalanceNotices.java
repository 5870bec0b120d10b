package dev.standin.provider.velo.funding;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.json.Json;
import dev.standin.core.webhooks.WebhookDelivery;
import dev.standin.core.webhooks.WebhookPolicy;
import dev.standin.provider.velo.VeloModule;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Low-balance notifications ({@code POST /v1/sourceAccounts/{id}/notifications} sets the threshold):
 * when a balance falls under its account's minimum, one JSON POST to the payor's notification URL
 * (the scenario's {@code notificationUrl}) through the shared webhook delivery; none again until the
 * balance is back at or over the minimum. The document describes no body: this one is Standin's.
 */
public final class LowBalanceNotices {
    public static final String EVENT = "sourceAccount.lowBalance";
    private static final WebhookPolicy POLICY = new WebhookPolicy(Duration.ofSeconds(5),
            List.of(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5)), body -> Map.of());

    private final SourceAccountRepository accounts;
    private final Function<UUID, Optional<String>> notificationUrls;
    private final WebhookDelivery webhooks;
    private final VirtualClock clock;

    /** {@code notificationUrls}: a payor's notification URL, if its scenario gives one. */
    public LowBalanceNotices(SourceAccountRepository accounts, Function<UUID, Optional<String>> notificationUrls,
                             WebhookDelivery webhooks, VirtualClock clock) {
        this.accounts = accounts;
        this.notificationUrls = notificationUrls;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    /** After a committed balance change of {@code sourceAccountId}. */
    public void check(UUID sourceAccountId) {
        Optional<SourceAccount> found = accounts.find(sourceAccountId);
        if (found.isEmpty() || found.get().minimumBalance() == null) {
            return;
        }
        SourceAccount a = found.get();
        if (a.balance() >= a.minimumBalance()) {
            accounts.clearBelowMinimum(sourceAccountId);
        } else if (accounts.markBelowMinimum(sourceAccountId)) {
            notificationUrls.apply(a.payorId()).ifPresent(url -> {
                ObjectNode body = Json.mapper().createObjectNode()
                        .put("event", EVENT)
                        .put("payorId", a.payorId().toString())
                        .put("sourceAccountId", a.id().toString())
                        .put("sourceAccountName", a.name())
                        .put("currency", a.currency())
                        .put("balance", a.balance())
                        .put("minimumBalance", a.minimumBalance())
                        .put("createdAt", dev.standin.core.clock.Timestamps.millis(clock.now()));
                webhooks.deliver(VeloModule.NAME, EVENT, url, Map.of(), body, Duration.ZERO, POLICY);
            });
        }
    }
}
