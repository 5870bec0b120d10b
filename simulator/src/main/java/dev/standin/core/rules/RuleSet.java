package dev.standin.core.rules;

import com.fasterxml.jackson.databind.JsonNode;

/** A named list of rules (a loaded scenario's {@code rules} section), as the rule engine compiles it. */
public interface RuleSet {
    String name();

    JsonNode rules();
}
