package io.flume.api;

/**
 * Makes an independent copy of a value, for nodes that run children on copies
 * ({@code concurrent}, {@code scaffold}, {@code race}, {@code contest}, {@code worker-pool},
 * {@code stream}). Without a registered cloner, values are copied by a serde round trip.
 *
 * @param <T> the pipeline's value type
 */
@FunctionalInterface
public interface Cloner<T> {

    T copy(T value);

    /** Returns the cloner for immutable values, which hands out the value itself. */
    static <T> Cloner<T> immutable() {
        return value -> value;
    }
}
