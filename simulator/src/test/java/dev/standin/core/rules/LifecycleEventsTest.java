package dev.standin.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.standin.core.id.IdGenerator;
import org.junit.jupiter.api.Test;

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
    private final AtomicInteger reads = new AtomicInteger();
    private final List<String> ran = new ArrayList<>();

    @Test
    void aStepNoRuleNamesRunsWithoutReadingItsSubject() throws Exception {
        load("[{\"name\": \"other\", \"match\": {\"provider\": \"velo\", \"event\": \"payee.ofac\"}, \"effect\": {\"outcome\": {\"reason\": \"X\"}}}]");
        run("tenant-1", Optional.of(Map.of("payoutId", "p1")));
        assertEquals(0, reads.get());
        assertEquals(List.of("step"), ran);
    }

    @Test
    void aRuleNamingTheEventSeesTheSubjectReadForIt() throws Exception {
        load("[{\"name\": \"reject\", \"match\": {\"provider\": \"velo\", \"event\": \"payout.validate\", \"tenant\": \"tenant-1\","
                + " \"entity\": {\"payoutId\": \"p1\"}}, \"effect\": {\"outcome\": {\"reason\": \"OTHER\"}}}]");
        run("tenant-1", Optional.of(Map.of("payoutId", "p1")));
        assertEquals(1, reads.get());
        assertEquals(List.of("outcome OTHER"), ran);
    }

    @Test
    void aRuleNamingTheEventThatDoesNotMatchTheSubjectLetsTheStepRun() throws Exception {
        load("[{\"name\": \"reject\", \"match\": {\"provider\": \"velo\", \"event\": \"payout.validate\", \"tenant\": \"tenant-2\"},"
                + " \"effect\": {\"outcome\": {\"reason\": \"OTHER\"}}}]");
        run("tenant-1", Optional.of(Map.of("payoutId", "p1")));
        assertEquals(1, reads.get());
        assertEquals(List.of("step"), ran);
    }

    @Test
    void aSubjectGoneOrMovedOnRunsNothingWhenARuleNamesTheEvent() throws Exception {
        load("[{\"name\": \"reject\", \"match\": {\"provider\": \"velo\", \"event\": \"payout.validate\"}, \"effect\": {\"outcome\": {\"reason\": \"OTHER\"}}}]");
        run("tenant-1", Optional.empty());
        assertEquals(1, reads.get());
        assertEquals(List.of(), ran);
    }

    @Test
    void aRuleOfAnotherProviderDoesNotNameTheEvent() throws Exception {
        load("[{\"name\": \"other\", \"match\": {\"provider\": \"vendreo\", \"event\": \"payout.validate\"}, \"effect\": {\"outcome\": {\"reason\": \"X\"}}}]");
        run("tenant-1", Optional.of(Map.of("payoutId", "p1")));
        assertEquals(0, reads.get());
        assertEquals(List.of("step"), ran);
    }

    private void run(String tenant, Optional<Map<String, ?>> entity) {
        events.around("payout.validate", () -> {
            reads.incrementAndGet();
            return entity.map(e -> new LifecycleEvents.Subject(tenant, e));
        }, () -> ran.add("step"), outcome -> ran.add("outcome " + outcome.path("reason").asText()));
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
