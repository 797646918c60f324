package io.flume.runtime.processors;

import io.flume.api.ProcessingContext;
import io.flume.runtime.envelope.Envelope;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The {@link ProcessingContext} of a record inside a topology. One instance per processor is
 * reused for every record, because a Kafka Streams processor instance runs on one thread.
 */
final class RecordProcessingContext implements ProcessingContext {

    private final NodeId node;
    private ProcessorContext<?, ?> context;
    private Record<?, ?> record;
    private int attempt = 1;

    RecordProcessingContext(NodeId node) {
        this.node = node;
    }

    void init(ProcessorContext<?, ?> context) {
        this.context = context;
    }

    RecordProcessingContext at(Record<?, ?> record, int attempt) {
        this.record = record;
        this.attempt = attempt;
        return this;
    }

    @Override
    public Object key() {
        return record.key();
    }

    @Override
    public Headers headers() {
        return record.headers();
    }

    @Override
    public long timestamp() {
        return record.timestamp();
    }

    @Override
    public String topic() {
        Envelope.Origin source = source();
        return source == null ? null : source.topic();
    }

    @Override
    public int partition() {
        Envelope.Origin source = source();
        return source == null ? -1 : source.partition();
    }

    @Override
    public long offset() {
        Envelope.Origin source = source();
        return source == null ? -1 : source.offset();
    }

    @Override
    public String nodePath() {
        return node.path();
    }

    @Override
    public String nodeName() {
        return node.name();
    }

    @Override
    public int attempt() {
        return attempt;
    }

    /** Returns the source record: a released retry's origin, since a punctuation gives no record metadata. */
    private Envelope.Origin source() {
        if (record.value() instanceof Envelope<?> envelope) {
            return envelope.sourceOf(context.recordMetadata());
        }
        return context.recordMetadata()
                .map(metadata -> new Envelope.Origin(metadata.topic(), metadata.partition(), metadata.offset()))
                .orElse(null);
    }
}
