package io.flume.runtime.processors;

import io.flume.api.ErrorHandler;
import io.flume.runtime.envelope.Envelope;
import io.flume.runtime.metrics.NodeCounters;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The failure branch of a {@code handle} node: drops the node's frame and lets the registered
 * error handler recover the record or fail it again, as {@link ErrorHandlerCall} describes. It
 * only sees envelopes that failed inside the node.
 */
public final class ErrorHandlerProcessor<T> implements Processor<Object, Envelope<T>, Object, Envelope<T>> {

    private final NodeId node;
    private final String handlerName;
    private final ErrorHandler<T> handler;
    private final NodeCounters counters;
    private ProcessorContext<Object, Envelope<T>> context;

    public ErrorHandlerProcessor(NodeId node, String handlerName, ErrorHandler<T> handler, NodeCounters counters) {
        this.node = node;
        this.handlerName = handlerName;
        this.handler = handler;
        this.counters = counters;
    }

    @Override
    public void init(ProcessorContext<Object, Envelope<T>> context) {
        this.context = context;
    }

    @Override
    public void process(Record<Object, Envelope<T>> record) {
        Envelope<T> envelope = record.value();
        Envelope.Frame<T> frame = envelope.leave(node.name());
        if (frame == null) {
            throw new IllegalStateException("handle " + node.name() + " received a record without its own saved input;"
                    + " this is a bug in the compiled topology (failure: " + envelope + ")");
        }
        long start = counters.startTimer();
        ErrorHandlerCall.Outcome<T> outcome = ErrorHandlerCall.call(handler, handlerName, node, envelope.failure(), frame.input());
        counters.stopTimer(start);
        if (outcome.recovered()) {
            envelope.clearFailure();
            envelope.setValue(outcome.value());
            counters.recordOut();
        } else {
            envelope.fail(outcome.failure());
            counters.recordFailed();
        }
        context.forward(record);
    }
}
