package dev.standin.core.scenario;

/** One thing wrong with a scenario: where (file, line, field) and why. */
public record ScenarioProblem(String file, int line, String field, String why) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + (field.isEmpty() ? "" : field + ": ") + why;
    }
}
