package io.flume.runtime.processors;

import io.flume.runtime.envelope.Envelope;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The exit of a node that handles failures, for the records it does not handle: drops the
 * node's frame when it is the innermost one. A record that arrived already failed has no frame
 * of this node and passes unchanged, keeping its failure.
 */
public final class LeaveProcessor<T> implements Processor<Object, Envelope<T>, Object, Envelope<T>> {

    private final String node;
    private ProcessorContext<Object, Envelope<T>> context;

    public LeaveProcessor(String node) {
        this.node = node;
    }

    @Override
    public void init(ProcessorContext<Object, Envelope<T>> context) {
        this.context = context;
    }

    @Override
    public void process(Record<Object, Envelope<T>> record) {
        record.value().leave(node);
        context.forward(record);
    }
}
