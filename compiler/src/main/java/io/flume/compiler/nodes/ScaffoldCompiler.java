package io.flume.compiler.nodes;

import io.flume.runtime.inline.Step;
import io.flume.runtime.processors.ScaffoldEndProcessor;
import io.flume.schema.Node;

/**
 * {@code scaffold}: fire and forget. Each child runs on a copy; a child's failure is logged and
 * counted but never fails the record, which continues unchanged.
 */
final class ScaffoldCompiler implements NodeCompiler {

    @Override
    public <T> Line topology(TopologyBuild<T> build, Node node, Line in) {
        var scaffold = build.id(node);
        var metrics = build.options().metrics();
        return FanOut.topology(build, node, in, (line, endName) ->
                build.process(line, endName, () -> new ScaffoldEndProcessor<T>(scaffold, metrics)));
    }

    @Override
    public <T> Step<T> inline(InlineBuild<T> build, Node node) {
        return FanOut.inline(build, node, (execution, failure) -> execution.scaffoldChildFailed(failure.failure()));
    }
}
