package io.flume.runtime.processors;

import io.flume.runtime.envelope.Envelope;
import io.flume.runtime.metrics.FlumeMetrics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Feeds a {@code stream} node's sink: unwraps healthy envelopes into the user's value and drops
 * failed ones, which travel on along the main line to the node that handles them or to the
 * dead-letter sink. The sink serializes the value at once, so no copy is needed.
 */
public final class StreamSendProcessor<T> implements Processor<Object, Envelope<T>, Object, T> {

    private final String stream;
    private final FlumeMetrics metrics;
    private ProcessorContext<Object, T> context;

    public StreamSendProcessor(String stream, FlumeMetrics metrics) {
        this.stream = stream;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Object, T> context) {
        this.context = context;
    }

    @Override
    public void process(Record<Object, Envelope<T>> record) {
        Envelope<T> envelope = record.value();
        if (envelope.isFailed()) {
            return;
        }
        metrics.recordStreamSend(stream);
        context.forward(record.withValue(envelope.value()));
    }
}
