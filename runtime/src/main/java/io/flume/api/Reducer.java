package io.flume.api;

import java.util.Map;

/**
 * Merges the results of a {@code concurrent} node's children into the value that continues.
 *
 * @param <T> the pipeline's value type
 */
@FunctionalInterface
public interface Reducer<T> {

    /**
     * Returns the merged value.
     *
     * @param original the value the {@code concurrent} node received
     * @param results each successful child's result, by child name
     * @param errors each failed child's exception, by child name
     */
    T reduce(T original, Map<String, T> results, Map<String, Throwable> errors) throws Exception;
}
