package io.flume.validation;

import io.flume.schema.SourcePosition;
import java.util.Objects;

/**
 * One problem validation found in a schema.
 *
 * <p>{@link #toString()} gives the line users see, {@code FILE:LINE:COLUMN: PATH: message}, with
 * {@code warning: } before the message of a warning:
 *
 * <pre>
 * pipeline.yaml:14:7: root.children[2].routes.high: processor 'notify' is not registered (registered: enrich, validate)
 * pipeline.yaml:9:3: root.children[1]: warning: retry with backoff inside the timeout at root ...
 * </pre>
 *
 * @param severity whether the problem makes the schema invalid
 * @param position where the problem is in the source
 * @param path the schema path of the node the problem is about, such as {@code root.children[2]}
 * @param message what is wrong, the wrong value, and what to do
 */
public record Problem(Severity severity, SourcePosition position, String path, String message) {

    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return position + ": " + path + ": " + (severity == Severity.WARNING ? "warning: " : "") + message;
    }
}
