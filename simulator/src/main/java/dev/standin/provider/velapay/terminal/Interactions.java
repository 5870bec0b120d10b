package dev.standin.provider.velapay.terminal;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;

/** {@code requestType: dialog} and {@code msr}: validated, shown on the device, answered when the customer is done. */
final class Interactions {

    private Interactions() {
    }

    static Map<String, Object> dialog(Terminal terminal, JsonNode r) {
        String type = TerminalHandler.text(r, "dialogType");
        if (type == null) {
            throw TerminalError.missing("dialogType");
        }
        switch (type) {
            case "input" -> {
                String inputType = TerminalHandler.text(r, "inputType");
                if (inputType == null) {
                    throw TerminalError.missing("inputType");
                }
                if (!InputFormats.TYPES.contains(inputType)) {
                    throw TerminalError.invalid("inputType", "'" + inputType + "' is not one of " + InputFormats.TYPES);
                }
            }
            case "button" -> {
                if (TerminalDevice.buttons(r).isEmpty()) {
                    throw TerminalError.missing("button1Label");
                }
            }
            case "signature" -> {
            }
            default -> throw TerminalError.invalid("dialogType", "'" + type + "' is not one of input, signature, button");
        }
        Duration timeout = null;
        JsonNode t = r.get("timeout");
        if (t != null && !t.isNull()) {
            if (!t.canConvertToInt() || t.asInt() < 1) {
                throw TerminalError.invalid("timeout", "must be a whole number of seconds");
            }
            timeout = Duration.ofSeconds(t.asInt());
        }
        return await(terminal.device().startDialog(r, type, timeout));
    }

    static Map<String, Object> msr(Terminal terminal, JsonNode r) {
        String action = TerminalHandler.text(r, "actionType");
        if (action == null) {
            throw TerminalError.missing("actionType");
        }
        if (!action.equals("read")) {
            throw TerminalError.invalid("actionType", "'" + action + "' is not 'read'");
        }
        return await(terminal.device().startSwipe(r));
    }

    private static Map<String, Object> await(TerminalDevice.Flow flow) {
        TerminalDevice.Outcome o = flow.await();
        if (o.error() != null) {
            throw o.error();
        }
        return o.result();
    }
}
