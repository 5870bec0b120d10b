package dev.standin.provider.velapay.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.clock.Scheduler;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A terminal's screen and card reader as a state machine: idle, then tender selection (when the
 * request names no tender), waiting for a card, the tip prompt (when asked), processing, signature
 * (when asked), and back to idle. The simulated customer acts through {@link #act}; when nobody says
 * anything, a default customer taps an approving Visa after {@link #CUSTOMER_DELAY} of virtual time,
 * takes no tip and signs. A payment still waiting after {@link #CAP} ends in ERROR.
 */
final class TerminalDevice {
    static final Duration CUSTOMER_DELAY = Duration.ofSeconds(2);
    static final Duration CAP = Duration.ofMinutes(2);

    enum Step { IDLE, SELECT_TENDER, WAITING_CARD, TIP, SIGNATURE }

    /** How an interaction ended. */
    record Outcome(Processor.Verdict verdict, String tender, Card card, BigDecimal tip, boolean signed) {
    }

    /** The payment in progress. */
    static final class Flow {
        final PaymentRequest request;
        final CompletableFuture<Outcome> done = new CompletableFuture<>();
        String tender;
        Card card;
        BigDecimal tip;
        Processor.Verdict verdict;
        boolean walkedAway;

        Flow(PaymentRequest request) {
            this.request = request;
            this.tender = request.tender();
            this.tip = request.tipPrompt() == null ? request.presetTip() : null;
        }
    }

    private final Terminal terminal;
    private final Scheduler scheduler;
    private Step step = Step.IDLE;
    private long epoch;
    private Flow flow;

    TerminalDevice(Terminal terminal, Scheduler scheduler) {
        this.terminal = terminal;
        this.scheduler = scheduler;
    }

    synchronized boolean busy() {
        return flow != null;
    }

    synchronized Flow start(PaymentRequest request) {
        if (flow != null) {
            throw new TerminalError(409, "Another transaction in process");
        }
        flow = new Flow(request);
        Flow started = flow;
        scheduler.schedule(TerminalModule.NAME, "payment cap on " + terminal.config().id(), CAP, () -> timeout(started));
        enter(flow.tender == null ? Step.SELECT_TENDER : Step.WAITING_CARD);
        return flow;
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
                flow.tender = tender.toLowerCase(java.util.Locale.ROOT);
                enter(Step.WAITING_CARD);
            }
            case "presentCard" -> {
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
                expect(Step.SIGNATURE, type);
                finish(new Outcome(flow.verdict, flow.tender, flow.card, flow.tip, true));
            }
            case "cancel" -> finish(new Outcome(new Processor.Verdict("ERROR", "CA", "Transaction cancelled by customer"),
                    flow.tender, flow.card, flow.tip, false));
            case "walkAway" -> {
                flow.walkedAway = true;
                epoch++;
            }
            default -> throw new IllegalArgumentException("unknown action '" + type
                    + "'; one of selectTender, presentCard, chooseTip, sign, cancel, walkAway");
        }
    }

    /** What the screen shows now, and what it waits for. */
    synchronized Map<String, Object> screen() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", step.name());
        List<String> buttons = new ArrayList<>();
        switch (step) {
            case IDLE -> {
                out.put("title", "Ready");
                out.put("text", "Terminal " + terminal.config().id());
                out.put("waitingFor", null);
            }
            case SELECT_TENDER -> {
                out.put("title", "Select payment type");
                out.put("text", "Amount " + flow.request.amount());
                buttons.addAll(terminal.config().tenders());
                out.put("waitingFor", "selectTender");
            }
            case WAITING_CARD -> {
                out.put("title", "Tap, insert or swipe card");
                out.put("text", "Amount " + flow.request.amount());
                out.put("waitingFor", "presentCard");
            }
            case TIP -> {
                out.put("title", "Add a tip?");
                out.put("text", "Amount " + flow.request.amount());
                flow.request.tips().forEach(t -> buttons.add(t.label() + " (" + t.amount() + ")"));
                if (flow.request.showCustomTip() || "custom".equals(flow.request.tipPrompt())) {
                    buttons.add("Custom Tip");
                }
                if (flow.request.showNoTip()) {
                    buttons.add("No Tip");
                }
                out.put("waitingFor", "chooseTip");
            }
            case SIGNATURE -> {
                out.put("title", "APPROVED");
                out.put("text", "Signature Required");
                out.put("waitingFor", "sign");
            }
        }
        out.put("buttons", buttons);
        return out;
    }

    /** A restart: whatever is in progress ends in ERROR. */
    synchronized void abort(String why) {
        if (flow != null) {
            finish(new Outcome(new Processor.Verdict("ERROR", "96", why), flow.tender, flow.card, flow.tip, false));
        }
    }

    private void enter(Step next) {
        step = next;
        long current = ++epoch;
        if (!flow.walkedAway) {
            scheduler.schedule(TerminalModule.NAME, "customer at " + terminal.config().id(), CUSTOMER_DELAY,
                    () -> defaultCustomer(current));
        }
    }

    private synchronized void defaultCustomer(long expected) {
        if (expected != epoch || flow == null || flow.walkedAway) {
            return;
        }
        var node = dev.standin.core.json.Json.mapper().createObjectNode();
        switch (step) {
            case SELECT_TENDER -> act(node.put("type", "selectTender").put("tender", terminal.config().tenders().getFirst()));
            case WAITING_CARD -> act(node.put("type", "presentCard").put("brand", "VISA").put("entryMode", "CONTACTLESS"));
            case TIP -> act(node.put("type", "chooseTip").put("none", true));
            case SIGNATURE -> act(node.put("type", "sign"));
            default -> {
            }
        }
    }

    private void process() {
        BigDecimal total = flow.request.amount().add(flow.tip == null ? BigDecimal.ZERO : flow.tip);
        flow.verdict = Processor.decide(total, flow.card);
        if (flow.verdict.approved() && flow.request.signatureCapture()) {
            enter(Step.SIGNATURE);
        } else {
            finish(new Outcome(flow.verdict, flow.tender, flow.card, flow.tip, false));
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

    private synchronized void timeout(Flow started) {
        if (flow == started) {
            finish(new Outcome(new Processor.Verdict("ERROR", "TO", "Timeout waiting for the customer"),
                    flow.tender, flow.card, flow.tip, false));
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
