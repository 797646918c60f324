package io.flume.runtime.processors;

import io.flume.runtime.envelope.Envelope;
import io.flume.runtime.metrics.NodeCounters;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The failure branch of a {@code fallback}: drops the node's frame, clears the failure and puts
 * back the value the first child received, on which the second child then runs. It only sees
 * envelopes that failed inside the node, so the frame on top is the node's own.
 */
public final class RestoreInputProcessor<T> implements Processor<Object, Envelope<T>, Object, Envelope<T>> {

    private final String node;
    private final NodeCounters counters;
    private ProcessorContext<Object, Envelope<T>> context;

    public RestoreInputProcessor(String node, NodeCounters counters) {
        this.node = node;
        this.counters = counters;
    }

    @Override
    public void init(ProcessorContext<Object, Envelope<T>> context) {
        this.context = context;
    }

    @Override
    public void process(Record<Object, Envelope<T>> record) {
        Envelope<T> envelope = record.value();
        Envelope.Frame<T> frame = envelope.leave(node);
        if (frame == null) {
            throw new IllegalStateException("fallback " + node + " received a record without its own saved input;"
                    + " this is a bug in the compiled topology (failure: " + envelope + ")");
        }
        counters.recordFailed();
        envelope.clearFailure();
        envelope.setValue(frame.input());
        context.forward(record);
    }
}
