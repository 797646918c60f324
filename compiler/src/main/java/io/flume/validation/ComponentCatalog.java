package io.flume.validation;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

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

    /**
     * Returns a catalog with the components of {@code components} that accepts only the stream
     * names {@code streams}, as an application config that lists its streams does.
     */
    static ComponentCatalog withDeclaredStreams(ComponentCatalog components, Set<String> streams) {
        return new StreamDeclaringCatalog(components, new TreeSet<>(streams));
    }

    /** A catalog that delegates to another one and declares which stream names exist. */
    record StreamDeclaringCatalog(ComponentCatalog components, Set<String> streams) implements ComponentCatalog {

        @Override
        public Set<String> processorNames() {
            return components.processorNames();
        }

        @Override
        public Set<String> predicateNames() {
            return components.predicateNames();
        }

        @Override
        public Set<String> conditionNames() {
            return components.conditionNames();
        }

        @Override
        public List<String> conditionValues(String condition) {
            return components.conditionValues(condition);
        }

        @Override
        public Set<String> reducerNames() {
            return components.reducerNames();
        }

        @Override
        public Set<String> errorHandlerNames() {
            return components.errorHandlerNames();
        }

        @Override
        public Set<String> channelNames() {
            return components.channelNames();
        }

        @Override
        public Optional<Set<String>> declaredStreams() {
            return Optional.of(streams);
        }
    }
}
