package io.flume.api;

/**
 * Decides a {@code filter} node's route: {@code then} when it returns true, {@code else} otherwise.
 * A predicate that throws fails the record.
 *
 * @param <T> the pipeline's value type
 */
@FunctionalInterface
public interface Predicate<T> {

    boolean test(T value) throws Exception;
}
