package io.flume.schema;

import java.util.List;

/**
 * A value of a schema document with its source position: the tree that the YAML and JSON readers
 * produce and {@link NodeReader} turns into {@link Node}s. Scalars keep their text as written, so
 * that {@code on} stays the route key {@code on} rather than YAML 1.1's boolean.
 */
sealed interface SourceValue permits SourceValue.Mapping, SourceValue.Sequence, SourceValue.Scalar {

    SourcePosition position();

    /** Describes the value for messages, such as {@code a list} or {@code the string 'abc'}. */
    String describe();

    /** A mapping, with its entries in source order; keys are unique. */
    record Mapping(SourcePosition position, List<Entry> entries) implements SourceValue {

        public Mapping {
            entries = List.copyOf(entries);
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** One key of a mapping, with the position of the key and of the value. */
    record Entry(String key, SourcePosition keyPosition, SourceValue value) {
    }

    record Sequence(SourcePosition position, List<SourceValue> items) implements SourceValue {

        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A scalar: its text as written (without quotes) and the kind its YAML or JSON syntax gives it. */
    record Scalar(SourcePosition position, String text, ScalarKind kind) implements SourceValue {

        boolean isNull() {
            return kind == ScalarKind.NULL;
        }

        @Override
        public String describe() {
            return switch (kind) {
                case STRING -> "the string '" + text + "'";
                case INTEGER, FLOAT -> "the number " + text;
                case BOOLEAN -> "the boolean " + text;
                case NULL -> "an empty value";
            };
        }
    }

    enum ScalarKind {
        STRING,
        INTEGER,
        FLOAT,
        BOOLEAN,
        NULL
    }
}
