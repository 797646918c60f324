package io.flume.validation;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The component names a schema is validated against. {@link io.flume.Flume} implements it; the
 * structure-only mode of validation runs without one.
 */
public interface ComponentCatalog {

    Set<String> processorNames();

    Set<String> predicateNames();

    Set<String> conditionNames();

    /** Returns the values a condition declared it can return; empty when it declared none. */
    List<String> conditionValues(String condition);

    Set<String> reducerNames();

    Set<String> errorHandlerNames();

    Set<String> channelNames();

    /**
     * Returns the stream names an application declares (its config's {@code streams} and its
     * channels), or empty when every stream name is accepted and maps to a topic of that name.
     */
    default Optional<Set<String>> declaredStreams() {
        return Optional.empty();
    }
}
