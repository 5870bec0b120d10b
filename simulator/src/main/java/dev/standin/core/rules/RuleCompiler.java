package dev.standin.core.rules;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.PatternSyntaxException;

/**
 * Turns a scenario's {@code rules} (already shaped by the JSON Schema) into {@link Rule}s, and names
 * every rule that cannot work: a bad regex or path template, a range whose min exceeds its max, an
 * event rule with request conditions, or two effects that would both answer.
 */
public final class RuleCompiler {
    private RuleCompiler() {
    }

    /** Reports each problem of {@code rules} to {@code problems} as (JSON pointer, why). */
    public static void check(JsonNode rules, String pointer, BiConsumer<String, String> problems) {
        for (int i = 0; i < rules.size(); i++) {
            compile("check", i, rules.get(i), pointer + "/" + i, problems);
        }
    }

    public static List<Rule> compile(String scenario, JsonNode rules) {
        List<Rule> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            out.add(compile(scenario, i, rules.get(i), "/rules/" + i, (p, why) -> {
                throw new IllegalStateException(p + ": " + why);
            }));
        }
        return out;
    }

    private static Rule compile(String scenario, int index, JsonNode r, String at, BiConsumer<String, String> problems) {
        JsonNode m = r.path("match");
        JsonNode e = r.path("effect");
        boolean isEvent = m.has("event") || m.has("entity");
        for (String requestOnly : new String[]{"method", "path", "query", "headers", "body"}) {
            if (isEvent && m.has(requestOnly)) {
                problems.accept(at + "/match/" + requestOnly, "an event rule (match.event/entity) cannot also match '" + requestOnly + "'");
            }
        }
        if (m.has("entity") && !m.has("event")) {
            problems.accept(at + "/match/entity", "match.entity needs match.event");
        }
        PathTemplate path = null;
        if (m.has("path")) {
            try {
                path = PathTemplate.of(m.get("path").asText());
            } catch (IllegalArgumentException ex) {
                problems.accept(at + "/match/path", ex.getMessage());
            }
        }
        Rule.Match match = new Rule.Match(text(m, "provider"), upper(text(m, "method")), path,
                matchers(m.path("query"), at + "/match/query", problems, false),
                matchers(m.path("headers"), at + "/match/headers", problems, true),
                matchers(m.path("body"), at + "/match/body", problems, false),
                text(m, "tenant"), text(m, "event"), matchers(m.path("entity"), at + "/match/entity", problems, false),
                m.has("during") ? window(m.get("during").path("from"), Duration.ZERO, at + "/match/during/from", problems) : null,
                m.has("during") ? window(m.get("during").path("until"), null, at + "/match/during/until", problems) : null);
        if (match.during() != null && match.until() != null && !match.until().minus(match.during()).isPositive()) {
            problems.accept(at + "/match/during/until", "the window must end after it starts");
        }

        int answers = (e.has("respond") ? 1 : 0) + (e.has("fault") && !"chunked".equals(e.path("fault").asText()) ? 1 : 0)
                + (e.has("rateLimit") ? 1 : 0) + (e.has("commitThenFail") ? 1 : 0) + (e.has("outcome") ? 1 : 0);
        if (answers > 1) {
            problems.accept(at + "/effect", "respond, fault, rateLimit, commitThenFail and outcome each decide the answer: use one");
        }
        if (e.has("hold") && !isEvent) {
            problems.accept(at + "/effect/hold", "hold applies to lifecycle events: add match.event");
        }
        if (isEvent && (e.has("respond") || e.has("fault") || e.has("rateLimit") || e.has("commitThenFail"))) {
            problems.accept(at + "/effect", "an event rule has no HTTP answer to change: use outcome, hold, delay or webhook");
        }
        if (e.has("outcome") && !m.has("provider")) {
            problems.accept(at + "/match/provider", "an outcome is provider logic: name the provider");
        }
        Duration delayMin = null;
        Duration delayMax = null;
        JsonNode delay = e.path("delay");
        if (delay.isTextual()) {
            delayMin = delayMax = duration(delay.asText());
        } else if (delay.isObject()) {
            delayMin = duration(delay.path("min").asText());
            delayMax = duration(delay.path("max").asText());
            if (delayMin != null && delayMax != null && delayMin.compareTo(delayMax) > 0) {
                problems.accept(at + "/effect/delay", "min is longer than max");
            }
        }
        JsonNode respond = e.path("respond");
        JsonNode ctf = e.path("commitThenFail");
        JsonNode hook = e.path("webhook");
        Rule.Effect effect = new Rule.Effect(
                respond.isObject() ? new Rule.Respond(respond.path("status").asInt(), strings(respond.path("headers")),
                        respond.has("body") ? respond.get("body") : null) : null,
                e.has("outcome") ? e.get("outcome") : null,
                delayMin, delayMax, text(e, "fault"),
                e.has("rateLimit") ? e.path("rateLimit").path("retryAfter").asInt(1) : null,
                ctf.isObject() ? new Rule.CommitThenFail(ctf.path("status").asInt(500), ctf.path("drop").asBoolean(false)) : null,
                e.path("hold").asBoolean(false),
                hook.isObject() ? new Rule.Webhook(hook.path("url").asText(), strings(hook.path("headers")), hook.get("body"),
                        hook.has("delay") ? duration(hook.get("delay").asText()) : Duration.ZERO) : null,
                text(e, "release"));
        JsonNode t = r.path("times");
        Rule.Times times = t.has("first") ? new Rule.Times("first", t.get("first").asLong(), 0)
                : t.has("nth") ? new Rule.Times("nth", t.get("nth").asLong(), 0)
                : t.has("after") ? new Rule.Times("after", t.get("after").asLong(), 0)
                : t.has("probability") ? new Rule.Times("probability", 0, t.get("probability").asDouble())
                : new Rule.Times("always", 0, 0);
        return new Rule(scenario, index, r.has("name") ? r.get("name").asText() : scenario + "#" + (index + 1), match, effect, times);
    }

    private static Map<String, ValueMatcher> matchers(JsonNode specs, String at, BiConsumer<String, String> problems, boolean lowerKeys) {
        Map<String, ValueMatcher> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = specs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = lowerKeys ? field.getKey().toLowerCase(Locale.ROOT) : field.getKey();
            try {
                ValueMatcher matcher = ValueMatcher.of(field.getValue());
                if (matcher.min() != null && matcher.max() != null && matcher.min().compareTo(matcher.max()) > 0) {
                    problems.accept(at + "/" + field.getKey(), "min is greater than max: nothing can match");
                }
                if (Boolean.FALSE.equals(matcher.present()) && (matcher.equals() != null || matcher.regex() != null
                        || matcher.min() != null || matcher.max() != null)) {
                    problems.accept(at + "/" + field.getKey(), "present: false with a value condition: nothing can match");
                }
                out.put(key, matcher);
            } catch (PatternSyntaxException ex) {
                problems.accept(at + "/" + field.getKey() + "/regex", "not a valid regular expression: " + ex.getDescription());
            }
        }
        return out;
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(f -> out.put(f.getKey(), f.getValue().asText()));
        return out;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    /** Unreadable durations are reported by the scenario parser's duration check. */
    /** A bound of {@code match.during}: an ISO-8601 duration after the rule's scenario was loaded. */
    private static Duration window(JsonNode bound, Duration fallback, String at, BiConsumer<String, String> problems) {
        if (bound.isMissingNode() && fallback != null) {
            return fallback;
        }
        Duration d = duration(bound.asText());
        if (d == null || d.isNegative()) {
            problems.accept(at, "must be an ISO-8601 duration such as PT10M, counted from when the scenario was loaded");
            return fallback == null ? Duration.ZERO : fallback;
        }
        return d;
    }

    private static Duration duration(String text) {
        try {
            return Duration.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
