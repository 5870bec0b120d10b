package dev.standin.provider.vendreo.card;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.standin.core.card.Cards;
import dev.standin.core.clock.Scheduler;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.http.ApiError;
import dev.standin.core.id.IdGenerator;
import dev.standin.core.json.Json;
import dev.standin.core.rules.LifecycleEvents;
import dev.standin.core.rules.RuleEngine;
import dev.standin.core.rules.RuleEvent;
import dev.standin.core.scenario.ScenarioRegistry;
import dev.standin.core.store.AfterCommit;
import dev.standin.db.vendreo.tables.records.CardPaymentRecord;
import dev.standin.db.vendreo.tables.records.CardTokenRecord;
import org.jooq.DSLContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Card payments and their states: PENDING until the card is submitted (CHALLENGE while 3-D Secure
 * waits); then DECLINED, or AUTHORISED (with {@code disable_auto_capture}) until captured, or
 * CONFIRMED (captured) until settlement on the virtual clock makes it COMPLETED; CANCELLED, and
 * REFUNDED once refunds reach what was captured. Callbacks {@code card_payment_completed} and
 * {@code card_payment_failed} go to the application's callback URL.
 */
public final class CardPayments {
    public static final String SETTLE = "vendreo.card.settle";
    public static final String EXPIRE = "vendreo.card.expire";
    public static final RuleEvent AUTHORISE_EVENT = new RuleEvent("card.authorise", Map.of(
            "decline", CardOutcomes.BY_REASON.keySet(), "approve", Set.of(), "challenge", Set.of()));
    /** The shopper's answer to a 3-D Secure challenge, decided by a rule for automated runs. */
    public static final RuleEvent CHALLENGE_EVENT = new RuleEvent("card.challenge", Map.of("pass", Set.of(), "fail", Set.of()));

    /** Where a card payment's outcome is sent: the application's callback. */
    public interface Callbacks {
        void send(String applicationKey, String act, ObjectNode body);
    }

    private final CardRepository repo;
    private final VirtualClock clock;
    private final IdGenerator ids;
    private final LifecycleEvents lifecycle;
    private final Scheduler scheduler;
    private final ScenarioRegistry settings;
    private final Callbacks callbacks;

    public CardPayments(CardRepository repo, VirtualClock clock, IdGenerator ids, RuleEngine rules, Scheduler scheduler,
                        ScenarioRegistry settings, Callbacks callbacks) {
        this.repo = repo;
        this.clock = clock;
        this.ids = ids;
        this.lifecycle = new LifecycleEvents("vendreo", rules, scheduler);
        this.scheduler = scheduler;
        this.settings = settings;
        this.callbacks = callbacks;
        scheduler.register(SETTLE, this::settle);
        scheduler.register(EXPIRE, this::expire);
    }

    public CardRepository repo() {
        return repo;
    }

    long now() {
        return clock.now().toEpochMilli();
    }

    /** A new card payment from a validated request; answers it (its token is what the card form loads with). */
    public CardPaymentRecord create(String application, long amount, String currency, String description, String reference, String redirect,
                             String failed, ObjectNode flags, ObjectNode customer, String ip) {
        CardPaymentRecord p = blank(application, amount, currency, description, reference, flags, customer, ip);
        p.setRedirectUrl(redirect);
        p.setFailedUrl(failed);
        repo.dsl().transaction(cfg -> repo.insert(cfg.dsl(), p));
        return p;
    }

    private CardPaymentRecord blank(String application, long amount, String currency, String description, String reference,
                                    ObjectNode flags, ObjectNode customer, String ip) {
        CardPaymentRecord p = new CardPaymentRecord();
        p.setPaymentUuid(ids.uuidString());
        p.setApplicationKey(application);
        p.setRequestId(ids.digits(9));
        p.setRequestToken(dev.standin.core.auth.Secrets.uuid().toString()); // it opens the card form: unguessable, unique across sandboxes
        p.setAmount(amount);
        p.setCurrency(currency);
        p.setDescription(description);
        p.setReferenceId(reference);
        p.setFlags(flags.toString());
        p.setCustomer(customer.toString());
        p.setIpAddress(ip);
        p.setStatus("PENDING");
        p.setState("AWAITING_CARD");
        p.setAmountAuthorised(0L);
        p.setAmountCaptured(0L);
        p.setAmountRefunded(0L);
        p.setSettled(false);
        p.setCreated(now());
        p.setUpdated(now());
        return p;
    }

