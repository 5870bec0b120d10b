package dev.standin.provider.velapay.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.clock.Scheduler;
import dev.standin.core.http.Admission;
import dev.standin.core.json.Json;
import dev.standin.core.rules.LifecycleEvents;
import dev.standin.core.rules.RuleEngine;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A terminal's screen and card reader as a state machine. A payment: idle, then tender selection
 * (when the request names no tender), waiting for a card, the tip prompt (when asked), processing (a rule may hold or delay it),
 * signature (when asked), and back to idle; a dialog (input, buttons, signature) or an MSR read
 * (the SWIPE screen) wait for their one answer. The simulated customer acts through {@link #act}; when nobody says
 * anything, a default customer taps an approving Visa after {@link #CUSTOMER_DELAY} of virtual time,
 * takes no tip and signs. A payment still waiting after {@link #CAP} ends in ERROR.
 */
final class TerminalDevice {
    static final Duration CUSTOMER_DELAY = Duration.ofSeconds(2);
    /** The default customer's pace: {@code settings.delays.terminalCustomerDelay}, zero with {@code settings.instant}. */
    private final java.util.function.Supplier<Duration> customerDelay;
    static final Duration CAP = Duration.ofMinutes(2);
    /** The server's own limit, in real time, on a call waiting for the customer. */
    static final Duration REAL_TIME_CAP = Duration.ofMinutes(10);
    /** How long the application takes to come back after {@code app/restart}, in virtual time. */
    static final Duration RESTART_TIME = Duration.ofSeconds(5);

    enum Step { IDLE, SELECT_TENDER, WAITING_CARD, TIP, PROCESSING, SIGNATURE, INPUT, BUTTONS, SIGN_DIALOG, SWIPE, RESTARTING }

    /**
     * How an interaction ended: a payment's verdict, tender, card, tip and signature; a dialog's or
     * MSR read's {@code result} fields; or the {@code error} a dialog or MSR read answers (cancelled 409, timed out 408).
     */
    record Outcome(Processor.Verdict verdict, String tender, Card card, BigDecimal tip, boolean signed,
                   Map<String, Object> result, TerminalError error) {
        Outcome(Processor.Verdict verdict, String tender, Card card, BigDecimal tip, boolean signed) {
            this(verdict, tender, card, tip, signed, Map.of(), null);
        }

        static Outcome of(Map<String, Object> result) {
            return new Outcome(null, null, null, null, false, result, null);
        }

        static Outcome failed(TerminalError error) {
            return new Outcome(null, null, null, null, false, Map.of(), error);
        }
    }

    /** The interaction in progress: a payment, a dialog or an MSR read. */
    static final class Flow {
        final PaymentRequest request;
        final JsonNode dialog;
        final CompletableFuture<Outcome> done = new CompletableFuture<>();
        String tender;
        Card card;
        BigDecimal tip;
        Processor.Verdict verdict;
        boolean walkedAway;

        Flow(PaymentRequest request) {
            this.request = request;
            this.dialog = null;
            this.tender = request.tender();
            this.tip = request.tipPrompt() == null ? request.presetTip() : null;
        }

        Flow(JsonNode dialog) {
            this.request = null;
            this.dialog = dialog;
        }

        boolean payment() {
            return request != null;
        }

        /** Blocks the HTTP call until the customer is done, as the device does; gives up after {@link #REAL_TIME_CAP}. */
        Outcome await() {
            try (Admission.Away away = Admission.stepAside()) {
                return done.get(REAL_TIME_CAP.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TerminalError(500, "Interrupted while waiting for the customer");
            } catch (ExecutionException | TimeoutException e) {
                throw new TerminalError(504, "Timeout waiting for the customer");
            }
        }
    }

    private final Terminal terminal;
    private final Scheduler scheduler;
    private final LifecycleEvents events;
    private Step step = Step.IDLE;
    private long epoch;
    private Flow flow;

    TerminalDevice(Terminal terminal, Scheduler scheduler, RuleEngine rules, java.util.function.Supplier<Duration> customerDelay) {
        this.customerDelay = customerDelay;
        this.terminal = terminal;
        this.scheduler = scheduler;
        this.events = new LifecycleEvents(TerminalModule.NAME, rules, scheduler);
    }

    synchronized boolean busy() {
        return flow != null;
    }

    synchronized Flow start(PaymentRequest request) {
        begin(new Flow(request), CAP, "Timeout waiting for the customer");
        enter(flow.tender == null ? Step.SELECT_TENDER : Step.WAITING_CARD);
        return flow;
    }

    /** A dialog ({@code input}, {@code button} or {@code signature}), closing after {@code timeout} (else the cap). */
    synchronized Flow startDialog(JsonNode request, String dialogType, Duration timeout) {
        begin(new Flow(request), timeout == null ? CAP : timeout, "Dialog timed out");
        enter(switch (dialogType) {
            case "input" -> Step.INPUT;
            case "button" -> Step.BUTTONS;
            default -> Step.SIGN_DIALOG;
        });
        return flow;
    }

    /** An MSR read: the "SWIPE" screen until a card is swiped. */
    synchronized Flow startSwipe(JsonNode request) {
        begin(new Flow(request), CAP, "Timeout waiting for a card swipe");
        enter(Step.SWIPE);
        return flow;
    }

    private void begin(Flow next, Duration limit, String timeoutMessage) {
        if (flow != null) {
            throw new TerminalError(409, "Another transaction in process");
        }
        flow = next;
        scheduler.schedule(TerminalModule.NAME, "time limit on " + terminal.config().id(), limit, () -> timeout(next, timeoutMessage));
    }

    /** One customer action: {@code {"type": "selectTender|presentCard|chooseTip|sign|cancel|walkAway", ...}}. */
    synchronized void act(JsonNode action) {
        String type = action.path("type").asText("");
        if (flow == null) {
            throw new IllegalStateException("the terminal is idle: no payment waits for a customer");
        }
        switch (type) {
            case "selectTender" -> {
                expect(Step.SELECT_TENDER, type);
                String tender = action.path("tender").asText(terminal.config().tenders().getFirst());
                if (terminal.config().tenders().stream().noneMatch(t -> t.equalsIgnoreCase(tender))) {
                    throw new IllegalArgumentException("tender '" + tender + "' is not one of " + terminal.config().tenders());
                }
                flow.tender = tender.toLowerCase(Locale.ROOT);
                enter(Step.WAITING_CARD);
            }
            case "presentCard", "swipe" -> {
                if (step == Step.SWIPE) {
                    swiped(Card.of(action));
                    return;
                }
                expect(Step.WAITING_CARD, type);
                flow.card = Card.of(action);
                if (flow.request.type().equals("sale") && flow.request.tipPrompt() != null) {
                    enter(Step.TIP);
                } else {
                    process();
                }
            }
            case "chooseTip" -> {
                expect(Step.TIP, type);
                flow.tip = tipOf(action);
                process();
            }
            case "sign" -> {
                if (step == Step.SIGN_DIALOG) {
                    finish(Outcome.of(Map.of("signatureData", ScreenImage.signature("SIGNED"))));
                    return;
                }
                expect(Step.SIGNATURE, type);
                finish(new Outcome(flow.verdict, flow.tender, flow.card, flow.tip, true));
            }
            case "input" -> {
                expect(Step.INPUT, type);
                String inputType = flow.dialog.path("inputType").asText();
                String raw = action.path("value").asText(null);
                finish(Outcome.of(Map.of("inputValue", raw == null ? "" : raw, "inputValueFormatted", InputFormats.format(inputType, raw))));
            }
            case "pressButton" -> {
                expect(Step.BUTTONS, type);
                int n = action.path("button").asInt(0);
                List<String[]> buttons = buttons(flow.dialog);
                if (n < 1 || n > buttons.size()) {
                    throw new IllegalArgumentException("button must be 1 to " + buttons.size());
                }
                finish(Outcome.of(Map.of("buttonLabel", buttons.get(n - 1)[0], "buttonValue", buttons.get(n - 1)[1])));
            }
            case "cancel" -> finish(flow.payment()
                    ? new Outcome(new Processor.Verdict("ERROR", "CA", "Transaction cancelled by customer"), flow.tender, flow.card, flow.tip, false)
                    : Outcome.failed(new TerminalError(409, "Cancelled by customer")));
            case "walkAway" -> {
                flow.walkedAway = true;
                epoch++;
            }
            default -> throw new IllegalArgumentException("unknown action '" + type
                    + "'; one of selectTender, presentCard, swipe, chooseTip, sign, input, pressButton, cancel, walkAway");
        }
    }

    /** What the screen shows now, and what it waits for. */
    synchronized Map<String, Object> screen() {
        return TerminalScreen.of(step, flow, terminal.config());
    }

    /** A restart: whatever is in progress ends in ERROR, and the device is unavailable for {@link #RESTART_TIME}. */
    synchronized void restart() {
        abort("Application restarted");
        step = Step.RESTARTING;
        long current = ++epoch;
        scheduler.schedule(TerminalModule.NAME, "restart of " + terminal.config().id(), RESTART_TIME, () -> restarted(current));
    }

    /** Whatever is in progress ends in ERROR; the device is idle. */
    synchronized void abort(String why) {
        if (flow != null) {
            finish(flow.payment() ? new Outcome(new Processor.Verdict("ERROR", "96", why), flow.tender, flow.card, flow.tip, false)
                    : Outcome.failed(new TerminalError(409, why)));
        }
        step = Step.IDLE;
    }

    private synchronized void restarted(long expected) {
        if (expected == epoch && step == Step.RESTARTING) {
            step = Step.IDLE;
            epoch++;
        }
    }

    /** Whether the application is still coming back from a restart (requests are refused meanwhile). */
    synchronized boolean restarting() {
        return step == Step.RESTARTING;
    }

    /** Up to five buttons: {@code buttonNLabel} and {@code buttonNValue} (the value defaults to the label). */
    static List<String[]> buttons(JsonNode dialog) {
        List<String[]> out = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String label = dialog.path("button" + i + "Label").asText(null);
            if (label != null) {
                out.add(new String[]{label, dialog.path("button" + i + "Value").asText(label)});
            }
        }
        return out;
    }

    private void swiped(Card card) {
        Card swiped = new Card(card.brand(), "SWIPE", card.holder(), card.pan(), card.expiry());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("track1", Tracks.track1(swiped));
        result.put("track2", Tracks.track2(swiped));
        result.put("track3", Tracks.track3(swiped));
        result.put("cardNumber", swiped.masked());
        result.put("expiryDate", Tracks.expiry(swiped));
        result.put("cardholderName", swiped.holder());
        finish(Outcome.of(result));
    }

    /** The customer's next move: the scenario's script first (after its delay), else the default customer. */
    private void enter(Step next) {
        step = next;
        long current = ++epoch;
        if (!flow.walkedAway) {
            JsonNode scripted = terminal.peekScripted();
            if (scripted != null && !CustomerScript.fits(scripted, step)) {
                scripted = null; // the default customer handles this screen, at its own pace
            }
            Duration delay = scripted != null && scripted.hasNonNull("after") ? Duration.parse(scripted.get("after").asText())
                    : scripted != null ? Duration.ofSeconds(1) : customerDelay.get();
            scheduler.schedule(TerminalModule.NAME, "customer at " + terminal.config().id(), delay, () -> customer(current));
        }
    }

    private synchronized void customer(long expected) {
        if (expected != epoch || flow == null || flow.walkedAway) {
            return;
        }
        JsonNode scripted = terminal.peekScripted();
        if (scripted != null && CustomerScript.fits(scripted, step)) {
            if (!CustomerScript.isFinal(scripted)) {
                terminal.takeScripted();
            }
            try {
                act(scripted);
                return;
            } catch (RuntimeException invalid) {
                // a scripted action that fits the screen but not its content (a button that does not exist) is dropped
            }
        }
        var node = Json.mapper().createObjectNode();
        switch (step) {
            case SELECT_TENDER -> act(node.put("type", "selectTender").put("tender", terminal.config().tenders().getFirst()));
            case WAITING_CARD -> act(node.put("type", "presentCard").put("brand", "VISA").put("entryMode", "CONTACTLESS"));
            case TIP -> act(node.put("type", "chooseTip").put("none", true));
            case SIGNATURE, SIGN_DIALOG -> act(node.put("type", "sign"));
            case INPUT -> act(node.put("type", "input").put("value",
                    InputFormats.DEFAULTS.getOrDefault(flow.dialog.path("inputType").asText(), "42")));
            case BUTTONS -> act(node.put("type", "pressButton").put("button", 1));
            case SWIPE -> act(node.put("type", "swipe"));
            default -> {
            }
        }
    }

    /**
     * The card goes to the processor: the screen shows PROCESSING until the verdict. A scenario rule on
     * the {@code payment.process} event (entity: terminalId, merchantId, transactionType, tender,
     * amount, cardType, entryMode, last4) can hold the processor (until released; the payment's time
     * limit still applies), delay it on the virtual clock, or decide the verdict:
     * {@code outcome: {type: decline, reason: insufficientFunds|doNotHonor|expiredCard|wrongPin|processorUnavailable}}.
     */
    private void process() {
        BigDecimal total = flow.request.amount().add(flow.tip == null ? BigDecimal.ZERO : flow.tip);
        Flow processing = flow;
        step = Step.PROCESSING;
        epoch++; // the default customer waits for the verdict
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("terminalId", terminal.config().id());
        entity.put("merchantId", terminal.config().merchantId());
        entity.put("transactionType", flow.request.type());
        entity.put("tender", flow.tender);
        entity.put("amount", total.toPlainString());
        entity.put("cardType", flow.card.brand());
        entity.put("entryMode", flow.card.entry());
        entity.put("last4", flow.card.masked().substring(4));
        events.around(Processor.PROCESS_EVENT.name(), terminal.config().merchantId(), entity,
                () -> processed(processing, Processor.decide(total, processing.card)),
                outcome -> processed(processing, outcome.path("type").asText().equals("decline")
                        ? Processor.BY_REASON.getOrDefault(outcome.path("reason").asText("doNotHonor"), Processor.BY_REASON.get("doNotHonor"))
                        : Processor.decide(total, processing.card)));
    }

    /** The processor's verdict, unless the payment ended meanwhile (timed out, cancelled, restarted). */
    private synchronized void processed(Flow processing, Processor.Verdict verdict) {
        if (flow != processing || step != Step.PROCESSING) {
            return;
        }
        flow.verdict = verdict;
        if (verdict.approved() && flow.request.signatureCapture()) {
            enter(Step.SIGNATURE);
        } else {
            finish(new Outcome(verdict, flow.tender, flow.card, flow.tip, false));
        }
    }

    private BigDecimal tipOf(JsonNode action) {
        if (action.path("none").asBoolean(false)) {
            return BigDecimal.ZERO.setScale(2);
        }
        if (action.has("custom")) {
            return PaymentRequest.money(action, "custom", true);
        }
        int option = action.path("option").asInt(0);
        if (option < 1 || option > flow.request.tips().size()) {
            throw new IllegalArgumentException("option must be 1 to " + flow.request.tips().size() + ", or send custom or none");
        }
        return flow.request.tips().get(option - 1).amount();
    }

    private void expect(Step expected, String action) {
        if (step != expected) {
            throw new IllegalStateException("'" + action + "' does not fit: the terminal is at " + step);
        }
    }

    private synchronized void timeout(Flow started, String message) {
        if (flow == started) {
            finish(flow.payment() ? new Outcome(new Processor.Verdict("ERROR", "TO", message), flow.tender, flow.card, flow.tip, false)
                    : Outcome.failed(new TerminalError(408, message)));
        }
    }

    private void finish(Outcome outcome) {
        Flow ended = flow;
        flow = null;
        step = Step.IDLE;
        epoch++;
        ended.done.complete(outcome);
    }
}
