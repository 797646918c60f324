package io.flume;

import java.util.List;
import java.util.Objects;

/**
 * A registered component: its name, an optional description and the implementation.
 *
 * @param name the name schemas refer to it by
 * @param description what it does, for {@code flume describe} and error messages; may be empty
 * @param values for a condition, the values it can return (empty when not declared); empty for
 *     every other kind
 * @param implementation the processor, predicate, condition, reducer, error handler or channel
 * @param <C> the component's Java type
 */
public record Component<C>(String name, String description, List<String> values, C implementation) {

    public Component {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(implementation, "implementation");
        description = description == null ? "" : description;
        values = values == null ? List.of() : List.copyOf(values);
    }
}
