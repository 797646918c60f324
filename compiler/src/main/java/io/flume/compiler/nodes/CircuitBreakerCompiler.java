package io.flume.compiler.nodes;

import io.flume.runtime.envelope.NodeFailure;
import io.flume.runtime.inline.CircuitBreaker;
import io.flume.runtime.inline.CircuitOpenException;
import io.flume.runtime.inline.Step;
import io.flume.runtime.inline.StepFailedException;
import io.flume.runtime.live.Parameter;
import io.flume.runtime.processors.NodeId;
import io.flume.schema.Node;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code circuit-breaker}: one {@link CircuitBreaker} per node per compiled topology or pipeline,
 * shared by every thread that runs it. While the circuit is open, records fail at this node with
 * a {@link CircuitOpenException} without running the child.
 *
 * <p>Decisions use {@code Execution.wallClockMillis()}: the stream task's wall-clock time in a
 * topology, the pipeline's clock in process. The child runs on a fork of the execution, so a
 * failed child leaves no sends behind.
 */
final class CircuitBreakerCompiler implements NodeCompiler {

    /** The live parameters of a circuit breaker; a reload keeps the circuit's state. */
    record Settings(int failureThreshold, Duration recoveryTimeout) {
    }

    @Override
    public <T> Line topology(TopologyBuild<T> build, Node node, Line in) {
        return InlineSubtree.topology(build, node, in);
    }

    @Override
    public <T> Step<T> inline(InlineBuild<T> build, Node node) {
        Step<T> child = build.compile(node.child());
        NodeId id = build.id(node);
        Parameter<Settings> settings = build.live(node, new Settings(node.effectiveFailureThreshold(), node.effectiveRecoveryTimeout()));
        CircuitBreaker breaker = new CircuitBreaker(node.path(), node.effectiveFailureThreshold(), node.effectiveRecoveryTimeout());
        build.options().metrics().circuitBreaker(id.name(), id.path(), breaker);
        return (execution, value) -> {
            Settings current = settings.get();
            breaker.reconfigure(current.failureThreshold(), current.recoveryTimeout());
            CircuitBreaker.Permit permit;
            try {
                permit = breaker.acquire(execution.wallClockMillis());
            } catch (CircuitOpenException e) {
                throw new StepFailedException(new NodeFailure(e, id.name(), id.path(), 1, Instant.now(), value));
            }
            boolean succeeded = false;
            String failure = "the child threw an unexpected exception";
            try {
                T result = InlineSubtree.runOnFork(execution, child, value);
                succeeded = true;
                return result;
            } catch (StepFailedException e) {
                failure = e.getMessage();
                throw e;
            } finally {
                if (succeeded) {
                    breaker.succeeded(permit);
                } else {
                    breaker.failed(permit, execution.wallClockMillis(), failure);
                }
            }
        };
    }
}
