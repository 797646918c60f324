package io.flume.validation;

import io.flume.schema.Node;
import io.flume.schema.NodeType;
import java.util.List;

/**
 * Warns about a retry with backoff inside an inline subtree (race, contest, worker-pool, timeout,
 * circuit-breaker, rate-limit, retry without backoff): there it cannot use retry topics, so it
 * waits out each backoff in place and holds up the stream thread.
 */
final class BlockingRetryRule implements NodeRule {

    @Override
    public void check(Node node, List<Node> ancestors, Problems problems) {
        if (node.type() != NodeType.RETRY || node.backoff() == null) {
            return;
        }
        InlineNodes.nearestInlineAncestor(ancestors).ifPresent(inline -> {
            if (inline.type() == NodeType.RETRY) {
                problems.warning(node, node.position(), "retry with backoff inside the retry without backoff at "
                        + inline.path() + " runs inline, so it waits out each backoff in place and blocks the stream"
                        + " thread; give the outer retry a backoff too, or remove this backoff");
                return;
            }
            String type = inline.type().keyword();
            problems.warning(node, node.position(), "retry with backoff inside the " + type + " at " + inline.path()
                    + " runs inline, so it waits out each backoff in place and blocks the stream thread;"
                    + " move the retry outside the " + type + " or remove the backoff");
        });
    }
}
