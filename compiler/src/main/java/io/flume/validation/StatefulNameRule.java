package io.flume.validation;

import io.flume.schema.Node;
import io.flume.schema.NodeType;
import io.flume.schema.SchemaFields;
import java.util.List;

/**
 * Warns about stateful nodes without an explicit {@code name}: a retry with backoff (a store and
 * a retry topic) and a concurrent node with a reducer (a gather store). Their state is named
 * after the node's place in the schema, so a later change that moves the node or renames an
 * ancestor orphans it. Nodes inside an inline subtree keep no state and are not reported.
 */
final class StatefulNameRule implements NodeRule {

    @Override
    public void check(Node node, List<Node> ancestors, Problems problems) {
        if (node.has(SchemaFields.NAME) || InlineNodes.nearestInlineAncestor(ancestors).isPresent()) {
            return;
        }
        if (node.type() == NodeType.RETRY && node.backoff() != null) {
            problems.warning(node, node.position(), "retry with backoff has no 'name', so its state store and retry"
                    + " topic are named after its place in the schema; moving it or renaming an ancestor later"
                    + " loses their state, so give it a name");
        } else if (node.type() == NodeType.CONCURRENT && !NodeFields.isBlank(node.reducer())) {
            problems.warning(node, node.position(), "concurrent with a reducer has no 'name', so its gather store"
                    + " is named after its place in the schema; moving it or renaming an ancestor later loses its"
                    + " state, so give it a name");
        }
    }
}
