package dev.standin.core.rules;

import java.util.Map;
import java.util.Set;

/**
 * A lifecycle step a rule can match with {@code match.event}, and the outcomes it understands:
 * each outcome {@code type} with the {@code reason}s it takes (empty: any reason).
 */
public record RuleEvent(String name, Map<String, Set<String>> outcomes) {
    public RuleEvent {
        outcomes = Map.copyOf(outcomes);
    }
}
