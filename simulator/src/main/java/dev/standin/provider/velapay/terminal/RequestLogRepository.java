package dev.standin.provider.velapay.terminal;

import dev.standin.db.terminals.tables.records.RequestLogRecord;
import org.jooq.DSLContext;

import java.util.List;
import java.util.Optional;

import static dev.standin.db.terminals.Tables.REQUEST_LOG;

/** Every request a terminal answered, with its result. */
final class RequestLogRepository {
    private final DSLContext dsl;

    RequestLogRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Records one answer and drops the terminal's oldest entries beyond {@code keep}, as a device's log does. */
    void insert(String logId, TerminalConfig t, long createdMillis, String requestType, String request, String response, int keep) {
        dsl.insertInto(REQUEST_LOG)
                .set(REQUEST_LOG.LOG_ID, logId)
                .set(REQUEST_LOG.TERMINAL_ID, t.id())
                .set(REQUEST_LOG.MERCHANT_ID, t.merchantId())
                .set(REQUEST_LOG.CREATED, createdMillis)
                .set(REQUEST_LOG.REQUEST_TYPE, requestType)
                .set(REQUEST_LOG.REQUEST, request)
                .set(REQUEST_LOG.RESPONSE, response)
                .execute();
        int count = dsl.fetchCount(REQUEST_LOG, REQUEST_LOG.TERMINAL_ID.eq(t.id()));
        if (count > keep) {
            List<String> oldest = dsl.select(REQUEST_LOG.LOG_ID).from(REQUEST_LOG).where(REQUEST_LOG.TERMINAL_ID.eq(t.id()))
                    .orderBy(REQUEST_LOG.CREATED, REQUEST_LOG.LOG_ID).limit(count - keep).fetch(REQUEST_LOG.LOG_ID);
            dsl.deleteFrom(REQUEST_LOG).where(REQUEST_LOG.LOG_ID.in(oldest)).execute();
        }
    }

    Optional<RequestLogRecord> find(String terminalId, String logId) {
        return dsl.selectFrom(REQUEST_LOG).where(REQUEST_LOG.TERMINAL_ID.eq(terminalId).and(REQUEST_LOG.LOG_ID.eq(logId))).fetchOptional();
    }

    /** One page of the entries created since {@code createdSince}, oldest first. */
    List<RequestLogRecord> since(String terminalId, long createdSince, int offset, int limit) {
        return dsl.selectFrom(REQUEST_LOG).where(REQUEST_LOG.TERMINAL_ID.eq(terminalId).and(REQUEST_LOG.CREATED.ge(createdSince)))
                .orderBy(REQUEST_LOG.CREATED, REQUEST_LOG.LOG_ID).limit(limit).offset(offset).fetch();
    }

    int countSince(String terminalId, long createdSince) {
        return dsl.fetchCount(REQUEST_LOG, REQUEST_LOG.TERMINAL_ID.eq(terminalId).and(REQUEST_LOG.CREATED.ge(createdSince)));
    }

    int clear(String terminalId) {
        return dsl.deleteFrom(REQUEST_LOG).where(REQUEST_LOG.TERMINAL_ID.eq(terminalId)).execute();
    }
}
