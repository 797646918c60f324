package io.flume.cli;

import io.flume.runtime.app.ClientConfigs;
import io.flume.runtime.app.StreamsRunner;
import io.flume.runtime.channel.ChannelStats;
import io.flume.runtime.config.AppConfig;
import io.flume.runtime.config.ConnectorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Measures what the consumers of a running application's stream topics have not finished yet:
 * each channel bridge and each connector that reads its stream's topic. A consumer's backlog is
 * the records of its topic past its group's committed offsets: the topic's last stable offset
 * minus the committed offset, or minus the earliest offset where the group committed nothing.
 * A channel's backlog is at least the records in its queue plus those received but not
 * acknowledged.
 *
 * <p>Under {@code exactly_once_v2} a transaction's commit marker follows its last record, and
 * aborted records stay in the log, so the offsets past a committed one need not hold a record a
 * consumer would see. Where the offsets leave a gap, the gap is read with a consumer of its own
 * (read-committed, no group), and only the records it returns count.
 */
final class ConsumerBacklog implements AutoCloseable {

    private static final long ADMIN_TIMEOUT_MS = 10_000;

    /** The largest gap of offsets that is read to find the records in it; larger ones count by offsets. */
    private static final long MAX_GAP_READ = 10_000;

    private static final long GAP_READ_TIMEOUT_MS = 2_000;

    /** One consumer to watch: what the messages call it, its group and its topic. */
    private record Consumer(String label, String groupId, String topic) {
    }

    private final StreamsRunner runner;
    private final List<Consumer> connectors = new ArrayList<>();
    private final Admin admin;
    private KafkaConsumer<byte[], byte[]> gapReader;
    private final Map<String, Integer> partitionCounts = new HashMap<>();

    ConsumerBacklog(StreamsRunner runner) {
        this.runner = runner;
        AppConfig config = runner.config();
        for (ConnectorConfig connector : config.connectors()) {
            if (connector.from() == ConnectorConfig.Source.TOPIC) {
                connectors.add(new Consumer("connector " + connector.name(), config.connectorGroupId(connector.name()),
                        config.streamTopic(connector.stream())));
            }
        }
        this.admin = Admin.create(ClientConfigs.admin(config.kafka(), runner.bootstrapServers()));
    }

    /** Returns whether there is any consumer to wait for. */
    boolean hasConsumers() {
        return !connectors.isEmpty() || !runner.channelStats().isEmpty();
    }

    /**
     * Returns each consumer's backlog in records, by label ({@code channel NAME} or
     * {@code connector NAME}); channel-fed connectors are counted in their channel's backlog.
     *
     * @throws KafkaException when the cluster does not respond in time
     */
    Map<String, Long> measure() throws InterruptedException {
        Map<String, Long> backlog = new TreeMap<>();
        for (Map.Entry<String, ChannelStats> channel : runner.channelStats().entrySet()) {
            ChannelStats stats = channel.getValue();
            long inTopic = pastCommitted(new Consumer("", stats.groupId(), stats.topic()));
            backlog.put("channel " + channel.getKey(), Math.max(inTopic, (long) stats.depth() + stats.unacknowledged()));
        }
        for (Consumer connector : connectors) {
            backlog.put(connector.label(), pastCommitted(connector));
        }
        return backlog;
    }

    private long pastCommitted(Consumer consumer) throws InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = get(admin.listConsumerGroupOffsets(consumer.groupId())
                .partitionsToOffsetAndMetadata());
        int partitions = partitionCount(consumer.topic());
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            TopicPartition partition = new TopicPartition(consumer.topic(), p);
            latest.put(partition, OffsetSpec.latest());
            if (committed.get(partition) == null) {
                earliest.put(partition, OffsetSpec.earliest());
            }
        }
        ListOffsetsOptions readCommitted = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
        var ends = get(admin.listOffsets(latest, readCommitted).all());
        var starts = earliest.isEmpty() ? Map.<TopicPartition, org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo>of()
                : get(admin.listOffsets(earliest, readCommitted).all());
        long total = 0;
        for (TopicPartition partition : latest.keySet()) {
            OffsetAndMetadata position = committed.get(partition);
            long from = position != null ? position.offset() : starts.get(partition).offset();
            long end = ends.get(partition).offset();
            if (end > from) {
                total += visibleRecords(partition, from, end);
            }
        }
        return total;
    }

    /**
     * Counts the records a read-committed consumer receives from {@code from} up to {@code end}:
     * commit markers and aborted records take offsets but are never delivered. Gaps larger than
     * {@link #MAX_GAP_READ} are counted by their offsets, which can only overstate the backlog.
     */
    private long visibleRecords(TopicPartition partition, long from, long end) {
        if (end - from > MAX_GAP_READ) {
            return end - from;
        }
        if (gapReader == null) {
            Map<String, Object> properties = new HashMap<>(ClientConfigs.consumer(runner.config().kafka(), runner.bootstrapServers()));
            properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
            properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            gapReader = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
        gapReader.assign(List.of(partition));
        gapReader.seek(partition, from);
        long seen = 0;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GAP_READ_TIMEOUT_MS);
        while (gapReader.position(partition) < end && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : gapReader.poll(Duration.ofMillis(100)).records(partition)) {
                if (record.offset() < end) {
                    seen++;
                }
            }
        }
        // A gap not read to its end in time counts in full, so the wait never ends too early.
        return gapReader.position(partition) < end ? end - from : seen;
    }

    /** Returns the partition count of {@code topic}, looked up once: a running application does not change it. */
    private int partitionCount(String topic) throws InterruptedException {
        Integer known = partitionCounts.get(topic);
        if (known == null) {
            known = get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic).partitions().size();
            partitionCounts.put(topic, known);
        }
        return known;
    }

    private static <V> V get(org.apache.kafka.common.KafkaFuture<V> future) throws InterruptedException {
        try {
            return future.get(ADMIN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof KafkaException kafka ? kafka : new KafkaException(e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("the cluster did not respond within " + ADMIN_TIMEOUT_MS + " ms", e);
        }
    }

    @Override
    public void close() {
        admin.close();
        if (gapReader != null) {
            gapReader.close();
        }
    }
}
