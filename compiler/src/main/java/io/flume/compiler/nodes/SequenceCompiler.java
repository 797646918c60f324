package io.flume.compiler.nodes;

import io.flume.runtime.inline.Step;
import io.flume.schema.Node;
import java.util.List;

/** {@code sequence}: the children chained, each on the previous one's output. */
final class SequenceCompiler implements NodeCompiler {

    @Override
    public <T> Line topology(TopologyBuild<T> build, Node node, Line in) {
        return chain(build, node.children(), in);
    }

    @Override
    public <T> Step<T> inline(InlineBuild<T> build, Node node) {
        return chain(build, node.children());
    }

    static <T> Line chain(TopologyBuild<T> build, List<Node> children, Line in) {
        Line line = in;
        for (Node child : children) {
            line = build.compile(child, line);
        }
        return line;
    }

    /** Chains steps; the first failure stops the chain, because a step throws instead of returning. */
    static <T> Step<T> chain(InlineBuild<T> build, List<Node> children) {
        @SuppressWarnings("unchecked")
        Step<T>[] steps = children.stream().map(build::compile).toArray(Step[]::new);
        if (steps.length == 1) {
            return steps[0];
        }
        return (execution, value) -> {
            T current = value;
            for (Step<T> step : steps) {
                current = step.apply(execution, current);
            }
            return current;
        };
    }
}
