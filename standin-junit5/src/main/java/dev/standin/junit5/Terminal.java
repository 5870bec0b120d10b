package dev.standin.junit5;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;

/** A virtual terminal: what its screen shows, and the customer's actions (present a card, tip, sign, cancel). */
public final class Terminal {
    private final Control control;
    private final String id;

    Terminal(Control control, String id) {
        this.control = control;
        this.id = id;
    }

    /** {@code {"state", "title", "text", "waitingFor", "buttons"}}. */
    public JsonNode screen() {
        return control.get("/terminals/" + id).path("screen");
    }

    /** Waits (real time) until the screen is in {@code state} (e.g. WAITING_CARD), or fails saying what it shows. */
    public JsonNode awaitScreen(String state, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode screen = screen();
        while (!state.equals(screen.path("state").asText())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("terminal " + id + " never showed " + state + "; it shows " + screen);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            screen = screen();
        }
        return screen;
    }

    /** Any customer action, e.g. {@code Map.of("type", "chooseTip", "option", 2)}. */
    public JsonNode act(Map<String, ?> action) {
        return control.postJson("/terminals/" + id + "/actions", action).path("screen");
    }

    public JsonNode selectTender(String tender) {
        return act(Map.of("type", "selectTender", "tender", tender));
    }

    /** Presents a card: {@code brand} VISA, MASTERCARD, AMEX or DISCOVER (a test card of it), {@code entryMode} CHIP, CONTACTLESS, SWIPE or MANUAL. */
    public JsonNode presentCard(String brand, String entryMode) {
        String pan = switch (brand) {
            case "MASTERCARD" -> "5555555555554444";
            case "AMEX" -> "378282246310005";
            case "DISCOVER" -> "6011111111111117";
            default -> "4111111111111111";
        };
        return act(Map.of("type", "presentCard", "brand", brand, "pan", pan, "entryMode", entryMode));
    }

    public JsonNode chooseTip(int option) {
        return act(Map.of("type", "chooseTip", "option", option));
    }

    public JsonNode sign() {
        return act(Map.of("type", "sign"));
    }

    public JsonNode cancel() {
        return act(Map.of("type", "cancel"));
    }

    /** What the terminal printed, newest first. */
    public JsonNode printouts() {
        return control.get("/terminals/" + id + "/printouts").path("printouts");
    }
}
