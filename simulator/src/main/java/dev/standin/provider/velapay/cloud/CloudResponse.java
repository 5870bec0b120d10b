package dev.standin.provider.velapay.cloud;

import dev.standin.db.velapay_cloud.tables.records.TxnRecord;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A Cloud API answer: the base fields ({@code status}, {@code timestamp} in Unix seconds,
 * {@code version}), then a transaction's fields as the document's full example shows them. Fields
 * with no value are left out rather than sent as null.
 */
final class CloudResponse {
    static final String VERSION = "1.0.0";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT);
    private static final String ZERO = "0.00";

    private final Map<String, Object> body = new LinkedHashMap<>();

    private CloudResponse() {
    }

    static Map<String, Object> base(String status, Instant now) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", status);
        out.put("timestamp", now.getEpochSecond());
        out.put("version", VERSION);
        return out;
    }

    static CloudResponse transaction(TxnRecord t, Instant now, Merchant merchant, BigDecimal requested) {
        CloudResponse r = new CloudResponse();
        r.body.putAll(base("ok", now));
        boolean approved = t.getPaymentStatus().equals("APPROVED");
        r.put("paymentStatus", t.getPaymentStatus())
                .put("message", t.getMessage())
                .put("authCode", t.getAuthCode())
                .put("referenceNumber", t.getReferenceNumber())
                .put("transactionId", t.getTransactionId())
                .put("transactionType", t.getTransactionType())
                .put("transactionTime", TIME.format(Instant.ofEpochMilli(t.getCreated()).atZone(ZoneOffset.UTC)))
                .put("resultCode", t.getResultCode())
                .put("tenderType", "CREDIT")
                .put("amount", money(t.getAmount()))
                .put("amountRequested", money(requested))
                .put("amountPurchase", money(t.getAmount()))
                .put("amountTip", ZERO)
                .put("amountFee", ZERO)
                .put("amountSurcharge", ZERO)
                .put("balanceDue", money(approved && t.getPartialAuth() ? requested.subtract(t.getAmount()) : BigDecimal.ZERO))
                .put("salesTax", ZERO)
                .put("isPartialAuth", t.getPartialAuth())
                .put("transactionCurrency", merchant.currency())
                .put("invoiceNumber", t.getInvoiceNumber())
                .put("cardType", t.getCardBrand() == null ? null : "CREDITCARD")
                .put("cardNumber", t.getLast4())
                .put("cardEntry", t.getLast4() == null ? null : "MANUAL")
                .put("cardHolder", t.getCardHolder())
                .put("paymentModule", merchant.paymentModule())
                .put("issuerResponse", approved ? "" : t.getResultCode())
                .put("partnerAppId", merchant.partnerAppId());
        return r;
    }

    /** Sets a field; a null value leaves it out. */
    CloudResponse put(String name, Object value) {
        if (value == null) {
            body.remove(name);
        } else {
            body.put(name, value);
        }
        return this;
    }

    Map<String, Object> body() {
        return body;
    }

    static String money(BigDecimal amount) {
        return amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
