package io.flume.runtime.processors;

import io.flume.runtime.envelope.Envelope;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The exit of a node that handles failures, for the records it does not handle: drops the
 * node's frame when it is the innermost one. A record that arrived already failed has no frame
 * of this node and passes unchanged, keeping its failure.
 */
public final class LeaveProcessor<T> implements FixedKeyProcessor<Object, Envelope<T>, Envelope<T>> {

    private final String node;
    private FixedKeyProcessorContext<Object, Envelope<T>> context;

    public LeaveProcessor(String node) {
        this.node = node;
    }

    @Override
    public void init(FixedKeyProcessorContext<Object, Envelope<T>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<Object, Envelope<T>> record) {
        record.value().leave(node);
        context.forward(record);
    }
}
