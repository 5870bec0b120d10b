package dev.standin.provider.velapay.terminal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a terminal's screen shows at each step of its state machine, and which customer action it waits for. */
final class TerminalScreen {
    private TerminalScreen() {
    }

    static Map<String, Object> of(TerminalDevice.Step step, TerminalDevice.Flow flow, TerminalConfig config) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("state", step.name());
        List<String> buttons = new ArrayList<>();
        switch (step) {
            case IDLE -> {
                out.put("title", "Ready");
                out.put("text", "Terminal " + config.id());
                out.put("waitingFor", null);
            }
            case PROCESSING -> {
                out.put("title", "Processing");
                out.put("text", "Amount " + flow.request.amount() + ", please wait");
                out.put("waitingFor", null);
            }
            case RESTARTING -> {
                out.put("title", "Restarting");
                out.put("text", "Please wait");
                out.put("waitingFor", null);
            }
            case SELECT_TENDER -> {
                out.put("title", "Select payment type");
                out.put("text", "Amount " + flow.request.amount());
                buttons.addAll(config.tenders());
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
            case INPUT -> {
                out.put("title", flow.dialog.path("title").asText("Enter a value"));
                out.put("text", flow.dialog.path("description").asText(flow.dialog.path("inputType").asText()));
                out.put("waitingFor", "input");
            }
            case BUTTONS -> {
                out.put("title", flow.dialog.path("title").asText("Select an option"));
                out.put("text", flow.dialog.path("description").asText(""));
                TerminalDevice.buttons(flow.dialog).forEach(b -> buttons.add(b[0]));
                out.put("waitingFor", "pressButton");
            }
            case SIGN_DIALOG -> {
                out.put("title", flow.dialog.path("title").asText("Signature"));
                out.put("text", flow.dialog.path("description").asText("Sign below"));
                out.put("waitingFor", "sign");
            }
            case SWIPE -> {
                out.put("title", "SWIPE");
                out.put("text", "Swipe the card");
                out.put("waitingFor", "swipe");
            }
        }
        out.put("buttons", buttons);
        return out;
    }
}
