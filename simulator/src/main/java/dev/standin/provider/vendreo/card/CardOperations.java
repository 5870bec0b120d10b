package dev.standin.provider.vendreo.card;

import dev.standin.core.http.ApiError;
import dev.standin.core.id.IdGenerator;
import dev.standin.db.vendreo.tables.records.CardPaymentRecord;
import dev.standin.db.vendreo.tables.records.CardRefundRecord;
import org.jooq.DSLContext;

import java.util.List;
import java.util.Set;

/**
 * What a merchant does to a card payment afterwards: capture an authorisation (once, up to its
 * amount), refund (partly, never above what was captured), cancel (while pending or authorised), void
 * (cancels what is not settled, refunds what is). A wrong state answers 422 naming it.
 */
public final class CardOperations {
    private final CardRepository repo;
    private final CardPayments payments;
    private final IdGenerator ids;

    public CardOperations(CardRepository repo, CardPayments payments, IdGenerator ids) {
        this.repo = repo;
        this.payments = payments;
        this.ids = ids;
    }

    public CardPaymentRecord capture(String application, String uuid, Long amount) {
        return change(application, uuid, (tx, r) -> {
            if (!r.getStatus().equals("AUTHORISED")) {
                throw CardPayments.wrongState(r, "be captured");
            }
            long take = amount == null ? r.getAmountAuthorised() : amount;
            if (take > r.getAmountAuthorised()) {
                throw new ApiError(422, List.of(new ApiError.Violation("The amount may not be greater than " + r.getAmountAuthorised() + ".",
                        "INVALID", "amount", "requestBody")));
            }
            payments.capture(tx, r, take);
        });
    }

    /** Answers the refund made. */
    public CardRefundRecord refund(String application, String uuid, Long amount, String reason) {
        CardRefundRecord[] made = new CardRefundRecord[1];
        change(application, uuid, (tx, r) -> made[0] = refund(tx, r, amount, reason));
        return made[0];
    }

    private CardRefundRecord refund(DSLContext tx, CardPaymentRecord r, Long amount, String reason) {
        if (!r.getStatus().equals("CONFIRMED") && !r.getStatus().equals("COMPLETED")) {
            throw CardPayments.wrongState(r, "be refunded");
        }
        long left = r.getAmountCaptured() - r.getAmountRefunded();
        long take = amount == null || amount == 0 ? left : amount;
        if (take > left) {
            throw new ApiError(422, List.of(new ApiError.Violation("The amount may not be greater than " + left + " (captured "
                    + r.getAmountCaptured() + ", refunded " + r.getAmountRefunded() + ").", "INVALID", "amount", "requestBody")));
        }
        CardRefundRecord refund = new CardRefundRecord(ids.uuidString(), r.getPaymentUuid(), take, reason, payments.now());
        repo.insert(tx, refund);
        r.setAmountRefunded(r.getAmountRefunded() + take);
        if (r.getAmountRefunded().equals(r.getAmountCaptured())) {
            r.setStatus("REFUNDED");
        }
        return refund;
    }

    public CardPaymentRecord cancel(String application, String uuid) {
        return change(application, uuid, (tx, r) -> {
            if (!r.getStatus().equals("PENDING") && !r.getStatus().equals("AUTHORISED")) {
                throw CardPayments.wrongState(r, "be cancelled");
            }
            r.setStatus("CANCELLED");
        });
    }

    /** {@code void}: cancels what is not settled yet, refunds what is; answers which (CANCEL or REFUND) and the refund. */
    public record Voided(String type, CardPaymentRecord payment, CardRefundRecord refund) {
    }

    public Voided voidPayment(String application, String uuid, Long amount, String reason) {
        Voided[] out = new Voided[1];
        change(application, uuid, (tx, r) -> {
            if (r.getStatus().equals("COMPLETED")) {
                out[0] = new Voided("REFUND", r, refund(tx, r, amount, reason));
            } else if (Set.of("PENDING", "AUTHORISED", "CONFIRMED").contains(r.getStatus())) {
                r.setStatus("CANCELLED");
                out[0] = new Voided("CANCEL", r, null);
            } else {
                throw CardPayments.wrongState(r, "be voided");
            }
        });
        return out[0];
    }

    private interface Change {
        void apply(DSLContext tx, CardPaymentRecord r);
    }

    private CardPaymentRecord change(String application, String uuid, Change change) {
        CardPaymentRecord p = repo.dsl().transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            CardPaymentRecord r = repo.locked(tx, application, uuid).orElseThrow(() -> new ApiError(422, List.of(
                    new ApiError.Violation("The selected payment card is invalid.", "INVALID", "paymentCard", "pathParam"))));
            change.apply(tx, r);
            r.setUpdated(payments.now());
            repo.update(tx, r);
            return r;
        });
        return p;
    }
}
