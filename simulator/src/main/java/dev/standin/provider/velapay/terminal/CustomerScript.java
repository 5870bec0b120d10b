package dev.standin.provider.velapay.terminal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Which screen a scripted customer action belongs to. A script describes what the customer does at
 * the screens that matter to the test; the screens it does not mention (choosing a tender when the
 * request named none, say) are handled by the default customer, and the script waits for its screen.
 */
final class CustomerScript {
    private CustomerScript() {
    }

    /** Whether {@code action} is something the customer can do at {@code step}. */
    static boolean fits(JsonNode action, TerminalDevice.Step step) {
        return switch (action.path("type").asText("")) {
            case "selectTender" -> step == TerminalDevice.Step.SELECT_TENDER;
            case "presentCard" -> step == TerminalDevice.Step.WAITING_CARD;
            case "swipe" -> step == TerminalDevice.Step.WAITING_CARD || step == TerminalDevice.Step.SWIPE;
            case "chooseTip" -> step == TerminalDevice.Step.TIP;
            case "sign" -> step == TerminalDevice.Step.SIGNATURE || step == TerminalDevice.Step.SIGN_DIALOG;
            case "input" -> step == TerminalDevice.Step.INPUT;
            case "pressButton" -> step == TerminalDevice.Step.BUTTONS;
            default -> true; // cancel and walkAway fit every screen; an unknown type is refused when it is acted
        };
    }

    /** A customer who walks away stays away: every later interaction at this terminal is left waiting, until a reset. */
    static boolean isFinal(JsonNode action) {
        return action.path("type").asText("").equals("walkAway");
    }
}
