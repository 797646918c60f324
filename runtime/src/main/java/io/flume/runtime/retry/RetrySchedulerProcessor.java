package io.flume.runtime.retry;

import io.flume.runtime.envelope.Envelope;
import io.flume.runtime.envelope.NodeFailure;
import io.flume.runtime.errors.FlumeHeaders;
import io.flume.runtime.metrics.NodeCounters;
import io.flume.runtime.processors.NodeId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules the next attempt of a {@code retry} node with {@code backoff}: takes a record that
 * failed inside the node with attempts left, and forwards the input the node saved on entry, as a
 * plain user value, to the sink of the node's retry topic, with headers for the next attempt
 * number ({@value FlumeHeaders#RETRY_ATTEMPT}), its due time ({@value FlumeHeaders#RETRY_DUE}),
 * the first failure and the frames of the enclosing failure-handling nodes.
 */
public final class RetrySchedulerProcessor<T> implements Processor<Object, Envelope<T>, Object, T> {

    private static final Logger LOG = LoggerFactory.getLogger(RetrySchedulerProcessor.class);
    /** Messages longer than this are cut in the headers, which hold them as modified UTF-8. */
    private static final int MAX_MESSAGE_LENGTH = 4000;

    private final NodeId node;
    private final Supplier<Duration> backoff;
    private final Serde<T> valueSerde;
    private final String retryTopic;
    private final NodeCounters counters;
    private ProcessorContext<Object, T> context;

    /** @param backoff the node's current backoff, which a reload may change */
    public RetrySchedulerProcessor(NodeId node, Supplier<Duration> backoff, Serde<T> valueSerde, String retryTopic, NodeCounters counters) {
        this.node = node;
        this.backoff = backoff;
        this.valueSerde = valueSerde;
        this.retryTopic = retryTopic;
        this.counters = counters;
    }

    @Override
    public void init(ProcessorContext<Object, T> context) {
        this.context = context;
    }

    @Override
    public void process(Record<Object, Envelope<T>> record) {
        Envelope<T> envelope = record.value();
        NodeFailure failure = envelope.failure();
        Headers saved = envelope.savedHeaders(node.name());
        Envelope.Frame<T> frame = envelope.leave(node.name());
        if (frame == null || failure == null) {
            throw new IllegalStateException("retry " + node.name() + " was asked to schedule a record that did not fail inside it;"
                    + " this is a bug in the compiled topology (" + envelope + ")");
        }
        counters.recordFailed();
        counters.recordRetryScheduled();
        int nextAttempt = frame.attempt() + 1;
        long due = context.currentSystemTimeMs() + RetryDelays.after(backoff.get(), frame.attempt()).toMillis();
        Envelope.FirstFailure first = firstFailure(frame, failure);

        // The next attempt starts from the headers the node received, not from the failed run's changes.
        RecordHeaders headers = new RecordHeaders();
        for (Header header : saved != null ? saved : record.headers()) {
            if (!header.key().startsWith(FlumeHeaders.RETRY_PREFIX)) {
                headers.add(header);
            }
        }
        put(headers, FlumeHeaders.RETRY_ATTEMPT, Integer.toString(nextAttempt));
        put(headers, FlumeHeaders.RETRY_DUE, Long.toString(due));
        put(headers, FlumeHeaders.RETRY_FIRST_ERROR_CLASS, first.errorClass());
        put(headers, FlumeHeaders.RETRY_FIRST_ERROR_MESSAGE, first.message());
        put(headers, FlumeHeaders.RETRY_FIRST_ERROR_PATH, first.nodePath());
        Envelope.Origin origin = envelope.sourceOf(context.recordMetadata());
        if (origin != null) {
            put(headers, FlumeHeaders.RETRY_SOURCE_TOPIC, origin.topic());
            put(headers, FlumeHeaders.RETRY_SOURCE_PARTITION, Integer.toString(origin.partition()));
            put(headers, FlumeHeaders.RETRY_SOURCE_OFFSET, Long.toString(origin.offset()));
        }
        if (!envelope.frames().isEmpty()) {
            headers.add(FlumeHeaders.RETRY_FRAMES, FrameCodec.encode(envelope.frames(), valueSerde, retryTopic));
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("Retry {} ({}) failed attempt {} at {}: {}; attempt {} is due at {}", node.path(), node.name(),
                    frame.attempt(), failure.nodePath(), failure.message(), nextAttempt, due);
        }
        context.forward(record.withValue(frame.input()).withHeaders(headers));
    }

    /**
     * Returns the node's first failure: the one its frame carries from the second attempt on, else
     * the first failure of a retry nested inside that gave up, else this attempt's failure.
     */
    private static Envelope.FirstFailure firstFailure(Envelope.Frame<?> frame, NodeFailure failure) {
        if (frame.firstFailure() != null) {
            return frame.firstFailure();
        }
        Envelope.FirstFailure first = failure.firstFailure() != null ? failure.firstFailure() : failure.asFirstFailure();
        return new Envelope.FirstFailure(first.errorClass(), cut(first.message()), first.nodePath());
    }

    private static void put(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String cut(String message) {
        return message.length() <= MAX_MESSAGE_LENGTH ? message : message.substring(0, MAX_MESSAGE_LENGTH);
    }
}
