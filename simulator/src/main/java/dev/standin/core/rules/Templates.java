package dev.standin.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.standin.core.json.Json;

import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Simple templating of rule bodies: {@code {{path.payoutId}}}, {@code {{query.page}}},
 * {@code {{header.x-request-id}}}, {@code {{body.payments[0].amount}}}, {@code {{tenant}}},
 * {@code {{uuid}}} and {@code {{now}}}; webhooks also see {@code {{status}}} and {@code {{response.payoutId}}}. A string that is exactly one placeholder takes the value's
 * own JSON type (a number stays a number); unknown placeholders become empty.
 */
public final class Templates {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]+?)\\s*}}");

    private Templates() {
    }

    /** {@code lookup} answers a placeholder's value as JSON, or null when unknown. */
    public static JsonNode render(JsonNode template, Function<String, JsonNode> lookup) {
        if (template == null) {
            return null;
        }
        if (template.isTextual()) {
            String text = template.asText();
            Matcher whole = PLACEHOLDER.matcher(text);
            if (whole.matches()) {
                JsonNode value = lookup.apply(whole.group(1));
                return value == null ? TextNode.valueOf("") : value;
            }
            Matcher m = PLACEHOLDER.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                JsonNode value = lookup.apply(m.group(1));
                m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value.isTextual() ? value.asText() : value.toString()));
            }
            m.appendTail(out);
            return TextNode.valueOf(out.toString());
        }
        if (template.isObject()) {
            ObjectNode out = Json.mapper().createObjectNode();
            template.fields().forEachRemaining(f -> out.set(f.getKey(), render(f.getValue(), lookup)));
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = Json.mapper().createArrayNode();
            template.forEach(item -> out.add(render(item, lookup)));
            return out;
        }
        return template;
    }

    /** The lookup for a request: path variables, query, headers, body fields, tenant, plus {@code extra}. */
    static Function<String, JsonNode> forRequest(RequestFacts facts, Map<String, String> pathVariables,
                                                 Map<String, JsonNode> extra) {
        return key -> {
            if (extra.containsKey(key)) {
                return extra.get(key);
            }
            int dot = key.indexOf('.');
            String scope = dot < 0 ? key : key.substring(0, dot);
            String name = dot < 0 ? "" : key.substring(dot + 1);
            if (extra.containsKey(scope)) {
                return field(extra.get(scope), name);
            }
            return switch (scope) {
                case "path" -> text(pathVariables.get(name));
                case "query" -> facts.query().containsKey(name) ? text(facts.query().get(name).getFirst()) : null;
                case "header" -> text(facts.headers().get(name.toLowerCase(java.util.Locale.ROOT)));
                case "body" -> field(facts.body().get(), name);
                case "tenant" -> text(facts.tenant().get());
                case "method" -> text(facts.method());
                case "request" -> text(facts.path());
                default -> null;
            };
        };
    }

    /** A dotted path with indexes ({@code payments[0].amount}) into a JSON document, or null. */
    static JsonNode field(JsonNode root, String dotted) {
        if (root == null) {
            return null;
        }
        String pointer = "/" + dotted.replaceAll("\\[(\\d+)]", ".$1").replace('.', '/');
        JsonNode node = root.at(pointer);
        return node.isMissingNode() ? null : node;
    }

    private static JsonNode text(String value) {
        return value == null ? null : TextNode.valueOf(value);
    }
}
