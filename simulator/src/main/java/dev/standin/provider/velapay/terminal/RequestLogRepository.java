package dev.standin.provider.velapay.terminal;

import dev.standin.db.terminals.tables.records.RequestLogRecord;
import org.jooq.DSLContext;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.standin.db.terminals.Tables.REQUEST_LOG;

/**
 * Every request a terminal answered, with its result, the oldest dropped beyond the terminal's log size.
 * How many entries each terminal holds is counted here (from one count at its first entry), so an
 * entry costs an insert, and at the bound a delete of the oldest: counting the log on every request
 * took most of a terminal request's time (a thousand entries walked each time). On a database several
 * instances share, whose terminals of one id write to the same log, it is counted every time instead.
 * Reads order by the terminal id first (a constant there): H2 then walks the index on (terminal_id,
 * created, log_id) in order instead of sorting every entry of the terminal.
 */
final class RequestLogRepository {
    private final DSLContext dsl;
    private final boolean countEachTime;
    private final Map<String, AtomicInteger> sizes = new ConcurrentHashMap<>();

    RequestLogRepository(DSLContext dsl, boolean countEachTime) {
        this.dsl = dsl;
        this.countEachTime = countEachTime;
    }

    /** Records one answer and drops the terminal's oldest entries beyond {@code keep}, as a device's log does. */
    void insert(String logId, TerminalConfig t, long createdMillis, String requestType, String request, String response, int keep) {
        AtomicInteger size = countEachTime ? null : sizes.computeIfAbsent(t.id(), id -> new AtomicInteger(count(id)));
        dsl.insertInto(REQUEST_LOG)
                .set(REQUEST_LOG.LOG_ID, logId)
                .set(REQUEST_LOG.TERMINAL_ID, t.id())
                .set(REQUEST_LOG.MERCHANT_ID, t.merchantId())
                .set(REQUEST_LOG.CREATED, createdMillis)
                .set(REQUEST_LOG.REQUEST_TYPE, requestType)
                .set(REQUEST_LOG.REQUEST, request)
                .set(REQUEST_LOG.RESPONSE, response)
                .execute();
        int count = size == null ? count(t.id()) : size.incrementAndGet();
        if (count > keep) {
            List<String> oldest = dsl.select(REQUEST_LOG.LOG_ID).from(REQUEST_LOG).where(REQUEST_LOG.TERMINAL_ID.eq(t.id()))
                    .orderBy(REQUEST_LOG.TERMINAL_ID, REQUEST_LOG.CREATED, REQUEST_LOG.LOG_ID).limit(count - keep).fetch(REQUEST_LOG.LOG_ID);
            int deleted = dsl.deleteFrom(REQUEST_LOG).where(REQUEST_LOG.LOG_ID.in(oldest)).execute();
            if (size != null) {
                size.addAndGet(-deleted);
            }
        }
    }

    private int count(String terminalId) {
        return dsl.fetchCount(REQUEST_LOG, REQUEST_LOG.TERMINAL_ID.eq(terminalId));
    }

    /** After the provider's tables were emptied (a reset): every terminal's count starts again. */
    void forgetSizes() {
        sizes.clear();
    }

    Optional<RequestLogRecord> find(String terminalId, String logId) {
        return dsl.selectFrom(REQUEST_LOG).where(REQUEST_LOG.TERMINAL_ID.eq(terminalId).and(REQUEST_LOG.LOG_ID.eq(logId))).fetchOptional();
    }

    /** One page of the entries created since {@code createdSince}, oldest first. */
    List<RequestLogRecord> since(String terminalId, long createdSince, int offset, int limit) {
        return dsl.selectFrom(REQUEST_LOG).where(REQUEST_LOG.TERMINAL_ID.eq(terminalId).and(REQUEST_LOG.CREATED.ge(createdSince)))
                .orderBy(REQUEST_LOG.TERMINAL_ID, REQUEST_LOG.CREATED, REQUEST_LOG.LOG_ID).limit(limit).offset(offset).fetch();
    }

    int countSince(String terminalId, long createdSince) {
        return dsl.fetchCount(REQUEST_LOG, REQUEST_LOG.TERMINAL_ID.eq(terminalId).and(REQUEST_LOG.CREATED.ge(createdSince)));
    }

    int clear(String terminalId) {
        int cleared = dsl.deleteFrom(REQUEST_LOG).where(REQUEST_LOG.TERMINAL_ID.eq(terminalId)).execute();
        sizes.remove(terminalId);
        return cleared;
    }
}
