package io.flume.compiler.nodes;

import io.flume.Component;
import io.flume.Flume;
import io.flume.compiler.CompileException;
import io.flume.schema.Node;
import java.util.List;
import java.util.Optional;

/** Looks up the components a node refers to, failing with the node's path when one is missing. */
final class Components {

    private Components() {
    }

    static <C> C require(Optional<Component<C>> component, Node node, String kind, String name, List<String> registered) {
        return component.map(Component::implementation).orElseThrow(() -> new CompileException(List.of(
                node.position() + ": " + node.path() + ": " + kind + " '" + name + "' is not registered (registered: "
                        + (registered.isEmpty() ? "none" : String.join(", ", registered)) + ")")));
    }

    static <T> io.flume.api.Processor<T> processor(Flume<T> flume, Node node) {
        return require(flume.getProcessor(node.ref()), node, "processor", node.ref(), flume.listProcessors());
    }

    static <T> io.flume.api.Predicate<T> predicate(Flume<T> flume, Node node) {
        return require(flume.getPredicate(node.predicate()), node, "predicate", node.predicate(), flume.listPredicates());
    }

    static <T> io.flume.api.ErrorHandler<T> errorHandler(Flume<T> flume, Node node) {
        return require(flume.getErrorHandler(node.errorHandler()), node, "error handler", node.errorHandler(),
                flume.listErrorHandlers());
    }

    static <T> io.flume.api.Reducer<T> reducer(Flume<T> flume, Node node) {
        return require(flume.getReducer(node.reducer()), node, "reducer", node.reducer(), flume.listReducers());
    }

    static <T> io.flume.api.Condition<T> condition(Flume<T> flume, Node node) {
        return require(flume.getCondition(node.condition()), node, "condition", node.condition(), flume.listConditions());
    }
}
