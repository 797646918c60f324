package io.flume.compiler.nodes;

import io.flume.runtime.inline.Step;
import io.flume.schema.Node;

/**
 * Compiles one kind of node, for both back-ends: onto the Kafka Streams DSL, and into an inline
 * {@link Step} for in-process execution. Adding a node kind means one implementation and one
 * line in {@link NodeCompilers}.
 */
public interface NodeCompiler {

    /**
     * Appends the node's processors to {@code in} and returns the line that continues after the
     * node.
     */
    <T> Line topology(TopologyBuild<T> build, Node node, Line in);

    /** Returns the node as a function of the value it receives. */
    <T> Step<T> inline(InlineBuild<T> build, Node node);
}
