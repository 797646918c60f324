package io.flume.runtime.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flume.api.Channel;
import io.flume.api.ChannelRecord;
import io.flume.runtime.broker.EmbeddedKafkaBroker;
import io.flume.runtime.broker.Topics;
import io.flume.runtime.config.AppConfig;
import io.flume.runtime.config.SourceConfig;
import io.flume.runtime.config.StreamConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
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
