package io.flume.runtime.processors;

import io.flume.api.Cloner;
import io.flume.runtime.envelope.Envelope;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The entry of a node that handles failures ({@code fallback}, {@code handle}, {@code retry}):
 * saves a copy of a healthy envelope's value in a frame named after the node. A failed envelope
 * passes untouched and saves nothing, so the node's exit lets its failure continue.
 *
 * <p>A {@code retry} node's entry starts counting attempts at 1 and saves a copy of the headers,
 * which the next attempt starts from; the other nodes keep the attempt number of the enclosing
 * retry, which their processors see.
 */
public final class EnterProcessor<T> implements Processor<Object, Envelope<T>, Object, Envelope<T>> {

    private final String node;
    private final Cloner<T> cloner;
    private final boolean startsAttempts;
    private ProcessorContext<Object, Envelope<T>> context;

    public EnterProcessor(String node, Cloner<T> cloner) {
        this(node, cloner, false);
    }

    /** Creates the entry of a node; {@code startsAttempts} is true for a {@code retry} node. */
    public EnterProcessor(String node, Cloner<T> cloner, boolean startsAttempts) {
        this.node = node;
        this.cloner = cloner;
        this.startsAttempts = startsAttempts;
    }

    @Override
    public void init(ProcessorContext<Object, Envelope<T>> context) {
        this.context = context;
    }

    @Override
    public void process(Record<Object, Envelope<T>> record) {
        Envelope<T> envelope = record.value();
        if (!envelope.isFailed()) {
            envelope.enter(node, cloner.copy(envelope.value()), startsAttempts ? 1 : envelope.attempt());
            if (startsAttempts) {
                envelope.saveHeaders(node, record.headers());
            }
        }
        context.forward(record);
    }
}
