package io.flume.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one declarative test file: the result of each case, or, for a file that cannot
 * be run, the problems that make it invalid.
 *
 * @param file the test file, as given or as found under a folder
 * @param cases the result of each case in file order; empty for an invalid file
 * @param problems one line per problem that makes the file invalid, most of the form
 *     {@code FILE:LINE:COLUMN: PATH: message}; empty for a valid file
 * @param warnings validation warnings about the schema, which do not stop the cases from running
 */
public record FileResult(Path file, List<CaseResult> cases, List<String> problems, List<String> warnings) {

    public FileResult {
        Objects.requireNonNull(file, "file");
        cases = List.copyOf(cases);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    static FileResult invalid(Path file, List<String> problems) {
        return new FileResult(file, List.of(), problems, List.of());
    }

    /** Returns true when the file could be run, whatever its cases' outcome. */
    public boolean isValid() {
        return problems.isEmpty();
    }

    public long passedCount() {
        return cases.stream().filter(CaseResult::passed).count();
    }

    public long failedCount() {
        return cases.stream().filter(result -> !result.passed()).count();
    }
}
