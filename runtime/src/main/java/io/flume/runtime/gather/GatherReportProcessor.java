package io.flume.runtime.gather;

import io.flume.runtime.envelope.Envelope;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The end of one child's line of a {@code concurrent} node with a reducer: marks the envelope,
 * healthy or failed, as the report of this child, through its route, and forwards it to the
 * node's gather processor.
 */
public final class GatherReportProcessor<T> implements Processor<Object, Envelope<T>, Object, Envelope<T>> {

    private static final String ROUTE_PREFIX = "gather:report:";

    private final String route;
    private ProcessorContext<Object, Envelope<T>> context;

    public GatherReportProcessor(String child) {
        this.route = ROUTE_PREFIX + child;
    }

    /** Returns the child name of a report's route, or null for an envelope that is no report. */
    static String childOf(Envelope<?> envelope) {
        String route = envelope.route();
        return route != null && route.startsWith(ROUTE_PREFIX) ? route.substring(ROUTE_PREFIX.length()) : null;
    }

    @Override
    public void init(ProcessorContext<Object, Envelope<T>> context) {
        this.context = context;
    }

    @Override
    public void process(Record<Object, Envelope<T>> record) {
        record.value().setRoute(route);
        context.forward(record);
    }
}
