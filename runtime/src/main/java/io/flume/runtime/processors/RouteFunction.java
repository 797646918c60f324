package io.flume.runtime.processors;

/**
 * Chooses a decision node's route for a value: the route label, or null to pass the record
 * through unchanged. Throwing fails the record.
 */
@FunctionalInterface
public interface RouteFunction<T> {

    String route(T value) throws Exception;
}
