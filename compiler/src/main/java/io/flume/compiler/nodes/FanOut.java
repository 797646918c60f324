package io.flume.compiler.nodes;

import io.flume.api.Cloner;
import io.flume.runtime.inline.StepFailedException;
import io.flume.runtime.processors.CopyProcessor;
import io.flume.schema.Node;
import java.util.function.BiConsumer;

/**
 * Starts a line per child on copies of the record, for {@code concurrent} without a reducer and
 * {@code scaffold}. Each line ends on its own ({@code lineEnd}); the record continues on the main
 * line, unchanged.
 *
 * <p>Kafka Streams forwards a record to a node's children in the order they were added, so the
 * children run one after another, before the main line goes on, within one task.
 */
final class FanOut {

    private FanOut() {
    }

    static <T> Line topology(TopologyBuild<T> build, Node node, Line in, BiConsumer<Line, String> lineEnd) {
        Cloner<T> cloner = build.flume().cloner();
        for (Node child : node.children()) {
            String childName = build.name(child);
            Line copy = build.process(in, childName + ".copy", () -> new CopyProcessor<>(cloner));
            lineEnd.accept(build.compile(child, copy), childName + ".end");
        }
        return in;
    }

    /**
     * Runs each child on its own copy and its own fork of the execution, and passes every child
     * failure to {@code onFailure}. The forks' sends are kept, a failed child's included, because
     * the topology sends them at once. Their header changes are dropped, because the topology
     * gives each line a copy of the headers.
     */
    static <T> io.flume.runtime.inline.Step<T> inline(InlineBuild<T> build, Node node,
                                                      BiConsumer<io.flume.runtime.inline.Execution<T>, StepFailedException> onFailure) {
        Cloner<T> cloner = build.flume().cloner();
        var steps = node.children().stream().map(build::compile).toList();
        return (execution, value) -> {
            for (var step : steps) {
                io.flume.runtime.inline.Execution<T> fork = execution.fork();
                StepFailedException failed = null;
                try {
                    step.apply(fork, cloner.copy(value));
                } catch (StepFailedException e) {
                    failed = e;
                }
                // The fork's own child failures happened first, so they are recorded first.
                execution.mergeKeepingHeaders(fork);
                if (failed != null) {
                    onFailure.accept(execution, failed);
                }
            }
            return value;
        };
    }
}
