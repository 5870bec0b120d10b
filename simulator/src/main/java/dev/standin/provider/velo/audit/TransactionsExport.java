package dev.standin.provider.velo.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.standin.provider.velo.VeloPage;
import dev.standin.provider.velo.auth.AuthService;
import dev.standin.provider.velo.auth.VeloPrincipal;
import dev.standin.provider.velo.payout.Payment;
import io.javalin.http.Context;

import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /v4/paymentaudit/transactions}: the payor's payments submitted in a date range
 * ({@code startDate} or {@code submittedDateFrom}, and {@code endDate}, both inclusive, yyyy-MM-dd),
 * as CSV ({@code application/csv}, one header row), oldest first; 204 when there are none. The
 * document names no columns: these are the v4 payment's own fields, in its words.
 */
public final class TransactionsExport {
    static final List<String> COLUMNS = List.of("paymentId", "payoutId", "payorPaymentId", "remoteId", "payeeId",
            "status", "submittedDateTime", "sourceAccountName", "sourceAmount", "sourceCurrency", "paymentAmount",
            "paymentCurrency", "rate", "paymentMemo", "railsId");
    /** The most rows one export answers (Standin's bound). */
    static final int MAX_ROWS = 100_000;
    /** Quotes only the values that need it (a comma, a quote, a line break). */
    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(com.fasterxml.jackson.dataformat.csv.CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    private final AuthService auth;
    private final AuditRepository audit;

    public TransactionsExport(AuthService auth, AuditRepository audit) {
        this.auth = auth;
        this.audit = audit;
    }

    public void export(Context ctx) {
        VeloPrincipal caller = auth.require(ctx);
        AuditQuery q = new AuditQuery(ctx);
        caller.requireOwn(java.util.Objects.toString(q.uuid("payorId"), null), "queryParam", true);
        OffsetDateTime from = q.text("startDate") != null ? q.date("startDate", false) : q.date("submittedDateFrom", false);
        OffsetDateTime to = q.date("endDate", true);
        q.throwIfAny();
        AuditRepository.PaymentFilter filter = new AuditRepository.PaymentFilter(caller.payorId(), null, null, null, null,
                null, null, null, null, null, null, null, from, to, null, null, null);
        List<AuditRepository.PaymentRow> rows = audit.payments(filter,
                new VeloPage(1, MAX_ROWS, List.of(new VeloPage.Sort("submittedDateTime", true)))).rows();
        if (rows.isEmpty()) {
            ctx.status(204);
            return;
        }
        ctx.contentType("application/csv").result(csv(rows));
    }

    static String csv(List<AuditRepository.PaymentRow> rows) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        COLUMNS.forEach(schema::addColumn);
        List<List<String>> lines = new ArrayList<>();
        for (AuditRepository.PaymentRow r : rows) {
            Payment p = r.payment();
            lines.add(java.util.Arrays.asList(p.paymentId().toString(), p.payoutId().toString(), text(p.payorPaymentId()),
                    text(p.remoteId()), p.payeeId() == null ? "" : p.payeeId().toString(),
                    AuditViews.Version.V4.status(p.status()), AuditViews.instant(r.submitted()), text(p.sourceAccountName()),
                    p.sourceAmount() == null ? "" : p.sourceAmount().toString(), text(p.sourceCurrency()),
                    Long.toString(p.amount()), text(p.currency()), p.rate() == null ? "" : p.rate().toPlainString(),
                    text(p.paymentMemo()), r.railsId() == null ? "SIM" : r.railsId()));
        }
        try {
            return CSV.writer(schema.build()).writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
