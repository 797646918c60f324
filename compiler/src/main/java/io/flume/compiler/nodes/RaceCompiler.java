package io.flume.compiler.nodes;

import io.flume.runtime.inline.ParallelRun;
import io.flume.runtime.inline.RaceFailedException;
import io.flume.runtime.inline.Step;
import io.flume.schema.Node;
import java.util.List;

/**
 * {@code race}: the children run at once, each on a copy, on the application's inline executor.
 * The first child to succeed wins: its result continues, its sends are kept, and the other
 * children are interrupted and their sends dropped. When every child fails, the record fails
 * with a {@link RaceFailedException} that lists each child's path and error. On the topology
 * back-end the whole race runs inside one processor ({@link InlineSubtree}).
 */
final class RaceCompiler implements NodeCompiler {

    @Override
    public <T> Line topology(TopologyBuild<T> build, Node node, Line in) {
        return InlineSubtree.topology(build, node, in);
    }

    @Override
    public <T> Step<T> inline(InlineBuild<T> build, Node node) {
        return FirstAccepted.step(build, node, new FirstAccepted.Judge<T>() {
            @Override
            public String reject(T result) {
                return null;
            }

            @Override
            public Exception noWinner(String label, List<ParallelRun.Outcome<T>> outcomes, List<String> rejections) {
                StringBuilder message = new StringBuilder("all " + outcomes.size() + " children of race " + label + " failed");
                for (ParallelRun.Outcome<T> outcome : outcomes) {
                    message.append("; ").append(FirstAccepted.describeFailure(node, outcome));
                }
                return new RaceFailedException(message.toString(),
                        outcomes.stream().map(outcome -> outcome.failure().failure().error()).toList());
            }
        });
    }
}
