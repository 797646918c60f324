package io.flume.validation;

import io.flume.schema.Node;
import io.flume.schema.NodeType;
import io.flume.schema.SchemaFields;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks that a node is exactly one kind: one of {@code ref}, {@code type} and {@code stream},
 * with a known type and a non-empty value.
 */
final class KindRule implements NodeRule {

    @Override
    public void check(Node node, List<Node> ancestors, Problems problems) {
        List<String> kindFields = Stream.of(SchemaFields.REF, SchemaFields.TYPE, SchemaFields.STREAM)
                .filter(node::has)
                .toList();
        if (kindFields.isEmpty()) {
            problems.error(node, node.position(), "node has no 'ref', 'type' or 'stream'; add 'ref: PROCESSOR'"
                    + " to run a processor, 'type: TYPE' for a connector, or 'stream: NAME' to send to a stream");
            return;
        }
        if (kindFields.size() > 1) {
            String quoted = kindFields.size() == 2
                    ? "both '" + kindFields.get(0) + "' and '" + kindFields.get(1) + "'"
                    : "'ref', 'type' and 'stream'";
            problems.error(node, node.position(), "node has " + quoted + "; keep exactly one of them");
            return;
        }

        String kindField = kindFields.get(0);
        if (node.hasProblem(kindField)) {
            return;
        }
        String value = NodeFields.text(node, kindField);
        switch (kindField) {
            case SchemaFields.TYPE -> checkType(node, value, problems);
            case SchemaFields.REF -> checkNotEmpty(node, kindField, value, "name a registered processor", problems);
            default -> checkNotEmpty(node, kindField, value, "name the stream to send records to", problems);
        }
    }

    private static void checkType(Node node, String typeName, Problems problems) {
        if (node.type() != null) {
            return;
        }
        String types = String.join(", ", NodeType.typeKeywords());
        if (NodeFields.isBlank(typeName)) {
            problems.error(node, node.positionOf(SchemaFields.TYPE), "'type' is empty; set it to one of: " + types);
        } else if (typeName.equals(SchemaFields.REF) || typeName.equals(SchemaFields.STREAM)) {
            problems.error(node, node.positionOf(SchemaFields.TYPE), "unknown type '" + typeName + "'; a " + typeName
                    + " node is written '" + typeName + ": NAME' without 'type'");
        } else {
            String suggestion = DidYouMean.suffix(typeName, NodeType.typeKeywords());
            problems.error(node, node.positionOf(SchemaFields.TYPE), "unknown type '" + typeName + "'"
                    + (suggestion.isEmpty() ? " (known types: " + types + ")" : suggestion));
        }
    }

    private static void checkNotEmpty(Node node, String field, String value, String fix, Problems problems) {
        if (NodeFields.isBlank(value)) {
            problems.error(node, node.positionOf(field), "'" + field + "' is empty; " + fix);
        }
    }
}
