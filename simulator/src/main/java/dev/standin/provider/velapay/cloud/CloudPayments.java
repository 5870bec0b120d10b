package dev.standin.provider.velapay.cloud;

import dev.standin.core.clock.VirtualClock;
import dev.standin.core.http.ApiError;
import dev.standin.core.id.IdGenerator;
import dev.standin.core.rules.LifecycleEvents;
import dev.standin.db.velapay_cloud.tables.records.CardTokenRecord;
import dev.standin.db.velapay_cloud.tables.records.TxnRecord;
import org.jooq.DSLContext;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * The Cloud API's transactions and their rules: a sale or auth is decided by the processor
 * ({@link Outcomes}); a capture takes an approved auth once, up to its amount; a return gives back at
 * most what a sale or capture charged; a void cancels a sale or return on the day it was made; a
 * delete drops an auth before it is captured. Each runs in one transaction with its original locked.
 */
final class CloudPayments {
    private static final DateTimeFormatter REFERENCE_DATE = DateTimeFormatter.ofPattern("ddMMyy", Locale.ROOT);

    private final TransactionRepository txns;
    private final VirtualClock clock;
    private final IdGenerator ids;
    private final LifecycleEvents events;

    CloudPayments(TransactionRepository txns, VirtualClock clock, IdGenerator ids, LifecycleEvents events) {
        this.txns = txns;
        this.clock = clock;
        this.ids = ids;
        this.events = events;
    }

    YearMonth currentMonth() {
        return YearMonth.from(clock.now().atZone(ZoneOffset.UTC));
    }

    Map<String, Object> process(Merchant merchant, CloudRequest r) {
        return txns.dsl().transactionResult(c -> {
            DSLContext tx = c.dsl();
            return switch (r.type()) {
                case "SALE", "AUTH" -> charge(tx, merchant, r);
                case "TOKEN" -> tokenize(tx, merchant, r);
                case "CAPTURE" -> capture(tx, merchant, r);
                case "RETURN" -> refund(tx, merchant, r);
                case "VOID" -> voidIt(tx, merchant, r);
                case "DELETE" -> delete(tx, merchant, r);
                default -> throw new IllegalStateException(r.type());
            };
        });
    }

    private Map<String, Object> charge(DSLContext tx, Merchant merchant, CloudRequest r) {
        String pan;
        String expiry;
        String brand;
        String holder;
        String zipcode;
        if (r.card() != null) {
            pan = r.card().pan();
            expiry = r.card().expiry();
            brand = r.card().brand();
            holder = r.card().holder();
            zipcode = r.billing().zipcode();
        } else {
            CardTokenRecord token = txns.token(tx, merchant.id(), r.tokenText())
                    .orElseThrow(() -> new ApiError(404, "UNKNOWN_TOKEN", "Token not found: " + r.tokenText(), "token", null));
            pan = token.getPan();
            expiry = token.getExpiry();
            brand = token.getBrand();
            holder = token.getCardHolder();
            zipcode = r.billing().zipcode() != null ? r.billing().zipcode() : token.getZipcode();
            if (dev.standin.core.card.Cards.expiry(expiry).isBefore(currentMonth())) {
                throw new ApiError(400, "INVALID_REQUEST", "Invalid parameter token: the tokenised card expired at the end of "
                        + dev.standin.core.card.Cards.expiry(expiry), "token", null);
            }
        }
        String last4 = pan.substring(pan.length() - 4);
        String cvv = r.card() == null ? null : r.card().cvv();
        Outcomes.Verdict verdict = Outcomes.decide(events, merchant.id(), r.type(), r.amount(), brand, last4, cvv, zipcode);
        BigDecimal approved = verdict.partial() ? Outcomes.partialAmount(r.amount()) : r.amount();
        TxnRecord t = newTransaction(merchant, r.type(), r.amount());
        t.setPaymentStatus(verdict.status());
        t.setMessage(verdict.message());
        t.setResultCode(verdict.resultCode());
        t.setAmount(verdict.approved() ? approved : r.amount()); // a decline shows the amount it declined
        t.setPartialAuth(verdict.partial());
        t.setAuthCode(verdict.approved() ? ids.digits(6) : null);
        t.setCardBrand(brand);
        t.setLast4(last4);
        t.setCardHolder(holder != null ? holder : r.billing().name());
        t.setInvoiceNumber(r.invoiceNumber());
        var avs = verdict.status().equals("ERROR") ? null : Outcomes.avs(zipcode);
        var cvvResult = verdict.status().equals("ERROR") ? null : Outcomes.cvv(cvv, verdict);
        t.setAvs(avs == null ? null : avs.get("value"));
        t.setCvv(cvvResult == null ? null : cvvResult.get("value"));
        String issuedToken = null;
        if (r.getToken() && verdict.approved() && r.card() != null) {
            issuedToken = tokenFor(tx, merchant, r).getToken();
            t.setToken(issuedToken);
        }
        txns.insert(tx, t);
        CloudResponse out = CloudResponse.transaction(t, clock.now(), merchant, r.amount());
        out.put("avs", avs).put("cvv", cvvResult);
        if (r.getToken() && r.card() != null) {
            out.put("getToken", "Y").put("token", issuedToken).put("tokenResponse", issuedToken != null ? "SUCCESS" : "FAILURE");
        } else if (r.token() != null) {
            out.put("token", r.token()); // in the type it was sent: string or number
        }
        return out.body();
    }

