package io.flume.validation;

import io.flume.schema.Node;
import java.util.List;

/** One family of checks, run on every node of a schema. */
interface NodeRule {

    /**
     * Checks {@code node}.
     *
     * @param ancestors the nodes above it, the root first and its parent last
     */
    void check(Node node, List<Node> ancestors, Problems problems);
}
