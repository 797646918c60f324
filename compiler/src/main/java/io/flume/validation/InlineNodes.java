package io.flume.validation;

import io.flume.schema.Node;
import io.flume.schema.NodeType;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The node types whose subtrees the compiler's inline back-end runs inside one processor, because
 * their meaning is about time and parallelism within one record. Inside such a subtree a retry
 * with backoff waits in place, and no node keeps Kafka Streams state.
 */
final class InlineNodes {

    static final Set<NodeType> TYPES = Set.of(
            NodeType.RACE, NodeType.CONTEST, NodeType.WORKER_POOL,
            NodeType.TIMEOUT, NodeType.CIRCUIT_BREAKER, NodeType.RATE_LIMIT);

    private InlineNodes() {
    }

    /** Returns the nearest ancestor whose subtree runs inline, if any. */
    static Optional<Node> nearestInlineAncestor(List<Node> ancestors) {
        for (int i = ancestors.size() - 1; i >= 0; i--) {
            Node ancestor = ancestors.get(i);
            if (ancestor.type() != null && TYPES.contains(ancestor.type())) {
                return Optional.of(ancestor);
            }
        }
        return Optional.empty();
    }
}
