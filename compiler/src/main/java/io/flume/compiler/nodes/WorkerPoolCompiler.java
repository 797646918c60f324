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
 * {@code worker-pool}: each child runs on its own copy on the inline executor, at most
 * {@code workers} at once, in schema order as threads free up. The record continues unchanged,
 * headers included, once every child has finished.
 *
 * <p>When children fail, the record fails with the error of the first failing child in schema
 * order, after all children have finished. The sends of the children that succeeded are kept in
 * every case, as {@code concurrent} keeps them. On the topology back-end they leave only when the
 * whole inline subtree succeeds, for example when a {@code handle} inside it recovers. A child
 * that cannot start because the executor stays full for 100 ms fails the record, and the children
 * already running are interrupted.
 */
final class WorkerPoolCompiler implements NodeCompiler {

    @Override
    public <T> Line topology(TopologyBuild<T> build, Node node, Line in) {
        return InlineSubtree.topology(build, node, in);
    }

    @Override
    public <T> Step<T> inline(InlineBuild<T> build, Node node) {
        List<Step<T>> children = node.children().stream().map(build::compile).toList();
        Cloner<T> cloner = build.flume().cloner();
        NodeId id = build.id(node);
        InlineExecutor executor = build.executor();
        String label = FirstAccepted.label(node);
        int workers = node.effectiveWorkers();
        return (execution, value) -> {
            ParallelRun<T> run = new ParallelRun<>(id, label, executor);
            try {
                runAll(run, children, workers, cloner, execution, value);
                return value;
            } finally {
                run.cancelRunning();
            }
        };
    }

    private static <T> void runAll(ParallelRun<T> run, List<Step<T>> children, int workers, Cloner<T> cloner,
                                   Execution<T> execution, T value) throws StepFailedException {
        @SuppressWarnings("unchecked")
        ParallelRun.Outcome<T>[] outcomes = new ParallelRun.Outcome[children.size()];
        int started = 0;
        while (started < children.size() || run.running() > 0) {
            if (started < children.size() && run.running() < workers) {
                run.start(started, children.size(), children.get(started), execution, cloner.copy(value), value);
                started++;
                continue;
            }
            ParallelRun.Outcome<T> outcome = run.next(value);
            outcomes[outcome.index()] = outcome;
        }

        StepFailedException firstFailure = null;
        for (ParallelRun.Outcome<T> outcome : outcomes) {
            if (outcome.succeeded()) {
                execution.mergeKeepingHeaders(outcome.fork());
            } else if (firstFailure == null) {
                firstFailure = outcome.failure();
            }
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
    }
}
