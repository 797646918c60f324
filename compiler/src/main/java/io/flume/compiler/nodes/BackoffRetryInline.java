package io.flume.compiler.nodes;

import io.flume.api.Cloner;
import io.flume.runtime.envelope.NodeFailure;
import io.flume.runtime.inline.Step;
import io.flume.runtime.inline.StepFailedException;
import io.flume.runtime.processors.NodeId;
import io.flume.runtime.retry.RetryDelays;
import io.flume.schema.Node;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code retry} with {@code backoff} in in-process execution: up to {@code attempts} runs of the
 * child, each on a copy of the input the node received, waiting in place between them
 * ({@code backoff}, then doubled each time). The wait blocks the calling thread and ends early,
 * failing the record at the retry node, when the thread is interrupted. After the last attempt
 * the child's failure continues outwards with the node's attempt count.
 */
public final class BackoffRetryInline {

    private BackoffRetryInline() {
    }

    public static <T> Step<T> compile(InlineBuild<T> build, Node node) {
        NodeId id = build.id(node);
        int attempts = node.effectiveAttempts();
        Duration backoff = node.backoff();
        Cloner<T> cloner = build.flume().cloner();
        Step<T> child = build.compile(node.child());
        return (execution, value) -> {
            T saved = cloner.copy(value);
            NodeFailure last = null;
            for (int attempt = 1; attempt <= attempts; attempt++) {
                try {
                    return child.apply(execution.atAttempt(attempt), attempt == 1 ? value : cloner.copy(saved));
                } catch (StepFailedException e) {
                    last = e.failure();
                }
                if (attempt < attempts) {
                    waitBeforeRetry(id, RetryDelays.after(backoff, attempt), attempt, saved);
                }
            }
            throw new StepFailedException(new NodeFailure(last.error(), last.nodeName(), last.nodePath(), attempts, last.time(),
                    last.input()));
        };
    }

    private static void waitBeforeRetry(NodeId id, Duration delay, int attempt, Object saved) throws StepFailedException {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StepFailedException(new NodeFailure(e, id.name(), id.path(), attempt, Instant.now(), saved));
        }
    }
}
