package io.flume.runtime.channel;

import io.flume.runtime.errors.FlumeHeaders;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flume.api.Channel;
import io.flume.api.ChannelRecord;
import io.flume.api.OverflowPolicy;
import io.flume.runtime.broker.EmbeddedKafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChannelBridgeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static EmbeddedKafkaBroker broker;
    private static Admin admin;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    @AfterAll
    static void stopBroker() {
        if (admin != null) {
            admin.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void backpressurePausesWithoutLossOrReorder() throws Exception {
        String topic = "backpressure";
        broker.createTopics(Map.of(topic, 2));
        produce(topic, 200);
        Channel<String> channel = Channel.bounded(5);
        String group = "app.channel.backpressure";

        List<ChannelRecord<String>> taken = new ArrayList<>();
        ReentrantLock takeLock = new ReentrantLock();
        AtomicBoolean stop = new AtomicBoolean();
        Thread slowConsumer = new Thread(() -> {
            while (!stop.get() && taken.size() < 200) {
                takeLock.lock();
                try {
                    ChannelRecord<String> record = channel.poll(Duration.ofMillis(5));
                    if (record != null) {
                        taken.add(record);
                    }
                } catch (InterruptedException e) {
                    return;
                } finally {
                    takeLock.unlock();
                }
                sleep(3);
            }
        }, "slow-consumer");

        List<String> commitViolations = new ArrayList<>();
        int commitChecks = 0;
        try (ChannelBridge<String> bridge = bridge("backpressure", channel, topic, group).build()) {
            bridge.start();
            slowConsumer.start();

            long deadline = System.nanoTime() + WAIT.toNanos();
            while (slowConsumer.isAlive() && System.nanoTime() < deadline) {
                // Holding the lock, no take is half done: every record the channel reported as
                // taken is in the list, so committed offsets can be compared with it.
                takeLock.lock();
                try {
                    Map<TopicPartition, Long> committed = committedOffsets(group);
                    Map<Integer, Long> nextAfterTaken = nextOffsetAfterTaken(taken);
                    committed.forEach((partition, offset) -> {
                        long limit = nextAfterTaken.getOrDefault(partition.partition(), 0L);
                        if (offset > limit) {
                            commitViolations.add(partition + " committed " + offset + " but taken only up to " + limit);
                        }
                    });
                    commitChecks++;
                } finally {
                    takeLock.unlock();
                }
                sleep(50);
            }
            stop.set(true);
            slowConsumer.join(5_000);

            assertThat(bridge.pauseCount()).as("pauses").isGreaterThan(1);
            assertThat(bridge.deliveredCount()).isEqualTo(200);
            assertThat(channel.overflowCount()).isZero();
        }

        assertThat(commitChecks).as("commit checks made while the consumer was slow").isGreaterThan(3);
        assertThat(commitViolations).isEmpty();
        assertThat(taken).hasSize(200);
        assertThat(taken).extracting(ChannelRecord::value).doesNotHaveDuplicates();
        for (int partition = 0; partition < 2; partition++) {
            int p = partition;
            List<Long> offsets = taken.stream().filter(r -> r.partition() == p).map(ChannelRecord::offset).toList();
            assertThat(offsets).as("offsets of partition %d in take order", p).isSorted();
            List<Integer> sequence = taken.stream().filter(r -> r.partition() == p)
                    .map(r -> Integer.parseInt(r.value().substring(1))).toList();
            assertThat(sequence).as("produced order of partition %d", p).isSorted();
        }
        Map<TopicPartition, Long> finalCommitted = committedOffsets(group);
        assertThat(finalCommitted.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(200);
    }

    @Test
    void closeWaitsForDrainAndCommits() throws Exception {
        String topic = "drain";
        broker.createTopics(Map.of(topic, 1));
        produce(topic, 20);
        Channel<String> channel = Channel.bounded(5);
        String group = "app.channel.drain";
        ChannelBridge<String> bridge = bridge("drain", channel, topic, group).build();
        bridge.start();
        awaitDepth(channel, 5);

        List<String> taken = new ArrayList<>();
        Thread lateConsumer = new Thread(() -> {
            sleep(300);
            ChannelRecord<String> record;
            try {
                while ((record = channel.poll(Duration.ofMillis(500))) != null) {
                    taken.add(record.value());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        lateConsumer.start();
        bridge.close(Duration.ofSeconds(10));
        lateConsumer.join(5_000);

        assertThat(taken).containsExactly("v0", "v1", "v2", "v3", "v4");
        assertThat(committedOffsets(group)).containsEntry(new TopicPartition(topic, 0), 5L);
        assertThat(bridge.isRunning()).isFalse();
        assertThat(threadsNamed("flume-channel-drain")).isEmpty();
        assertThat(threadsContaining(group)).as("consumer threads left").isEmpty();
    }

    @Test
    void untakenRecordsAreReadAgain() throws Exception {
        String topic = "redeliver";
        broker.createTopics(Map.of(topic, 1));
        produce(topic, 10);
        String group = "app.channel.redeliver";

        Channel<String> first = Channel.bounded(4);
        ChannelBridge<String> firstBridge = bridge("redeliver", first, topic, group).build();
        firstBridge.start();
        awaitDepth(first, 4);
        assertThat(first.take()).isEqualTo("v0");
        assertThat(first.take()).isEqualTo("v1");
        firstBridge.close(Duration.ofMillis(200));

        assertThat(committedOffsets(group)).containsEntry(new TopicPartition(topic, 0), 2L);

        Channel<String> second = Channel.bounded(20);
        ChannelBridge<String> secondBridge = bridge("redeliver", second, topic, group).build();
        secondBridge.start();
        awaitDepth(second, 8);
        assertThat(second.take()).isEqualTo("v2");
        secondBridge.close(Duration.ZERO);
    }

    @Test
    void dropOldestKeepsNewestAndCommitsPastDropped() throws Exception {
        String topic = "drop-oldest";
        broker.createTopics(Map.of(topic, 1));
        produce(topic, 10);
        Channel<String> channel = Channel.<String>bounded(3).overflow(OverflowPolicy.DROP_OLDEST);
        String group = "app.channel.drop-oldest";

        try (ChannelBridge<String> bridge = bridge("drop-oldest", channel, topic, group).build()) {
            bridge.start();
            awaitDelivered(bridge, 10);
            awaitCommitted(group, new TopicPartition(topic, 0), 7L);

            assertThat(channel.overflowCount()).isEqualTo(7);
            assertThat(channel.take()).isEqualTo("v7");
            assertThat(channel.take()).isEqualTo("v8");
            assertThat(channel.take()).isEqualTo("v9");
        }
    }

    @Test
    void deadLetterPolicySendsWaitingRecords() throws Exception {
        String topic = "overflow-dl";
        String deadLetter = "overflow-dl.dead-letter";
        broker.createTopics(Map.of(topic, 1, deadLetter, 1));
        produce(topic, 6);
        Channel<String> channel = Channel.<String>bounded(2).overflow(OverflowPolicy.DEAD_LETTER);
        String group = "app.channel.overflow-dl";
        TopicPartition partition = new TopicPartition(topic, 0);

        try (ChannelBridge<String> bridge = bridge("alerts", channel, topic, group)
                .streamTimeout(Duration.ofMillis(100))
                .deadLetterTopic(deadLetter)
                .build()) {
            bridge.start();
            List<ConsumerRecord<String, String>> dead = consume(deadLetter, 4);

            assertThat(dead).extracting(ConsumerRecord::value).containsExactly("v2", "v3", "v4", "v5");
            assertThat(header(dead.get(0), FlumeHeaders.CHANNEL)).isEqualTo("alerts");
            assertThat(header(dead.get(0), FlumeHeaders.SOURCE_OFFSET)).isEqualTo("2");
            assertThat(header(dead.get(0), FlumeHeaders.ERROR_MESSAGE)).contains("stayed full for 100 ms");
            assertThat(bridge.deadLetteredCount()).isEqualTo(4);
            assertThat(channel.overflowCount()).isEqualTo(4);
            sleep(300);
            assertThat(committedOffsets(group)).as("nothing committed before v0 and v1 are taken")
                    .doesNotContainKey(partition);

            assertThat(channel.take()).isEqualTo("v0");
            assertThat(channel.take()).isEqualTo("v1");
            awaitCommitted(group, partition, 6L);
        }
    }

    @Test
    void unreadableRecordGoesToDeadLetter() throws Exception {
        String topic = "unreadable";
        String deadLetter = "unreadable.dead-letter";
        broker.createTopics(Map.of(topic, 1, deadLetter, 1));
        produce(topic, 3);
        Deserializer<String> rejectsV1 = (t, data) -> {
            String text = new String(data, StandardCharsets.UTF_8);
            if (text.equals("v1")) {
                throw new SerializationException("v1 is not readable");
            }
            return text;
        };
        Channel<String> channel = Channel.bounded(10);

        try (ChannelBridge<String> bridge = ChannelBridge.builder("unreadable", channel)
                .topic(topic)
                .groupId("app.channel.unreadable")
                .consumerConfig(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))
                .valueDeserializer(rejectsV1)
                .deadLetterTopic(deadLetter)
                .build()) {
            bridge.start();

            assertThat(channel.take()).isEqualTo("v0");
            assertThat(channel.take()).isEqualTo("v2");
            List<ConsumerRecord<String, String>> dead = consume(deadLetter, 1);
            assertThat(dead).extracting(ConsumerRecord::value).containsExactly("v1");
            assertThat(header(dead.get(0), FlumeHeaders.ERROR_MESSAGE)).contains("v1 is not readable");
            assertThat(bridge.unreadableCount()).isEqualTo(1);
        }
    }

    @Test
    void outOfOrderAcksCommitContiguousPrefix() throws Exception {
        String topic = "acks";
        broker.createTopics(Map.of(topic, 1));
        produce(topic, 10);
        Channel<String> channel = Channel.bounded(10);
        String group = "app.channel.acks";
        TopicPartition partition = new TopicPartition(topic, 0);

        try (ChannelBridge<String> bridge = bridge("acks", channel, topic, group).build()) {
            bridge.start();
            List<Channel.Delivery<String>> received = receive(channel, 10);
            assertThat(received).extracting(Channel.Delivery::value).containsExactly(values(0, 10));

            ack(received, 0, 1);
            awaitCommitted(group, partition, 2L);

            ack(received, 5, 6, 7, 3);
            sleep(400);
            assertThat(committedOffsets(group)).as("2 is not acknowledged yet").containsEntry(partition, 2L);
            assertThat(channel.unacknowledgedCount()).isEqualTo(4);

            ack(received, 2);
            awaitCommitted(group, partition, 4L);

            ack(received, 4);
            awaitCommitted(group, partition, 8L);

            ack(received, 9, 8);
            awaitCommitted(group, partition, 10L);
            assertThat(channel.unacknowledgedCount()).isZero();
            assertThat(channel.takenCount()).isEqualTo(10);
        }
    }

    @Test
    void unacknowledgedRecordsComeAgainAfterKill() throws Exception {
        String topic = "killed";
        broker.createTopics(Map.of(topic, 1));
        produce(topic, 10);
        String group = "app.channel.killed";
        TopicPartition partition = new TopicPartition(topic, 0);

        Channel<String> first = Channel.bounded(10);
        ChannelBridge<String> firstBridge = bridge("killed", first, topic, group).build();
        firstBridge.start();
        List<Channel.Delivery<String>> received = receive(first, 6);
        ack(received, 0, 1, 2, 4);
        awaitCommitted(group, partition, 3L);
        // No grace: the consumer goes away as if the process had died with records in hand.
        firstBridge.close(Duration.ZERO);
        assertThat(committedOffsets(group)).containsEntry(partition, 3L);

        Channel<String> second = Channel.bounded(10);
        try (ChannelBridge<String> secondBridge = bridge("killed", second, topic, group).build()) {
            secondBridge.start();
            List<Channel.Delivery<String>> again = receive(second, 7);
            again.forEach(Channel.Delivery::ack);
            awaitCommitted(group, partition, 10L);

            assertThat(again).extracting(Channel.Delivery::value).containsExactly(values(3, 10));
            Set<String> handled = new HashSet<>();
            received.stream().filter(Channel.Delivery::isAcknowledged).forEach(delivery -> handled.add(delivery.value()));
            again.forEach(delivery -> handled.add(delivery.value()));
            assertThat(handled).as("every record handled at least once").containsExactlyInAnyOrder(values(0, 10));
        }
    }

    @Test
    void shutdownCommitsWhatIsFinishedWithinGrace() throws Exception {
        String topic = "grace";
        broker.createTopics(Map.of(topic, 1));
        produce(topic, 10);
        String group = "app.channel.grace";
        TopicPartition partition = new TopicPartition(topic, 0);
        Channel<String> channel = Channel.bounded(10);
        ChannelBridge<String> bridge = bridge("grace", channel, topic, group).build();
        bridge.start();
        List<Channel.Delivery<String>> received = receive(channel, 5);
        ack(received, 0, 1);

        Thread lateAcker = new Thread(() -> {
            sleep(300);
            ack(received, 2);
        }, "late-acker");
        lateAcker.start();
        long begin = System.nanoTime();
        bridge.close(Duration.ofMillis(1500));
        Duration took = Duration.ofNanos(System.nanoTime() - begin);
        lateAcker.join(5_000);

        assertThat(took).as("close waits the grace for the unacknowledged records").isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(committedOffsets(group)).as("acknowledged during the grace: 0, 1 and 2").containsEntry(partition, 3L);
        assertThat(threadsContaining(group)).as("consumer threads left").isEmpty();

        Channel<String> restarted = Channel.bounded(10);
        ChannelBridge<String> again = bridge("grace", restarted, topic, group).build();
        again.start();
        try {
            assertThat(receive(restarted, 7)).extracting(Channel.Delivery::value).containsExactly(values(3, 10));
        } finally {
            again.close(Duration.ZERO);
        }
    }

    @Test
    void dropOldestWithSlowConsumerCountsEveryRecord() throws Exception {
        String topic = "slow-drop";
        broker.createTopics(Map.of(topic, 1));
        produce(topic, 60);
        Channel<String> channel = Channel.<String>bounded(4).overflow(OverflowPolicy.DROP_OLDEST);
        String group = "app.channel.slow-drop";

        try (ChannelBridge<String> bridge = bridge("slow-drop", channel, topic, group)
                .streamTimeout(Duration.ofMillis(20))
                .build()) {
            bridge.start();
            List<String> taken = takeSlowly(channel, () -> channel.takenCount() + channel.overflowCount() >= 60);
            awaitCommitted(group, new TopicPartition(topic, 0), 60L);

            assertThat(channel.overflowCount()).as("dropped").isPositive();
            assertThat(taken.size() + channel.overflowCount()).as("taken plus dropped").isEqualTo(60);
            assertThat(taken).doesNotHaveDuplicates();
            assertThat(taken.stream().map(value -> Integer.parseInt(value.substring(1))).toList()).isSorted();
            assertThat(bridge.deliveredCount()).as("every record entered the queue").isEqualTo(60);
            assertThat(bridge.stats().overflows()).isEqualTo(channel.overflowCount());
        }
    }

    @Test
    void deadLetterWithSlowConsumerCountsEveryRecord() throws Exception {
        String topic = "slow-dl";
        String deadLetter = "slow-dl.dead-letter";
        broker.createTopics(Map.of(topic, 1, deadLetter, 1));
        produce(topic, 60);
        Channel<String> channel = Channel.<String>bounded(4).overflow(OverflowPolicy.DEAD_LETTER);
        String group = "app.channel.slow-dl";

        try (ChannelBridge<String> bridge = bridge("orders.slow", channel, topic, group)
                .streamTimeout(Duration.ofMillis(20))
                .deadLetterTopic(deadLetter)
                .build()) {
            bridge.start();
            List<String> taken = takeSlowly(channel, () -> channel.takenCount() + bridge.deadLetteredCount() >= 60);
            awaitCommitted(group, new TopicPartition(topic, 0), 60L);
            long deadLettered = bridge.deadLetteredCount();
            List<ConsumerRecord<String, String>> dead = consume(deadLetter, (int) deadLettered);

            assertThat(deadLettered).as("dead-lettered").isPositive();
            assertThat(taken.size() + deadLettered).as("taken plus dead-lettered").isEqualTo(60);
            assertThat(channel.overflowCount()).isEqualTo(deadLettered);
            assertThat(dead).hasSize((int) deadLettered);
            Set<String> all = new HashSet<>(taken);
            dead.forEach(record -> all.add(record.value()));
            assertThat(all).as("every record taken or dead-lettered, none both").hasSize(60);
            for (ConsumerRecord<String, String> record : dead) {
                assertThat(header(record, FlumeHeaders.CHANNEL)).isEqualTo("orders.slow");
                assertThat(header(record, FlumeHeaders.ERROR_NODE)).isEqualTo("channel:orders.slow");
                assertThat(header(record, FlumeHeaders.ERROR_CLASS)).isEqualTo(ChannelOverflowException.class.getName());
                assertThat(header(record, FlumeHeaders.ERROR_MESSAGE)).contains("stayed full for 20 ms");
                assertThat(header(record, FlumeHeaders.ERROR_ATTEMPTS)).isEqualTo("1");
                assertThat(Instant.parse(header(record, FlumeHeaders.ERROR_TIME))).isBefore(Instant.now().plusSeconds(1));
                assertThat(header(record, FlumeHeaders.SOURCE_TOPIC)).isEqualTo(topic);
                assertThat(header(record, FlumeHeaders.SOURCE_PARTITION)).isEqualTo("0");
                assertThat(header(record, FlumeHeaders.SOURCE_OFFSET)).isEqualTo(record.value().substring(1));
                assertThat(record.key()).isEqualTo("k" + Integer.parseInt(record.value().substring(1)) % 4);
            }
        }
        assertThat(threadsContaining(group)).as("consumer and producer threads left").isEmpty();
    }

    @Test
    void deadLetterPolicyWithoutTopicIsRejected() {
        Channel<String> channel = Channel.<String>bounded(2).overflow(OverflowPolicy.DEAD_LETTER);

        assertThatThrownBy(() -> bridge("alerts", channel, "alerts", "app.channel.alerts").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channel 'alerts' has the overflow policy dead-letter")
                .hasMessageContaining("deadLetterTopic");
    }

    @Test
    void statsShowDepthPauseAndLag() throws Exception {
        String topic = "stats";
        broker.createTopics(Map.of(topic, 1));
        produce(topic, 20);
        Channel<String> channel = Channel.bounded(5);
        String group = "app.channel.stats";

        ChannelBridge<String> bridge = bridge("stats", channel, topic, group).build();
        try {
            bridge.start();
            awaitDepth(channel, 5);
            awaitTrue(() -> bridge.lag() == 20, "lag of 20");

            ChannelStats full = bridge.stats();
            assertThat(full.name()).isEqualTo("stats");
            assertThat(full.topic()).isEqualTo(topic);
            assertThat(full.groupId()).isEqualTo(group);
            assertThat(full.policy()).isEqualTo(OverflowPolicy.BLOCK);
            assertThat(full.capacity()).isEqualTo(5);
            assertThat(full.depth()).isEqualTo(5);
            assertThat(full.offered()).isEqualTo(5);
            assertThat(full.taken()).isZero();
            assertThat(full.paused()).isTrue();
            assertThat(full.pauses()).isPositive();
            assertThat(full.fullWaits()).isPositive();
            assertThat(full.overflows()).isZero();
            assertThat(full.running()).isTrue();

            Channel.Delivery<String> unacked = channel.receive();
            for (int i = 0; i < 4; i++) {
                channel.take();
            }
            awaitTrue(() -> bridge.lag() == 20, "lag unchanged while v0 is not acknowledged");
            unacked.ack();
            awaitTrue(() -> bridge.lag() == 15, "lag of 15 after five records finished");
            assertThat(bridge.stats().taken()).isEqualTo(5);
        } finally {
            bridge.close(Duration.ZERO);
        }
        assertThat(threadsContaining(group)).isEmpty();
    }

    @Test
    void lagIsZeroAfterTransactionalRecordsAreFinished() throws Exception {
        String topic = "transactional-lag";
        broker.createTopics(Map.of(topic, 1));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "lag-test-" + UUID.randomUUID());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            for (int batch = 0; batch < 3; batch++) {
                producer.beginTransaction();
                for (int i = 0; i < 4; i++) {
                    producer.send(new ProducerRecord<>(topic, "k", "v" + batch + "-" + i));
                }
                producer.commitTransaction();
            }
        }
        Channel<String> channel = Channel.bounded(20);

        ChannelBridge<String> bridge = bridge("transactional-lag", channel, topic, "app.channel.transactional-lag").build();
        try {
            bridge.start();
            awaitDepth(channel, 12);
            for (int i = 0; i < 12; i++) {
                channel.take();
            }

            // 12 records and 3 commit markers: the markers need no work, so nothing is left.
            awaitTrue(() -> bridge.lag() == 0, "lag of 0 once all 12 records are taken");
        } finally {
            bridge.close(Duration.ZERO);
        }
    }

    @Test
    void directChannelIsRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ChannelBridge.builder("fast", Channel.direct(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channel 'fast' is direct");
    }

    // Helpers

    private static String[] values(int from, int to) {
        return java.util.stream.IntStream.range(from, to).mapToObj(i -> "v" + i).toArray(String[]::new);
    }

    private static List<Channel.Delivery<String>> receive(Channel<String> channel, int count) throws InterruptedException {
        List<Channel.Delivery<String>> received = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (received.size() < count && System.nanoTime() < deadline) {
            Channel.Delivery<String> delivery = channel.receive(Duration.ofMillis(100));
            if (delivery != null) {
                received.add(delivery);
            }
        }
        assertThat(received).as("records received").hasSize(count);
        return received;
    }

    private static void ack(List<Channel.Delivery<String>> received, int... indexes) {
        for (int index : indexes) {
            received.get(index).ack();
        }
    }

    /** Takes a record every 50 ms until {@code done} holds, slower than the 20 ms stream timeout of the tests. */
    private static List<String> takeSlowly(Channel<String> channel, java.util.function.BooleanSupplier done)
            throws InterruptedException {
        List<String> taken = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            ChannelRecord<String> record = channel.poll(Duration.ofMillis(100));
            if (record != null) {
                taken.add(record.value());
                sleep(50);
            }
        }
        assertThat(done.getAsBoolean()).as("slow consumer finished within " + WAIT).isTrue();
        return taken;
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String description) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            sleep(50);
        }
        assertThat(condition.getAsBoolean()).as(description).isTrue();
    }

    /** Returns the live threads whose name contains {@code text}, such as a consumer group id. */
    private static List<String> threadsContaining(String text) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.contains(text))
                .toList();
    }

    private static ChannelBridge.Builder<String> bridge(String name, Channel<String> channel, String topic, String group) {
        return ChannelBridge.builder(name, channel)
                .topic(topic)
                .groupId(group)
                .consumerConfig(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))
                .valueDeserializer(new StringDeserializer());
    }

    /** Produces v0..v{count-1} with four distinct keys, so that two partitions both get records. */
    private static void produce(String topic, int count) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + (i % 4), "v" + i));
            }
            producer.flush();
        }
    }

    private static List<ConsumerRecord<String, String>> consume(String topic, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (received.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(received::add);
            }
        }
        return received;
    }

    private static Map<TopicPartition, Long> committedOffsets(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, Long> result = new HashMap<>();
        offsets.forEach((partition, offset) -> {
            if (offset != null) {
                result.put(partition, offset.offset());
            }
        });
        return result;
    }

    private static Map<Integer, Long> nextOffsetAfterTaken(List<ChannelRecord<String>> taken) {
        Map<Integer, Long> next = new ConcurrentHashMap<>();
        for (ChannelRecord<String> record : taken) {
            next.merge(record.partition(), record.offset() + 1, Math::max);
        }
        return next;
    }

    private static void awaitDepth(Channel<?> channel, int depth) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (channel.depth() < depth && System.nanoTime() < deadline) {
            sleep(20);
        }
        assertThat(channel.depth()).as("queue depth").isEqualTo(depth);
    }

    private static void awaitDelivered(ChannelBridge<?> bridge, long count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (bridge.deliveredCount() < count && System.nanoTime() < deadline) {
            sleep(20);
        }
        assertThat(bridge.deliveredCount()).as("delivered records").isEqualTo(count);
    }

    private static void awaitCommitted(String group, TopicPartition partition, long offset) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (committedOffsets(group).getOrDefault(partition, -1L) < offset && System.nanoTime() < deadline) {
            sleep(50);
        }
        assertThat(committedOffsets(group)).containsEntry(partition, offset);
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static List<Thread> threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().equals(name)).toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
