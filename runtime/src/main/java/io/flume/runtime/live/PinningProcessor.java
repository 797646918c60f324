package io.flume.runtime.live;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/** Runs a processor, and everything downstream of it, with one version of the live parameters pinned. */
final class PinningProcessor<K, V, R> implements FixedKeyProcessor<K, V, R> {

    private final LiveParameters live;
    private final FixedKeyProcessor<K, V, R> delegate;

    PinningProcessor(LiveParameters live, FixedKeyProcessor<K, V, R> delegate) {
        this.live = live;
        this.delegate = delegate;
    }

    @Override
    public void init(FixedKeyProcessorContext<K, R> context) {
        delegate.init(context);
    }

    @Override
    public void process(FixedKeyRecord<K, V> record) {
        live.pinned(() -> delegate.process(record));
    }

    @Override
    public void close() {
        delegate.close();
    }
}
