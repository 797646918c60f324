package io.flume.api;

/**
 * Recovers from the failure of a {@code handle} node's child. Returning a value clears the
 * failure and the record continues with that value; throwing (the same exception or a new one)
 * keeps the record failed.
 *
 * @param <T> the pipeline's value type
 */
@FunctionalInterface
public interface ErrorHandler<T> {

    T handle(FailedRecord<T> failure) throws Exception;
}
