package dev.standin.provider.velapay.terminal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.standin.core.clock.VirtualClock;
import dev.standin.core.id.IdGenerator;
import dev.standin.core.json.Json;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A terminal's one endpoint, {@code POST /}: authenticates, dispatches on {@code requestType}
 * (and {@code resourceType}/{@code actionType}), answers {@code status}, {@code timestamp} (ms) and
 * {@code version} with the result, and logs every answer (ok or error) for {@code system/log}.
 */
final class TerminalHandler {

    private final TerminalAuth auth;
    private final SystemRequests system;
    private final Payments payments;
    private final Printer printer;
    private final RequestLogRepository log;
    private final VirtualClock clock;
    private final IdGenerator ids;

    TerminalHandler(TerminalAuth auth, SystemRequests system, Payments payments, Printer printer, RequestLogRepository log,
                    VirtualClock clock, IdGenerator ids) {
        this.auth = auth;
        this.system = system;
        this.payments = payments;
        this.printer = printer;
        this.log = log;
        this.clock = clock;
        this.ids = ids;
    }

    void handle(Terminal terminal, Context ctx) {
        byte[] raw = ctx.bodyAsBytes();
        auth.check(ctx, terminal, raw);
        String requestText = new String(raw, StandardCharsets.UTF_8);
        JsonNode request = null;
        String requestType = null;
        try {
            request = parse(requestText);
            requestType = text(request, "requestType");
            Map<String, Object> result = dispatch(terminal, requestType, request);
            Map<String, Object> body = ok();
            body.putAll(result);
            record(terminal, requestType, request, body);
            ctx.json(body).contentType("application/json; charset=utf-8"); // after json(), which sets plain application/json
        } catch (TerminalError e) {
            record(terminal, requestType, request == null ? Json.mapper().createObjectNode().put("raw", requestText) : request,
                    TerminalErrors.body(clock, e.getMessage()));
            throw e;
        }
    }

    void preflight(Context ctx) {
        ctx.status(204);
    }

    static void cors(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Access-Control-Allow-Methods", "POST, OPTIONS");
        ctx.header("Access-Control-Allow-Headers", "Content-Type, X-Timestamp, X-Signature");
    }

    private Map<String, Object> dispatch(Terminal terminal, String requestType, JsonNode request) {
        if (requestType == null) {
            throw TerminalError.missing("requestType");
        }
        if (terminal.device().restarting()) {
            throw new TerminalError(503, "Terminal is restarting");
        }
        return switch (requestType) {
            case "device" -> device(terminal, request);
            case "system" -> system.handle(terminal, request);
            case "payment" -> payments.handle(terminal, request);
            case "dialog" -> Interactions.dialog(terminal, request);
            case "msr" -> Interactions.msr(terminal, request);
            case "print" -> printer.handle(terminal, request);
            default -> throw TerminalError.invalid("requestType", "'" + PaymentRequest.abbreviate(requestType)
                    + "' is not one of " + String.join(", ", REQUEST_TYPES));
        };
    }

    private Map<String, Object> device(Terminal terminal, JsonNode request) {
        String resource = text(request, "resourceType");
        if (resource != null && !resource.equals("info")) {
            throw TerminalError.invalid("resourceType", "'" + resource + "' is not 'info'");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uid", terminal.config().uid());
        out.put("manufacture", terminal.config().manufacture());
        out.put("model", terminal.config().model());
        out.put("sn", terminal.config().sn());
        return out;
    }

    private Map<String, Object> ok() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("timestamp", clock.epochMillis());
        body.put("version", TerminalErrors.VERSION);
        return body;
    }

    /** The request types a terminal knows; only these reach the log's request_type column. */
    static final List<String> REQUEST_TYPES = List.of("system", "device", "payment", "dialog", "print", "msr");

    private void record(Terminal terminal, String requestType, JsonNode request, Map<String, Object> response) {
        if ("system".equals(requestType) && "log".equals(text(request, "resourceType"))) {
            return;
        }
        log.insert("LOG-" + ids.digits(12), terminal.config(), clock.epochMillis(),
                requestType != null && REQUEST_TYPES.contains(requestType) ? requestType : null,
                request.toString(), Json.mapper().valueToTree(response).toString(), terminal.config().logSize());
    }

    private static JsonNode parse(String text) {
        if (text.isBlank()) {
            throw TerminalError.missing("requestType");
        }
        try {
            JsonNode node = Json.mapper().readTree(text);
            if (node instanceof ObjectNode) {
                return node;
            }
            throw new TerminalError(400, "The request body must be a JSON object");
        } catch (JsonProcessingException e) {
            throw new TerminalError(400, "Malformed JSON: " + e.getOriginalMessage());
        }
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    static List<String> lines(String... lines) {
        return List.of(lines);
    }
}
