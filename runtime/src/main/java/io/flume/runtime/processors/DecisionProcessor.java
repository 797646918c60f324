package io.flume.runtime.processors;

import io.flume.runtime.envelope.Envelope;
import io.flume.runtime.envelope.NodeFailure;
import io.flume.runtime.metrics.NodeCounters;
import io.flume.runtime.routing.Routes;
import java.time.Instant;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The decision of a {@code filter} or {@code switch}: stores the chosen route in the envelope and
 * forwards the record to that route's branch. Records whose route has no branch, and failed
 * records, take the outlet {@link #PASS} to whatever follows the node. A predicate or condition
 * that throws fails the record here, with the value it was given.
 */
public final class DecisionProcessor<T> implements Processor<Object, Envelope<T>, Object, Envelope<T>> {

    private final NodeId node;
    private final RouteFunction<T> routeFunction;
    private final NodeCounters counters;
    private final Set<String> branches;
    private final Routes routes;
    private ProcessorContext<Object, Envelope<T>> context;
    private Routes.Frozen outlets;

    /** The outlet of failed records and of records whose route has no branch. */
    public static final String PASS = "pass";

    /**
     * Creates the decision of {@code node}; {@code routes} has an outlet per label in
     * {@code branches}, and {@link #PASS}.
     */
    public DecisionProcessor(NodeId node, RouteFunction<T> routeFunction, NodeCounters counters, Set<String> branches,
                             Routes routes) {
        this.node = node;
        this.routeFunction = routeFunction;
        this.counters = counters;
        this.branches = Set.copyOf(branches);
        this.routes = routes;
    }

    @Override
    public void init(ProcessorContext<Object, Envelope<T>> context) {
        this.context = context;
        this.outlets = routes.freeze();
    }

    @Override
    public void process(Record<Object, Envelope<T>> record) {
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
        String route = envelope.route();
        outlets.forward(context, record, !envelope.isFailed() && route != null && branches.contains(route) ? route : PASS);
    }
}
