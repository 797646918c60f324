package io.flume.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of node in a pipeline schema. {@link #REF} and {@link #STREAM} are written as
 * {@code ref: NAME} and {@code stream: NAME}; every other kind as {@code type: KEYWORD}.
 */
public enum NodeType {
    REF("ref"),
    STREAM("stream", SchemaFields.CHILD, SchemaFields.CHILDREN, SchemaFields.STREAM_TIMEOUT),
    SEQUENCE("sequence", SchemaFields.CHILDREN),
    SCAFFOLD("scaffold", SchemaFields.CHILDREN),
    CONCURRENT("concurrent", SchemaFields.CHILDREN, SchemaFields.REDUCER),
    RACE("race", SchemaFields.CHILDREN),
    CONTEST("contest", SchemaFields.PREDICATE, SchemaFields.CHILDREN),
    WORKER_POOL("worker-pool", SchemaFields.WORKERS, SchemaFields.CHILDREN),
    FALLBACK("fallback", SchemaFields.CHILDREN),
    RETRY("retry", SchemaFields.ATTEMPTS, SchemaFields.BACKOFF, SchemaFields.CHILD),
    TIMEOUT("timeout", SchemaFields.DURATION, SchemaFields.CHILD),
    CIRCUIT_BREAKER("circuit-breaker", SchemaFields.FAILURE_THRESHOLD, SchemaFields.RECOVERY_TIMEOUT, SchemaFields.CHILD),
    RATE_LIMIT("rate-limit", SchemaFields.REQUESTS_PER_SECOND, SchemaFields.BURST_SIZE, SchemaFields.CHILD),
    FILTER("filter", SchemaFields.PREDICATE, SchemaFields.THEN, SchemaFields.ELSE),
    SWITCH("switch", SchemaFields.CONDITION, SchemaFields.ROUTES, SchemaFields.DEFAULT),
    HANDLE("handle", SchemaFields.ERROR_HANDLER, SchemaFields.CHILD);

    private final String keyword;
    private final List<String> fields;

    NodeType(String keyword, String... fields) {
        this.keyword = keyword;
        this.fields = List.of(fields);
    }

    /** Returns the word the schema uses for this kind, such as {@code worker-pool}. */
    public String keyword() {
        return keyword;
    }

    /**
     * Returns the fields this kind takes besides {@code name} and the field that names its kind
     * ({@code ref}, {@code stream} or {@code type}), in the order the schema reference lists them.
     */
    public List<String> fields() {
        return fields;
    }

    /** Returns the field whose presence makes a node this kind: {@code ref}, {@code stream} or {@code type}. */
    public String kindField() {
        return switch (this) {
            case REF -> SchemaFields.REF;
            case STREAM -> SchemaFields.STREAM;
            default -> SchemaFields.TYPE;
        };
    }

    /** Returns every field a node of this kind may carry: its kind field, {@code name} and {@link #fields()}. */
    public List<String> allowedFields() {
        List<String> allowed = new ArrayList<>();
        allowed.add(kindField());
        allowed.add(SchemaFields.NAME);
        allowed.addAll(fields);
        return List.copyOf(allowed);
    }

    /** Finds the kind that {@code type: KEYWORD} names; {@code ref} and {@code stream} are not types. */
    public static Optional<NodeType> fromTypeKeyword(String keyword) {
        return Arrays.stream(values())
                .filter(type -> type != REF && type != STREAM)
                .filter(type -> type.keyword.equals(keyword))
                .findFirst();
    }

    /** Returns the keywords that may follow {@code type:}, for messages and suggestions. */
    public static List<String> typeKeywords() {
        return Arrays.stream(values())
                .filter(type -> type != REF && type != STREAM)
                .map(NodeType::keyword)
                .toList();
    }

    @Override
    public String toString() {
        return keyword;
    }
}
