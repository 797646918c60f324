package io.flume.validation;

import io.flume.schema.Node;
import io.flume.schema.NodeType;
import io.flume.schema.SchemaFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Reads a node's text fields by name and formats field and name lists for messages. */
final class NodeFields {

    /** The maximum number of names a message lists; it counts the rest. */
    private static final int LISTED_NAMES = 20;

    private NodeFields() {
    }

    /** Returns the value of a text field as written, or null when it is absent or not a text field. */
    static String text(Node node, String field) {
        return switch (field) {
            case SchemaFields.REF -> node.ref();
            case SchemaFields.TYPE -> node.typeName();
            case SchemaFields.STREAM -> node.stream();
            case SchemaFields.NAME -> node.name();
            case SchemaFields.PREDICATE -> node.predicate();
            case SchemaFields.CONDITION -> node.condition();
            case SchemaFields.REDUCER -> node.reducer();
            case SchemaFields.ERROR_HANDLER -> node.errorHandler();
            default -> null;
        };
    }

    static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    /** Returns the fields a node of {@code type} takes besides its kind field, {@code name} last. */
    static String allowedFields(NodeType type) {
        List<String> fields = new ArrayList<>(type.fields());
        fields.add(SchemaFields.NAME);
        return String.join(", ", fields);
    }

    /** Joins names with commas, listing at most twenty and then how many more there are. */
    static String list(Collection<String> names) {
        List<String> all = List.copyOf(names);
        if (all.size() <= LISTED_NAMES) {
            return String.join(", ", all);
        }
        return String.join(", ", all.subList(0, LISTED_NAMES)) + " and " + (all.size() - LISTED_NAMES) + " more";
    }
}
