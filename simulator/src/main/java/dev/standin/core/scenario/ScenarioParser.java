package dev.standin.core.scenario;


import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.standin.core.json.SharedTrees;
import dev.standin.core.rules.RuleCompiler;
import dev.standin.core.rules.RuleEventCheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a scenario document (YAML, or JSON), validates it against {@code scenarios/scenario.schema.json}
 * and the providers' own seed checks, and either answers the {@link Scenario} or throws a
 * {@link ScenarioException} naming every problem by file, line and field.
 */
public final class ScenarioParser {
    public static final String SCHEMA_RESOURCE = "scenarios/scenario.schema.json";

    private final Map<String, SeedCheck> seedChecks;
    private final RuleEventCheck events;
    private final ScenarioRegistry loaded;

    public ScenarioParser(Map<String, SeedCheck> seedChecks, RuleEventCheck events, ScenarioRegistry loaded) {
        this.seedChecks = seedChecks;
        this.events = events;
        this.loaded = loaded;
    }

    /** The compiled schema, loaded once for the whole server: every sandbox's parser shares it. */
    private static volatile Schema shared;

    private Schema schema() {
        Schema s = shared;
        if (s == null) {
            synchronized (ScenarioParser.class) {
                if (shared == null) {
                    shared = loadSchema();
                }
                s = shared;
            }
        }
        return s;
    }

    private static Schema loadSchema() {
        try (InputStream in = ScenarioParser.class.getClassLoader().getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the classpath");
            }
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Scenario parse(String text, String origin) {
        LocatedTree tree = LocatedTree.parse(text, origin);
        Problems problems = new Problems(origin, tree);
        JsonNode root = tree.root();
        if (root == null || !root.isObject()) {
            problems.add("", "a scenario must be a mapping with at least 'version' and 'name'");
            throw new ScenarioException(problems.list());
        }
        for (Error error : schema().validate(root)) {
            reportSchemaError(error, problems);
        }
        if (problems.isEmpty() && loaded.find(root.path("name").asText()).isPresent()) {
            problems.add("/name", "a scenario named '" + root.get("name").asText() + "' is already loaded");
        }
        checkDurations(root.path("settings"), "/settings", problems);
        checkDurations(root.path("rules"), "/rules", problems);
        if (problems.isEmpty() && root.path("rules").isArray()) {
            RuleCompiler.check(root.get("rules"), "/rules", problems::add);
            events.check(root.get("rules"), "/rules", problems::add);
        }
        if (problems.isEmpty()) {
            JsonNode seed = root.path("seed");
            seedChecks.forEach((provider, check) -> {
                if (seed.has(provider)) {
                    check.check(seed.get(provider), "/seed/" + provider, loaded.seedsFor(provider), problems);
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems.list());
        }
        return new Scenario(root.get("name").asText(), origin, text, root.path("description").asText(""),
                SharedTrees.share(root.path("seed")), SharedTrees.share(root.path("rules")), SharedTrees.share(root.path("settings")));
    }

    private static void reportSchemaError(Error error, Problems problems) {
        String pointer = toPointer(error.getInstanceLocation());
        String keyword = error.getKeyword();
        String property = error.getProperty();
        if ("additionalProperties".equals(keyword) || "unevaluatedProperties".equals(keyword)) {
            problems.add(Pointers.child(pointer, property), "unknown key '" + property + "'");
        } else if ("required".equals(keyword) && property != null) {
            problems.add(Pointers.child(pointer, property), "is required");
        } else {
            problems.add(pointer, stripLocation(error.getMessage()));
        }
    }

    /** Every string value under a key ending in 'delay', 'after', 'timeout' or named like a duration must parse as ISO-8601. */
    private static void checkDurations(JsonNode node, String pointer, Problems problems) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String child = Pointers.child(pointer, field.getKey());
                if (field.getValue().isTextual() && isDurationKey(field.getKey())) {
                    checkDuration(field.getValue().asText(), child, problems);
                } else if (field.getValue().isArray() && isDurationKey(field.getKey())) {
                    for (int i = 0; i < field.getValue().size(); i++) {
                        checkDuration(field.getValue().get(i).asText(), Pointers.child(child, i), problems);
                    }
                } else {
                    checkDurations(field.getValue(), child, problems);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkDurations(node.get(i), Pointers.child(pointer, i), problems);
            }
        }
    }

    private static boolean isDurationKey(String key) {
        String k = key.toLowerCase(java.util.Locale.ROOT);
        return k.endsWith("delay") || k.endsWith("delays") || k.endsWith("timeout") || k.equals("after") || k.equals("min") || k.equals("max")
                || k.equals("every") || k.equals("by");
    }

    private static void checkDuration(String text, String pointer, Problems problems) {
        try {
            Duration d = Duration.parse(text);
            if (d.isNegative()) {
                problems.add(pointer, "'" + text + "' is negative; durations must be zero or more");
            } else if (d.compareTo(Duration.ofDays(36_500)) > 0) {
                problems.add(pointer, "'" + text + "' is longer than 100 years");
            }
        } catch (DateTimeParseException e) {
            problems.add(pointer, "'" + text + "' is not an ISO-8601 duration (e.g. PT2S, PT500MS is written PT0.5S)");
        }
    }

    private static String toPointer(NodePath path) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            Object element = path.getElement(i);
            out.append('/');
            out.append(element instanceof Integer ? element.toString()
                    : element.toString().replace("~", "~0").replace("/", "~1"));
        }
        return out.toString();
    }

    /** networknt prefixes messages with the instance location; the problem carries it separately. */
    private static String stripLocation(String message) {
        int colon = message.indexOf(": ");
        return colon > 0 && message.startsWith("/") || message.startsWith("$") && colon > 0
                ? message.substring(colon + 2) : message;
    }

}
