package io.flume.runtime.processors;

import io.flume.runtime.envelope.Envelope;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Forwards failed envelopes only: the way around a node's children for records that arrived
 * failed, which run no children.
 */
public final class FailedOnlyProcessor<T> implements Processor<Object, Envelope<T>, Object, Envelope<T>> {

    private ProcessorContext<Object, Envelope<T>> context;

    @Override
    public void init(ProcessorContext<Object, Envelope<T>> context) {
        this.context = context;
    }

    @Override
    public void process(Record<Object, Envelope<T>> record) {
        if (record.value().isFailed()) {
            context.forward(record);
        }
    }
}
