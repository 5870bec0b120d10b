package dev.standin.core.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.Lazy;
import dev.standin.core.clock.Scheduler;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.rules.Rule;
import dev.standin.core.rules.RuleEngine;
import dev.standin.core.rules.RuleEvent;
import dev.standin.core.store.Database;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The shared webhook delivery: each delivery is a queue of attempts on the virtual clock. An
 * attempt POSTs the JSON body asynchronously (an API answer never waits for a subscriber); a 2xx
 * within the policy's acknowledgement timeout delivers it, anything else schedules the next retry,
 * and after the last retry it is given up. Rules on the {@code webhook.deliver} event can fail an
 * attempt ({@code outcome: {type: fail}}), duplicate it ({@code duplicate}), delay or hold it.
 * <p>
 * On a database several instances share, the log is rows ({@link StoredWebhookLog}) and each attempt
 * a stored step: whichever instance claims it makes the attempt, the log is the same on every one,
 * and a delivery outlives the instance that queued it.
 */
public final class WebhookDelivery {
    public static final String EVENT = "webhook.deliver";
    /** Rules on any provider's webhook delivery: fail an attempt, or deliver it twice. */
    public static final RuleEvent RULE_EVENT = new RuleEvent(EVENT, Map.of("fail", Set.of(), "duplicate", Set.of()));

    /** One attempt: when, the status answered (null when none) and how long it took. */
    public record Attempt(int number, Instant at, Integer status, long latencyMs, String error) {
    }

    /** A delivery as the control API shows it. */
    public record View(long id, String provider, String event, String url, String state, List<Attempt> attempts,
                       Instant nextAttemptAt, JsonNode body) {
    }

