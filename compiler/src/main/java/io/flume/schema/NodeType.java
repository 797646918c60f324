package io.flume.schema;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The kinds of node in a pipeline schema. {@link #REF} and {@link #STREAM} are written as
 * {@code ref: NAME} and {@code stream: NAME}; every other kind as {@code type: KEYWORD}.
 */
public enum NodeType {
    REF("ref"),
    STREAM("stream"),
    SEQUENCE("sequence"),
    SCAFFOLD("scaffold"),
    CONCURRENT("concurrent"),
    RACE("race"),
    CONTEST("contest"),
    WORKER_POOL("worker-pool"),
    FALLBACK("fallback"),
    RETRY("retry"),
    TIMEOUT("timeout"),
    CIRCUIT_BREAKER("circuit-breaker"),
    RATE_LIMIT("rate-limit"),
    FILTER("filter"),
    SWITCH("switch"),
    HANDLE("handle");

    private final String keyword;

    NodeType(String keyword) {
        this.keyword = keyword;
    }

    /** Returns the word the schema uses for this kind, such as {@code worker-pool}. */
    public String keyword() {
        return keyword;
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
