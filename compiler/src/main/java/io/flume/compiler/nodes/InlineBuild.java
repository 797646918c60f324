package io.flume.compiler.nodes;

import io.flume.Flume;
import io.flume.compiler.CompileOptions;
import io.flume.compiler.NodeNames;
import io.flume.runtime.inline.Step;
import io.flume.runtime.processors.NodeId;
import io.flume.schema.Node;

/**
 * The state of one schema's compilation into inline steps.
 *
 * @param <T> the pipeline's value type
 */
public final class InlineBuild<T> {

    private final Flume<T> flume;
    private final NodeNames names;
    private final CompileOptions options;

    public InlineBuild(Flume<T> flume, NodeNames names, CompileOptions options) {
        this.flume = flume;
        this.names = names;
        this.options = options;
    }

    /** Compiles {@code node} with the compiler of its kind. */
    public Step<T> compile(Node node) {
        return NodeCompilers.forNode(node).inline(this, node);
    }

    public Flume<T> flume() {
        return flume;
    }

    public CompileOptions options() {
        return options;
    }

    public NodeId id(Node node) {
        return new NodeId(names.nameOf(node), node.path());
    }
}
