package io.flume.reliability;

import io.flume.reliability.QuakeInputs.Input;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads what the output topics committed and accounts for every input: which expected
 * (topic, key) pairs are missing, which keys arrived where no input expected them, and how many
 * extra copies arrived.
 */
final class Deliveries {

    private static final Duration POLL = Duration.ofMillis(200);

    /** The outcome of a comparison; {@code duplicates} maps {@code topic/key} to its extra copies. */
    record Report(int expected, List<String> missing, List<String> unexpected, Map<String, Integer> duplicates) {

        boolean complete() {
            return missing.isEmpty();
        }

        int duplicateCount() {
            return duplicates.values().stream().mapToInt(Integer::intValue).sum();
        }

        String summary() {
            return expected + " expected deliveries, " + missing.size() + " missing " + first(missing) + ", "
                    + unexpected.size() + " unexpected " + first(unexpected) + ", " + duplicateCount()
                    + " duplicate copies " + first(new ArrayList<>(duplicates.keySet()));
        }

        private static List<String> first(List<String> values) {
            return values.subList(0, Math.min(5, values.size()));
        }
    }

    private Deliveries() {
    }

    /**
     * Reads every committed record of {@code topics} (isolation level {@code read_committed}),
     * up to the end offsets at the start of the read, and counts the records of each key by topic.
     * A record without a key counts under {@code <null>}.
     */
    static Map<String, Map<String, Integer>> readCommitted(String bootstrapServers, Collection<String> topics, Duration timeout) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024,
                ConsumerConfig.CLIENT_ID_CONFIG, "reliability-reader");
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        topics.forEach(topic -> counts.put(topic, new TreeMap<>()));
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                for (PartitionInfo info : consumer.partitionsFor(topic, timeout)) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            while (!reachedEnd(consumer, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("reading " + topics + " to their end offsets " + ends + " took longer than " + timeout);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    String key = record.key() == null ? "<null>" : new String(record.key(), StandardCharsets.UTF_8);
                    counts.get(record.topic()).merge(key, 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Compares what the topics hold with what {@code inputs} expect. */
    static Report compare(List<Input> inputs, Map<String, Map<String, Integer>> actual) {
        Map<String, Map<String, Integer>> expected = new TreeMap<>();
        int expectedCount = 0;
        for (Input input : inputs) {
            for (String topic : input.topics()) {
                expected.computeIfAbsent(topic, t -> new TreeMap<>()).merge(input.id(), 1, Integer::sum);
                expectedCount++;
            }
        }
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        Map<String, Integer> duplicates = new TreeMap<>();
        expected.forEach((topic, keys) -> keys.forEach((key, count) -> {
            int found = actual.getOrDefault(topic, Map.of()).getOrDefault(key, 0);
            if (found < count) {
                missing.add(topic + "/" + key);
            } else if (found > count) {
                duplicates.put(topic + "/" + key, found - count);
            }
        }));
        actual.forEach((topic, keys) -> keys.keySet().forEach(key -> {
            if (!expected.getOrDefault(topic, Map.of()).containsKey(key)) {
                unexpected.add(topic + "/" + key);
            }
        }));
        return new Report(expectedCount, missing, unexpected, duplicates);
    }

    /**
     * Reads the topics again and again until every expected delivery has arrived or
     * {@code timeout} passes, and returns the last comparison.
     */
    static Report await(String bootstrapServers, List<Input> inputs, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Report report = compare(inputs, readCommitted(bootstrapServers, QuakeInputs.OUTPUT_TOPICS, Duration.ofSeconds(60)));
            if (report.complete() || System.nanoTime() > deadline) {
                return report;
            }
            Thread.sleep(1_000);
        }
    }
}