    /** The card as submitted on the card form (or the test endpoint), checked like an acquirer would. */
    public record Card(String pan, String expiry, String cvv, String name) {
        String brand() {
            return Cards.brandOf(pan);
        }
    }

    public static Card readCard(JsonNode body, YearMonth month) {
        List<ApiError.Violation> problems = new java.util.ArrayList<>();
        String pan = body.path("card_number").asText("").replace(" ", "");
        String expiry = body.path("expiry").asText("");
        String cvv = body.path("cvv").asText("");
        String brand = Cards.brandOf(pan);
        if (!pan.matches("\\d{12,19}") || brand.equals("UNKNOWN") || !Cards.validLength(brand, pan.length()) || !Cards.luhn(pan)) {
            problems.add(new ApiError.Violation("The card number is invalid.", "INVALID", "card_number", "requestBody"));
        }
        YearMonth ym = expiry.matches("\\d{2}/\\d{2}") ? Cards.expiry(expiry.replace("/", "")) : null;
        if (ym == null) {
            problems.add(new ApiError.Violation("The expiry does not match the format m/y.", "INVALID", "expiry", "requestBody"));
        } else if (ym.isBefore(month)) {
            problems.add(new ApiError.Violation("The card has expired.", "INVALID", "expiry", "requestBody"));
        }
        if (!cvv.matches("\\d{" + (brand.equals("AMEX") ? 4 : 3) + "}")) {
            problems.add(new ApiError.Violation("The cvv is invalid.", "INVALID", "cvv", "requestBody"));
        }
        if (!problems.isEmpty()) {
            throw new ApiError(422, problems);
        }
        return new Card(pan, expiry, cvv, body.path("name").asText(null));
    }

    public YearMonth month() {
        return YearMonth.from(clock.now().atZone(ZoneOffset.UTC));
    }