    private final VirtualClock clock;
    private final Scheduler scheduler;
    private final RuleEngine rules;
    private final java.util.function.Supplier<WebhookPolicy> rulePolicy;
    /**
     * One client with a small fixed pool for its completions: the default executor is unbounded, and a
     * soak with a dead subscriber grew it to about 300 threads (and the RSS with their stacks). Shared by
     * every sandbox: a sandbox costs no client and no threads of its own. Made at the first delivery: a
     * client (the first one made initialises TLS) cost start-up about 25 ms and a selector thread.
     */
    private static final Lazy<HttpClient> http = new Lazy<>(() -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "standin-webhooks");
                t.setDaemon(true);
                return t;
            }))
            .build());
    private static final String ATTEMPT_STEP = "webhook.attempt";
    /** Shared: a step stored while an attempt is in flight, which records it as lost if its instance died first. */
    private static final String GUARD_STEP = "webhook.guard";
    /** This instance's id among those sharing the database (the top bits of its delivery ids). */
    private volatile long instance;
    private final WebhookLog log;
    private final Database database;
    private final AtomicLong ids = new AtomicLong();

    /** {@code rulePolicy}: the policy of scenario webhooks, read at each delivery (settings.webhooks may change it). */
    public WebhookDelivery(VirtualClock clock, Scheduler scheduler, RuleEngine rules, Database database,
                           java.util.function.Supplier<WebhookPolicy> rulePolicy) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.rules = rules;
        this.rulePolicy = rulePolicy;
        this.database = database;
        this.log = WebhookLog.of(database);
        scheduler.register(ATTEMPT_STEP, id -> log.find(Long.parseLong(id)).ifPresent(this::attempt));
        scheduler.register(GUARD_STEP, this::guard);
    }

    /** Delivery ids from {@code floor} on (an instance's own range, its start count shifted 40 bits, when instances share the log). */
    public void startIdsAt(long floor) {
        ids.accumulateAndGet(floor, Math::max);
        instance = floor >> 40;
    }

    /** Deliveries the webhook log holds (bounded: the oldest fall off). */
    public int size() {
        return log.size();
    }

    /** Queues a delivery: its first attempt runs {@code delay} from now on the virtual clock. */
    public View deliver(String provider, String event, String url, Map<String, String> headers, JsonNode body,
                        Duration delay, WebhookPolicy policy) {
        Map<String, String> signed = new LinkedHashMap<>(headers); // the signature of a body never changes: signed once, for every attempt
        signed.putAll(policy.signer().apply(body.toString().getBytes(StandardCharsets.UTF_8)));
        Delivery d = new Delivery(ids.incrementAndGet(), provider, event, url, signed, body, policy.ackTimeout(),
                policy.retryDelays(), clock.now());
        d.nextAttemptAt = clock.now().plus(delay);
        log.add(d);
        queueAttempt(d, delay);
        return d.view();
    }

    /** A scenario rule's webhook effect. */
    public void sendFromRule(String provider, Rule rule, String url, Map<String, String> headers, JsonNode body, Duration delay) {
        deliver(provider, "rule:" + rule.name(), url, headers, body, delay, rulePolicy.get());
    }

    /** Newest first. */
    public List<View> list() {
        return log.recent().stream().map(Delivery::view).toList();
    }

    /** Another round of attempts for a delivery, starting now. */
    public Optional<View> redeliver(long id) {
        Optional<Delivery> found = log.find(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Delivery d = found.get();
        synchronized (d) {
            d.state = "PENDING";
            d.failedInRow = 0;
        }
        schedule(d, Duration.ZERO);
        return Optional.of(d.view());
    }

    public void clear() {
        log.clear();
    }

    private void schedule(Delivery d, Duration delay) {
        synchronized (d) {
            d.nextAttemptAt = clock.now().plus(delay);
        }
        log.saved(d);
        queueAttempt(d, delay);
    }

    /** The next attempt: an event of this instance, or (shared) a stored step any instance may claim. */
    private void queueAttempt(Delivery d, Duration delay) {
        if (log.shared()) {
            scheduler.save(database.dsl(), scheduler.prepare(d.provider, ATTEMPT_STEP, Long.toString(d.id), "webhook " + d.id, delay));
        } else {
            scheduler.schedule(d.provider, "webhook " + d.id, delay, () -> attempt(d));
        }
    }

    private void attempt(Delivery d) {
        Map<String, Object> entity = Map.of("url", d.url, "event", d.event, "attempt", d.attempts.size() + 1);
        Optional<Rule> rule = rules.matchEvent(d.provider, EVENT, null, entity);
        if (rule.isPresent()) {
            Rule.Effect e = rule.get().effect();
            if (e.hold()) {
                rules.holds().hold(rule.get(), d.provider, EVENT, "webhook " + d.id + " to " + d.url, () -> send(d));
                return;
            }
            if (e.delays()) {
                scheduler.schedule(d.provider, "webhook " + d.id + " (delayed)", rules.delayOf(e), () -> send(d));
                return;
            }
            String outcome = e.outcome() == null ? "" : e.outcome().path("type").asText();
            if (outcome.equals("fail")) {
                record(d, clock.now(), null, 0, "failed by rule " + rule.get().name());
                return;
            }
            if (outcome.equals("duplicate")) {
                send(d);
            }
        }
        send(d);
    }

    private void send(Delivery d) {
        byte[] payload = d.body.toString().getBytes(StandardCharsets.UTF_8);
        Instant at = clock.now();
        long started = System.nanoTime();
        HttpRequest built;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(d.url))
                    .timeout(d.ackTimeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(payload));
            d.headers.forEach(request::header);
            built = request.build();
        } catch (IllegalArgumentException e) {
            record(d, at, null, 0, "bad request: " + e.getMessage());
            return;
        }
        Scheduler.Stored guard = null;
        if (log.shared()) { // the answer comes back to this instance only: if it dies first, another records the attempt as lost
            guard = scheduler.prepare(d.provider, GUARD_STEP, d.id + ":" + instance + ":" + d.attemptCount(),
                    "webhook " + d.id + " in flight", d.ackTimeout.plusSeconds(1));
            scheduler.save(database.dsl(), guard);
        }
        Scheduler.Stored sent = guard;
        http.get().sendAsync(built, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (sent != null) {
                scheduler.unsave(sent);
            }
            long latency = (System.nanoTime() - started) / 1_000_000;
            if (error != null) {
                record(d, at, null, latency, error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage()));
            } else {
                record(d, at, response.statusCode(), latency, null);
            }
        });
    }

    /**
     * An attempt's guard fell due ({@code subject}: delivery, sending instance, attempts before it): if
     * the attempt was recorded meanwhile, nothing; if its instance is alive, the answer is still to come
     * (the virtual clock ran ahead of the real one): look again later; else it is recorded as lost, and
     * the delivery goes on with its next retry here.
     */
    private void guard(String subject) {
        String[] parts = subject.split(":");
        long sender = Long.parseLong(parts[1]);
        int before = Integer.parseInt(parts[2]);
        log.find(Long.parseLong(parts[0])).filter(d -> d.attemptCount() == before).ifPresent(d -> {
            if (dev.standin.core.store.InstanceRegistry.isAlive(database, sender)) {
                scheduler.save(database.dsl(), scheduler.prepare(d.provider, GUARD_STEP, subject, "webhook " + d.id + " in flight",
                        d.ackTimeout.plusSeconds(1)));
            } else {
                record(d, clock.now(), null, 0, "the instance that sent this attempt stopped before its answer came");
            }
        });
    }

    private void record(Delivery d, Instant at, Integer status, long latencyMs, String error) {
        boolean ok = status != null && status >= 200 && status < 300;
        Duration retryIn = null;
        synchronized (d) {
            d.attempts.add(new Attempt(d.attempts.size() + 1, at, status, latencyMs, error));
            if (ok) {
                d.state = "DELIVERED";
                d.nextAttemptAt = null;
            } else if (d.failedInRow < d.retryDelays.size()) {
                retryIn = d.retryDelays.get(d.failedInRow);
                d.failedInRow++;
                d.state = "RETRYING";
            } else {
                d.state = "GAVE_UP";
                d.nextAttemptAt = null;
            }
        }
        if (retryIn != null) {
            schedule(d, retryIn);
        } else {
            log.saved(d);
        }
    }
}
