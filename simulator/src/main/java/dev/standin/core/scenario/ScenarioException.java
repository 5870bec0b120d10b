package dev.standin.core.scenario;

import java.util.List;
import java.util.stream.Collectors;

/** A scenario refused as a whole, with every problem found in it. */
public final class ScenarioException extends RuntimeException {
    private final transient List<ScenarioProblem> problems;

    public ScenarioException(List<ScenarioProblem> problems) {
        super(problems.stream().map(ScenarioProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ScenarioProblem> problems() {
        return problems;
    }
}
