package io.flume.runtime.retry;

import io.flume.api.Cloner;
import io.flume.runtime.envelope.Envelope;
import io.flume.runtime.envelope.NodeFailure;
import io.flume.runtime.errors.DeadLetterRecords;
import io.flume.runtime.errors.FlumeHeaders;
import io.flume.runtime.live.LiveParameters;
import io.flume.runtime.processors.NodeId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The waiting room of a {@code retry} node with {@code backoff}: reads the node's retry topic
 * into a persistent, logged key-value store keyed by {@link RetryKeys} (due time, partition,
 * offset), and on a wall-clock punctuation releases every record that is due, oldest due time
 * first, into the node's child again, deleting it from the store. A released record carries
 * the attempt number of its {@value FlumeHeaders#RETRY_ATTEMPT} header, which processors see,
 * its original key, timestamp and headers without the {@code flume.retry.*} ones, and the frames
 * of the enclosing failure-handling nodes.
 *
 * <p>The store lives in the task of the retry topic's partition, so pending retries survive a
 * restart and move with the partition on a rebalance. Under {@code exactly_once_v2} the store
 * writes, the deletes and everything the released records produce commit together.
 */
public final class RetryReleaseProcessor<T> implements Processor<byte[], byte[], Object, Envelope<T>> {

    private static final Logger LOG = LoggerFactory.getLogger(RetryReleaseProcessor.class);
    /** At most this many records are released per punctuation, so that one punctuation stays short. */
    static final int MAX_RELEASED_PER_PUNCTUATION = 1000;

    private final NodeId node;
    private final String storeName;
    private final String retryTopic;
    private final Duration interval;
    private final Serde<Object> keySerde;
    private final Serde<T> valueSerde;
    private final Cloner<T> cloner;
    private final LiveParameters live;
    private ProcessorContext<Object, Envelope<T>> context;
    private KeyValueStore<Bytes, byte[]> store;

    private RetryReleaseProcessor(Supplier<T> supplier) {
        this.node = supplier.node;
        this.storeName = supplier.storeName;
        this.retryTopic = supplier.retryTopic;
        this.interval = supplier.interval;
        this.keySerde = supplier.keySerde;
        this.valueSerde = supplier.valueSerde;
        this.cloner = supplier.cloner;
        this.live = supplier.live;
    }

    /**
     * Creates the processors of one retry node and declares their store, a persistent key-value
     * store named {@code storeName} with a changelog.
     */
    public static <T> ProcessorSupplier<byte[], byte[], Object, Envelope<T>> supplier(
            NodeId node, String storeName, String retryTopic, Duration interval,
            Serde<Object> keySerde, Serde<T> valueSerde, Cloner<T> cloner, LiveParameters live) {
        return new Supplier<>(node, storeName, retryTopic, interval, keySerde, valueSerde, cloner, live);
    }

    @Override
    public void init(ProcessorContext<Object, Envelope<T>> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        // Each released record runs downstream with one version of the live parameters.
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, now -> live.pinned(() -> release(now)));
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata metadata = context.recordMetadata().orElseThrow(() -> new IllegalStateException(
                "retry " + node.name() + " read a record without topic metadata"));
        String dueText = DeadLetterRecords.header(record.headers(), FlumeHeaders.RETRY_DUE);
        long due;
        try {
            due = Long.parseLong(dueText);
        } catch (NumberFormatException e) {
            due = context.currentSystemTimeMs();
            LOG.warn("Record {}-{}@{} of retry topic {} has no valid {} header ({}); it is retried at once",
                    metadata.topic(), metadata.partition(), metadata.offset(), retryTopic, FlumeHeaders.RETRY_DUE, dueText);
        }
        RetryEntry entry = new RetryEntry(record.timestamp(), record.key(), record.value(), record.headers());
        store.put(Bytes.wrap(RetryKeys.encode(due, metadata.partition(), metadata.offset())), entry.encode());
    }

    private void release(long now) {
        List<KeyValue<Bytes, byte[]>> due = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> iterator = store.range(Bytes.wrap(RetryKeys.first()), Bytes.wrap(RetryKeys.lastDueAt(now)))) {
            while (iterator.hasNext() && due.size() < MAX_RELEASED_PER_PUNCTUATION) {
                due.add(iterator.next());
            }
        }
        for (KeyValue<Bytes, byte[]> item : due) {
            store.delete(item.key);
            context.forward(toRecord(RetryEntry.decode(item.value)));
        }
    }

    private Record<Object, Envelope<T>> toRecord(RetryEntry entry) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : entry.headers()) {
            if (!header.key().startsWith(FlumeHeaders.RETRY_PREFIX)) {
                headers.add(header);
            }
        }
        Object key;
        Envelope<T> envelope;
        try {
            key = entry.key() == null ? null : keySerde.deserializer().deserialize(retryTopic, entry.key());
            T value = valueSerde.deserializer().deserialize(retryTopic, entry.value());
            envelope = Envelope.of(value);
            FrameCodec.decode(entry.headers().lastHeader(FlumeHeaders.RETRY_FRAMES) == null ? null
                    : entry.headers().lastHeader(FlumeHeaders.RETRY_FRAMES).value(), valueSerde, retryTopic).forEach(envelope::enter);
            envelope.enter(new Envelope.Frame<>(node.name(), cloner.copy(value), attempt(entry), firstFailure(entry)));
            envelope.saveHeaders(node.name(), headers);
        } catch (RuntimeException e) {
            LOG.warn("Retry {} ({}) could not decode a record of {}; it goes on as a failure: {}", node.path(), node.name(),
                    retryTopic, e.toString());
            key = null;
            envelope = Envelope.of(null);
            envelope.fail(new NodeFailure(new IllegalStateException("retry " + node.name() + " could not decode a record of "
                    + retryTopic + " with the pipeline's serdes: " + e.getMessage(), e), node.name(), node.path(), attempt(entry),
                    Instant.now(), null));
        }
        // A punctuation has no input record, so the source position travels in the envelope.
        envelope.setOrigin(originOf(entry));
        return new Record<>(key, envelope, entry.timestamp(), headers);
    }

    /** Returns the source position the retry topic's headers carry, or null for records written before they did. */
    private static Envelope.Origin originOf(RetryEntry entry) {
        String topic = DeadLetterRecords.header(entry.headers(), FlumeHeaders.RETRY_SOURCE_TOPIC);
        if (topic == null) {
            return null;
        }
        try {
            return new Envelope.Origin(topic,
                    Integer.parseInt(DeadLetterRecords.header(entry.headers(), FlumeHeaders.RETRY_SOURCE_PARTITION)),
                    Long.parseLong(DeadLetterRecords.header(entry.headers(), FlumeHeaders.RETRY_SOURCE_OFFSET)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int attempt(RetryEntry entry) {
        try {
            return Integer.parseInt(DeadLetterRecords.header(entry.headers(), FlumeHeaders.RETRY_ATTEMPT));
        } catch (NumberFormatException e) {
            return 2;
        }
    }

    private static Envelope.FirstFailure firstFailure(RetryEntry entry) {
        String errorClass = DeadLetterRecords.header(entry.headers(), FlumeHeaders.RETRY_FIRST_ERROR_CLASS);
        if (errorClass == null) {
            return null;
        }
        return new Envelope.FirstFailure(errorClass,
                String.valueOf(DeadLetterRecords.header(entry.headers(), FlumeHeaders.RETRY_FIRST_ERROR_MESSAGE)),
                String.valueOf(DeadLetterRecords.header(entry.headers(), FlumeHeaders.RETRY_FIRST_ERROR_PATH)));
    }

    private static final class Supplier<T> implements ProcessorSupplier<byte[], byte[], Object, Envelope<T>> {
        private final NodeId node;
        private final String storeName;
        private final String retryTopic;
        private final Duration interval;
        private final Serde<Object> keySerde;
        private final Serde<T> valueSerde;
        private final Cloner<T> cloner;
        private final LiveParameters live;

        Supplier(NodeId node, String storeName, String retryTopic, Duration interval,
                 Serde<Object> keySerde, Serde<T> valueSerde, Cloner<T> cloner, LiveParameters live) {
            this.node = node;
            this.storeName = storeName;
            this.retryTopic = retryTopic;
            this.interval = interval;
            this.keySerde = keySerde;
            this.valueSerde = valueSerde;
            this.cloner = cloner;
            this.live = live;
        }

        @Override
        public Processor<byte[], byte[], Object, Envelope<T>> get() {
            return new RetryReleaseProcessor<>(this);
        }

        @Override
        public Set<StoreBuilder<?>> stores() {
            return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName), Serdes.Bytes(), Serdes.ByteArray())
                    .withLoggingEnabled(java.util.Map.of()));
        }
    }
}
