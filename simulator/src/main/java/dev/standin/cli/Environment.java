package dev.standin.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;

/**
 * {@code ctl info --format env}: the sandbox's URLs and well-known credentials as {@code export}
 * lines ({@code STANDIN_VELO_URL}, {@code STANDIN_VELO_API_KEY}, {@code STANDIN_TERMINAL_TERMINAL_1_STORE_SECRET} ...),
 * for {@code eval "$(standin ctl info --format env)"} in a shell or a CI step.
 */
final class Environment {
    private Environment() {
    }

    static void print(JsonNode info, String host, String controlUrl, PrintStream out) {
        line(out, "STANDIN_URL", controlUrl);
        line(out, "STANDIN_SANDBOX", info.path("sandbox").asText());
        info.path("ports").properties().forEach(p -> {
            if (p.getValue().isInt() && !p.getKey().equals("control")) {
                line(out, "STANDIN_" + Ctl.envName(p.getKey()) + "_URL", "http://" + host + ":" + p.getValue().asInt());
            }
        });
        for (JsonNode t : info.path("ports").path("terminals")) {
            line(out, "STANDIN_TERMINAL_" + Ctl.envName(t.path("id").asText()) + "_URL", "http://" + host + ":" + t.path("port").asInt());
        }
        info.path("credentials").properties().forEach(provider -> {
            if (provider.getKey().equals("terminals")) {
                provider.getValue().properties().forEach(t -> scalars(out, "STANDIN_TERMINAL_" + Ctl.envName(t.getKey()), t.getValue()));
            } else {
                scalars(out, "STANDIN_" + Ctl.envName(provider.getKey()), provider.getValue());
            }
        });
    }

    /** The provider's default tenant: its top-level text fields (lists of every tenant stay in {@code info --format json}). */
    private static void scalars(PrintStream out, String prefix, JsonNode fields) {
        fields.properties().forEach(f -> {
            if (f.getValue().isValueNode() && !f.getValue().isNull()) {
                line(out, prefix + "_" + Ctl.envName(f.getKey()), f.getValue().asText());
            }
        });
    }

    private static void line(PrintStream out, String name, String value) {
        out.println("export " + name + "='" + value.replace("'", "'\\''") + "'");
    }
}
