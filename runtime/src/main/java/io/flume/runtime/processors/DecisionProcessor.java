package io.flume.runtime.processors;

import io.flume.runtime.envelope.Envelope;
import io.flume.runtime.envelope.NodeFailure;
import io.flume.runtime.metrics.NodeCounters;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The first half of a {@code filter} or {@code switch}: stores the chosen route in the envelope,
 * so that the {@code split()} after it only compares strings. A predicate or condition that
 * throws fails the record here, with the value it was given.
 */
public final class DecisionProcessor<T> implements FixedKeyProcessor<Object, Envelope<T>, Envelope<T>> {

    private final NodeId node;
    private final RouteFunction<T> routeFunction;
    private final NodeCounters counters;
    private FixedKeyProcessorContext<Object, Envelope<T>> context;

    public DecisionProcessor(NodeId node, RouteFunction<T> routeFunction, NodeCounters counters) {
        this.node = node;
        this.routeFunction = routeFunction;
        this.counters = counters;
    }

    @Override
    public void init(FixedKeyProcessorContext<Object, Envelope<T>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<Object, Envelope<T>> record) {
        Envelope<T> envelope = record.value();
        if (!envelope.isFailed()) {
            counters.recordIn();
            long start = counters.startTimer();
            try {
                envelope.setRoute(routeFunction.route(envelope.value()));
                counters.recordOut();
                counters.recordRoute(envelope.route());
            } catch (Exception e) {
                envelope.setRoute(null);
                envelope.fail(new NodeFailure(e, node.name(), node.path(), 1, Instant.now(), envelope.value()));
                counters.recordFailed();
            }
            counters.stopTimer(start);
        }
        context.forward(record);
    }
}
