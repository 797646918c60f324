package io.flume.validation;

import io.flume.schema.Node;
import io.flume.schema.NodeType;
import io.flume.schema.SchemaFields;
import io.flume.schema.SourcePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reports keys that are not schema fields, and schema fields the node's type does not take. */
final class FieldRule implements NodeRule {

    @Override
    public void check(Node node, List<Node> ancestors, Problems problems) {
        NodeType type = node.type();
        for (Map.Entry<String, SourcePosition> unknown : node.unknownFields().entrySet()) {
            problems.error(node, unknown.getValue(), unknownField(unknown.getKey(), type, ancestors.isEmpty()));
        }
        if (type == null) {
            return;
        }

        for (String field : SchemaFields.NODE_FIELDS) {
            if (node.has(field) && !type.allowedFields().contains(field)) {
                problems.error(node, node.keyPositionOf(field), "field '" + field + "' is not allowed for "
                        + type.keyword() + " (allowed: " + NodeFields.allowedFields(type) + "); remove it");
            }
        }
    }

    private static String unknownField(String field, NodeType type, boolean root) {
        String forType = type == null ? "" : " for " + type.keyword();
        if (field.equals(SchemaFields.VERSION) && !root) {
            return "unknown field 'version'" + forType + "; 'version' is allowed only at the top of the schema";
        }

        List<String> candidates = new ArrayList<>(type == null ? SchemaFields.NODE_FIELDS : type.allowedFields());
        if (root) {
            candidates.add(SchemaFields.VERSION);
        }
        String suggestion = DidYouMean.suffix(field, candidates);
        if (!suggestion.isEmpty()) {
            return "unknown field '" + field + "'" + forType + suggestion;
        }
        return type == null
                ? "unknown field '" + field + "'; remove it"
                : "unknown field '" + field + "'" + forType + " (allowed: " + NodeFields.allowedFields(type) + ")";
    }
}
