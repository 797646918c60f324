package io.flume.diff;

import io.flume.schema.Node;
import io.flume.schema.NodeType;
import io.flume.schema.SchemaFields;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The fields of a node that a diff compares, with their effective values (defaults applied),
 * and which of them a reload changes in running processors.
 */
final class NodeFields {

    /**
     * The fields whose values the compiled processors read from live parameters, by node kind.
     * A node without an explicit {@code name} is named after its predicate or condition, so for
     * such a node another predicate also renames its processors, and the diff judges it a restart.
     * Only a named {@code filter} or {@code switch} changes its predicate or condition live.
     */
    private static final Map<NodeType, Set<String>> LIVE = Map.of(
            NodeType.FILTER, Set.of(SchemaFields.PREDICATE),
            NodeType.SWITCH, Set.of(SchemaFields.CONDITION),
            NodeType.RETRY, Set.of(SchemaFields.ATTEMPTS, SchemaFields.BACKOFF),
            NodeType.TIMEOUT, Set.of(SchemaFields.DURATION),
            NodeType.CIRCUIT_BREAKER, Set.of(SchemaFields.FAILURE_THRESHOLD, SchemaFields.RECOVERY_TIMEOUT),
            NodeType.RATE_LIMIT, Set.of(SchemaFields.REQUESTS_PER_SECOND, SchemaFields.BURST_SIZE));

    private NodeFields() {
    }

    /** Returns the compared fields of {@code node}. Children are matched and compared as nodes of their own. */
    static Map<String, Object> of(Node node) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(SchemaFields.TYPE, node.type().keyword());
        fields.put(SchemaFields.REF, node.ref());
        fields.put(SchemaFields.STREAM, node.stream());
        fields.put(SchemaFields.PREDICATE, node.predicate());
        fields.put(SchemaFields.CONDITION, node.condition());
        fields.put(SchemaFields.REDUCER, node.reducer());
        fields.put(SchemaFields.ERROR_HANDLER, node.errorHandler());
        switch (node.type()) {
            case RETRY -> {
                fields.put(SchemaFields.ATTEMPTS, node.effectiveAttempts());
                fields.put(SchemaFields.BACKOFF, node.backoff());
            }
            case TIMEOUT -> fields.put(SchemaFields.DURATION, node.effectiveDuration());
            case CIRCUIT_BREAKER -> {
                fields.put(SchemaFields.FAILURE_THRESHOLD, node.effectiveFailureThreshold());
                fields.put(SchemaFields.RECOVERY_TIMEOUT, node.effectiveRecoveryTimeout());
            }
            case RATE_LIMIT -> {
                fields.put(SchemaFields.REQUESTS_PER_SECOND, node.effectiveRequestsPerSecond());
                fields.put(SchemaFields.BURST_SIZE, node.effectiveBurstSize());
            }
            case WORKER_POOL -> fields.put(SchemaFields.WORKERS, node.effectiveWorkers());
            case STREAM -> fields.put(SchemaFields.STREAM_TIMEOUT, node.streamTimeout());
            default -> {
            }
        }
        fields.values().removeIf(Objects::isNull);
        return fields;
    }

    /**
     * Returns true when a change of {@code field} from {@code before} to {@code after} is live.
     * A retry that gains or loses its backoff changes between the inline and the retry-topic
     * form, so only a backoff that stays set is live.
     */
    static boolean isLive(NodeType type, String field, Object before, Object after) {
        if (!LIVE.getOrDefault(type, Set.of()).contains(field)) {
            return false;
        }
        return !SchemaFields.BACKOFF.equals(field) || (before != null && after != null);
    }
}
