package io.flume.runtime.processors;

import io.flume.api.ProcessingContext;
import io.flume.runtime.envelope.Envelope;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The {@link ProcessingContext} of a record inside a topology. One instance per processor is
 * reused for every record, because a Kafka Streams processor instance runs on one thread.
 */
final class RecordProcessingContext implements ProcessingContext {

    private final NodeId node;
    private FixedKeyProcessorContext<?, ?> context;
    private FixedKeyRecord<?, ?> record;
    private int attempt = 1;

    RecordProcessingContext(NodeId node) {
        this.node = node;
    }

    void init(FixedKeyProcessorContext<?, ?> context) {
        this.context = context;
    }

    RecordProcessingContext at(FixedKeyRecord<?, ?> record, int attempt) {
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
        Envelope.Origin origin = origin();
        return origin != null ? origin.topic() : context.recordMetadata().map(RecordMetadata::topic).orElse(null);
    }

    @Override
    public int partition() {
        Envelope.Origin origin = origin();
        return origin != null ? origin.partition() : context.recordMetadata().map(RecordMetadata::partition).orElse(-1);
    }

    @Override
    public long offset() {
        Envelope.Origin origin = origin();
        return origin != null ? origin.offset() : context.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
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

    /** Returns the source position a released retry carries, since a punctuation gives no record metadata. */
    private Envelope.Origin origin() {
        return record.value() instanceof Envelope<?> envelope ? envelope.origin() : null;
    }
}
