package io.flume.diff;

import io.flume.Flume;
import io.flume.schema.Node;
import io.flume.schema.NodeType;
import java.util.ArrayList;

/**
 * A registry with a component for every name that some schemas refer to, each of which fails when
 * it is called. It lets {@code flume diff} compile schemas without their component library: the
 * shape of a topology, its stores and its topics depend on the schema alone.
 */
public final class PlaceholderComponents {

    private PlaceholderComponents() {
    }

    /** Returns a registry that satisfies every component reference of the nodes under {@code roots}. */
    public static Flume<Object> forSchemas(Node... roots) {
        Flume<Object> flume = Flume.builder(Object.class).build();
        for (Node root : roots) {
            register(flume, root);
        }
        return flume;
    }

    private static void register(Flume<Object> flume, Node node) {
        String fails = "placeholder of flume diff, which compiles schemas without running them";
        if (node.type() == NodeType.REF && node.ref() != null && !flume.hasProcessor(node.ref())) {
            flume.addProcessor(node.ref(), fails, (context, value) -> {
                throw new UnsupportedOperationException(fails);
            });
        }
        if (node.predicate() != null && !flume.hasPredicate(node.predicate())) {
            flume.addPredicate(node.predicate(), fails, value -> {
                throw new UnsupportedOperationException(fails);
            });
        }
        if (node.condition() != null) {
            var values = new ArrayList<>(flume.conditionValues(node.condition()));
            (node.routes() == null ? java.util.Set.<String>of() : node.routes().keySet()).stream().filter(key -> !values.contains(key)).forEach(values::add);
            flume.addCondition(node.condition(), fails, values, value -> {
                throw new UnsupportedOperationException(fails);
            });
        }
        if (node.reducer() != null && !flume.hasReducer(node.reducer())) {
            flume.addReducer(node.reducer(), fails, (original, results, errors) -> {
                throw new UnsupportedOperationException(fails);
            });
        }
        if (node.errorHandler() != null && !flume.hasErrorHandler(node.errorHandler())) {
            flume.addErrorHandler(node.errorHandler(), fails, failure -> {
                throw new UnsupportedOperationException(fails);
            });
        }
        node.labelledChildren().values().forEach(child -> register(flume, child));
    }
}
