package io.flume.schema;

import java.util.Objects;

/**
 * A field value the parser could not use because it has the wrong shape, such as a string where
 * {@code children} needs a list, or a duration that does not parse. The parser keeps going and
 * records the problem on the node, so that validation reports it together with every other
 * problem of the schema.
 *
 * @param field the field the value belongs to, such as {@code backoff} or {@code children}
 * @param path the schema path the problem concerns: the node's own path for a scalar field, the
 *     path the child node would have had for a malformed child, such as {@code root.children[1]}
 * @param position where the wrong value starts
 * @param message what is wrong and what to write instead
 */
public record FieldProblem(String field, String path, SourcePosition position, String message) {

    public FieldProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(message, "message");
    }
}
