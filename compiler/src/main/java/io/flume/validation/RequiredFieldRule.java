package io.flume.validation;

import io.flume.schema.Node;
import io.flume.schema.NodeType;
import io.flume.schema.SchemaFields;
import java.util.List;

/** Checks the fields each type requires and the number of children it takes. */
final class RequiredFieldRule implements NodeRule {

    @Override
    public void check(Node node, List<Node> ancestors, Problems problems) {
        NodeType type = node.type();
        if (type == null) {
            return;
        }
        switch (type) {
            case SEQUENCE, SCAFFOLD, CONCURRENT, RACE, WORKER_POOL -> requireChildren(node, problems);
            case CONTEST -> {
                requireText(node, SchemaFields.PREDICATE, "predicate", problems);
                requireChildren(node, problems);
            }
            case FALLBACK -> requireTwoChildren(node, problems);
            case RETRY, TIMEOUT, CIRCUIT_BREAKER, RATE_LIMIT -> requireNode(node, SchemaFields.CHILD, node.child(), problems);
            case HANDLE -> {
                requireText(node, SchemaFields.ERROR_HANDLER, "error handler", problems);
                requireNode(node, SchemaFields.CHILD, node.child(), problems);
            }
            case FILTER -> {
                requireText(node, SchemaFields.PREDICATE, "predicate", problems);
                requireNode(node, SchemaFields.THEN, node.then(), problems);
            }
            case SWITCH -> {
                requireText(node, SchemaFields.CONDITION, "condition", problems);
                requireRoutes(node, problems);
            }
            case STREAM -> rejectChildAndChildren(node, problems);
            case REF -> { }
        }
    }

    private static void requireText(Node node, String field, String component, Problems problems) {
        if (node.hasProblem(field)) {
            return;
        }
        String type = node.type().keyword();
        if (!node.has(field)) {
            problems.error(node, node.position(), type + " needs '" + field + "', the name of a registered " + component);
        } else if (NodeFields.isBlank(NodeFields.text(node, field))) {
            problems.error(node, node.positionOf(field), "'" + field + "' is empty; name a registered " + component);
        }
    }

    private static void requireNode(Node node, String field, Node value, Problems problems) {
        if (value != null || node.hasProblem(field)) {
            return;
        }
        String type = node.type().keyword();
        if (!node.has(field)) {
            problems.error(node, node.position(), type + " needs a '" + field + "' node");
        } else {
            problems.error(node, node.positionOf(field), "'" + field + "' is empty; give " + type
                    + " a node there, such as 'ref: PROCESSOR'");
        }
    }

    private static void requireChildren(Node node, Problems problems) {
        if (node.hasProblem(SchemaFields.CHILDREN)) {
            return;
        }
        String type = node.type().keyword();
        if (!node.has(SchemaFields.CHILDREN)) {
            problems.error(node, node.position(), type + " needs 'children' with at least 1 node");
        } else if (node.children() == null || node.children().isEmpty()) {
            problems.error(node, node.positionOf(SchemaFields.CHILDREN), type
                    + " needs at least 1 node in 'children', got none");
        }
    }

    private static void requireTwoChildren(Node node, Problems problems) {
        if (node.hasProblem(SchemaFields.CHILDREN)) {
            return;
        }
        int count = node.children() == null ? 0 : node.children().size();
        if (!node.has(SchemaFields.CHILDREN)) {
            problems.error(node, node.position(), "fallback needs 'children' with exactly 2 nodes,"
                    + " the primary and the fallback");
        } else if (count != 2) {
            problems.error(node, node.positionOf(SchemaFields.CHILDREN), "fallback needs exactly 2 children,"
                    + " the primary and the fallback, got " + count);
        }
    }

    private static void requireRoutes(Node node, Problems problems) {
        if (node.hasProblem(SchemaFields.ROUTES)) {
            return;
        }
        if (!node.has(SchemaFields.ROUTES)) {
            problems.error(node, node.position(), "switch needs 'routes' with at least 1 route");
            return;
        }
        if (node.routes() == null || node.routes().isEmpty()) {
            problems.error(node, node.positionOf(SchemaFields.ROUTES), "switch needs at least 1 route in 'routes', got none");
            return;
        }

        Node defaultNamedRoute = node.routes().get(SchemaFields.DEFAULT);
        if (defaultNamedRoute != null && node.has(SchemaFields.DEFAULT)) {
            problems.error(defaultNamedRoute, defaultNamedRoute.position(), "the route 'default' conflicts with the"
                    + " switch's 'default' field, which a condition returning \"default\" also takes;"
                    + " rename the route or remove one of them");
        }
    }

    private static void rejectChildAndChildren(Node node, Problems problems) {
        if (node.has(SchemaFields.CHILD) && node.has(SchemaFields.CHILDREN)) {
            problems.error(node, node.keyPositionOf(SchemaFields.CHILDREN), "stream node has both 'child' and"
                    + " 'children'; keep one of them ('children' run as a sequence)");
        }
    }
}
