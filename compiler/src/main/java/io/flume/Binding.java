package io.flume;

import java.util.function.Function;

/**
 * A pipeline bound to a schema name rather than to one schema: each record runs on the version
 * of the named schema that is registered when it arrives, so a {@link Flume#setSchema} takes
 * effect from the next record on, without rebuilding anything on the caller's side.
 *
 * <pre>{@code
 * Binding<ObjectNode> orders = flume.bind("orders");
 * flume.setSchema("orders", v1);
 * orders.process(order);             // runs v1
 * flume.setSchema("orders", v2);
 * orders.process(order);             // runs v2
 * }</pre>
 *
 * @param <T> the pipeline's value type
 */
public final class Binding<T> {

    private final String schemaName;
    private final Function<String, NamedSchema<T>> lookup;

    Binding(String schemaName, Function<String, NamedSchema<T>> lookup) {
        this.schemaName = schemaName;
        this.lookup = lookup;
    }

    public String schemaName() {
        return schemaName;
    }

    /** Returns the version a record arriving now would run on. */
    public int version() {
        return current().version();
    }

    /** Runs the current version on {@code value}; see {@link Pipeline#process(Object)}. */
    public T process(T value) {
        return current().pipeline().process(value);
    }

    /** Runs the current version and returns everything that happened; see {@link Pipeline#run}. */
    public PipelineResult<T> run(Object key, T value) {
        return current().pipeline().run(key, value);
    }

    private NamedSchema<T> current() {
        NamedSchema<T> named = lookup.apply(schemaName);
        if (named == null) {
            throw new IllegalStateException("no schema is registered under '" + schemaName
                    + "'; register one with setSchema(\"" + schemaName + "\", schema) before processing");
        }
        return named;
    }
}
