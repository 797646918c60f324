package io.flume.schema;

import io.flume.runtime.time.GoDuration;
import io.flume.schema.SourceValue.Entry;
import io.flume.schema.SourceValue.Mapping;
import io.flume.schema.SourceValue.Scalar;
import io.flume.schema.SourceValue.ScalarKind;
import io.flume.schema.SourceValue.Sequence;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link SourceValue} tree into a {@link Schema}: the document is the root node, with an
 * optional {@code version} beside the root node's fields, as in the Go library.
 *
 * <p>Reading is lenient. A value of the wrong shape becomes a {@link FieldProblem} on its node,
 * keys that are not schema fields are kept in {@link Node#unknownFields()}, and a node whose kind
 * is missing, ambiguous or unknown gets a null {@link Node#type()}. Only a document whose root is
 * not a mapping is rejected here, because there is no node to attach the problem to.
 */
final class NodeReader {

    /** The shape a field's value must have. */
    private enum Shape { TEXT, NODE, NODE_LIST, NODE_MAP, WHOLE_NUMBER, NUMBER, DURATION }

    private static final Map<String, Shape> SHAPES = Map.ofEntries(
            Map.entry(SchemaFields.REF, Shape.TEXT),
            Map.entry(SchemaFields.TYPE, Shape.TEXT),
            Map.entry(SchemaFields.STREAM, Shape.TEXT),
            Map.entry(SchemaFields.NAME, Shape.TEXT),
            Map.entry(SchemaFields.PREDICATE, Shape.TEXT),
            Map.entry(SchemaFields.CONDITION, Shape.TEXT),
            Map.entry(SchemaFields.REDUCER, Shape.TEXT),
            Map.entry(SchemaFields.ERROR_HANDLER, Shape.TEXT),
            Map.entry(SchemaFields.CHILD, Shape.NODE),
            Map.entry(SchemaFields.THEN, Shape.NODE),
            Map.entry(SchemaFields.ELSE, Shape.NODE),
            Map.entry(SchemaFields.DEFAULT, Shape.NODE),
            Map.entry(SchemaFields.CHILDREN, Shape.NODE_LIST),
            Map.entry(SchemaFields.ROUTES, Shape.NODE_MAP),
            Map.entry(SchemaFields.ATTEMPTS, Shape.WHOLE_NUMBER),
            Map.entry(SchemaFields.FAILURE_THRESHOLD, Shape.WHOLE_NUMBER),
            Map.entry(SchemaFields.BURST_SIZE, Shape.WHOLE_NUMBER),
            Map.entry(SchemaFields.WORKERS, Shape.WHOLE_NUMBER),
            Map.entry(SchemaFields.REQUESTS_PER_SECOND, Shape.NUMBER),
            Map.entry(SchemaFields.BACKOFF, Shape.DURATION),
            Map.entry(SchemaFields.DURATION, Shape.DURATION),
            Map.entry(SchemaFields.RECOVERY_TIMEOUT, Shape.DURATION),
            Map.entry(SchemaFields.STREAM_TIMEOUT, Shape.DURATION));

    private static final String NODE_SHAPE = "a node (a mapping with 'ref', 'type' or 'stream')";

    private NodeReader() {
    }

    /**
     * Reads the schema whose document is {@code document}.
     *
     * @throws SchemaParseException when the document is empty or its root is not a mapping
     */
    static Schema readSchema(SourceValue document, String source) {
        if (document instanceof Scalar scalar && scalar.isNull()) {
            throw new SchemaParseException(document.position(), "the schema is empty; write a root node,"
                    + " such as 'ref: NAME', or 'type: sequence' with 'children'");
        }
        if (!(document instanceof Mapping root)) {
            throw new SchemaParseException(document.position(), "the schema must be a mapping with 'ref', 'type'"
                    + " or 'stream' at the top, got " + document.describe());
        }

        String version = null;
        for (Entry entry : root.entries()) {
            if (entry.key().equals(SchemaFields.VERSION) && entry.value() instanceof Scalar scalar && !scalar.isNull()) {
                version = scalar.text();
            }
        }
        return new Schema(version, readNode(root, "root", true), source);
    }

    private static Node readNode(Mapping mapping, String path, boolean root) {
        Node.Builder builder = Node.builder(kindOf(mapping), path).position(mapping.position());
        for (Entry entry : mapping.entries()) {
            String field = entry.key();
            Shape shape = SHAPES.get(field);
            if (shape != null) {
                builder.fieldPosition(field, entry.value().position()).keyPosition(field, entry.keyPosition());
                readField(builder, path, field, shape, entry.value());
            } else if (root && field.equals(SchemaFields.VERSION)) {
                checkVersion(builder, path, entry.value());
            } else {
                builder.unknownField(field, entry.keyPosition());
            }
        }
        return builder.build();
    }

    /**
     * Returns the node's kind: set only when exactly one of {@code ref}, {@code type} and
     * {@code stream} is present and, for {@code type}, names a known type.
     */
    private static NodeType kindOf(Mapping mapping) {
        NodeType kind = null;
        int kindFields = 0;
        for (Entry entry : mapping.entries()) {
            switch (entry.key()) {
                case SchemaFields.REF -> kind = NodeType.REF;
                case SchemaFields.STREAM -> kind = NodeType.STREAM;
                case SchemaFields.TYPE -> kind = entry.value() instanceof Scalar scalar
                        ? NodeType.fromTypeKeyword(scalar.text()).orElse(null)
                        : null;
                default -> {
                    continue;
                }
            }
            kindFields++;
        }
        return kindFields == 1 ? kind : null;
    }

    private static void readField(Node.Builder builder, String path, String field, Shape shape, SourceValue value) {
        if (value instanceof Scalar scalar && scalar.isNull()) {
            return;
        }
        switch (shape) {
            case TEXT -> readText(builder, path, field, value);
            case NODE -> readChildNode(builder, path, field, value);
            case NODE_LIST -> readChildren(builder, path, value);
            case NODE_MAP -> readRoutes(builder, path, value);
            case WHOLE_NUMBER -> readWholeNumber(builder, path, field, value);
            case NUMBER -> readNumber(builder, path, field, value);
            case DURATION -> readDuration(builder, path, field, value);
        }
    }

    private static void readText(Node.Builder builder, String path, String field, SourceValue value) {
        if (!(value instanceof Scalar scalar)) {
            builder.problem(new FieldProblem(field, path, value.position(),
                    field + " must be text, got " + value.describe()));
            return;
        }
        String text = scalar.text();
        switch (field) {
            case SchemaFields.REF -> builder.ref(text);
            case SchemaFields.TYPE -> builder.typeName(text);
            case SchemaFields.STREAM -> builder.stream(text);
            case SchemaFields.NAME -> builder.name(text);
            case SchemaFields.PREDICATE -> builder.predicate(text);
            case SchemaFields.CONDITION -> builder.condition(text);
            case SchemaFields.REDUCER -> builder.reducer(text);
            case SchemaFields.ERROR_HANDLER -> builder.errorHandler(text);
            default -> throw new IllegalArgumentException("not a text field: " + field);
        }
    }

    private static void readChildNode(Node.Builder builder, String path, String field, SourceValue value) {
        String childPath = path + "." + field;
        if (!(value instanceof Mapping mapping)) {
            builder.problem(notANode(field, childPath, value));
            return;
        }
        Node child = readNode(mapping, childPath, false);
        switch (field) {
            case SchemaFields.CHILD -> builder.child(child);
            case SchemaFields.THEN -> builder.then(child);
            case SchemaFields.ELSE -> builder.otherwise(child);
            case SchemaFields.DEFAULT -> builder.defaultRoute(child);
            default -> throw new IllegalArgumentException("not a node field: " + field);
        }
    }

    private static void readChildren(Node.Builder builder, String path, SourceValue value) {
        if (!(value instanceof Sequence sequence)) {
            builder.problem(new FieldProblem(SchemaFields.CHILDREN, path, value.position(),
                    "children must be a list of nodes, got " + value.describe()));
            return;
        }

        // A malformed item is left out of the list but keeps its index in the paths of the
        // others, so every path still matches the position in the file.
        List<Node> children = new ArrayList<>();
        for (int i = 0; i < sequence.items().size(); i++) {
            SourceValue item = sequence.items().get(i);
            String childPath = path + ".children[" + i + "]";
            if (item instanceof Mapping mapping) {
                children.add(readNode(mapping, childPath, false));
            } else {
                builder.problem(notANode(SchemaFields.CHILDREN, childPath, item));
            }
        }
        builder.children(children);
    }

    private static void readRoutes(Node.Builder builder, String path, SourceValue value) {
        if (!(value instanceof Mapping mapping)) {
            builder.problem(new FieldProblem(SchemaFields.ROUTES, path, value.position(),
                    "routes must be a mapping from the condition's values to nodes, got " + value.describe()));
            return;
        }

        Map<String, Node> routes = new LinkedHashMap<>();
        for (Entry entry : mapping.entries()) {
            String routePath = path + ".routes." + entry.key();
            if (entry.value() instanceof Mapping route) {
                routes.put(entry.key(), readNode(route, routePath, false));
            } else {
                builder.problem(notANode(SchemaFields.ROUTES, routePath, entry.value()));
            }
        }
        builder.routes(routes);
    }

    private static void readWholeNumber(Node.Builder builder, String path, String field, SourceValue value) {
        BigInteger number = value instanceof Scalar scalar && scalar.kind() == ScalarKind.INTEGER
                ? ScalarNumbers.wholeNumber(scalar.text())
                : null;
        if (number == null) {
            builder.problem(new FieldProblem(field, path, value.position(),
                    field + " must be a whole number, got " + value.describe() + quotedNumberHint(value)));
            return;
        }
        if (number.bitLength() > 31) {
            builder.problem(new FieldProblem(field, path, value.position(),
                    field + " " + number + " is out of range; the maximum is " + Integer.MAX_VALUE));
            return;
        }

        int whole = number.intValueExact();
        switch (field) {
            case SchemaFields.ATTEMPTS -> builder.attempts(whole);
            case SchemaFields.FAILURE_THRESHOLD -> builder.failureThreshold(whole);
            case SchemaFields.BURST_SIZE -> builder.burstSize(whole);
            case SchemaFields.WORKERS -> builder.workers(whole);
            default -> throw new IllegalArgumentException("not a whole-number field: " + field);
        }
    }

    private static void readNumber(Node.Builder builder, String path, String field, SourceValue value) {
        boolean numeric = value instanceof Scalar scalar
                && (scalar.kind() == ScalarKind.INTEGER || scalar.kind() == ScalarKind.FLOAT);
        Double number = numeric ? ScalarNumbers.decimal(((Scalar) value).text()) : null;
        if (number == null) {
            builder.problem(new FieldProblem(field, path, value.position(),
                    field + " must be a number, got " + value.describe() + quotedNumberHint(value)));
            return;
        }
        builder.requestsPerSecond(number);
    }

    /** Reads a Go duration. As in the Go library, any scalar is read as text, so {@code 0} is zero. */
    private static void readDuration(Node.Builder builder, String path, String field, SourceValue value) {
        if (!(value instanceof Scalar scalar)) {
            builder.problem(new FieldProblem(field, path, value.position(),
                    field + " must be a Go duration such as '100ms' or '1.5s', got " + value.describe()));
            return;
        }

        Duration duration;
        try {
            duration = GoDuration.parse(scalar.text());
        } catch (IllegalArgumentException e) {
            builder.problem(new FieldProblem(field, path, value.position(), field + " " + e.getMessage()));
            return;
        }
        switch (field) {
            case SchemaFields.BACKOFF -> builder.backoff(duration);
            case SchemaFields.DURATION -> builder.duration(duration);
            case SchemaFields.RECOVERY_TIMEOUT -> builder.recoveryTimeout(duration);
            case SchemaFields.STREAM_TIMEOUT -> builder.streamTimeout(duration);
            default -> throw new IllegalArgumentException("not a duration field: " + field);
        }
    }

    private static void checkVersion(Node.Builder builder, String path, SourceValue value) {
        if (!(value instanceof Scalar)) {
            builder.problem(new FieldProblem(SchemaFields.VERSION, path, value.position(),
                    "version must be text, such as \"1.0.0\", got " + value.describe()));
        }
    }

    private static FieldProblem notANode(String field, String path, SourceValue value) {
        String message = "expected " + NODE_SHAPE + ", got " + value.describe();
        if (value instanceof Scalar scalar && scalar.kind() == ScalarKind.STRING) {
            message += "; to run the processor '" + scalar.text() + "', write 'ref: " + scalar.text() + "'";
        }
        return new FieldProblem(field, path, value.position(), message);
    }

    private static String quotedNumberHint(SourceValue value) {
        boolean quotedNumber = value instanceof Scalar scalar
                && scalar.kind() == ScalarKind.STRING
                && ScalarNumbers.decimal(scalar.text()) != null;
        return quotedNumber ? "; remove the quotes" : "";
    }
}
