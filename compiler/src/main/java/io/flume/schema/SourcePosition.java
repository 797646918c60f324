package io.flume.schema;

/**
 * Where something stands in a schema file: 1-based line and column. {@code file} is the path as
 * the user gave it, or {@code <inline>} for a schema parsed from a string.
 */
public record SourcePosition(String file, int line, int column) {

    public static final SourcePosition UNKNOWN = new SourcePosition("<unknown>", 0, 0);

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
