package io.flume.runtime.processors;

import io.flume.api.Channel;
import io.flume.api.ChannelRecord;
import io.flume.api.Cloner;
import io.flume.runtime.envelope.Envelope;
import io.flume.runtime.envelope.NodeFailure;
import io.flume.runtime.inline.DirectOffer;
import io.flume.runtime.metrics.FlumeMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * A {@code stream} node whose channel is {@code direct}: offers a copy of the value into the
 * channel's queue from the stream thread, waiting at most the node's {@code stream_timeout}, and
 * fails the record when the queue stays full that long.
 */
public final class DirectChannelProcessor<T> implements Processor<Object, Envelope<T>, Object, Envelope<T>> {

    private final NodeId node;
    private final String channelName;
    private final Channel<T> channel;
    private final Cloner<T> cloner;
    private final Duration timeout;
    private final FlumeMetrics metrics;
    private ProcessorContext<Object, Envelope<T>> context;

    public DirectChannelProcessor(NodeId node, String channelName, Channel<T> channel, Cloner<T> cloner,
                                  Duration timeout, FlumeMetrics metrics) {
        this.node = node;
        this.channelName = channelName;
        this.channel = channel;
        this.cloner = cloner;
        this.timeout = timeout;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Object, Envelope<T>> context) {
        this.context = context;
    }

    @Override
    public void process(Record<Object, Envelope<T>> record) {
        Envelope<T> envelope = record.value();
        if (!envelope.isFailed()) {
            offer(record, envelope);
        }
        context.forward(record);
    }

    private void offer(Record<Object, Envelope<T>> record, Envelope<T> envelope) {
        RecordMetadata metadata = context.recordMetadata().orElse(null);
        ChannelRecord<T> channelRecord = new ChannelRecord<>(record.key(), cloner.copy(envelope.value()),
                new RecordHeaders(record.headers().toArray()), record.timestamp(),
                metadata == null ? null : metadata.topic(),
                metadata == null ? -1 : metadata.partition(),
                metadata == null ? -1 : metadata.offset());
        try {
            if (channel.offer(channelRecord, timeout)) {
                metrics.recordStreamSend(channelName);
                return;
            }
            metrics.recordDirectChannelTimeout(channelName);
            envelope.fail(new NodeFailure(new TimeoutException(DirectOffer.fullMessage(channelName, channel, timeout)),
                    node.name(), node.path(), 1, Instant.now(), envelope.value()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            envelope.fail(new NodeFailure(e, node.name(), node.path(), 1, Instant.now(), envelope.value()));
        }
    }
}
