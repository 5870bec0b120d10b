package dev.standin.provider.velapay.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.id.IdGenerator;
import dev.standin.db.terminals.tables.records.TxnRecord;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code requestType: payment}. Sale, auth and return wait for the customer at the device (the
 * HTTP call stays open, as on a real terminal); capture, void and adjust work on an earlier
 * transaction by {@code referenceNumber}; batch settles the current batch and opens the next.
 */
final class Payments {

    private final TransactionRepository txns;
    private final Printer printer;
    private final VirtualClock clock;
    private final IdGenerator ids;

    Payments(TransactionRepository txns, Printer printer, VirtualClock clock, IdGenerator ids) {
        this.txns = txns;
        this.printer = printer;
        this.clock = clock;
        this.ids = ids;
    }

    Map<String, Object> handle(Terminal terminal, JsonNode json) {
        PaymentRequest r = PaymentRequest.of(json, terminal);
        TerminalDevice device = terminal.device();
        if (r.interactive()) {
            TerminalDevice.Flow flow = device.start(r);
            return record(terminal, r, flow.await());
        }
        if (device.busy()) {
            throw new TerminalError(409, "Another transaction in process");
        }
        return switch (r.type()) {
            case "capture" -> capture(terminal, r);
            case "void" -> voidTxn(terminal, r);
            case "adjust" -> adjust(terminal, r);
            default -> batch(terminal);
        };
    }

    private Map<String, Object> record(Terminal terminal, PaymentRequest r, TerminalDevice.Outcome o) {
        BigDecimal tip = o.tip() == null ? BigDecimal.ZERO.setScale(2) : o.tip();
        TxnRecord t = newTxn(terminal, r.type().toUpperCase(Locale.ROOT), o.tender() == null ? "credit" : o.tender(),
                o.verdict(), r.amount().add(tip), tip, r.amount(), r.invoiceNumber());
        if (o.card() != null) {
            t.setCardType(o.card().brand());
            t.setCardNumber(o.card().masked());
            t.setCardEntry(o.card().entry());
            t.setCardHolder(o.card().holder());
        }
        txns.insert(t);
        Map<String, Object> out = response(terminal, t, o.verdict());
        if (o.verdict().approved() && Boolean.TRUE.equals(terminal.settings().get("tokenization")) && o.card() != null) {
            out.put("token", "tok_" + ids.alphanumeric(24));
            out.put("token2", "tok2_" + ids.alphanumeric(16));
        }
        if (o.signed()) {
            out.put("signatureData", ScreenImage.signature(o.card() == null ? "" : o.card().holder()));
        }
        if (r.printReceipt() && o.card() != null) {
            printer.receipt(terminal, t, r.company());
        }
        return out;
    }

    private Map<String, Object> capture(Terminal terminal, PaymentRequest r) {
        TxnRecord auth = open(terminal, r.referenceNumber(), List.of("AUTH"));
        if (auth.getCaptured() || !txns.mark(auth.getTransactionId(), false)) {
            throw new TerminalError(409, "Authorization " + r.referenceNumber() + " is already captured");
        }
        BigDecimal amount = r.amount() != null ? r.amount() : auth.getAmount();
        return follow(terminal, auth, "CAPTURE", amount, auth.getAmountTip());
    }

    private Map<String, Object> voidTxn(Terminal terminal, PaymentRequest r) {
        TxnRecord original = open(terminal, r.referenceNumber(), List.of("SALE", "AUTH", "CAPTURE", "RETURN"));
        if (!txns.mark(original.getTransactionId(), true)) {
            throw new TerminalError(409, "Transaction " + r.referenceNumber() + " is already voided");
        }
        return follow(terminal, original, "VOID", original.getAmount(), original.getAmountTip());
    }

    private Map<String, Object> adjust(Terminal terminal, PaymentRequest r) {
        TxnRecord sale = open(terminal, r.referenceNumber(), List.of("SALE", "CAPTURE"));
        if (r.presetTip() == null) {
            throw TerminalError.missing("amountTip");
        }
        BigDecimal amount = sale.getAmountRequest().add(r.presetTip());
        txns.adjustTip(sale.getTransactionId(), r.presetTip(), amount);
        return follow(terminal, sale, "ADJUST", amount, r.presetTip());
    }

    private Map<String, Object> follow(Terminal terminal, TxnRecord original, String type, BigDecimal amount, BigDecimal tip) {
        TxnRecord t = newTxn(terminal, type, original.getTenderType(), Processor.APPROVED, amount, tip, original.getAmountRequest(),
                original.getInvoiceNumber());
        t.setOriginalReference(original.getReferenceNumber());
        t.setCardType(original.getCardType());
        t.setCardNumber(original.getCardNumber());
        t.setCardEntry(original.getCardEntry());
        t.setCardHolder(original.getCardHolder());
        txns.insert(t);
        return response(terminal, t, Processor.APPROVED);
    }

    private static String article(String word) {
        return "AEIOU".indexOf(Character.toUpperCase(word.charAt(0))) >= 0 ? "an" : "a";
    }

