package dev.standin.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.util.Map;

/** The block printed once Standin is ready: each API's URL and default credentials, the console, the docs. */
public final class Banner {

    private Banner() {
    }

    /**
     * Prints the block from {@code info}, what {@code /_sim/info} answers (each API under its title, by
     * the name of its port). The server passes it in-process: reading it over HTTP made a client whose
     * TLS set-up alone took about 55 ms of CPU as the first requests came.
     */
    public static void print(String host, int controlPort, JsonNode info, Map<String, String> titles, PrintStream out) {
        String shown = host.equals("0.0.0.0") ? "localhost" : host;
        out.print(render(info, titles, shown, "http://" + shown + ":" + controlPort));
        out.flush();
    }

    static String render(JsonNode info, Map<String, String> titles, String host, String control) {
        StringBuilder b = new StringBuilder("\nStandin " + info.path("version").asText() + " is ready (clock " + info.path("clock").path("mode").asText()
                + ", " + info.path("clock").path("now").asText() + "; scenarios " + info.path("scenarios") + ")\n");
        info.path("ports").properties().forEach(p -> {
            if (titles.containsKey(p.getKey()) && p.getValue().isInt()) {
                row(b, titles.get(p.getKey()), "http://" + host + ":" + p.getValue().asInt(), info.path("credentials").path(p.getKey()));
            }
        });
        for (JsonNode t : info.path("ports").path("terminals")) {
            row(b, "VelaPay " + t.path("id").asText(), "http://" + host + ":" + t.path("port").asInt(),
                    info.path("credentials").path("terminals").path(t.path("id").asText()));
        }
        row(b, "Console", control + "/", null);
        row(b, "API docs", control + "/_sim/docs", null);
        row(b, "Control API", control + "/_sim/info", null);
        return b.append('\n').toString();
    }

    private static void row(StringBuilder b, String title, String url, JsonNode credentials) {
        int start = b.length();
        b.append(String.format("  %-26s %-28s", title, url));
        if (credentials != null) {
            credentials.properties().forEach(f -> {
                if (f.getValue().isValueNode() && !f.getValue().isNull()) {
                    b.append(' ').append(f.getKey()).append(' ').append(f.getValue().asText());
                }
            });
        }
        String line = b.substring(start).stripTrailing();
        b.setLength(start);
        b.append(line).append('\n');
    }
}
