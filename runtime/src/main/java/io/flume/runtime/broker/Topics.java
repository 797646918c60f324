package io.flume.runtime.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.InvalidMetadataException;

/** Topic administration that the embedded broker and the runner share. */
public final class Topics {

    private static final long LEADER_POLL_MILLIS = 50;

    private Topics() {
    }

    /**
     * Creates the topics of {@code topicPartitions} (name to partition count) that do not exist
     * yet, then waits until every partition of each requested topic has a leader, so that a client
     * started right after this call finds them. A topic that another client creates at the same
     * time counts as existing.
     *
     * @param replicationFactor the replication factor of new topics; empty uses the broker's
     *     {@code default.replication.factor}
     * @return the names of the topics this call created, in alphabetical order
     * @throws KafkaException when the cluster rejects a topic or does not respond within
     *     {@code timeout}; the message names the topic
     */
    public static Set<String> createMissing(Admin admin, Map<String, Integer> topicPartitions,
            Optional<Short> replicationFactor, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> created = new TreeSet<>();
        if (topicPartitions.isEmpty()) {
            return created;
        }

        Set<String> existing = get(admin.listTopics().names(), deadline, "list topics");
        List<NewTopic> missing = new ArrayList<>();
        topicPartitions.forEach((topic, partitions) -> {
            if (partitions == null || partitions < 1) {
                throw new IllegalArgumentException("topic '" + topic + "' needs at least 1 partition, got " + partitions);
            }
            if (!existing.contains(topic)) {
                missing.add(new NewTopic(topic, Optional.of(partitions), replicationFactor));
            }
        });

        if (!missing.isEmpty()) {
            Map<String, KafkaFuture<Void>> results = admin.createTopics(missing).values();
            for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
                try {
                    get(result.getValue(), deadline, "create topic '" + result.getKey() + "'");
                    created.add(result.getKey());
                } catch (KafkaException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }

        awaitLeaders(admin, topicPartitions.keySet(), deadline);
        return created;
    }

    /**
     * Returns the partition count of each of {@code topics} that exists on the cluster, by topic
     * name; topics that do not exist are left out.
     *
     * @throws KafkaException when the cluster does not respond within {@code timeout}
     */
    public static Map<String, Integer> partitionCounts(Admin admin, Collection<String> topics, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Integer> counts = new TreeMap<>();
        if (topics.isEmpty()) {
            return counts;
        }
        Set<String> existing = get(admin.listTopics().names(), deadline, "list topics");
        Set<String> requested = new TreeSet<>(topics);
        requested.retainAll(existing);
        if (requested.isEmpty()) {
            return counts;
        }
        Map<String, TopicDescription> descriptions = get(admin.describeTopics(requested).allTopicNames(), deadline,
                "describe topics " + requested);
        descriptions.forEach((name, description) -> counts.put(name, description.partitions().size()));
        return counts;
    }

    /**
     * Waits until every partition of {@code topics} has a leader that serves requests. A leader in
     * the cluster metadata is not enough: the broker may not have taken up leadership locally yet,
     * and an idempotent producer whose first batch is rejected with NOT_LEADER_OR_FOLLOWER while a
     * later batch is accepted can be left retrying an out-of-order sequence until it times out.
     * A successful list-offsets request, which only the partition's leader answers, shows that the
     * leader is ready.
     */
    private static void awaitLeaders(Admin admin, Set<String> topics, long deadline) {
        while (true) {
            try {
                Map<String, TopicDescription> descriptions = get(admin.describeTopics(topics).allTopicNames(), deadline,
                        "describe topics " + topics);
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                boolean allLed = true;
                for (TopicDescription description : descriptions.values()) {
                    for (TopicPartitionInfo partition : description.partitions()) {
                        allLed &= partition.leader() != null && !partition.leader().isEmpty();
                        partitions.put(new TopicPartition(description.name(), partition.partition()), OffsetSpec.latest());
                    }
                }
                if (allLed) {
                    get(admin.listOffsets(partitions).all(), deadline, "list offsets of " + topics);
                    return;
                }
            } catch (KafkaException e) {
                if (!(e.getCause() instanceof InvalidMetadataException)) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new KafkaException("topics " + topics + " have no ready leader for every partition yet; "
                        + "check that the cluster's brokers are running");
            }
            sleep(LEADER_POLL_MILLIS);
        }
    }

    private static <V> V get(KafkaFuture<V> future, long deadline, String action) {
        long remaining = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        try {
            return future.get(remaining, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while trying to " + action, e);
        } catch (ExecutionException e) {
            throw new KafkaException("failed to " + action + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaException("timed out after " + remaining + " ms trying to " + action
                    + "; check bootstrap.servers and that the cluster is up", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while waiting for topic leaders", e);
        }
    }
}
