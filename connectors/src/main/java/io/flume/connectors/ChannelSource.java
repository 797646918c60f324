package io.flume.connectors;

import io.flume.api.Channel;
import io.flume.api.Channel.Delivery;
import io.flume.api.ChannelRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Takes a stream's records from its channel with {@link Channel#receive}, acknowledging each
 * delivery only once the sink has written or dead-lettered it, so that a bridged channel commits
 * its offset only then. Keys and values are serialized back to the bytes the stream's topic holds.
 */
final class ChannelSource<T> implements RecordSource {

    private final String stream;
    private final Channel<T> channel;
    private final Serializer<Object> keySerializer;
    private final Serializer<T> valueSerializer;
    private final List<Delivery<T>> inFlight = new ArrayList<>();

    ChannelSource(String stream, Channel<T> channel, Serializer<Object> keySerializer, Serializer<T> valueSerializer) {
        this.stream = stream;
        this.channel = channel;
        this.keySerializer = keySerializer;
        this.valueSerializer = valueSerializer;
    }

    @Override
    public List<SinkRecord> next(int max, Duration linger) throws InterruptedException {
        inFlight.clear();
        List<SinkRecord> batch = new ArrayList<>();
        Delivery<T> first = channel.receive(TopicSource.IDLE_POLL);
        if (first == null) {
            return batch;
        }
        add(first, batch);
        long deadline = System.nanoTime() + linger.toNanos();
        while (batch.size() < max) {
            long wait = deadline - System.nanoTime();
            Delivery<T> delivery = wait > 0 ? channel.receive(Duration.ofNanos(wait)) : null;
            if (delivery == null) {
                break;
            }
            add(delivery, batch);
        }
        return batch;
    }

    private void add(Delivery<T> delivery, List<SinkRecord> batch) {
        ChannelRecord<T> record = delivery.record();
        String topic = record.topic() != null ? record.topic() : stream;
        byte[] key = record.key() instanceof byte[] bytes ? bytes
                : record.key() == null ? null : keySerializer.serialize(topic, record.key());
        byte[] value = record.value() == null ? null : valueSerializer.serialize(topic, record.value());
        batch.add(new SinkRecord(stream, key, value, record.headers() != null ? record.headers() : new RecordHeaders(),
                record.timestamp(), record.topic(), record.partition(), record.offset()));
        inFlight.add(delivery);
    }

    @Override
    public void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    @Override
    public void acknowledge(List<SinkRecord> batch, boolean[] done) {
        List<Delivery<T>> unfinished = new ArrayList<>();
        for (int i = 0; i < inFlight.size(); i++) {
            if (done[i]) {
                inFlight.get(i).ack();
            } else {
                unfinished.add(inFlight.get(i));
            }
        }
        inFlight.clear();
        inFlight.addAll(unfinished);
    }

    /** Returns the records in the channel's queue and those of the last batch that are not acknowledged. */
    @Override
    public long lag() {
        return channel.depth() + inFlight.size();
    }

    @Override
    public String describe() {
        return "channel " + stream;
    }

    @Override
    public void close() {
        // The channel belongs to the application; deliveries not acknowledged are delivered again after a restart.
    }
}