    private Map<String, Object> tokenize(DSLContext tx, Merchant merchant, CloudRequest r) {
        CardTokenRecord token = tokenFor(tx, merchant, r);
        TxnRecord t = newTransaction(merchant, "TOKEN", BigDecimal.ZERO.setScale(2));
        t.setPaymentStatus("APPROVED");
        t.setMessage("TOKENIZED");
        t.setResultCode("0");
        t.setAmount(BigDecimal.ZERO.setScale(2));
        t.setCardBrand(r.card().brand());
        t.setLast4(r.card().last4());
        t.setCardHolder(r.card().holder());
        t.setInvoiceNumber(r.invoiceNumber());
        t.setToken(token.getToken());
        txns.insert(tx, t);
        return CloudResponse.transaction(t, clock.now(), merchant, t.getAmount())
                .put("getToken", "Y").put("token", token.getToken()).put("tokenResponse", "SUCCESS").body();
    }

    private Map<String, Object> capture(DSLContext tx, Merchant merchant, CloudRequest r) {
        TxnRecord auth = original(tx, merchant, r);
        requireApproved(auth, "AUTH", "captured", "only an authorization can be captured");
        if (auth.getCaptured().signum() > 0) {
            throw conflict("Authorization " + auth.getReferenceNumber() + " was already captured (" + auth.getCaptured()
                    + "); an authorization is captured once");
        }
        BigDecimal amount = r.amount() != null ? r.amount() : auth.getAmount();
        if (amount.compareTo(auth.getAmount()) > 0) {
            throw conflict("Capture amount " + amount + " exceeds the authorized amount " + auth.getAmount());
        }
        auth.setCaptured(amount);
        txns.update(tx, auth);
        TxnRecord t = follow(merchant, "CAPTURE", auth, amount, "CAPTURED");
        txns.insert(tx, t);
        return CloudResponse.transaction(t, clock.now(), merchant, amount).body();
    }

    private Map<String, Object> refund(DSLContext tx, Merchant merchant, CloudRequest r) {
        TxnRecord charged = original(tx, merchant, r);
        if (!charged.getTransactionType().equals("SALE") && !charged.getTransactionType().equals("CAPTURE")) {
            throw conflict("Transaction " + charged.getReferenceNumber() + " is " + article(charged.getTransactionType())
                    + "; only a sale or a capture can be returned");
        }
        requireApproved(charged, charged.getTransactionType(), "returned", null);
        if (charged.getVoided()) {
            throw conflict("Transaction " + charged.getReferenceNumber() + " was voided; there is nothing to return");
        }
        BigDecimal left = charged.getAmount().subtract(charged.getReturned());
        if (left.signum() <= 0) {
            throw conflict("Transaction " + charged.getReferenceNumber() + " was already returned in full (" + charged.getAmount() + ")");
        }
        BigDecimal amount = r.amount() != null ? r.amount() : left;
        if (amount.compareTo(left) > 0) {
            throw conflict("Return amount " + amount + " exceeds the " + left + " left to return of the " + charged.getAmount() + " charged");
        }
        charged.setReturned(charged.getReturned().add(amount));
        txns.update(tx, charged);
        TxnRecord t = follow(merchant, "RETURN", charged, amount, "REFUNDED");
        txns.insert(tx, t);
        return CloudResponse.transaction(t, clock.now(), merchant, amount).body();
    }

    private Map<String, Object> voidIt(DSLContext tx, Merchant merchant, CloudRequest r) {
        TxnRecord t = original(tx, merchant, r);
        String type = t.getTransactionType();
        if (!type.equals("SALE") && !type.equals("RETURN")) {
            throw conflict("Transaction " + t.getReferenceNumber() + " is " + article(type) + "; only a sale or a return can be voided"
                    + (type.equals("AUTH") ? " (delete an authorization instead)" : type.equals("CAPTURE") ? " (return a capture instead)" : ""));
        }
        requireApproved(t, type, "voided", null);
        if (t.getVoided()) {
            throw conflict("Transaction " + t.getReferenceNumber() + " was already voided");
        }
        LocalDate made = Instant.ofEpochMilli(t.getCreated()).atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate today = clock.now().atZone(ZoneOffset.UTC).toLocalDate();
        if (!made.equals(today)) {
            throw conflict("Transaction " + t.getReferenceNumber() + " was made on " + made + " (UTC); a void must be on the same day"
                    + (type.equals("SALE") ? ", return it instead" : ""));
        }
        if (type.equals("SALE") && (t.getReturned().signum() > 0 || txns.hasStandingReturns(tx, merchant.id(), t.getReferenceNumber()))) {
            throw conflict("Sale " + t.getReferenceNumber() + " has returns; void them first");
        }
        t.setVoided(true);
        txns.update(tx, t);
        if (type.equals("RETURN")) {
            TxnRecord charged = txns.lockedByReference(tx, merchant.id(), t.getOriginalReference()).orElse(null);
            if (charged != null) {
                charged.setReturned(charged.getReturned().subtract(t.getAmount()));
                txns.update(tx, charged);
            }
        }
        return CloudResponse.transaction(t, clock.now(), merchant, t.getAmount()).put("message", "VOIDED")
                .put("transactionType", "VOID").body();
    }

