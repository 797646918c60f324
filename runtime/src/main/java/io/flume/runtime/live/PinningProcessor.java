package io.flume.runtime.live;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Runs a processor, and everything downstream of it, with one version of the live parameters pinned. */
final class PinningProcessor<KIn, VIn, KOut, VOut> implements Processor<KIn, VIn, KOut, VOut> {

    private final LiveParameters live;
    private final Processor<KIn, VIn, KOut, VOut> delegate;

    PinningProcessor(LiveParameters live, Processor<KIn, VIn, KOut, VOut> delegate) {
        this.live = live;
        this.delegate = delegate;
    }

    @Override
    public void init(ProcessorContext<KOut, VOut> context) {
        delegate.init(context);
    }

    @Override
    public void process(Record<KIn, VIn> record) {
        live.pinned(() -> delegate.process(record));
    }

    @Override
    public void close() {
        delegate.close();
    }
}
