package dev.standin.provider.velapay.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.id.IdGenerator;
import dev.standin.db.terminals.tables.records.TxnRecord;
import org.jooq.DSLContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.standin.db.terminals.Tables.PRINTOUT;

/**
 * The terminal's printer: receipts (after a payment with {@code printReceipt: "true"}, or
 * {@code requestType: print, printType: receipt} with a {@code referenceNumber}) and custom templates
 * ({@code printType: custom, template: "... {{name}} ...", data: {name: ...}}). Printouts are kept as
 * text for the control API.
 */
final class Printer {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

    private final DSLContext dsl;
    private final TransactionRepository txns;
    private final VirtualClock clock;
    private final IdGenerator ids;

    Printer(DSLContext dsl, TransactionRepository txns, VirtualClock clock, IdGenerator ids) {
        this.dsl = dsl;
        this.txns = txns;
        this.clock = clock;
        this.ids = ids;
    }

    Map<String, Object> handle(Terminal terminal, JsonNode r) {
        String type = TerminalHandler.text(r, "printType");
        if (type == null) {
            throw TerminalError.missing("printType");
        }
        String printoutId = switch (type) {
            case "receipt" -> {
                String ref = TerminalHandler.text(r, "referenceNumber");
                if (ref == null) {
                    throw TerminalError.missing("referenceNumber");
                }
                TxnRecord t = txns.byReference(terminal.config().id(), ref)
                        .orElseThrow(() -> TerminalError.invalid("referenceNumber", "no transaction with reference " + ref));
                yield receipt(terminal, t, TerminalHandler.text(r, "company"));
            }
            case "custom" -> {
                String template = TerminalHandler.text(r, "template");
                if (template == null) {
                    throw TerminalError.missing("template");
                }
                JsonNode data = r.path("data");
                if (!data.isMissingNode() && !data.isNull() && !data.isObject()) {
                    throw TerminalError.invalid("data", "must be an object of placeholder values, was " + data.getNodeType().name().toLowerCase(Locale.ROOT));
                }
                yield print(terminal, "custom", fill(template, data));
            }
            default -> throw TerminalError.invalid("printType", "'" + type + "' is not 'receipt' or 'custom'");
        };
        return Map.of("printoutId", printoutId);
    }

    /** Prints a transaction's receipt; answers the printout id. */
    String receipt(Terminal terminal, TxnRecord t, String company) {
        StringBuilder s = new StringBuilder();
        if (company != null) {
            s.append(company).append('\n');
        }
        s.append("MERCHANT ").append(terminal.config().merchantId()).append("  TERMINAL ").append(terminal.config().id()).append('\n')
                .append(clock.now()).append('\n')
                .append(t.getTransactionType()).append(' ').append(t.getTenderType().toUpperCase(Locale.ROOT)).append('\n');
        if (t.getCardNumber() != null) {
            s.append(t.getCardType()).append(' ').append(t.getCardNumber()).append(' ').append(t.getCardEntry()).append('\n');
        }
        s.append("AMOUNT ").append(t.getAmountRequest()).append('\n')
                .append("TIP ").append(t.getAmountTip()).append('\n')
                .append("TOTAL ").append(t.getAmount()).append('\n')
                .append(t.getPaymentStatus()).append(t.getAuthCode().isEmpty() ? "" : "  AUTH " + t.getAuthCode()).append('\n')
                .append("REF ").append(t.getReferenceNumber()).append("  BATCH ").append(t.getBatchId()).append('\n');
        return print(terminal, "receipt", s.toString());
    }

    List<Map<String, Object>> printouts(String terminalId) {
        return dsl.selectFrom(PRINTOUT).where(PRINTOUT.TERMINAL_ID.eq(terminalId)).orderBy(PRINTOUT.CREATED.desc(), PRINTOUT.PRINTOUT_ID.desc())
                .fetch(p -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("printoutId", p.getPrintoutId());
                    out.put("created", p.getCreated());
                    out.put("kind", p.getKind());
                    out.put("text", p.getText());
                    return out;
                });
    }

    private String print(Terminal terminal, String kind, String text) {
        String id = "PRN" + ids.digits(9);
        dsl.insertInto(PRINTOUT).set(PRINTOUT.PRINTOUT_ID, id).set(PRINTOUT.TERMINAL_ID, terminal.config().id())
                .set(PRINTOUT.CREATED, clock.epochMillis()).set(PRINTOUT.KIND, kind).set(PRINTOUT.TEXT, text).execute();
        return id;
    }

    private static String fill(String template, JsonNode data) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode v = data.path(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v.isMissingNode() || v.isNull() ? "" : v.asText()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
