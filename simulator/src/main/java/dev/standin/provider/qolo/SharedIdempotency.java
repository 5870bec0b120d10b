package dev.standin.provider.qolo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.http.Admission;
import dev.standin.core.store.Database;
import dev.standin.db.qolo.tables.records.IdempotencyRecord;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.function.Supplier;

import static dev.standin.db.qolo.Tables.IDEMPOTENCY;

/**
 * Idempotency keys as rows of {@code qolo.idempotency}, for instances sharing a PostgreSQL database:
 * the request that inserts a key's row (with its body's {@link RequestDigest}, in hex) runs, then stores
 * its answer; a retry with the same digest on any instance answers
 * that, or waits for it while it is in progress (a row left in progress for a minute by an instance
 * that died is taken over). A failure deletes the row, as the in-memory store forgets the key. Expired
 * rows are deleted once a virtual minute by whichever request comes (one statement over the table):
 * before, an expired key stayed until a retry of the same key or a reset, so the table grew with every
 * key ever used.
 */
final class SharedIdempotency {
    private static final Duration ABANDONED = Duration.ofMinutes(1);
    private static final long WAIT_NANOS = 60_000_000_000L; // real time, however the virtual clock moves
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private final Database database;
    private final VirtualClock clock;
    private volatile OffsetDateTime nextPurge = OffsetDateTime.MIN;

    SharedIdempotency(Database database, VirtualClock clock) {
        this.database = database;
        this.clock = clock;
    }

    Idempotency.Answer run(String program, String key, JsonNode request, Supplier<Idempotency.Answer> create) {
        String digest = HexFormat.of().formatHex(RequestDigest.of(request));
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (true) {
            OffsetDateTime now = OffsetDateTime.ofInstant(clock.now(), ZoneOffset.UTC);
            purgeExpired(now);
            database.dsl().deleteFrom(IDEMPOTENCY).where(IDEMPOTENCY.PROGRAM_GUID.eq(program), IDEMPOTENCY.IDEM_KEY.eq(key),
                    IDEMPOTENCY.EXPIRES_AT.le(now).or(IDEMPOTENCY.STATUS.isNull().and(IDEMPOTENCY.CLAIMED_AT.le(now.minus(ABANDONED)))))
                    .execute();
            int claimed = database.dsl().insertInto(IDEMPOTENCY, IDEMPOTENCY.PROGRAM_GUID, IDEMPOTENCY.IDEM_KEY, IDEMPOTENCY.REQUEST,
                            IDEMPOTENCY.CLAIMED_AT, IDEMPOTENCY.EXPIRES_AT)
                    .values(program, key, digest, now, now.plus(Idempotency.LIFETIME)).onConflictDoNothing().execute();
            if (claimed == 1) {
                return answer(program, key, create);
            }
            IdempotencyRecord existing = database.dsl().selectFrom(IDEMPOTENCY)
                    .where(IDEMPOTENCY.PROGRAM_GUID.eq(program), IDEMPOTENCY.IDEM_KEY.eq(key)).fetchOne();
            if (existing == null) {
                continue; // expired or failed meanwhile: claim it again
            }
            if (!digest.equals(existing.getRequest())) {
                throw Idempotency.conflict(key);
            }
            if (existing.getStatus() != null) {
                return new Idempotency.Answer(existing.getStatus(), existing.getBody().getBytes(StandardCharsets.UTF_8));
            }
            if (System.nanoTime() - deadline > 0) {
                throw Idempotency.inProgress();
            }
            sleep();
        }
    }

    private Idempotency.Answer answer(String program, String key, Supplier<Idempotency.Answer> create) {
        try {
            Idempotency.Answer answer = create.get();
            database.dsl().update(IDEMPOTENCY).set(IDEMPOTENCY.STATUS, answer.status())
                    .set(IDEMPOTENCY.BODY, new String(answer.json(), StandardCharsets.UTF_8))
                    .where(IDEMPOTENCY.PROGRAM_GUID.eq(program), IDEMPOTENCY.IDEM_KEY.eq(key)).execute();
            return answer;
        } catch (RuntimeException e) {
            database.dsl().deleteFrom(IDEMPOTENCY).where(IDEMPOTENCY.PROGRAM_GUID.eq(program), IDEMPOTENCY.IDEM_KEY.eq(key)).execute();
            throw e;
        }
    }

    private void purgeExpired(OffsetDateTime now) {
        if (now.isBefore(nextPurge)) {
            return;
        }
        nextPurge = now.plus(PURGE_EVERY);
        database.dsl().deleteFrom(IDEMPOTENCY).where(IDEMPOTENCY.EXPIRES_AT.le(now)).execute();
    }

    /** The keys stored, expired ones not yet deleted included (as the in-memory store counts them). */
    int size() {
        return database.dsl().fetchCount(IDEMPOTENCY);
    }

    void clear() {
        database.dsl().deleteFrom(IDEMPOTENCY).execute();
    }

    private static void sleep() {
        try (Admission.Away away = Admission.stepAside()) {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Idempotency.inProgress();
        }
    }
}
