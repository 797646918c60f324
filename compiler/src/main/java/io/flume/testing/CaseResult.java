package io.flume.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one case of a declarative test file.
 *
 * @param file the test file, as given or as found under a folder
 * @param name the case's name
 * @param line the line of the case in the file, 1-based
 * @param failures one line per reason the case failed, such as
 *     {@code stream quakes.minor record 2: field properties.severity expected "minor" but was "light"};
 *     empty when the case passed
 */
public record CaseResult(Path file, String name, int line, List<String> failures) {

    public CaseResult {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }
}
