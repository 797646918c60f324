package io.flume.compiler.nodes;

import io.flume.runtime.envelope.NodeFailure;
import io.flume.runtime.inline.RateLimitExceededException;
import io.flume.runtime.inline.RateLimiter;
import io.flume.runtime.inline.Step;
import io.flume.runtime.inline.StepFailedException;
import io.flume.runtime.live.Parameter;
import io.flume.runtime.metrics.FlumeMetrics;
import io.flume.runtime.processors.NodeId;
import io.flume.runtime.time.GoDuration;
import io.flume.schema.Node;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * {@code rate-limit}: one {@link RateLimiter} token bucket per node per compiled topology or
 * pipeline. A record waits for its token by sleeping in the thread that runs it, the stream
 * thread in a topology. A record that would wait longer than {@code Execution.maxWait()} fails
 * with a {@link RateLimitExceededException} instead, so that a stream thread never stops polling
 * for long enough to be removed from its consumer group.
 */
final class RateLimitCompiler implements NodeCompiler {

    /** The live parameters of a rate limit; a reload keeps the tokens in the bucket, up to the new burst size. */
    record Settings(double requestsPerSecond, int burstSize) {
    }

    @Override
    public <T> Line topology(TopologyBuild<T> build, Node node, Line in) {
        return InlineSubtree.topology(build, node, in);
    }

    @Override
    public <T> Step<T> inline(InlineBuild<T> build, Node node) {
        Step<T> child = build.compile(node.child());
        NodeId id = build.id(node);
        Parameter<Settings> settings = build.live(node, new Settings(node.effectiveRequestsPerSecond(), node.effectiveBurstSize()));
        RateLimiter limiter = new RateLimiter(node.effectiveRequestsPerSecond(), node.effectiveBurstSize());
        FlumeMetrics metrics = build.options().metrics();
        metrics.rateLimit(id.name(), id.path());
        return (execution, value) -> {
            Settings current = settings.get();
            limiter.reconfigure(current.requestsPerSecond(), current.burstSize());
            Duration maxWait = execution.maxWait();
            long waitNanos = limiter.reserve(maxWait.toNanos());
            if (waitNanos < 0) {
                metrics.recordRateLimitRejection(id.name());
                throw failure(id, value, new RateLimitExceededException(tooLongMessage(id, limiter, maxWait), limiter.currentWait()));
            }
            if (waitNanos > 0) {
                metrics.recordRateLimitWait(id.name(), waitNanos);
                sleep(id, waitNanos, value);
            }
            return InlineSubtree.runOnFork(execution, child, value);
        };
    }

    private static String tooLongMessage(NodeId id, RateLimiter limiter, Duration maxWait) {
        return id.path() + " (rate-limit) would hold the record " + GoDuration.format(limiter.currentWait())
                + " for a token (requests_per_second " + limiter.requestsPerSecond() + ", burst_size " + limiter.burstSize()
                + "), longer than the " + GoDuration.format(maxWait) + " a stream thread may wait without leaving its"
                + " consumer group; raise requests_per_second or burst_size, or send records more slowly";
    }

    private static void sleep(NodeId id, long waitNanos, Object value) throws StepFailedException {
        try {
            TimeUnit.NANOSECONDS.sleep(waitNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(id, value, e);
        }
    }

    private static StepFailedException failure(NodeId id, Object value, Throwable error) {
        return new StepFailedException(new NodeFailure(error, id.name(), id.path(), 1, Instant.now(), value));
    }
}
