package io.flume.api;

/**
 * Decides a {@code switch} node's route: the returned string is looked up among the node's
 * {@code routes}. An unmatched value, or the literal {@code "default"}, takes the {@code default}
 * route when there is one; otherwise the record passes through unchanged. A condition that
 * throws, or returns null, fails the record.
 *
 * @param <T> the pipeline's value type
 */
@FunctionalInterface
public interface Condition<T> {

    String evaluate(T value) throws Exception;
}
