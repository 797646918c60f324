package io.flume.runtime.gather;

import io.flume.runtime.envelope.Envelope;
import io.flume.runtime.retry.FrameCodec;
import java.util.LinkedHashMap;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The entry of a {@code concurrent} node with a reducer: saves the record as the node received
 * it in the gather store, under its correlation id, before the fan-out runs the children. An
 * entry left from an earlier run of the same record (a reprocessed offset) is replaced. Failed
 * envelopes are forwarded without an entry: the copies drop them, and the node's bypass line
 * lets them pass.
 */
public final class GatherOpenProcessor<T> implements Processor<Object, Envelope<T>, Object, Envelope<T>> {

    private final GatherSpec<T> spec;
    private ProcessorContext<Object, Envelope<T>> context;
    private KeyValueStore<Bytes, byte[]> store;

    public GatherOpenProcessor(GatherSpec<T> spec) {
        this.spec = spec;
    }

    @Override
    public void init(ProcessorContext<Object, Envelope<T>> context) {
        this.context = context;
        this.store = context.getStateStore(spec.storeName());
    }

    @Override
    public void process(Record<Object, Envelope<T>> record) {
        Envelope<T> envelope = record.value();
        if (envelope.isFailed()) {
            envelope.setRoute(null);
        } else {
            Envelope.Origin origin = GatherSpec.originOf(envelope, context.recordMetadata());
            String topic = spec.storeName();
            GatherEntry entry = new GatherEntry(
                    context.currentSystemTimeMs() + spec.timeout().toMillis(),
                    spec.keySerde().serializer().serialize(topic, record.key()),
                    record.timestamp(),
                    new RecordHeaders(record.headers().toArray()),
                    spec.valueSerde().serializer().serialize(topic, envelope.value()),
                    FrameCodec.encode(envelope.frames(), spec.valueSerde(), topic),
                    origin,
                    new LinkedHashMap<>());
            store.put(GatherKeys.of(origin, spec.node().path()), entry.encode());
        }
        context.forward(record);
    }
}
