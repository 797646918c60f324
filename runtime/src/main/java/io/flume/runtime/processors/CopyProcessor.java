package io.flume.runtime.processors;

import io.flume.api.Cloner;
import io.flume.runtime.envelope.Envelope;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Starts one line of a fan-out ({@code concurrent}, {@code scaffold}): forwards a copy of the
 * value and of the headers, so that the line cannot change what the other lines see. Failed
 * envelopes are not forwarded: a failed record runs no children, and its failure travels on
 * along the main line.
 */
public final class CopyProcessor<T> implements Processor<Object, Envelope<T>, Object, Envelope<T>> {

    private final Cloner<T> cloner;
    private ProcessorContext<Object, Envelope<T>> context;

    public CopyProcessor(Cloner<T> cloner) {
        this.cloner = cloner;
    }

    @Override
    public void init(ProcessorContext<Object, Envelope<T>> context) {
        this.context = context;
    }

    @Override
    public void process(Record<Object, Envelope<T>> record) {
        Envelope<T> envelope = record.value();
        if (envelope.isFailed()) {
            return;
        }
        Envelope<T> copy = envelope.copy(cloner.copy(envelope.value()));
        context.forward(record.withValue(copy).withHeaders(new RecordHeaders(record.headers().toArray())));
    }
}
