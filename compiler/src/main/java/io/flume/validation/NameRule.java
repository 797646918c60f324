package io.flume.validation;

import io.flume.schema.Node;
import io.flume.schema.SchemaFields;
import io.flume.schema.SourcePosition;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks explicit {@code name}s, which become Kafka Streams processor, store and topic names:
 * not empty, at most {@value #MAX_LENGTH} characters, only characters Kafka allows
 * ({@code [a-zA-Z0-9._-]}, plus {@code :}, which the compiler replaces), and unique within the
 * schema. One instance checks one schema, because it remembers the names it has seen.
 */
final class NameRule implements NodeRule {

    /** The maximum length of a Kafka topic name. */
    static final int MAX_LENGTH = 249;

    private final Map<String, Node> firstUse = new HashMap<>();

    @Override
    public void check(Node node, List<Node> ancestors, Problems problems) {
        if (!node.has(SchemaFields.NAME) || node.hasProblem(SchemaFields.NAME)) {
            return;
        }
        String name = node.name();
        SourcePosition at = node.positionOf(SchemaFields.NAME);
        if (NodeFields.isBlank(name)) {
            problems.error(node, at, "'name' is empty; give the node a name or remove the field");
            return;
        }

        if (name.length() > MAX_LENGTH) {
            problems.error(node, at, "name '" + name.substring(0, 40) + "...' is " + name.length()
                    + " characters long; Kafka allows at most " + MAX_LENGTH + ", so shorten it");
        }
        String illegal = name.codePoints()
                .filter(c -> !isLegal(c))
                .distinct()
                .mapToObj(c -> "'" + new String(Character.toChars(c)) + "'")
                .collect(Collectors.joining(", "));
        if (!illegal.isEmpty()) {
            problems.error(node, at, "name '" + name + "' contains characters Kafka does not allow in names ("
                    + illegal + "); use only letters, digits, '.', '_', '-' and ':'");
        }

        Node first = firstUse.putIfAbsent(name, node);
        if (first != null) {
            SourcePosition firstAt = first.positionOf(SchemaFields.NAME);
            problems.error(node, at, "name '" + name + "' is already used by " + first.path() + " at line "
                    + firstAt.line() + ", column " + firstAt.column() + "; names must be unique because they"
                    + " become Kafka Streams processor names, so rename one of them");
        }
    }

    private static boolean isLegal(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-' || c == ':';
    }
}
