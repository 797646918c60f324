package io.flume.runtime.processors;

import io.flume.runtime.envelope.Envelope;
import io.flume.runtime.envelope.NodeFailure;
import io.flume.runtime.errors.DeadLetterRecords;
import io.flume.runtime.errors.UnhandledFailureMode;
import io.flume.runtime.errors.UnhandledFailureException;
import io.flume.runtime.metrics.DeadLetterReason;
import io.flume.runtime.metrics.FlumeMetrics;
import io.flume.runtime.metrics.RateLimitedLogger;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a line of the topology: a failed envelope that no node handled becomes a
 * dead-letter record (the value as the failing node received it, with {@code flume.*} headers),
 * or is logged, or stops the application, as {@code errors.on-unhandled} sets. Healthy envelopes
 * end here, since a pipeline's output leaves through its {@code stream} nodes.
 */
public final class DeadLetterProcessor<T> implements Processor<Object, Envelope<T>, Object, T> {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessor.class);

    private final UnhandledFailureMode mode;
    private final String deadLetterTopic;
    private final FlumeMetrics metrics;
    private final boolean endOfPipeline;
    private final RateLimitedLogger rateLimitedLog = new RateLimitedLogger(LOG, Duration.ofSeconds(10));
    private ProcessorContext<Object, T> context;

    public DeadLetterProcessor(UnhandledFailureMode mode, String deadLetterTopic, FlumeMetrics metrics) {
        this(mode, deadLetterTopic, metrics, false);
    }

    /**
     * @param endOfPipeline true for the end of the root node's line, where every source record
     *     arrives once when the pipeline is done with it, so that it is counted as completed
     */
    public DeadLetterProcessor(UnhandledFailureMode mode, String deadLetterTopic, FlumeMetrics metrics, boolean endOfPipeline) {
        this.mode = mode;
        this.deadLetterTopic = deadLetterTopic;
        this.metrics = metrics;
        this.endOfPipeline = endOfPipeline;
    }

    @Override
    public void init(ProcessorContext<Object, T> context) {
        this.context = context;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void process(Record<Object, Envelope<T>> record) {
        Envelope<T> envelope = record.value();
        if (endOfPipeline) {
            metrics.recordCompleted();
        }
        if (!envelope.isFailed()) {
            return;
        }
        NodeFailure failure = envelope.failure();
        Envelope.Origin source = envelope.sourceOf(context.recordMetadata());
        String topic = null;
        int partition = -1;
        long offset = -1;
        if (source != null) {
            topic = source.topic();
            partition = source.partition();
            offset = source.offset();
        }
        switch (mode) {
            case DEAD_LETTER -> {
                metrics.recordDeadLettered(DeadLetterReason.UNHANDLED_FAILURE);
                rateLimitedLog.warn("Record {}-{}@{} failed at {} ({}): {}; sent to dead-letter topic {}",
                        topic, partition, offset, failure.nodePath(), failure.nodeName(), failure.message(), deadLetterTopic);
                context.forward(record
                        .withValue((T) failure.input())
                        .withHeaders(DeadLetterRecords.failureHeaders(record.headers(), failure.nodeName(), failure.nodePath(),
                                failure.error(), failure.attempts(), failure.time(), failure.firstFailure(), topic, partition,
                                offset)));
            }
            case LOG -> {
                metrics.recordUnhandledLogged();
                rateLimitedLog.warn("Record {}-{}@{} failed at {} ({}): {}; errors.on-unhandled is 'log', so it was dropped",
                        topic, partition, offset, failure.nodePath(), failure.nodeName(), failure.message());
            }
            case FAIL -> throw new UnhandledFailureException("record " + topic + "-" + partition + "@" + offset
                    + " failed at " + failure.nodePath() + " (" + failure.nodeName() + ") and errors.on-unhandled is 'fail': "
                    + failure.message(), failure.error());
        }
    }
}
