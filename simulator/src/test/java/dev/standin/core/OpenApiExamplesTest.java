package dev.standin.core;

import dev.standin.support.ApiContracts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The documents carry the provider documents' own examples; each answer example must be one its
 * operation's schema accepts, so the examples a team reads (and Swagger UI shows) are answers
 * Standin could give.
 */
class OpenApiExamplesTest {
    @ParameterizedTest
    @ValueSource(strings = {"velo", "velapay-terminal", "velapay-cloud", "vendreo", "qolo", "control"})
    void everyAnswerExampleFitsItsOperationsSchema(String name) {
        AtomicInteger checked = new AtomicInteger();
        List<String> problems = ApiContracts.checkResponseExamples(name, checked);
        assertEquals(List.of(), problems, name + ": " + problems.size() + " of " + checked.get() + " examples refused");
    }
}
