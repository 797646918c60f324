package io.flume.runtime.processors;

import io.flume.runtime.envelope.Envelope;
import io.flume.runtime.metrics.FlumeMetrics;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Feeds a {@code stream} node's sink: unwraps healthy envelopes into the user's value and drops
 * failed ones, which travel on along the main line to the node that handles them or to the
 * dead-letter sink. The sink serializes the value at once, so no copy is needed.
 */
public final class StreamSendProcessor<T> implements FixedKeyProcessor<Object, Envelope<T>, T> {

    private final String stream;
    private final FlumeMetrics metrics;
    private FixedKeyProcessorContext<Object, T> context;

    public StreamSendProcessor(String stream, FlumeMetrics metrics) {
        this.stream = stream;
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<Object, T> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<Object, Envelope<T>> record) {
        Envelope<T> envelope = record.value();
        if (envelope.isFailed()) {
            return;
        }
        metrics.recordStreamSend(stream);
        context.forward(record.withValue(envelope.value()));
    }
}