    /** An approved, not voided transaction of one of {@code types} in the terminal's current batch. */
    private TxnRecord open(Terminal terminal, String reference, List<String> types) {
        TxnRecord t = txns.byReference(terminal.config().id(), reference)
                .orElseThrow(() -> TerminalError.invalid("referenceNumber", "no transaction with reference " + reference));
        if (t.getVoided()) {
            throw new TerminalError(409, "Transaction " + reference + " is already voided");
        }
        if (types.contains("AUTH") && types.size() == 1 && t.getTransactionType().equals("AUTH") && t.getCaptured()) {
            throw new TerminalError(409, "Authorization " + reference + " is already captured");
        }
        if (!types.contains(t.getTransactionType()) || !t.getPaymentStatus().equals("APPROVED")
                || !t.getBatchId().equals(terminal.batchId())) {
            throw TerminalError.invalid("referenceNumber", reference + " is " + article(t.getPaymentStatus()) + " "
                    + t.getPaymentStatus() + " " + t.getTransactionType() + " of batch " + t.getBatchId() + "; expected an open "
                    + String.join(" or ", types));
        }
        return t;
    }

    /** Settles the current batch: approved, not voided sales (and captures) and returns per tender; then a new batch. */
    private Map<String, Object> batch(Terminal terminal) {
        String batchId = terminal.batchId();
        long creditSales = 0;
        long creditReturns = 0;
        long debitSales = 0;
        long debitReturns = 0;
        BigDecimal creditSaleAmount = BigDecimal.ZERO.setScale(2);
        BigDecimal creditReturnAmount = BigDecimal.ZERO.setScale(2);
        BigDecimal debitSaleAmount = BigDecimal.ZERO.setScale(2);
        BigDecimal debitReturnAmount = BigDecimal.ZERO.setScale(2);
        for (TxnRecord t : txns.batch(terminal.config().id(), batchId)) {
            if (!t.getPaymentStatus().equals("APPROVED") || t.getVoided()) {
                continue;
            }
            boolean sale = t.getTransactionType().equals("SALE") || t.getTransactionType().equals("CAPTURE");
            boolean ret = t.getTransactionType().equals("RETURN");
            boolean debit = t.getTenderType().equals("debit");
            if (sale && debit) {
                debitSales++;
                debitSaleAmount = debitSaleAmount.add(t.getAmount());
            } else if (sale) {
                creditSales++;
                creditSaleAmount = creditSaleAmount.add(t.getAmount());
            } else if (ret && debit) {
                debitReturns++;
                debitReturnAmount = debitReturnAmount.add(t.getAmount());
            } else if (ret) {
                creditReturns++;
                creditReturnAmount = creditReturnAmount.add(t.getAmount());
            }
        }
        java.time.Instant now = clock.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        if (!txns.settle(terminal.config().id(), batchId, now.atOffset(java.time.ZoneOffset.UTC))) {
            throw new TerminalError(409, "Batch " + batchId + " is already settled");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("batchID", batchId);
        out.put("batch_settlementTime", dev.standin.core.clock.Timestamps.seconds(now)); // as the document: 2023-12-01T10:00:00Z
        out.put("batch_creditSaleCount", Long.toString(creditSales));
        out.put("batch_creditSaleAmount", creditSaleAmount.toPlainString());
        out.put("batch_creditReturnCount", Long.toString(creditReturns));
        out.put("batch_creditReturnAmount", creditReturnAmount.toPlainString());
        out.put("batch_debitSaleCount", Long.toString(debitSales));
        out.put("batch_debitSaleAmount", debitSaleAmount.toPlainString());
        out.put("batch_debitReturnCount", Long.toString(debitReturns));
        out.put("batch_debitReturnAmount", debitReturnAmount.toPlainString());
        terminal.nextBatch();
        return out;
    }

    private TxnRecord newTxn(Terminal terminal, String type, String tender, Processor.Verdict verdict, BigDecimal amount,
                             BigDecimal tip, BigDecimal requested, String invoice) {
        TxnRecord t = new TxnRecord();
        t.setTransactionId(ids.digits(9));
        t.setTerminalId(terminal.config().id());
        t.setMerchantId(terminal.config().merchantId());
        t.setBatchId(terminal.batchId());
        t.setTransactionNumber(txns.nextNumber(terminal.config().id()));
        t.setReferenceNumber("REF" + ids.digits(9));
        t.setTransactionType(type);
        t.setTenderType(tender);
        t.setPaymentStatus(verdict.status());
        t.setAmount(amount);
        t.setAmountTip(tip);
        t.setAmountRequest(requested);
        t.setAuthCode(verdict.approved() ? "AUTH" + ids.digits(6) : "");
        t.setResultCode(verdict.resultCode());
        t.setInvoiceNumber(invoice);
        t.setCaptured(false);
        t.setVoided(false);
        t.setCreated(clock.epochMillis());
        return t;
    }

    private static Map<String, Object> response(Terminal terminal, TxnRecord t, Processor.Verdict verdict) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("paymentStatus", verdict.status());
        out.put("batchID", t.getBatchId());
        out.put("transactionID", t.getTransactionId());
        out.put("transactionType", t.getTransactionType());
        out.put("tenderType", t.getTenderType().toUpperCase(Locale.ROOT));
        out.put("amount", t.getAmount().toPlainString());
        out.put("amountTip", t.getAmountTip().toPlainString());
        out.put("amountCashBack", "0.00");
        out.put("amountRequest", t.getAmountRequest().toPlainString());
        out.put("invoiceNumber", t.getInvoiceNumber());
        out.put("resultCode", t.getResultCode());
        out.put("cardEntry", t.getCardEntry());
        out.put("transactionNumber", Integer.toString(t.getTransactionNumber()));
        out.put("referenceNumber", t.getReferenceNumber());
        out.put("authCode", t.getAuthCode());
        out.put("merchantID", terminal.config().merchantId());
        out.put("cardType", t.getCardType());
        out.put("cardNumber", t.getCardNumber());
        out.put("cardHolder", t.getCardHolder());
        out.put("message", verdict.message());
        return out;
    }
}
