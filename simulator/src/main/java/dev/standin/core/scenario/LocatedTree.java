package dev.standin.core.scenario;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.standin.core.json.Json;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A parsed YAML or JSON document that remembers the line each value and key came from. */
record LocatedTree(JsonNode root, Map<String, Integer> lines) {
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final YAMLFactory YAML = YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    static LocatedTree parse(String text, String file) {
        JsonFactory factory = looksLikeJson(text) ? JSON : YAML;
        try {
            JsonNode root;
            try (JsonParser parser = factory.createParser(text)) {
                root = Json.mapper().readTree(parser);
            }
            Map<String, Integer> lines = new HashMap<>();
            try (JsonParser parser = factory.createParser(text)) {
                while (parser.nextToken() != null) {
                    String pointer = parser.getParsingContext().pathAsPointer().toString();
                    lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
                }
            }
            return new LocatedTree(root, lines);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() != null ? e.getLocation().getLineNr() : 1;
            throw new ScenarioException(List.of(new ScenarioProblem(file, line, "", "not valid " + (factory == JSON ? "JSON" : "YAML") + ": " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new ScenarioException(List.of(new ScenarioProblem(file, 1, "", "cannot be read: " + e.getMessage())));
        }
    }

    /** The line of the value at {@code pointer}, or of its nearest ancestor that has one. */
    int lineOf(String pointer) {
        String p = pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 1;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    private static boolean looksLikeJson(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{';
            }
        }
        return false;
    }
}
