package dev.standin.provider.velapay.terminal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.standin.core.json.Json;
import dev.standin.db.terminals.tables.records.RequestLogRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code requestType: system}: app restart, config get/set, request logs, screen capture. */
final class SystemRequests {
    private final RequestLogRepository log;

    SystemRequests(RequestLogRepository log) {
        this.log = log;
    }

    Map<String, Object> handle(Terminal terminal, JsonNode request) {
        String resource = TerminalHandler.text(request, "resourceType");
        if (resource == null) {
            throw TerminalError.missing("resourceType");
        }
        String action = TerminalHandler.text(request, "actionType");
        return switch (resource) {
            case "app" -> app(terminal, action);
            case "config" -> config(terminal, action, request);
            case "log" -> log(terminal, action, request);
            case "screen" -> screen(terminal, action);
            default -> throw TerminalError.invalid("resourceType", "'" + resource + "' is not one of app, config, log, screen");
        };
    }

    private Map<String, Object> app(Terminal terminal, String action) {
        require(action, "restart");
        terminal.device().restart();
        terminal.resetSettings();
        return Map.of();
    }

    private Map<String, Object> config(Terminal terminal, String action, JsonNode request) {
        if ("get".equals(action)) {
            return Map.of("config", terminal.settings());
        }
        if (!"set".equals(action)) {
            throw action == null ? TerminalError.missing("actionType")
                    : TerminalError.invalid("actionType", "'" + action + "' is not one of get, set");
        }
        JsonNode changes = request.get("config");
        if (changes == null || !changes.isObject()) {
            throw TerminalError.missing("config");
        }
        Map<String, Object> values = Json.mapper().convertValue(changes, Map.class);
        String bad = terminal.set(values);
        if (bad != null) {
            throw TerminalError.invalid("config." + bad, "unknown, read-only or of the wrong type");
        }
        return Map.of("config", terminal.settings());
    }

    private Map<String, Object> log(Terminal terminal, String action, JsonNode request) {
        String logType = TerminalHandler.text(request, "logType");
        if (logType == null) {
            throw TerminalError.missing("logType");
        }
        if (!logType.equals("requestResult")) {
            throw TerminalError.invalid("logType", "'" + logType + "' is not 'requestResult'");
        }
        if (action == null) {
            throw TerminalError.missing("actionType");
        }
        return switch (action) {
            case "get" -> {
                String logId = TerminalHandler.text(request, "logId");
                if (logId == null) {
                    throw TerminalError.missing("logId");
                }
                RequestLogRecord r = log.find(terminal.config().id(), logId)
                        .orElseThrow(() -> new TerminalError(404, "No log with logId " + logId));
                yield Map.of("log", entry(r));
            }
            case "getList" -> {
                JsonNode filter = request.path("logFilter");
                long since = whole(filter, "createdSince", 0, Long.MAX_VALUE, 0);
                int offset = (int) whole(filter, "offset", 0, Integer.MAX_VALUE, 0);
                int limit = (int) whole(filter, "limit", 1, MAX_PAGE, DEFAULT_PAGE);
                String id = terminal.config().id();
                List<Map<String, Object>> logs = log.since(id, since, offset, limit).stream().map(SystemRequests::entry).toList();
                int total = log.countSince(id, since);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("logs", logs);
                out.put("count", logs.size());
                out.put("total", total);
                out.put("hasMore", offset + logs.size() < total);
                yield out;
            }
            case "clear" -> Map.of("count", log.clear(terminal.config().id()));
            default -> throw TerminalError.invalid("actionType", "'" + action + "' is not one of get, getList, clear");
        };
    }

    /** Entries one getList answers unless logFilter.limit says otherwise, and the most it may ask for. */
    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;

    private static long whole(JsonNode filter, String field, long min, long max, long fallback) {
        JsonNode v = filter.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw TerminalError.invalid("logFilter." + field, "must be a whole number from " + min + " to " + max);
        }
        return v.asLong();
    }

    private Map<String, Object> screen(Terminal terminal, String action) {
        require(action, "capture");
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> screen = terminal.device().screen();
        List<String> lines = new ArrayList<>();
        lines.add(String.valueOf(screen.get("text")));
        ((List<?>) screen.get("buttons")).forEach(b -> lines.add("[ " + b + " ]"));
        lines.add("Merchant " + terminal.config().merchantId());
        out.put("imageData", ScreenImage.png(String.valueOf(screen.get("title")), lines));
        out.put("format", "png");
        return out;
    }

    private static void require(String action, String expected) {
        if (action == null) {
            throw TerminalError.missing("actionType");
        }
        if (!action.equals(expected)) {
            throw TerminalError.invalid("actionType", "'" + action + "' is not '" + expected + "'");
        }
    }

    private static Map<String, Object> entry(RequestLogRecord r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("logId", r.getLogId());
        out.put("created", r.getCreated());
        out.put("requestType", r.getRequestType());
        out.put("request", tree(r.getRequest()));
        out.put("response", tree(r.getResponse()));
        return out;
    }

    private static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            return Json.mapper().getNodeFactory().textNode(json);
        }
    }
}
