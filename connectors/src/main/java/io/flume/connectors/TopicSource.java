package io.flume.connectors;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a stream's topic with a consumer of its own, committing offsets only for records the
 * sink has acknowledged. Offsets are committed synchronously after each batch.
 */
final class TopicSource implements RecordSource {

    private static final Logger LOG = LoggerFactory.getLogger(TopicSource.class);
    /** The longest wait of one poll when nothing arrives, so that the connector checks for a stop request at least this often. */
    static final Duration IDLE_POLL = Duration.ofMillis(200);
    private static final Duration LAG_LOOKUP_TIMEOUT = Duration.ofSeconds(5);

    private final String connector;
    private final String stream;
    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deque<ConsumerRecord<byte[], byte[]>> leftover = new ArrayDeque<>();
    /** The records of the last batch that are not acknowledged yet. */
    private int inFlight;

    TopicSource(String connector, String stream, String topic, Map<String, Object> consumerConfig, String groupId, int batchSize) {
        this.connector = connector;
        this.stream = stream;
        this.topic = topic;
        Map<String, Object> properties = new HashMap<>(consumerConfig);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batchSize);
        this.consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    @Override
    public List<SinkRecord> next(int max, Duration linger) {
        consumer.resume(consumer.paused());
        List<SinkRecord> batch = new ArrayList<>(Math.min(max, 1024));
        drainLeftover(batch, max);
        inFlight = batch.size();
        long deadline = batch.isEmpty() ? 0 : System.nanoTime() + linger.toNanos();
        while (batch.size() < max) {
            long wait = batch.isEmpty() ? IDLE_POLL.toNanos() : deadline - System.nanoTime();
            if (wait <= 0) {
                break;
            }
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofNanos(wait));
            if (records.isEmpty() && batch.isEmpty()) {
                break;
            }
            boolean wasEmpty = batch.isEmpty();
            records.forEach(leftover::addLast);
            drainLeftover(batch, max);
            inFlight = batch.size();
            if (wasEmpty && !batch.isEmpty()) {
                deadline = System.nanoTime() + linger.toNanos();
            }
        }
        return batch;
    }

    private void drainLeftover(List<SinkRecord> batch, int max) {
        while (batch.size() < max && !leftover.isEmpty()) {
            ConsumerRecord<byte[], byte[]> record = leftover.pollFirst();
            batch.add(new SinkRecord(stream, record.key(), record.value(), record.headers(), record.timestamp(),
                    record.topic(), record.partition(), record.offset()));
        }
    }

    /**
     * Waits while polling with every partition paused, because a consumer that stops polling for
     * {@code max.poll.interval.ms} leaves its group. Records of partitions assigned meanwhile are
     * not taken: the consumer seeks back to them.
     */
    @Override
    public void pause(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            consumer.pause(consumer.assignment());
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofNanos(Math.min(left, IDLE_POLL.toNanos())));
            for (TopicPartition partition : records.partitions()) {
                consumer.seek(partition, records.records(partition).get(0).offset());
            }
        }
    }

    @Override
    public void acknowledge(List<SinkRecord> batch, boolean[] done) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Set<TopicPartition> blocked = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            SinkRecord record = batch.get(i);
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            if (blocked.contains(partition)) {
                continue;
            }
            if (done[i]) {
                offsets.put(partition, new OffsetAndMetadata(record.offset() + 1));
            } else {
                blocked.add(partition);
            }
        }
        commit(offsets);
        int unfinished = 0;
        for (boolean flag : done) {
            unfinished += flag ? 0 : 1;
        }
        inFlight = unfinished;
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
        } catch (KafkaException e) {
            // The records stay uncommitted, so they are written again after a rebalance or restart.
            LOG.warn("Connector {} failed to commit offsets {} of topic {}; those records will be written again: {}",
                    connector, offsets, topic, e.toString());
        }
    }

    /**
     * Returns the records of the topic beyond the committed position: those the broker holds past
     * the consumer's position (its last stable offset minus the position, from the last fetch, or
     * looked up on the broker before the first fetch), those fetched but not yet handed out, and
     * those of the last batch that are not acknowledged.
     */
    @Override
    public long lag() {
        long total = leftover.size() + inFlight;
        List<TopicPartition> unknown = new ArrayList<>();
        for (TopicPartition partition : consumer.assignment()) {
            var fetchLag = consumer.currentLag(partition);
            if (fetchLag.isPresent()) {
                total += fetchLag.getAsLong();
            } else {
                unknown.add(partition);
            }
        }
        if (!unknown.isEmpty()) {
            try {
                Map<TopicPartition, Long> ends = consumer.endOffsets(unknown, LAG_LOOKUP_TIMEOUT);
                for (TopicPartition partition : unknown) {
                    total += Math.max(0, ends.getOrDefault(partition, 0L) - consumer.position(partition, LAG_LOOKUP_TIMEOUT));
                }
            } catch (KafkaException e) {
                // The lag is only reported; the next call measures again.
                LOG.debug("Connector {} failed to look up the end offsets of topic {}: {}", connector, topic, e.toString());
            }
        }
        return total;
    }

    @Override
    public String describe() {
        return "topic " + topic;
    }

    @Override
    public void close() {
        try {
            consumer.close();
        } catch (KafkaException e) {
            LOG.warn("Connector {} failed to close its consumer of topic {}: {}", connector, topic, e.toString());
        }
    }
}
