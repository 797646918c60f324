package io.flume.compiler.nodes;

import io.flume.api.Cloner;
import io.flume.runtime.envelope.NodeFailure;
import io.flume.runtime.inline.Execution;
import io.flume.runtime.inline.InlineExecutor;
import io.flume.runtime.inline.Step;
import io.flume.runtime.inline.StepFailedException;
import io.flume.runtime.live.Parameter;
import io.flume.runtime.processors.NodeId;
import io.flume.runtime.time.GoDuration;
import io.flume.schema.Node;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code timeout}: runs the child on the application's {@link InlineExecutor} and fails the
 * record with a {@link TimeoutException} when the child has not finished within
 * {@code duration}. The child's thread is then interrupted, and whatever the child returns or
 * sends later is dropped. The child works on a copy of the value and on a fork of the execution,
 * and the fork is merged only when the child finishes in time.
 *
 * <p>When every executor thread stays busy for 100 ms, the record fails with a
 * {@link RejectedExecutionException} instead of waiting longer for a thread, which a nested timeout
 * could otherwise wait for forever.
 */
final class TimeoutCompiler implements NodeCompiler {

    @Override
    public <T> Line topology(TopologyBuild<T> build, Node node, Line in) {
        return InlineSubtree.topology(build, node, in);
    }

    @Override
    public <T> Step<T> inline(InlineBuild<T> build, Node node) {
        Step<T> child = build.compile(node.child());
        Cloner<T> cloner = build.flume().cloner();
        NodeId id = build.id(node);
        Parameter<Duration> durationParameter = build.live(node, node.effectiveDuration());
        InlineExecutor executor = build.executor();
        String label = node.path() + " (" + node.displayName() + ")";
        return (execution, value) -> {
            Duration duration = durationParameter.get();
            Execution<T> fork = execution.fork();
            T copy = cloner.copy(value);
            Future<T> future;
            try {
                future = executor.submit(() -> child.apply(fork, copy));
            } catch (RejectedExecutionException e) {
                throw failure(id, value, new RejectedExecutionException(rejectedMessage(label, executor), e));
            }
            T result = await(future, duration, id, label, value);
            execution.merge(fork);
            return result;
        };
    }

    private static <T> T await(Future<T> future, Duration duration, NodeId id, String label, T value) throws StepFailedException {
        try {
            return future.get(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw failure(id, value, new TimeoutException(label + " did not finish within " + GoDuration.format(duration)
                    + "; raise duration or make the child faster"));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw failure(id, value, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StepFailedException failed) {
                throw failed;
            }
            throw failure(id, value, e.getCause());
        }
    }

    private static String rejectedMessage(String label, InlineExecutor executor) {
        if (executor.isClosed()) {
            return label + " cannot start its child: the inline executor is closed, because the application is closing";
        }
        return label + " cannot start its child: all " + executor.threads() + " inline executor threads are busy"
                + " (nested timeouts and concurrent records each hold one); raise the inline thread count or nest fewer timeouts";
    }

    private static StepFailedException failure(NodeId id, Object value, Throwable error) {
        return new StepFailedException(new NodeFailure(error, id.name(), id.path(), 1, Instant.now(), value));
    }
}
