package io.flume.compiler.nodes;

import io.flume.Flume;
import io.flume.compiler.CompileOptions;
import io.flume.compiler.NodeNames;
import io.flume.runtime.inline.InlineExecutor;
import io.flume.runtime.live.LiveParameters;
import io.flume.runtime.live.Parameter;
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
    private final InlineExecutor executor;
    private final LiveParameters live;

    /**
     * @param executor the pool that runs {@code timeout} children; the caller owns it and closes it
     *                 with the compiled pipeline or topology
     */
    public InlineBuild(Flume<T> flume, NodeNames names, CompileOptions options, InlineExecutor executor) {
        this(flume, names, options, executor, new LiveParameters());
    }

    /** @param live where nodes register the parameters a reload may change while the topology runs */
    public InlineBuild(Flume<T> flume, NodeNames names, CompileOptions options, InlineExecutor executor, LiveParameters live) {
        this.flume = flume;
        this.names = names;
        this.options = options;
        this.executor = executor;
        this.live = live;
        executor.carry(live);
    }

    /** Registers the parameters of {@code node} that a reload may change, and returns their handle. */
    public <P> Parameter<P> live(Node node, P initial) {
        return live.register(node.path(), initial);
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

    public InlineExecutor executor() {
        return executor;
    }

    public NodeId id(Node node) {
        return new NodeId(names.nameOf(node), node.path());
    }
}
