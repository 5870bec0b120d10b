package dev.standin.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.util.Map;

/** The block printed once Standin is ready: each API's URL and default credentials, the console, the docs. */
public final class Banner {

    private Banner() {
    }

    /**
     * Reads {@code /_sim/info} from the control port just started and prints the block, each API under
     * its title (by the name of its port); a failure to read it only says so.
     */
    public static void print(String host, int controlPort, String token, Map<String, String> titles, PrintStream out) {
        String shown = host.equals("0.0.0.0") ? "localhost" : host;
        String control = "http://" + shown + ":" + controlPort;
        try {
            out.print(render(new ControlClient(control, null, token).get("/_sim/info"), titles, shown, control));
        } catch (ControlClient.Refused | ControlClient.Unreachable e) {
            out.println("Standin is ready; its info could not be read for the banner: " + e.getMessage());
        }
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
