package io.flume.compiler.nodes;

import io.flume.api.Cloner;
import io.flume.runtime.inline.Step;
import io.flume.runtime.inline.StepFailedException;
import io.flume.runtime.processors.RestoreInputProcessor;
import io.flume.schema.Node;

/**
 * {@code fallback}: runs the first child; when it fails, runs the second child on the value the
 * first one received (a copy saved on entry, never a partial result). A failure of the second
 * child continues outwards with its own node path.
 */
final class FallbackCompiler implements NodeCompiler {

    static final String FAILURE_BRANCH = "fallback";

    @Override
    public <T> Line topology(TopologyBuild<T> build, Node node, Line in) {
        String name = build.name(node);
        var counters = build.counters(node);
        Node second = node.children().get(1);
        return Guarded.topology(build, node, node.children().get(0), FAILURE_BRANCH, failed -> {
            Line restored = build.process(failed, name + ".restore", () -> new RestoreInputProcessor<T>(name, counters));
            return build.compile(second, restored);
        }, in);
    }

    @Override
    public <T> Step<T> inline(InlineBuild<T> build, Node node) {
        Cloner<T> cloner = build.flume().cloner();
        Step<T> first = build.compile(node.children().get(0));
        Step<T> second = build.compile(node.children().get(1));
        return (execution, value) -> {
            T saved = cloner.copy(value);
            try {
                return first.apply(execution, value);
            } catch (StepFailedException e) {
                return second.apply(execution, saved);
            }
        };
    }
}
