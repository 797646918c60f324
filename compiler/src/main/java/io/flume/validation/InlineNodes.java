package io.flume.validation;

import io.flume.schema.Node;
import io.flume.schema.NodeType;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The nodes whose subtrees the compiler's inline back-end runs inside one processor: the types
 * whose meaning is about time and parallelism within one record, and a retry without backoff,
 * which retries its whole subtree at once in the stream thread. Inside such a subtree a retry
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
            if (runsInline(ancestor)) {
                return Optional.of(ancestor);
            }
        }
        return Optional.empty();
    }

    /** Returns whether the compiler runs {@code node}'s subtree inside one processor. */
    static boolean runsInline(Node node) {
        if (node.type() == NodeType.RETRY) {
            return node.backoff() == null;
        }
        return node.type() != null && TYPES.contains(node.type());
    }
}
