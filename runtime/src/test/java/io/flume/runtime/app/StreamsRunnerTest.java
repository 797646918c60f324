package io.flume.runtime.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flume.api.Channel;
import io.flume.api.ChannelRecord;
import io.flume.runtime.broker.EmbeddedKafkaBroker;
import io.flume.runtime.broker.Topics;
import io.flume.runtime.channel.ChannelStats;
import io.flume.runtime.config.AppConfig;
import io.flume.runtime.config.SourceConfig;
import io.flume.runtime.config.StreamConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StreamsRunnerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    /** Reads {@code in}, upper-cases values (failing on "boom") and writes them to {@code out}. */
    private static Topology upperCase(String in, String out) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(in, Consumed.with(Serdes.String(), Serdes.String()).withName("source"))
                .mapValues(value -> {
                    if (value.equals("boom")) {
                        throw new IllegalStateException("cannot upper-case boom");
                    }
                    return value.toUpperCase(Locale.ROOT);
                }, Named.as("upper-case"))
                .to(out, Produced.with(Serdes.String(), Serdes.String()).withName("sink"));
        return builder.build();
    }

    private static AppConfig.Builder sharedBrokerConfig(String applicationId, String in) {
        return AppConfig.builder(applicationId)
                .kafka("bootstrap.servers", broker.bootstrapServers())
                .source(SourceConfig.of(in))
                .createTopics(true)
                .shutdownGrace(Duration.ofSeconds(5));
    }

    @Test
    void runsTopologyAndCreatesTopics() {
        AppConfig config = sharedBrokerConfig("upper", "words")
                .stream("shouted", StreamConfig.toTopic("words.upper"))
                .build();

        StreamsRunner runner = StreamsRunner.builder(config, upperCase("words", "words.upper"))
                .shutdownHook(false)
                .start();
        try {
            assertThat(runner.state()).isIn(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
            assertThat(runner.bootstrapServers()).isEqualTo(broker.bootstrapServers());
            assertThat(runner.broker()).isEmpty();
            assertThat(runner.createdTopics()).containsExactlyInAnyOrder("words", "words.upper", "upper.dead-letter");

            produce(runner.bootstrapServers(), "words", List.of("alpha", "beta", "gamma"));
            List<ConsumerRecord<byte[], byte[]>> output = runner.awaitRecords("words.upper", 3, WAIT);

            assertThat(output).extracting(StreamsRunnerTest::value).containsExactly("ALPHA", "BETA", "GAMMA");
            assertThat(output).extracting(record -> new String(record.key(), StandardCharsets.UTF_8))
                    .containsExactly("k0", "k1", "k2");
        } finally {
            runner.close();
        }

        assertThat(runner.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
    }

    @Test
    void startsEmbeddedBrokerWithExactlyOnce() throws Exception {
        AppConfig config = AppConfig.builder("embedded")
                .kafka("processing.guarantee", "exactly_once_v2")
                .kafka("commit.interval.ms", "100")
                .source(SourceConfig.of("in"))
                .shutdownGrace(Duration.ofSeconds(5))
                .build();

        StreamsRunner runner = StreamsRunner.builder(config, upperCase("in", "out"))
                .topic("out", 1)
                .shutdownHook(false)
                .start();
        EmbeddedKafkaBroker own;
        try {
            own = runner.broker().orElseThrow();
            assertThat(runner.bootstrapServers()).isEqualTo(own.bootstrapServers()).startsWith("127.0.0.1:");
            assertThat(runner.createdTopics()).contains("in", "out", "embedded.dead-letter");

            produce(runner.bootstrapServers(), "in", List.of("one", "two"));
            assertThat(runner.awaitRecords("out", 2, WAIT)).extracting(StreamsRunnerTest::value)
                    .containsExactly("ONE", "TWO");
        } finally {
            runner.close();
        }

        assertThat(own.isRunning()).isFalse();
        assertThat(runner.awaitTermination(Duration.ZERO)).isTrue();
    }

    @Test
    void bridgesChannelToStreamTopic() throws Exception {
        AppConfig config = sharedBrokerConfig("bridged", "orders").build();
        Channel<String> shouted = Channel.bounded(10);

        try (StreamsRunner runner = StreamsRunner.builder(config, upperCase("orders", "orders.shouted"))
                .channel("shouted", "orders.shouted", shouted, new StringDeserializer())
                .shutdownHook(false)
                .start()) {
            assertThat(runner.createdTopics()).contains("orders.shouted");
            produce(runner.bootstrapServers(), "orders", List.of("x", "y"));

            ChannelRecord<String> first = shouted.poll(WAIT);
            ChannelRecord<String> second = shouted.poll(WAIT);

            assertThat(first.value()).isEqualTo("X");
            assertThat(first.key()).isEqualTo("k0");
            assertThat(second.value()).isEqualTo("Y");
            assertThat(runner.bridges().get("shouted").orElseThrow().groupId()).isEqualTo("bridged.channel.shouted");
        }
    }

    @Test
    void channelAddedAndRemovedWhileRunning() throws Exception {
        AppConfig config = sharedBrokerConfig("live-channels", "live.in").topicPartitions(1).build();
        String group = config.channelGroupId("shouted");
        TopicPartition partition = new TopicPartition("live.out", 0);

        try (StreamsRunner runner = StreamsRunner.builder(config, upperCase("live.in", "live.out"))
                .topic("live.out", 1)
                .shutdownHook(false)
                .start()) {
            produce(runner.bootstrapServers(), "live.in", List.of("a", "b", "c"));
            assertThat(runner.channelStats()).isEmpty();

            Channel<String> first = Channel.bounded(10);
            runner.addChannel("shouted", "live.out", first, new StringDeserializer(), null);
            assertThat(takeValues(first, 3)).containsExactly("A", "B", "C");
            awaitCommitted(group, partition, 3);
            ChannelStats stats = runner.channelStats().get("shouted");
            assertThat(stats.taken()).isEqualTo(3);
            assertThat(stats.topic()).isEqualTo("live.out");
            assertThat(stats.running()).isTrue();
            assertThatThrownBy(() -> runner.addChannel("shouted", "live.out", Channel.<String>bounded(1),
                    new StringDeserializer(), null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already has a bridge");

            assertThat(runner.removeChannel("shouted")).isTrue();
            assertThat(runner.removeChannel("shouted")).isFalse();
            assertThat(runner.channelStats()).isEmpty();
            assertThat(threadsContaining(group)).as("threads of the removed bridge").isEmpty();

            produce(runner.bootstrapServers(), "live.in", List.of("d", "e"));
            assertThat(first.poll(Duration.ofMillis(500))).as("removed channel gets nothing").isNull();

            Channel<String> second = Channel.bounded(10);
            runner.addChannel("shouted", "live.out", second, new StringDeserializer(), null);
            assertThat(takeValues(second, 2)).as("only records after the committed offset").containsExactly("D", "E");
            awaitCommitted(group, partition, 5);
        }
        assertThat(threadsContaining(group)).isEmpty();
    }

    @Test
    void closeStopsFetchingThenDrainsAndCommits() throws Exception {
        AppConfig config = sharedBrokerConfig("draining", "drain.in").topicPartitions(1)
                .shutdownGrace(Duration.ofSeconds(2))
                .build();
        String group = config.channelGroupId("drained");
        Set<String> threadsBefore = liveThreadNames();
        Channel<String> channel = Channel.bounded(5);
        List<String> drained = new ArrayList<>();
        AtomicReference<KafkaStreams.State> stateWhileDraining = new AtomicReference<>();
        AtomicReference<Boolean> bridgePausedWhileDraining = new AtomicReference<>();

        StreamsRunner runner = StreamsRunner.builder(config, upperCase("drain.in", "drain.out"))
                .topic("drain.out", 1)
                .channel("drained", "drain.out", channel, new StringDeserializer())
                .shutdownHook(false)
                .start();
        List<String> values = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "v" + i).toList();
        produce(runner.bootstrapServers(), "drain.in", values);
        awaitTrue(() -> channel.depth() == 5 && runner.channelStats().get("drained").paused(), "full, paused channel");
        runner.attach(() -> {
            stateWhileDraining.set(runner.state());
            bridgePausedWhileDraining.set(runner.bridges().get("drained").orElseThrow().isPaused());
            // Acknowledge three of the queued records and leave two received but unacknowledged.
            for (int i = 0; i < 5; i++) {
                Channel.Delivery<String> delivery = channel.receive(Duration.ofSeconds(1));
                drained.add(delivery.value());
                if (i < 3) {
                    delivery.ack();
                }
            }
            drained.add(String.valueOf(channel.receive(Duration.ofMillis(300))));
        });

        long begin = System.nanoTime();
        runner.close();
        Duration took = Duration.ofNanos(System.nanoTime() - begin);

        assertThat(stateWhileDraining.get()).as("Kafka Streams closed before the consumers drain")
                .isEqualTo(KafkaStreams.State.NOT_RUNNING);
        assertThat(bridgePausedWhileDraining.get()).as("bridge stopped fetching").isTrue();
        assertThat(drained).as("no record fetched after close began").containsExactly("V0", "V1", "V2", "V3", "V4", "null");
        assertThat(committedOffsets(group)).containsEntry(new TopicPartition("drain.out", 0), 3L);
        assertThat(took).as("close waits the 2 s shutdown-grace for the unacknowledged records, not 10 s")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2))
                .isLessThan(Duration.ofSeconds(9));
        Set<String> leftOver = liveThreadNames();
        leftOver.removeAll(threadsBefore);
        assertThat(leftOver).as("threads started by the runner and still alive")
                .noneMatch(name -> name.contains("draining") || name.startsWith("flume-channel-"));
    }

    @Test
    void unhandledExceptionShutsClientDown() throws Exception {
        AppConfig config = sharedBrokerConfig("failing", "fragile").build();

        try (StreamsRunner runner = StreamsRunner.builder(config, upperCase("fragile", "fragile.out"))
                .topic("fragile.out", 1)
                .shutdownHook(false)
                .start()) {
            produce(runner.bootstrapServers(), "fragile", List.of("boom"));

            assertThat(runner.awaitTermination(WAIT)).isTrue();
            assertThat(runner.state()).isEqualTo(KafkaStreams.State.ERROR);
            assertThat(runner.failure()).isPresent();
            assertThat(rootCause(runner.failure().get())).hasMessage("cannot upper-case boom");
        }
    }

    @Test
    void missingSourceTopicFailsStart() {
        AppConfig config = sharedBrokerConfig("missing", "does-not-exist").createTopics(false).build();

        assertThatThrownBy(() -> StreamsRunner.builder(config, upperCase("does-not-exist", "missing.out"))
                .shutdownHook(false)
                .startupTimeout(WAIT)
                .start())
                .isInstanceOf(StreamsRunner.RunnerException.class)
                .hasMessageContaining("Kafka Streams missing stopped while starting");
    }

    @Test
    void topicCreationFailureFailsStart() {
        // Kafka rejects a topic whose name differs from an existing one only in '.' versus '_'.
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            Topics.createMissing(admin, Map.of("clash_in", 1), Optional.of((short) 1), WAIT);
        }
        AppConfig config = sharedBrokerConfig("colliding", "clash.in").build();

        assertThatThrownBy(() -> StreamsRunner.builder(config, upperCase("clash.in", "clash.out"))
                .shutdownHook(false)
                .start())
                .isInstanceOf(StreamsRunner.RunnerException.class)
                .hasMessageStartingWith("failed to create the topics of colliding on " + broker.bootstrapServers() + ": ")
                .hasMessageContaining("clash.in")
                .hasMessageEndingWith("or create the topics yourself and set 'create-topics: false' in the config");
    }

    @Test
    void closeDuringBrokerStartDeletesBroker() throws Exception {
        StreamsRunner runner = closeWhileStarting("close-in-broker", "EmbeddedKafkaBroker");

        EmbeddedKafkaBroker own = runner.broker().orElseThrow();
        assertThat(own.isRunning()).isFalse();
        assertThat(own.dataDir()).doesNotExist();
        assertThat(runner.state()).isEqualTo(KafkaStreams.State.CREATED);
    }

    @Test
    void closeDuringStreamsStartStopsEverything() throws Exception {
        StreamsRunner runner = closeWhileStarting("close-in-streams", "startStreams");

        EmbeddedKafkaBroker own = runner.broker().orElseThrow();
        assertThat(own.isRunning()).isFalse();
        assertThat(own.dataDir()).doesNotExist();
        assertThat(runner.state()).isEqualTo(KafkaStreams.State.NOT_RUNNING);
    }

    /**
     * Starts a runner with its own embedded broker on another thread, closes it once that thread
     * runs a method of {@code frame} (a class or method name), and checks that start failed.
     */
    private static StreamsRunner closeWhileStarting(String applicationId, String frame) throws Exception {
        AppConfig config = AppConfig.builder(applicationId)
                .source(SourceConfig.of("in"))
                .shutdownGrace(Duration.ofSeconds(5))
                .build();
        StreamsRunner runner = StreamsRunner.builder(config, upperCase("in", "out"))
                .shutdownHook(false)
                .build();
        AtomicReference<Throwable> startFailure = new AtomicReference<>();
        Thread starter = new Thread(() -> {
            try {
                runner.start();
            } catch (Throwable e) {
                startFailure.set(e);
            }
        }, "starter-" + applicationId);
        starter.start();

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!runs(starter, frame)) {
            assertThat(System.nanoTime()).as("the start reaches " + frame + " in time").isLessThan(deadline);
            assertThat(starter.isAlive()).as("the start is still running").isTrue();
            Thread.sleep(5);
        }
        runner.close();
        starter.join(WAIT.toMillis());

        assertThat(starter.isAlive()).isFalse();
        assertThat(startFailure.get()).isInstanceOf(StreamsRunner.RunnerException.class)
                .hasMessage("application " + applicationId + " was closed while it was starting");
        return runner;
    }

    private static boolean runs(Thread thread, String frame) {
        for (StackTraceElement element : thread.getStackTrace()) {
            if (element.getClassName().endsWith("." + frame) || element.getMethodName().equals(frame)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void retryTopicsTakeLargestPartitionCountOfExistingSourceTopics() {
        createTopics(Map.of("counted-a", 2, "counted-b", 3));
        AppConfig config = sharedBrokerConfig("counted", "counted-a")
                .source(SourceConfig.of("counted-a", "counted-b"))
                .topicPartitions(1)
                .build();

        StreamsRunner runner = StreamsRunner.builder(config, upperCase("counted-a", "counted.out"))
                .topic("counted.out", 1)
                .retryTopics(List.of("counted.charge.retry"))
                .shutdownHook(false)
                .start();
        try {
            assertThat(runner.createdTopics()).contains("counted.charge.retry").doesNotContain("counted-a", "counted-b");
            assertThat(partitionCounts("counted-a", "counted-b", "counted.charge.retry", "counted.dead-letter"))
                    .as("the retry topic takes the larger source count, not topic-partitions")
                    .containsExactlyInAnyOrderEntriesOf(Map.of("counted-a", 2, "counted-b", 3, "counted.charge.retry", 3,
                            "counted.dead-letter", 1));
        } finally {
            runner.close();
        }
    }

    @Test
    void retryTopicWithOtherPartitionCountFailsStart() {
        createTopics(Map.of("mismatched-in", 3, "mismatched.charge.retry", 2));
        AppConfig config = sharedBrokerConfig("mismatched", "mismatched-in").build();

        assertThatThrownBy(() -> StreamsRunner.builder(config, upperCase("mismatched-in", "mismatched.out"))
                .retryTopics(List.of("mismatched.charge.retry"))
                .shutdownHook(false)
                .start())
                .isInstanceOf(StreamsRunner.RunnerException.class)
                .hasMessageStartingWith("retry topic 'mismatched.charge.retry' of mismatched has 2 partitions, "
                        + "but the source topics {mismatched-in=3} need 3")
                .hasMessageContaining("recreate it yourself with 3 partitions");
        assertThat(partitionCounts("mismatched.charge.retry")).as("left as it was").containsEntry("mismatched.charge.retry", 2);
    }

    @Test
    void topicsToCreateCoverEveryTopic() {
        AppConfig config = AppConfig.builder("app")
                .source(SourceConfig.of("in-a", "in-b"))
                .topicPartitions(2)
                .stream("alerts", new StreamConfig("app.alerts", 6, null, null))
                .build();
        Topology topology = upperCase("in-a", "app.alerts");
        StreamsRunner runner = StreamsRunner.builder(config, topology)
                .channel("audit", "app.audit", Channel.<String>bounded(1), new StringDeserializer())
                .topic("app.retry", 3)
                .retryTopics(List.of("app.charge.retry"))
                .build();

        assertThat(runner.topicsToCreate()).containsExactly(
                Map.entry("in-a", 2),
                Map.entry("in-b", 2),
                Map.entry("app.alerts", 6),
                Map.entry("app.audit", 2),
                Map.entry("app.dead-letter", 2),
                Map.entry("app.retry", 3));
    }

    private static void createTopics(Map<String, Integer> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            Topics.createMissing(admin, topics, Optional.of((short) 1), WAIT);
        }
    }

    private static Map<String, Integer> partitionCounts(String... topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            return Topics.partitionCounts(admin, List.of(topics), WAIT);
        }
    }

    private static void produce(String bootstrapServers, String topic, List<String> values) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < values.size(); i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, values.get(i)));
            }
            producer.flush();
        }
    }

    private static List<String> takeValues(Channel<String> channel, int count) throws InterruptedException {
        List<String> values = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (values.size() < count && System.nanoTime() < deadline) {
            ChannelRecord<String> record = channel.poll(Duration.ofMillis(100));
            if (record != null) {
                values.add(record.value());
            }
        }
        return values;
    }

    private static Map<TopicPartition, Long> committedOffsets(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            Map<TopicPartition, Long> result = new HashMap<>();
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().forEach((partition, offset) -> {
                if (offset != null) {
                    result.put(partition, offset.offset());
                }
            });
            return result;
        }
    }

    private static void awaitCommitted(String group, TopicPartition partition, long offset) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (committedOffsets(group).getOrDefault(partition, -1L) < offset && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(committedOffsets(group)).containsEntry(partition, offset);
    }

    private static void awaitTrue(BooleanSupplier condition, String description) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as(description).isTrue();
    }

    private static Set<String> liveThreadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static List<String> threadsContaining(String text) {
        return liveThreadNames().stream().filter(name -> name.contains(text)).toList();
    }

    private static String value(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    private static Throwable rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
