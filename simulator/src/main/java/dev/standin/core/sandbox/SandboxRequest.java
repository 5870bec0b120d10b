package dev.standin.core.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.standin.core.Simulation;
import dev.standin.core.auth.Secrets;
import dev.standin.core.clock.ClockMode;
import dev.standin.core.http.ApiError;
import dev.standin.core.http.Cidr;
import dev.standin.core.provider.ProviderModule;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A sandbox creation request, {@code {"name", "scenarios": ["default", "<inline YAML>"], "clock":
 * {"mode", "start"}, "seed"}}, turned into a {@link Sandbox.Spec}: shipped scenarios by name, inline
 * ones as given, each with fresh credentials from its providers, so that no two sandboxes share one.
 */
public final class SandboxRequest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** What a sandbox gets unless its request says otherwise. */
    public record Defaults(ClockMode clockMode, Instant start, long seed, int journalSize, List<Cidr> trustedNetworks, long maxRows) {
    }

    private SandboxRequest() {
    }

    /**
     * @param shipped the text of a shipped scenario by name ("default", "velo-partial-failure"), if there is one
     */
    public static Sandbox.Spec spec(JsonNode r, String id, Defaults defaults, List<ProviderModule> providers,
                                    Function<String, Optional<String>> shipped) {
        String name = r.path("name").asText(id);
        if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw ApiError.badBody("name", "name: 1 to 64 of A-Z, a-z, 0-9, '.', '_' and '-'");
        }
        List<Simulation.Source> sources = new ArrayList<>();
        JsonNode scenarios = r.has("scenarios") ? r.get("scenarios") : YAML.createArrayNode().add("default");
        if (!scenarios.isArray() || scenarios.size() > 20) {
            throw ApiError.badBody("scenarios", "scenarios: a list of at most 20 shipped scenario names or inline YAML documents");
        }
        for (int i = 0; i < scenarios.size(); i++) {
            JsonNode s = scenarios.get(i);
            if (!s.isTextual()) {
                throw ApiError.badBody("scenarios[" + i + "]", "scenarios[" + i + "] must be a string: a shipped scenario's name or a YAML document");
            }
            String text = s.asText();
            boolean inline = text.contains("\n") || text.contains(":");
            String field = "scenarios[" + i + "]";
            String source = inline ? text : shipped.apply(text).orElseThrow(() -> ApiError.badBody(field,
                    "no shipped scenario named '" + text + "' (see scenarios/)"));
            sources.add(new Simulation.Source("sandbox " + id + (inline ? " scenarios[" + i + "]" : " " + text),
                    freshCredentials(source, providers)));
        }
        JsonNode clock = r.path("clock");
        ClockMode mode = defaults.clockMode();
        if (clock.has("mode")) {
            try {
                mode = ClockMode.parse(clock.get("mode").asText());
            } catch (IllegalArgumentException e) {
                throw ApiError.badBody("clock.mode", "clock.mode: " + e.getMessage());
            }
        }
        Instant start = defaults.start();
        if (clock.has("start")) {
            try {
                start = Instant.parse(clock.get("start").asText());
            } catch (DateTimeParseException e) {
                throw ApiError.badBody("clock.start", "clock.start must be an ISO-8601 instant such as 2026-01-01T00:00:00Z");
            }
        }
        long seed = defaults.seed();
        if (r.has("seed")) {
            if (!r.get("seed").isIntegralNumber() || !r.get("seed").canConvertToLong()) {
                throw ApiError.badBody("seed", "seed must be a whole number");
            }
            seed = r.get("seed").asLong();
        }
        long maxRows = defaults.maxRows();
        if (r.has("maxRows")) {
            JsonNode m = r.get("maxRows");
            if (!m.isIntegralNumber() || !m.canConvertToLong() || m.asLong() < 1 || (maxRows > 0 && m.asLong() > maxRows)) {
                throw ApiError.badBody("maxRows", "maxRows must be a whole number from 1 to "
                        + (maxRows > 0 ? maxRows + " (the server's --max-sandbox-rows)" : Long.MAX_VALUE));
            }
            maxRows = m.asLong();
        }
        return new Sandbox.Spec(id, name, Secrets.uuid().toString(), mode, start, seed, dev.standin.core.store.Database.Location.memory(), sources,
                defaults.journalSize(), defaults.trustedNetworks(), maxRows);
    }

    /** The scenario with each provider's seed given fresh credentials; a document that does not parse is left for the parser to report. */
    private static String freshCredentials(String text, List<ProviderModule> providers) {
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (IOException e) {
            return text;
        }
        if (tree == null || !tree.isObject() || !tree.path("seed").isObject()) {
            return text;
        }
        ObjectNode seed = (ObjectNode) tree.get("seed");
        for (ProviderModule p : providers) {
            if (seed.has(p.name())) {
                seed.set(p.name(), p.freshCredentials(seed.get(p.name())));
            }
        }
        return tree.toString();
    }
}
