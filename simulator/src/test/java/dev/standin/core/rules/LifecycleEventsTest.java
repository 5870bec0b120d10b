package dev.standin.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.standin.core.id.IdGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A step whose subject is read from the database only for rules: the read happens only when a loaded
 * rule names the step's event (a payout's validation read the payout and all its payments to count
 * them for rules nobody had written, then read them again to validate).
 */
class LifecycleEventsTest {
    private final RuleEngine rules = new RuleEngine(new IdGenerator(1, "rules", 0), () -> Instant.EPOCH);
    private final LifecycleEvents events = new LifecycleEvents("velo", rules, null);

    /** The step is Velo's payout.validate of tenant-1's payout p1 (or of a payout gone: no subject). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a step no rule names runs without reading its subject       | velo    | payee.ofac      |          | true  | 0 | step
            a rule of another provider does not name the event          | vendreo | payout.validate |          | true  | 0 | step
            a rule naming the event sees the subject read for it        | velo    | payout.validate | tenant-1 | true  | 1 | outcome OTHER
            a rule naming the event but not matching lets the step run  | velo    | payout.validate | tenant-2 | true  | 1 | step
            a subject gone or moved on runs nothing when a rule names it | velo    | payout.validate |          | false | 1 |
            """)
    void theSubjectIsReadOnlyForRulesNamingTheEvent(String behaviour, String provider, String event, String tenant,
                                                      boolean subjectExists, int expectedReads, String expectedRun) throws Exception {
        String match = "{\"provider\": \"" + provider + "\", \"event\": \"" + event + "\""
                + (tenant == null ? "" : ", \"tenant\": \"" + tenant + "\", \"entity\": {\"payoutId\": \"p1\"}") + "}";
        load("[{\"name\": \"rule\", \"match\": " + match + ", \"effect\": {\"outcome\": {\"reason\": \"OTHER\"}}}]");
        AtomicInteger reads = new AtomicInteger();
        List<String> ran = new ArrayList<>();
        events.around("payout.validate", () -> {
            reads.incrementAndGet();
            return subjectExists ? Optional.of(new LifecycleEvents.Subject("tenant-1", Map.of("payoutId", "p1"))) : Optional.empty();
        }, () -> ran.add("step"), outcome -> ran.add("outcome " + outcome.path("reason").asText()));
        assertEquals(expectedReads, reads.get(), behaviour);
        assertEquals(expectedRun == null ? List.of() : List.of(expectedRun), ran, behaviour);
    }

    private void load(String json) throws Exception {
        JsonNode list = new ObjectMapper().readTree(json);
        rules.reload(List.of(new RuleSet() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public JsonNode rules() {
                return list;
            }
        }));
    }
}
