package io.flume.api;

/**
 * A record whose processing failed, as an {@link ErrorHandler} sees it.
 *
 * @param value the value as the failing node received it
 * @param error the exception the failing node threw
 * @param nodePath the schema path of the failing node, such as {@code root.children[2].then}
 * @param attempts how many times the failing node ran
 * @param <T> the pipeline's value type
 */
public record FailedRecord<T>(T value, Throwable error, String nodePath, int attempts) {
}