    private Map<String, Object> delete(DSLContext tx, Merchant merchant, CloudRequest r) {
        TxnRecord auth = original(tx, merchant, r);
        requireApproved(auth, "AUTH", "deleted", "only an authorization can be deleted (void a sale instead)");
        if (auth.getCaptured().signum() > 0) {
            throw conflict("Authorization " + auth.getReferenceNumber() + " was captured; a captured authorization cannot be deleted (return the capture instead)");
        }
        auth.setDeleted(true);
        txns.update(tx, auth);
        return CloudResponse.transaction(auth, clock.now(), merchant, auth.getAmount()).put("message", "DELETED")
                .put("transactionType", "DELETE").body();
    }

    private TxnRecord original(DSLContext tx, Merchant merchant, CloudRequest r) {
        return txns.lockedByReference(tx, merchant.id(), r.referenceNumber()).orElseThrow(() -> new ApiError(404, "UNKNOWN_REFERENCE",
                "Transaction not found: no transaction with referenceNumber " + r.referenceNumber(), "referenceNumber", null));
    }

    private static void requireApproved(TxnRecord t, String type, String verb, String onlyWhat) {
        if (!t.getTransactionType().equals(type)) {
            throw conflict("Transaction " + t.getReferenceNumber() + " is " + article(t.getTransactionType()) + "; " + onlyWhat);
        }
        if (!t.getPaymentStatus().equals("APPROVED")) {
            throw conflict("Transaction " + t.getReferenceNumber() + " was not approved (" + t.getPaymentStatus() + "); it cannot be " + verb);
        }
    }

    private static String article(String type) {
        return (type.equals("AUTH") ? "an " : "a ") + type.toLowerCase(Locale.ROOT);
    }

    private static ApiError conflict(String message) {
        return new ApiError(409, "WRONG_STATE", message, "referenceNumber", null);
    }

    /** A capture or return of {@code original}: a new reference number, the original's card. */
    private TxnRecord follow(Merchant merchant, String type, TxnRecord original, BigDecimal amount, String message) {
        TxnRecord t = newTransaction(merchant, type, amount);
        t.setPaymentStatus("APPROVED");
        t.setMessage(message);
        t.setResultCode("0");
        t.setAmount(amount);
        t.setAuthCode(original.getAuthCode());
        t.setOriginalReference(original.getReferenceNumber());
        t.setCardBrand(original.getCardBrand());
        t.setLast4(original.getLast4());
        t.setCardHolder(original.getCardHolder());
        t.setInvoiceNumber(original.getInvoiceNumber());
        return t;
    }

    private TxnRecord newTransaction(Merchant merchant, String type, BigDecimal requested) {
        Instant now = clock.now();
        TxnRecord t = new TxnRecord();
        t.setMerchantId(merchant.id());
        t.setReferenceNumber(REFERENCE_DATE.format(now.atZone(ZoneOffset.UTC)) + ids.alphanumeric(3).toUpperCase(Locale.ROOT) + "-"
                + ids.uuidString().toUpperCase(Locale.ROOT));
        t.setTransactionId(ids.alphanumeric(8).toUpperCase(Locale.ROOT) + "_" + ids.uuidString().replace("-", "").substring(0, 16)
                .toUpperCase(Locale.ROOT) + "_" + ids.alphanumeric(4).toUpperCase(Locale.ROOT) + "_" + ids.alphanumeric(4).toUpperCase(Locale.ROOT));
        t.setTransactionType(type);
        t.setAmountRequested(requested);
        t.setCaptured(BigDecimal.ZERO.setScale(2));
        t.setReturned(BigDecimal.ZERO.setScale(2));
        t.setPartialAuth(false);
        t.setVoided(false);
        t.setDeleted(false);
        t.setCreated(now.toEpochMilli());
        return t;
    }

    /** The card's token: the one it already has with this merchant, or a new one ending in the card's last four. */
    private CardTokenRecord tokenFor(DSLContext tx, Merchant merchant, CloudRequest r) {
        CloudRequest.CardDetails card = r.card();
        return txns.tokenOfCard(tx, merchant.id(), card.pan(), card.expiry()).orElseGet(() -> {
            CardTokenRecord token = new CardTokenRecord();
            token.setMerchantId(merchant.id());
            token.setToken(card.pan().charAt(0) + ids.digits(11) + card.last4());
            token.setPan(card.pan());
            token.setExpiry(card.expiry());
            token.setBrand(card.brand());
            token.setCardHolder(card.holder());
            token.setZipcode(r.billing().zipcode());
            token.setCreated(clock.now().toEpochMilli());
            txns.insertToken(tx, token);
            return token;
        });
    }
}
