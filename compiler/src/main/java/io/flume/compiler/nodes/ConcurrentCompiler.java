package io.flume.compiler.nodes;

import io.flume.runtime.inline.Step;
import io.flume.schema.Node;

/**
 * {@code concurrent}: each child runs on its own copy. Without a reducer the record continues
 * unchanged, and a child's failure goes to the dead-letter topic on its own. With a reducer the
 * children's results and failures are gathered and merged by the reducer ({@link Gather}).
 */
final class ConcurrentCompiler implements NodeCompiler {

    @Override
    public <T> Line topology(TopologyBuild<T> build, Node node, Line in) {
        if (node.reducer() != null) {
            return Gather.topology(build, node, in);
        }
        return FanOut.topology(build, node, in, build::endLine);
    }

    @Override
    public <T> Step<T> inline(InlineBuild<T> build, Node node) {
        if (node.reducer() != null) {
            return Gather.inline(build, node);
        }
        return FanOut.inline(build, node, (execution, failure) -> execution.childFailed(failure.failure()));
    }
}
