package io.flume.testing;

import java.util.List;

/**
 * A test file that cannot be run: unreadable, invalid YAML, unknown keys or values of the wrong
 * shape, or a schema, config or component library that does not load, validate or compile. Each
 * problem is one line, most of the form {@code FILE:LINE:COLUMN: PATH: message}.
 */
final class InvalidTestFileException extends RuntimeException {

    private final List<String> problems;

    InvalidTestFileException(String file, List<String> problems) {
        super("invalid test file " + file + ":\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    List<String> problems() {
        return problems;
    }
}
