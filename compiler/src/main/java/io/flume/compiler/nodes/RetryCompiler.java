package io.flume.compiler.nodes;

import io.flume.api.Cloner;
import io.flume.runtime.envelope.Envelope;
import io.flume.runtime.envelope.NodeFailure;
import io.flume.runtime.inline.Execution;
import io.flume.runtime.inline.Step;
import io.flume.runtime.inline.StepFailedException;
import io.flume.runtime.live.Parameter;
import io.flume.runtime.metrics.NodeCounters;
import io.flume.runtime.processors.NodeId;
import io.flume.runtime.time.GoDuration;
import io.flume.schema.Node;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code retry}: runs the child again when it fails, up to {@code attempts} runs in all, each on
 * a copy of the value the node received. A processor gets the run's number from
 * {@code ProcessingContext.attempt()}. After the last run the failure continues outwards, with
 * the number of runs in its {@code attempts}.
 *
 * <p>In a topology, a retry without {@code backoff} runs its subtree inside one processor
 * ({@link InlineSubtree}), retrying at once in the stream thread; a retry with {@code backoff}
 * goes through retry topics ({@link BackoffRetryTopology}). In in-process execution, and inside
 * another inline subtree, a retry with {@code backoff} waits in place: {@code backoff} before the
 * second run, doubling before each further one.
 *
 * <p>Each run works on a fork of the execution: the values a failed run sent to streams are
 * dropped, and only the successful run's sends are kept.
 */
final class RetryCompiler implements NodeCompiler {

    /** The live parameters of a retry: {@code attempts}, and {@code backoff} (null without one). */
    record Settings(int attempts, Duration backoff) {
        static Settings of(Node node) {
            return new Settings(node.effectiveAttempts(), node.backoff());
        }
    }

    @Override
    public <T> Line topology(TopologyBuild<T> build, Node node, Line in) {
        if (node.backoff() != null) {
            return BackoffRetryTopology.compile(build, node, in);
        }
        return InlineSubtree.topology(build, node, in);
    }

    @Override
    public <T> Step<T> inline(InlineBuild<T> build, Node node) {
        Step<T> child = build.compile(node.child());
        Cloner<T> cloner = build.flume().cloner();
        NodeId id = build.id(node);
        Parameter<Settings> settings = build.live(node, Settings.of(node));
        NodeCounters counters = build.options().metrics().node(id.name(), id.path(), node.type().keyword());
        return (execution, value) -> {
            Settings current = settings.get();
            int attempts = current.attempts();
            Duration backoff = current.backoff();
            StepFailedException first = null;
            StepFailedException last = null;
            Duration wait = backoff;
            for (int attempt = 1; attempt <= attempts; attempt++) {
                if (attempt > 1) {
                    counters.recordRetryScheduled();
                }
                if (attempt > 1 && wait != null) {
                    sleep(id, wait, attempt, value);
                    wait = doubled(wait);
                }
                Execution<T> fork = execution.fork(attempt);
                T result;
                try {
                    result = child.apply(fork, cloner.copy(value));
                } catch (StepFailedException e) {
                    first = first == null ? e : first;
                    last = e;
                    continue;
                }
                execution.merge(fork);
                return result;
            }
            counters.recordRetryExhausted();
            throw exhausted(first.failure(), last.failure(), attempts);
        };
    }

    /**
     * Returns the failure of the last run, counting every run of the failing node: a node inside
     * a nested retry ran that retry's runs once per run of this one. It carries the first run's
     * failure, or the first failure that a nested retry reported in that run.
     */
    private static StepFailedException exhausted(NodeFailure firstRun, NodeFailure failure, int attempts) {
        Envelope.FirstFailure first = firstRun.firstFailure() != null ? firstRun.firstFailure()
                : attempts > 1 ? firstRun.asFirstFailure() : null;
        return new StepFailedException(new NodeFailure(failure.error(), failure.nodeName(), failure.nodePath(),
                Math.multiplyExact(attempts, Math.max(1, failure.attempts())), failure.time(), failure.input(), first));
    }

    private static <T> void sleep(NodeId id, Duration wait, int attempt, T value) throws StepFailedException {
        try {
            Thread.sleep(wait.toMillis(), (int) (wait.toNanosPart() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailedException(new NodeFailure(new InterruptedException(id.path() + " (retry) was interrupted while"
                    + " waiting " + GoDuration.format(wait) + " before attempt " + attempt), id.name(), id.path(),
                    attempt - 1, Instant.now(), value));
        }
    }

    private static Duration doubled(Duration wait) {
        return wait.compareTo(Duration.ofDays(1)) >= 0 ? wait : wait.multipliedBy(2);
    }
}
