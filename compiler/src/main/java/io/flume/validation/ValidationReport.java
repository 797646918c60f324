package io.flume.validation;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every problem validation found in one schema, errors and warnings, in source order (by line,
 * then column).
 */
public final class ValidationReport {

    private static final Comparator<Problem> SOURCE_ORDER = Comparator
            .comparingInt((Problem problem) -> problem.position().line())
            .thenComparingInt(problem -> problem.position().column());

    private final List<Problem> problems;

    public ValidationReport(List<Problem> problems) {
        this.problems = problems.stream().sorted(SOURCE_ORDER).toList();
    }

    /** Returns every problem, errors and warnings, in source order. */
    public List<Problem> problems() {
        return problems;
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(problem -> !problem.isError()).toList();
    }

    /** Returns true when there are no errors; warnings do not make a schema invalid. */
    public boolean isValid() {
        return problems.stream().noneMatch(Problem::isError);
    }

    /** Returns one line per problem, errors and warnings, in source order; empty when there are none. */
    public String format() {
        return format(problems);
    }

    /** Returns one line per error, in source order. */
    public String formatErrors() {
        return format(errors());
    }

    private static String format(List<Problem> problems) {
        return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }

    @Override
    public String toString() {
        return format();
    }
}
