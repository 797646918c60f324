package io.flume.runtime.routing;

import io.flume.runtime.envelope.Envelope;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Sends each record to one outlet, chosen from its envelope: where a node's records part ways,
 * such as the failures a {@code fallback} handles and the records it lets pass.
 */
public final class RouteProcessor<T> implements Processor<Object, Envelope<T>, Object, Envelope<T>> {

    private final Function<Envelope<T>, String> outletOf;
    private final Routes routes;
    private ProcessorContext<Object, Envelope<T>> context;
    private Routes.Frozen outlets;

    /** Creates a router that sends each record to the outlet that {@code outletOf} names. */
    public RouteProcessor(Function<Envelope<T>, String> outletOf, Routes routes) {
        this.outletOf = outletOf;
        this.routes = routes;
    }

    @Override
    public void init(ProcessorContext<Object, Envelope<T>> context) {
        this.context = context;
        this.outlets = routes.freeze();
    }

    @Override
    public void process(Record<Object, Envelope<T>> record) {
        outlets.forward(context, record, outletOf.apply(record.value()));
    }
}
