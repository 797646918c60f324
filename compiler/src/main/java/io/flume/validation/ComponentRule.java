package io.flume.validation;

import io.flume.runtime.config.TopicNames;
import io.flume.schema.Node;
import io.flume.schema.SchemaFields;
import java.util.List;
import java.util.Set;

/**
 * Checks that every processor, predicate, condition, reducer and error handler a node names is
 * registered, and that every stream is declared when the catalog declares streams.
 */
final class ComponentRule implements NodeRule {

    private final ComponentCatalog catalog;

    ComponentRule(ComponentCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void check(Node node, List<Node> ancestors, Problems problems) {
        if (node.type() == null) {
            return;
        }
        switch (node.type()) {
            case REF -> checkRegistered(node, SchemaFields.REF, "processor", "processors", catalog.processorNames(), problems);
            case FILTER, CONTEST ->
                    checkRegistered(node, SchemaFields.PREDICATE, "predicate", "predicates", catalog.predicateNames(), problems);
            case SWITCH ->
                    checkRegistered(node, SchemaFields.CONDITION, "condition", "conditions", catalog.conditionNames(), problems);
            case CONCURRENT ->
                    checkRegistered(node, SchemaFields.REDUCER, "reducer", "reducers", catalog.reducerNames(), problems);
            case HANDLE -> checkRegistered(node, SchemaFields.ERROR_HANDLER, "error handler", "error handlers",
                    catalog.errorHandlerNames(), problems);
            case STREAM -> checkStream(node, problems);
            default -> { }
        }
    }

    private static void checkRegistered(Node node, String field, String kind, String kindPlural, Set<String> registered,
            Problems problems) {
        String name = NodeFields.text(node, field);
        if (NodeFields.isBlank(name) || node.hasProblem(field) || registered.contains(name)) {
            return;
        }
        String known = registered.isEmpty() ? "no " + kindPlural + " are registered" : "registered: " + NodeFields.list(registered);
        problems.error(node, node.positionOf(field), kind + " '" + name + "' is not registered (" + known + ")"
                + DidYouMean.suffix(name, registered));
    }

    private void checkStream(Node node, Problems problems) {
        String stream = node.stream();
        // StreamNameRule reports a name that is not a legal topic name, which no config can declare.
        if (NodeFields.isBlank(stream) || node.hasProblem(SchemaFields.STREAM) || TopicNames.problem(stream) != null) {
            return;
        }
        catalog.declaredStreams()
                .filter(declared -> !declared.contains(stream))
                .ifPresent(declared -> {
                    String known = declared.isEmpty() ? "no streams are declared" : "declared: " + NodeFields.list(declared);
                    String suggestion = DidYouMean.suffix(stream, declared);
                    String fix = suggestion.isEmpty()
                            ? "; add it to the application config's 'streams' or register a channel named '" + stream + "'"
                            : suggestion;
                    problems.error(node, node.positionOf(SchemaFields.STREAM), "stream '" + stream
                            + "' is not declared (" + known + ")" + fix);
                });
    }
}
