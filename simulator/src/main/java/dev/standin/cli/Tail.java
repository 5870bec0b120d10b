package dev.standin.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code ctl requests} and {@code ctl webhooks}: one listing, or with {@code --tail} new lines every second until interrupted. */
final class Tail {
    private final ControlClient client;
    private final PrintStream out;

    Tail(ControlClient client, PrintStream out) {
        this.client = client;
        this.out = out;
    }

    int requests(List<String> args) throws Ctl.Usage, ControlClient.Refused, ControlClient.Unreachable {
        StringBuilder query = new StringBuilder("?limit=" + Ctl.option(args, "--limit", "100"));
        for (String filter : List.of("provider", "method", "path")) {
            String value = Ctl.option(args, "--" + filter, null);
            if (value != null) {
                query.append('&').append(filter).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        boolean tail = args.remove("--tail");
        if (!args.isEmpty()) {
            throw new Ctl.Usage("requests takes --provider, --method, --path, --limit and --tail, not " + args);
        }
        long[] last = {-1};
        return loop(tail, () -> {
            List<JsonNode> fresh = new ArrayList<>();
            for (JsonNode r : client.get(client.path("/requests" + query)).path("requests")) {
                if (r.path("id").asLong() > last[0]) {
                    fresh.add(r);
                }
            }
            for (JsonNode r : fresh.reversed()) { // the journal is newest first; a log reads oldest first
                last[0] = Math.max(last[0], r.path("id").asLong());
                out.println(r.path("at").asText() + "  " + r.path("provider").asText() + "  " + r.path("method").asText() + " "
                        + r.path("path").asText() + (r.path("query").isTextual() ? "?" + r.path("query").asText() : "") + "  "
                        + r.path("status").asInt() + (r.path("rule").isTextual() ? "  rule " + r.path("rule").asText() : ""));
            }
        });
    }

    int webhooks(List<String> args) throws Ctl.Usage, ControlClient.Refused, ControlClient.Unreachable {
        boolean tail = args.remove("--tail");
        if (!args.isEmpty()) {
            throw new Ctl.Usage("webhooks takes --tail only, not " + args);
        }
        Map<Long, String> shown = new HashMap<>();
        return loop(tail, () -> {
            List<JsonNode> all = new ArrayList<>();
            client.get(client.path("/webhooks")).path("deliveries").forEach(all::add);
            for (JsonNode d : all.reversed()) {
                StringBuilder attempts = new StringBuilder();
                for (JsonNode a : d.path("attempts")) {
                    attempts.append(attempts.isEmpty() ? "" : ", ").append('#').append(a.path("number").asInt()).append(' ')
                            .append(a.path("status").isNull() ? a.path("error").asText("no answer") : a.path("status").asText());
                }
                String line = "#" + d.path("id").asLong() + "  " + d.path("provider").asText() + "  " + d.path("event").asText() + "  "
                        + d.path("url").asText() + "  " + d.path("state").asText() + "  [" + attempts + "]";
                if (!line.equals(shown.put(d.path("id").asLong(), line))) {
                    out.println(line);
                }
            }
        });
    }

    private interface Poll {
        void once() throws ControlClient.Refused, ControlClient.Unreachable;
    }

    private int loop(boolean tail, Poll poll) throws ControlClient.Refused, ControlClient.Unreachable {
        poll.once();
        while (tail) {
            out.flush();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Ctl.OK;
            }
            poll.once();
        }
        return Ctl.OK;
    }
}
