package dev.standin.provider.qolo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.http.Admission;
import dev.standin.core.http.ApiError;
import dev.standin.core.json.Json;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The {@code IdempotencyKey} of creating POSTs, per program: the first request with a key runs and its
 * answer (status and body) is kept for 24 hours of virtual time; a retry with the same body answers it
 * again and creates nothing; the same key with another body answers 409; a request arriving while the
 * first still runs waits for it and answers the same. A first request that fails keeps nothing, so it
 * may be retried.
 * <p>
 * A kept key holds the answer as the JSON bytes it was sent as and the request as a digest: kept as
 * trees (the request's, and the answer's maps), they were about a thousand of the 3,469 heap bytes a
 * created card left (bench/capacity.sh), every one of them alive for a virtual day.
 */
final class Idempotency {
    static final Duration LIFETIME = Duration.ofHours(24);

    /** A kept answer: its status and JSON body. */
    record Answer(int status, byte[] json) {
        /** {@code body} written as the server writes JSON. */
        static Answer of(int status, Object body) {
            try {
                return new Answer(status, Json.mapper().writeValueAsBytes(body));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write an answer as JSON", e);
            }
        }
    }

    private record Entry(byte[] request, CompletableFuture<Answer> answer, Instant expires) {
    }

    private record Kept(String id, Entry entry) {
    }

    private final VirtualClock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** The kept keys in the order they were kept, which is the order they expire in (one lifetime for all). */
    private final Queue<Kept> kept = new ConcurrentLinkedQueue<>();
    /** Set on a database several instances share: the keys are rows there. */
    private final SharedIdempotency shared;

    Idempotency(VirtualClock clock, dev.standin.core.store.Database database) {
        this.clock = clock;
        this.shared = database.sharedByInstances() ? new SharedIdempotency(database, clock) : null;
    }

    static ApiError conflict(String key) {
        return new ApiError(409, "IDEMPOTENCY_CONFLICT", "IdempotencyKey " + key
                + " was already used with a different request body; use a new key for a new request", "IdempotencyKey", "header");
    }

    static ApiError inProgress() {
        return new ApiError(409, "IDEMPOTENCY_IN_PROGRESS", "A request with this IdempotencyKey is still in progress", "IdempotencyKey", "header");
    }

    Answer run(String program, String key, JsonNode body, Supplier<Answer> create) {
        if (key == null || key.isBlank()) {
            return create.get();
        }
        if (key.length() > 255) {
            throw new ApiError(400, "INVALID_VALUE", "IdempotencyKey: must be at most 255 characters", "IdempotencyKey", "header");
        }
        if (shared != null) {
            return shared.run(program, key, body, create);
        }
        byte[] request = RequestDigest.of(body);
        Instant now = clock.now();
        String id = program + "\n" + key;
        Entry mine = new Entry(request, new CompletableFuture<>(), now.plus(LIFETIME));
        Entry existing = entries.compute(id, (k, old) -> old == null || !old.expires().isAfter(now) ? mine : old);
        if (existing != mine) {
            if (!MessageDigest.isEqual(existing.request(), request)) {
                throw conflict(key);
            }
            return await(existing);
        }
        try {
            Answer answer = create.get();
            mine.answer().complete(answer);
            kept.add(new Kept(id, mine));
            purge(now);
            return answer;
        } catch (RuntimeException e) {
            entries.remove(id, mine);
            mine.answer().completeExceptionally(e);
            throw e;
        }
    }

    private static Answer await(Entry entry) {
        try (Admission.Away away = Admission.stepAside()) {
            return entry.answer().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw inProgress();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Drops the expired keys from the oldest on, stopping at the first still alive: each key is looked at
     * once however many are kept (scanning them all on every request once 10,000 were kept made a
     * creation's cost grow with the keys in store: a sixth of its CPU at 20,000 keys).
     */
    private void purge(Instant now) {
        for (Kept head = kept.peek(); head != null && !head.entry().expires().isAfter(now); head = kept.peek()) {
            if (kept.remove(head)) {
                entries.remove(head.id(), head.entry());
            }
        }
    }

    int size() {
        return shared != null ? shared.size() : entries.size();
    }

    void clear() {
        if (shared != null) {
            shared.clear();
        }
        entries.clear();
        kept.clear();
    }
}
