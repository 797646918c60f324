package io.flume.runtime.retry;

import io.flume.runtime.envelope.Envelope;
import io.flume.runtime.envelope.NodeFailure;
import io.flume.runtime.metrics.NodeCounters;
import io.flume.runtime.metrics.RateLimitedLogger;
import io.flume.runtime.processors.NodeId;
import java.time.Duration;
import java.util.function.IntSupplier;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exit of a {@code retry} node for the records it does not schedule again: drops the node's
 * frame, and when the last attempt failed, lets the failure continue outwards with the node's
 * attempt count ({@code flume.error.attempts} on a dead-letter record) and the failure of the
 * first attempt ({@code flume.error.first.*}). A record that arrived already failed passes
 * unchanged.
 */
public final class RetryExitProcessor<T> implements Processor<Object, Envelope<T>, Object, Envelope<T>> {

    private static final Logger LOG = LoggerFactory.getLogger(RetryExitProcessor.class);

    private final NodeId node;
    private final IntSupplier attempts;
    private final NodeCounters counters;
    private final RateLimitedLogger exhaustedLog = new RateLimitedLogger(LOG, Duration.ofSeconds(10));
    private ProcessorContext<Object, Envelope<T>> context;

    /** @param attempts the node's current attempt count, which a reload may change */
    public RetryExitProcessor(NodeId node, IntSupplier attempts, NodeCounters counters) {
        this.node = node;
        this.attempts = attempts;
        this.counters = counters;
    }

    @Override
    public void init(ProcessorContext<Object, Envelope<T>> context) {
        this.context = context;
    }

    @Override
    public void process(Record<Object, Envelope<T>> record) {
        Envelope<T> envelope = record.value();
        Envelope.Frame<T> frame = envelope.leave(node.name());
        if (frame != null && envelope.isFailed()) {
            NodeFailure failure = envelope.failure();
            // The frame contains the first failure from the second attempt on; with one attempt, keep
            // what a retry nested inside reported.
            Envelope.FirstFailure first = frame.firstFailure() != null ? frame.firstFailure() : failure.firstFailure();
            envelope.fail(new NodeFailure(failure.error(), failure.nodeName(), failure.nodePath(), frame.attempt(),
                    failure.time(), failure.input(), first));
            counters.recordFailed();
            counters.recordRetryExhausted();
            exhaustedLog.warn("Retry {} ({}) gave up after {} of {} attempts; the last failed at {}: {}", node.path(), node.name(),
                    frame.attempt(), attempts.getAsInt(), failure.nodePath(), failure.message());
        } else if (frame != null) {
            counters.recordOut();
        }
        context.forward(record);
    }
}
