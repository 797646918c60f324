package io.flume.validation;

import io.flume.schema.Node;
import io.flume.schema.SourcePosition;
import java.util.ArrayList;
import java.util.List;

/** Collects the problems the rules find during one validation. */
final class Problems {

    private final List<Problem> found = new ArrayList<>();

    void error(Node node, SourcePosition at, String message) {
        error(node.path(), at, message);
    }

    void error(String path, SourcePosition at, String message) {
        found.add(new Problem(Severity.ERROR, at, path, message));
    }

    void warning(Node node, SourcePosition at, String message) {
        warning(node.path(), at, message);
    }

    void warning(String path, SourcePosition at, String message) {
        found.add(new Problem(Severity.WARNING, at, path, message));
    }

    ValidationReport report() {
        return new ValidationReport(found);
    }
}