    static String hash(Card card) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((card.pan() + "|" + card.expiry() + "|" + card.cvv()).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code submit}: the shopper's card; answers the payment after it (status CHALLENGE when 3-D Secure must be passed). */
    public CardPaymentRecord submit(String token, Card card, Bans bans) {
        CardPaymentRecord p = repo.dsl().transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            CardPaymentRecord r = repo.byToken(tx, token).orElseThrow(() -> ApiError.notFound("No card payment for this token"));
            if (!r.getStatus().equals("PENDING") || r.getState().equals("3DS_REQUIRED")) {
                throw wrongState(r, "take a card");
            }
            describe(r, card);
            JsonNode flags = flags(r);
            String banned = bans.banned(r.getApplicationKey(), r.getIpAddress(), r.getCardHash());
            String ruled = ruled(r);
            if (banned != null) {
                decline(r, banned);
            } else if ("challenge".equals(ruled) || flags.path("mandate_3ds_challenge").asBoolean()
                    || CardOutcomes.CHALLENGE_CARD.equals(card.pan())) {
                // what the card would get is decided now and kept until the challenge is answered
                r.setState("3DS_REQUIRED");
                r.setThreeDs("challenged");
                r.setDeclineReason(ruled != null && !ruled.equals("approve") && !ruled.equals("challenge") ? ruled
                        : CardOutcomes.DECLINES.get(card.pan()));
                if (flags.path("tokenize_payment").asBoolean()) {
                    r.setTokenUuid(token(tx, r, card));
                }
            } else {
                String decline = ruled != null && !ruled.equals("approve") ? ruled : CardOutcomes.DECLINES.get(card.pan());
                decide(tx, r, decline, flags.path("tokenize_payment").asBoolean() ? token(tx, r, card) : null);
            }
            r.setUpdated(now());
            repo.update(tx, r);
            return r;
        });
        if (p.getState().equals("3DS_REQUIRED")) {
            Map<String, Object> entity = new LinkedHashMap<>();
            entity.put("application", p.getApplicationKey());
            entity.put("last4", p.getLast_4());
            entity.put("amount", p.getAmount());
            var answer = lifecycle.decide("card.challenge", p.getApplicationKey(), entity).map(o -> o.path("type").asText());
            if (answer.isPresent()) {
                return challenge(token, answer.get().equals("pass"));
            }
        }
        return p;
    }

    /** The 3-D Secure challenge's answer: {@code pass} goes on to the authorisation, {@code fail} declines. */
    public CardPaymentRecord challenge(String token, boolean pass) {
        CardPaymentRecord p = repo.dsl().transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            CardPaymentRecord r = repo.byToken(tx, token).orElseThrow(() -> ApiError.notFound("No card payment for this token"));
            if (!r.getState().equals("3DS_REQUIRED")) {
                throw wrongState(r, "answer a 3-D Secure challenge");
            }
            String decline = r.getDeclineReason();
            String stored = r.getTokenUuid();
            r.setDeclineReason(null);
            r.setTokenUuid(null);
            if (pass) {
                r.setThreeDs("authenticated");
                decide(tx, r, decline, stored);
            } else {
                r.setThreeDs("failed");
                decline(r, "THREE_D_SECURE_FAILED");
            }
            r.setUpdated(now());
            repo.update(tx, r);
            return r;
        });
        return p;
    }

    private void describe(CardPaymentRecord r, Card card) {
        r.setCardScheme(CardOutcomes.scheme(card.brand()));
        r.setCardType(CardOutcomes.type(card.brand(), card.pan()));
        r.setLast_4(card.pan().substring(card.pan().length() - 4));
        r.setCardExpiry(card.expiry());
        r.setCardHash(hash(card));
        r.setTransactionId(ids.digits(9));
        r.setCrossReference(ids.alphanumeric(20).toUpperCase(java.util.Locale.ROOT));
    }

    /** A rule on {@code card.authorise}: "approve", "challenge", a decline code, or null. */
    private String ruled(CardPaymentRecord r) {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("application", r.getApplicationKey());
        entity.put("amount", r.getAmount());
        entity.put("last4", r.getLast_4());
        entity.put("scheme", r.getCardScheme());
        entity.put("ip_address", r.getIpAddress());
        entity.put("reference_id", r.getReferenceId());
        LifecycleEvents.Decision decision = lifecycle.match("card.authorise", r.getApplicationKey(), entity);
        AfterCommit.run(decision::await); // a rule's hold or delay keeps the answer waiting, not the payment's row locked
        return decision.outcome().map(o -> switch (o.path("type").asText()) {
                    case "decline" -> CardOutcomes.BY_REASON.getOrDefault(o.path("reason").asText("doNotHonour"), "DO_NOT_HONOUR");
                    case "challenge" -> "challenge";
                    default -> "approve";
                }).orElse(null);
    }

    /** A stored card for rebilling; answers its token. */
    private String token(DSLContext tx, CardPaymentRecord r, Card card) {
        CardTokenRecord t = new CardTokenRecord(ids.uuidString(), r.getApplicationKey(), card.pan(), card.expiry(), r.getCardHash(), now());
        repo.insert(tx, t);
        return t.getTokenUuid();
    }

    /**
     * The acquirer's answer: {@code decline} (a code) or approval, capturing at once unless
     * {@code disable_auto_capture}; an approved payment keeps {@code token} when one was stored.
     */
    private void decide(DSLContext tx, CardPaymentRecord r, String decline, String token) {
        if (decline != null) {
            decline(r, decline);
            return;
        }
        JsonNode flags = flags(r);
        r.setState("ACCEPTED");
        r.setAmountAuthorised(flags.path("enable_verify_card").asBoolean() && r.getAmount() == 0 ? 0 : r.getAmount());
        r.setTokenUuid(token);
        if (flags.path("disable_auto_capture").asBoolean()) {
            r.setStatus("AUTHORISED");
            step(tx, EXPIRE, r.getPaymentUuid(), settings.setting("delays", "vendreoCardAuthorisationExpiry", Duration.ofDays(7)));
        } else {
            capture(tx, r, r.getAmount());
        }
        AfterCommit.run(() -> callback(r, "card_payment_completed"));
    }

    private void decline(CardPaymentRecord r, String reason) {
        r.setStatus("DECLINED");
        r.setState("DECLINED");
        r.setDeclineReason(reason);
        AfterCommit.run(() -> callback(r, "card_payment_failed"));
    }

    void capture(DSLContext tx, CardPaymentRecord r, long amount) {
        r.setStatus("CONFIRMED");
        r.setAmountCaptured(amount);
        step(tx, SETTLE, r.getPaymentUuid(), settings.delay("vendreoCardSettlementDelay", Duration.ofMinutes(1)));
    }

    private void step(DSLContext tx, String kind, String uuid, Duration delay) {
        scheduler.save(tx, scheduler.prepare("vendreo", kind, uuid, kind + " " + uuid, delay));
    }

    public static JsonNode flags(CardPaymentRecord r) {
        try {
            return Json.mapper().readTree(r.getFlags());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ApiError wrongState(CardPaymentRecord r, String what) {
        return new ApiError(422, List.of(new ApiError.Violation("The payment cannot " + what + ": it is " + r.getStatus()
                + (r.getState().equals("3DS_REQUIRED") ? " (awaiting 3-D Secure)" : "") + ".", "INVALID_STATE", "payment", "pathParam")));
    }

    /** {@code rebill}: a merchant-initiated payment on a stored token, decided at once by the same table. */
    public CardPaymentRecord rebill(String application, String token, long amount, String currency, String description, String reference) {
        CardPaymentRecord p = repo.dsl().transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            CardTokenRecord t = repo.token(tx, application, token).orElseThrow(() -> new ApiError(422, List.of(
                    new ApiError.Violation("The selected card payment token is invalid.", "INVALID", "cardPaymentToken", "pathParam"))));
            CardPaymentRecord r = blank(application, amount, currency, description, reference, Json.mapper().createObjectNode(),
                    Json.mapper().createObjectNode(), null);
            Card card = new Card(t.getPan(), t.getCardExpiry(), "", null);
            describe(r, card);
            r.setCardHash(t.getCardHash());
            repo.insert(tx, r);
            String ruled = ruled(r);
            decide(tx, r, ruled != null && !ruled.equals("approve") && !ruled.equals("challenge") ? ruled
                    : CardOutcomes.DECLINES.get(card.pan()), t.getTokenUuid());
            repo.update(tx, r);
            return r;
        });
        return p;
    }

    private void settle(String uuid) {
        CardPaymentRecord done = repo.dsl().transactionResult(cfg -> {
            CardPaymentRecord r = repo.byUuid(cfg.dsl(), uuid).orElse(null);
            if (r == null || !r.getStatus().equals("CONFIRMED")) {
                return null;
            }
            r.setStatus("COMPLETED");
            r.setSettled(true);
            r.setUpdated(now());
            repo.update(cfg.dsl(), r);
            return r;
        });
        if (done != null) {
            callback(done, "card_payment_settled");
        }
    }

    private void expire(String uuid) {
        repo.dsl().transaction(cfg -> {
            CardPaymentRecord r = repo.byUuid(cfg.dsl(), uuid).orElse(null);
            if (r != null && r.getStatus().equals("AUTHORISED")) {
                r.setStatus("CANCELLED");
                r.setState("EXPIRED");
                r.setUpdated(now());
                repo.update(cfg.dsl(), r);
            }
        });
    }

    private void callback(CardPaymentRecord r, String act) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("act", act);
        body.put("reference_id", r.getReferenceId());
        body.put("payment_uuid", r.getPaymentUuid());
        body.put("payment_request_id", r.getRequestId());
        body.put("status", r.getStatus());
        body.put("amount", r.getAmount());
        if (r.getDeclineReason() != null) {
            body.put("reason", r.getDeclineReason());
        }
        callbacks.send(r.getApplicationKey(), act, body);
    }
}
