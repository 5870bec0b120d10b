package dev.standin.core.scenario;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one scenario document, placing each at the line its JSON pointer came from. */
public final class Problems {
    private final String file;
    private final LocatedTree tree;
    private final List<ScenarioProblem> found = new ArrayList<>();

    Problems(String file, LocatedTree tree) {
        this.file = file;
        this.tree = tree;
    }

    /** Records that the value at {@code pointer} (e.g. {@code /seed/velo/payors/0/apiKey}) is wrong, and why. */
    public void add(String pointer, String why) {
        found.add(new ScenarioProblem(file, tree.lineOf(pointer), Pointers.toField(pointer), why));
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    List<ScenarioProblem> list() {
        return List.copyOf(found);
    }
}
