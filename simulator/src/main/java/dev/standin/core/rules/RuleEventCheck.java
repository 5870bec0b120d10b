package dev.standin.core.rules;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Checks that each event rule names an event its provider has, and an outcome type and reason that
 * event understands, so a misspelt event or reason is refused instead of never matching.
 */
public final class RuleEventCheck {
    private final Map<String, List<RuleEvent>> byProvider;
    private final List<RuleEvent> anyProvider;

    /** {@code byProvider}: each provider's events; {@code anyProvider}: core events every provider has (webhook delivery). */
    public RuleEventCheck(Map<String, List<RuleEvent>> byProvider, List<RuleEvent> anyProvider) {
        this.byProvider = Map.copyOf(byProvider);
        this.anyProvider = List.copyOf(anyProvider);
    }

    public void check(JsonNode rules, String pointer, BiConsumer<String, String> problems) {
        for (int i = 0; i < rules.size(); i++) {
            JsonNode match = rules.get(i).path("match");
            if (match.has("event")) {
                checkOne(match, rules.get(i).path("effect"), pointer + "/" + i, problems);
            }
        }
    }

    private void checkOne(JsonNode match, JsonNode effect, String at, BiConsumer<String, String> problems) {
        String event = match.get("event").asText();
        String provider = match.path("provider").asText(null);
        TreeSet<String> known = new TreeSet<>();
        anyProvider.forEach(e -> known.add(e.name()));
        byProvider.forEach((p, events) -> {
            if (provider == null || provider.equals(p)) {
                events.forEach(e -> known.add(e.name()));
            }
        });
        Optional<RuleEvent> spec = find(anyProvider, event)
                .or(() -> byProvider.entrySet().stream()
                        .filter(p -> provider == null || provider.equals(p.getKey()))
                        .flatMap(p -> p.getValue().stream()).filter(e -> e.name().equals(event)).findFirst());
        if (spec.isEmpty()) {
            problems.accept(at + "/match/event", "'" + event + "' is not an event" + (provider == null ? "" : " of " + provider)
                    + "; one of " + known);
            return;
        }
        JsonNode outcome = effect.path("outcome");
        if (!outcome.isObject()) {
            return;
        }
        String type = outcome.path("type").asText();
        var reasons = spec.get().outcomes().get(type);
        if (reasons == null) {
            problems.accept(at + "/effect/outcome/type", "'" + type + "' is not an outcome of " + event + "; one of "
                    + new TreeSet<>(spec.get().outcomes().keySet()));
        } else if (!reasons.isEmpty() && outcome.has("reason") && !reasons.contains(outcome.get("reason").asText())) {
            problems.accept(at + "/effect/outcome/reason", "'" + outcome.get("reason").asText() + "' is not a reason of "
                    + event + " " + type + "; one of " + new TreeSet<>(reasons));
        }
    }

    private static Optional<RuleEvent> find(List<RuleEvent> events, String name) {
        return events.stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
