package io.flume.compiler;

import java.util.List;

/** A schema that passed validation but cannot be compiled, with one message per problem. */
public final class CompileException extends RuntimeException {

    private final List<String> problems;

    public CompileException(List<String> problems) {
        super(problems.size() == 1 ? problems.get(0)
                : problems.size() + " problems:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
