package io.flume.runtime.processors;

import io.flume.api.Cloner;
import io.flume.api.Processor;
import io.flume.runtime.envelope.Envelope;
import io.flume.runtime.envelope.NodeFailure;
import io.flume.runtime.metrics.NodeCounters;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Runs a registered processor ({@code ref: NAME}) on healthy envelopes and passes failed ones
 * through untouched. When the processor throws, the envelope fails with the value as this node
 * received it: the input is copied before the call, because processors may change values in
 * place before throwing. Values declared immutable are not copied.
 */
public final class RefProcessor<T> implements org.apache.kafka.streams.processor.api.Processor<Object, Envelope<T>, Object, Envelope<T>> {

    private final NodeId node;
    private final String processorName;
    private final Processor<T> processor;
    private final Cloner<T> cloner;
    private final NodeCounters counters;
    private final RecordProcessingContext processingContext;
    private ProcessorContext<Object, Envelope<T>> context;

    public RefProcessor(NodeId node, String processorName, Processor<T> processor, Cloner<T> cloner, NodeCounters counters) {
        this.node = node;
        this.processorName = processorName;
        this.processor = processor;
        this.cloner = cloner;
        this.counters = counters;
        this.processingContext = new RecordProcessingContext(node);
    }

    @Override
    public void init(ProcessorContext<Object, Envelope<T>> context) {
        this.context = context;
        processingContext.init(context);
    }

    @Override
    public void process(Record<Object, Envelope<T>> record) {
        Envelope<T> envelope = record.value();
        if (envelope.isFailed()) {
            context.forward(record);
            return;
        }
        counters.recordIn();
        T input = envelope.value();
        T snapshot = cloner.copy(input);
        long start = counters.startTimer();
        try {
            T result = processor.process(processingContext.at(record, envelope.attempt()), input);
            if (result == null) {
                throw new IllegalStateException("processor '" + processorName
                        + "' returned null; return the value to continue, or throw to fail the record");
            }
            envelope.setValue(result);
            counters.recordOut();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            envelope.fail(new NodeFailure(e, node.name(), node.path(), 1, Instant.now(), snapshot));
            counters.recordFailed();
        }
        counters.stopTimer(start);
        context.forward(record);
    }
}
