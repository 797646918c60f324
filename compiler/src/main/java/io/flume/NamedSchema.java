package io.flume;

/**
 * A schema registered under a name with {@link Flume#setSchema}, with its version (1 for the
 * first registration, one more for each replacement) and its in-process pipeline.
 *
 * @param <T> the pipeline's value type
 */
public record NamedSchema<T>(String name, int version, io.flume.schema.Schema schema, Pipeline<T> pipeline) {
}
