package io.flume.compiler.nodes;

import io.flume.api.Cloner;
import io.flume.runtime.inline.Execution;
import io.flume.runtime.inline.InlineExecutor;
import io.flume.runtime.inline.ParallelRun;
import io.flume.runtime.inline.Step;
import io.flume.runtime.inline.StepFailedException;
import io.flume.runtime.processors.NodeId;
import io.flume.schema.Node;
import java.util.List;

/**
 * The engine of {@code race} and {@code contest}: starts every child at once on a copy, and
 * returns the first result that {@link Judge} accepts. The other children are then interrupted,
 * and only the winner's sends and header changes are kept. When no result is accepted, the
 * judge's {@link Judge#noWinner} turns the outcomes, in child order, into the record's failure.
 */
final class FirstAccepted {

    /** Decides which result wins, and what failure the record gets when none does. */
    interface Judge<T> {

        /** Returns null when {@code result} wins, else why it does not, for the failure message. */
        String reject(T result);

        /** Returns the failure of a record whose children produced no winner. */
        Exception noWinner(String label, List<ParallelRun.Outcome<T>> outcomes, List<String> rejections);
    }

    private FirstAccepted() {
    }

    static <T> Step<T> step(InlineBuild<T> build, Node node, Judge<T> judge) {
        List<Step<T>> children = node.children().stream().map(build::compile).toList();
        Cloner<T> cloner = build.flume().cloner();
        NodeId id = build.id(node);
        InlineExecutor executor = build.executor();
        String label = label(node);
        return (execution, value) -> {
            ParallelRun<T> run = new ParallelRun<>(id, label, executor);
            try {
                for (int i = 0; i < children.size(); i++) {
                    run.start(i, children.size(), children.get(i), execution, cloner.copy(value), value);
                }
                return awaitWinner(run, children.size(), judge, label, execution, value);
            } finally {
                run.cancelRunning();
            }
        };
    }

    private static <T> T awaitWinner(ParallelRun<T> run, int childCount, Judge<T> judge, String label,
                                     Execution<T> execution, T value) throws StepFailedException {
        @SuppressWarnings("unchecked")
        ParallelRun.Outcome<T>[] outcomes = new ParallelRun.Outcome[childCount];
        String[] rejections = new String[childCount];
        while (run.running() > 0) {
            ParallelRun.Outcome<T> outcome = run.next(value);
            outcomes[outcome.index()] = outcome;
            if (outcome.succeeded()) {
                rejections[outcome.index()] = judge.reject(outcome.result());
                if (rejections[outcome.index()] == null) {
                    run.cancelRunning();
                    execution.merge(outcome.fork());
                    return outcome.result();
                }
            }
        }
        throw run.failure(value, judge.noWinner(label, List.of(outcomes), java.util.Arrays.asList(rejections)));
    }

    static String label(Node node) {
        return node.path() + " (" + node.displayName() + ")";
    }

    /** Returns what a failed child's outcome says in a failure message: its path and error. */
    static String describeFailure(Node node, ParallelRun.Outcome<?> outcome) {
        var failure = outcome.failure().failure();
        String child = node.children().get(outcome.index()).path();
        String at = failure.nodePath().equals(child) ? "" : " (at " + failure.nodePath() + ")";
        return child + " failed" + at + ": " + failure.error().getClass().getSimpleName() + ": " + failure.message();
    }
}
