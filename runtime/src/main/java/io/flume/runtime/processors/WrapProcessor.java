package io.flume.runtime.processors;

import io.flume.runtime.envelope.Envelope;
import io.flume.runtime.envelope.NodeFailure;
import io.flume.runtime.metrics.FlumeMetrics;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Wraps each source record's value in an {@link Envelope}. A record with a null value (a
 * tombstone) fails here, because processors need a value; it reaches the dead-letter topic.
 */
public final class WrapProcessor<T> implements Processor<Object, T, Object, Envelope<T>> {

    private final NodeId source;
    private final FlumeMetrics metrics;
    private ProcessorContext<Object, Envelope<T>> context;

    public WrapProcessor(NodeId source, FlumeMetrics metrics) {
        this.source = source;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Object, Envelope<T>> context) {
        this.context = context;
    }

    @Override
    public void process(Record<Object, T> record) {
        metrics.recordSourceRecord();
        Envelope<T> envelope = Envelope.of(record.value());
        if (record.value() == null) {
            envelope.fail(new NodeFailure(
                    new IllegalArgumentException("record has a null value (a tombstone); a Flume pipeline needs a value to process"),
                    source.name(), source.path(), 1, Instant.now(), null));
        }
        context.forward(record.withValue(envelope));
    }
}
