package io.flume.compiler.nodes;

import io.flume.api.Predicate;
import io.flume.runtime.inline.ContestFailedException;
import io.flume.runtime.inline.ParallelRun;
import io.flume.runtime.inline.Step;
import io.flume.schema.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code contest}: like {@code race}, but the winner is the first child whose result satisfies
 * the registered {@code predicate}. The predicate runs on the calling thread, in the order the
 * children finish; a predicate that throws rejects that result. When no result satisfies it, the
 * record fails with a {@link ContestFailedException} that lists each child's result or error.
 */
final class ContestCompiler implements NodeCompiler {

    /** The longest a result is shown in a failure message, in characters. */
    private static final int MAX_RESULT_CHARS = 200;

    @Override
    public <T> Line topology(TopologyBuild<T> build, Node node, Line in) {
        return InlineSubtree.topology(build, node, in);
    }

    @Override
    public <T> Step<T> inline(InlineBuild<T> build, Node node) {
        Predicate<T> predicate = Components.predicate(build.flume(), node);
        String predicateName = node.predicate();
        return FirstAccepted.step(build, node, new FirstAccepted.Judge<T>() {
            @Override
            public String reject(T result) {
                try {
                    return predicate.test(result) ? null : "returned " + shorten(result) + ", which does not satisfy it";
                } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    return "returned " + shorten(result) + ", on which the predicate failed: " + e;
                }
            }

            @Override
            public Exception noWinner(String label, List<ParallelRun.Outcome<T>> outcomes, List<String> rejections) {
                StringBuilder message = new StringBuilder("no child of contest " + label
                        + " returned a result that satisfies predicate '" + predicateName + "'");
                List<Throwable> errors = new ArrayList<>();
                for (ParallelRun.Outcome<T> outcome : outcomes) {
                    message.append("; ");
                    if (outcome.succeeded()) {
                        message.append(node.children().get(outcome.index()).path()).append(' ').append(rejections.get(outcome.index()));
                    } else {
                        message.append(FirstAccepted.describeFailure(node, outcome));
                        errors.add(outcome.failure().failure().error());
                    }
                }
                return new ContestFailedException(message.toString(), errors);
            }
        });
    }

    private static String shorten(Object result) {
        String text = String.valueOf(result);
        return text.length() <= MAX_RESULT_CHARS ? text : text.substring(0, MAX_RESULT_CHARS) + "…";
    }
}
