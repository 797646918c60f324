package io.flume.compiler;

import static io.flume.compiler.TestComponents.order;
import static io.flume.compiler.TestComponents.schema;
import static org.assertj.core.api.Assertions.assertThat;

import io.flume.app.FlumeApplication;
import io.flume.runtime.app.ClientConfigs;
import io.flume.runtime.app.TopicReader;
import io.flume.runtime.broker.EmbeddedKafkaBroker;
import io.flume.runtime.broker.Topics;
import io.flume.runtime.config.AppConfig;
import io.flume.runtime.config.SourceConfig;
import io.flume.runtime.errors.DeadLetterRecords;
import io.flume.runtime.errors.FlumeHeaders;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retry with backoff on the embedded broker under {@code exactly_once_v2}: an application stopped
 * while retries wait in its store, and started again on the same broker and state directory,
 * finishes them, and every input ends exactly once in the output or the dead-letter topic.
 */
class BackoffRetryOnBrokerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int RECORDS = 12;

    @TempDir
    Path stateDir;

    @Test
    void pendingRetriesSurviveRestartAndCompleteExactlyOnce() throws Exception {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            AppConfig config = AppConfig.builder("retry-restart")
                    .kafka("bootstrap.servers", broker.bootstrapServers())
                    .kafka("processing.guarantee", "exactly_once_v2")
                    .kafka("state.dir", stateDir.toString())
                    .kafka("commit.interval.ms", "100")
                    .source(SourceConfig.of("orders"))
                    .createTopics(true)
                    .topicPartitions(2)
                    .build();
            var pipeline = schema("""
                    type: sequence
                    children:
                      - type: retry
                        name: charge
                        attempts: 3
                        backoff: 4s
                        child: { ref: flaky }
                      - stream: out
                    """);
            Map<String, Object> consumer = ClientConfigs.consumer(config.kafka(), broker.bootstrapServers());

            // Keys k0..k11; fail_attempts = index % 4: 0 succeeds at once, 1 and 2 succeed on a
            // retry, 3 fails all three attempts.
            try (var app = FlumeApplication.of(config, new FailoverComponents().flume, pipeline)) {
                app.start(false);
                produce(broker.bootstrapServers(), app);
                assertThat(keys(TopicReader.read(consumer, "out", 3, TIMEOUT))).as("first attempts that succeed")
                        .containsExactlyInAnyOrder("k0", "k4", "k8");
                assertThat(TopicReader.countRecords(consumer, "retry-restart.charge.retry", TIMEOUT))
                        .as("retries waiting when the application stops").isPositive();
            }

            try (var app = FlumeApplication.of(config, new FailoverComponents().flume, pipeline)) {
                app.start(false);
                TopicReader.read(consumer, "out", 9, TIMEOUT);
                TopicReader.read(consumer, config.deadLetterTopic(), 3, TIMEOUT);
                // Everything expected has arrived; ask for one more record each to catch duplicates.
                List<ConsumerRecord<byte[], byte[]>> out = TopicReader.read(consumer, "out", 10, Duration.ofSeconds(5));
                List<ConsumerRecord<byte[], byte[]>> deadLetters = TopicReader.read(consumer, config.deadLetterTopic(), 4, Duration.ofSeconds(5));

                assertThat(keys(out)).as("each success exactly once")
                        .containsExactlyInAnyOrder("k0", "k4", "k8", "k1", "k5", "k9", "k2", "k6", "k10");
                assertThat(keys(deadLetters)).as("each exhausted record exactly once")
                        .containsExactlyInAnyOrder("k3", "k7", "k11");
                Map<String, String> attempts = new TreeMap<>();
                deadLetters.forEach(record -> attempts.put(key(record), DeadLetterRecords.header(record.headers(), FlumeHeaders.ERROR_ATTEMPTS)));
                assertThat(attempts).containsOnly(Map.entry("k11", "3"), Map.entry("k3", "3"), Map.entry("k7", "3"));
            }
        }
    }

    @Test
    void retryTopicTakesPartitionCountOfExistingSourceTopic() {
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            Map<String, Object> admin = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            try (Admin client = Admin.create(admin)) {
                Topics.createMissing(client, Map.of("payments", 3), Optional.of((short) 1), TIMEOUT);
            }
            AppConfig config = AppConfig.builder("retry-partitions")
                    .kafka("bootstrap.servers", broker.bootstrapServers())
                    .kafka("state.dir", stateDir.toString())
                    .source(SourceConfig.of("payments"))
                    .createTopics(true)
                    .topicPartitions(1)
                    .build();
            var pipeline = schema("""
                    type: retry
                    name: charge
                    backoff: 1s
                    child: { ref: flaky }
                    """);

            try (var app = FlumeApplication.of(config, new FailoverComponents().flume, pipeline)) {
                app.start(false);
                try (Admin client = Admin.create(admin)) {
                    assertThat(Topics.partitionCounts(client, List.of("retry-partitions.charge.retry", "retry-partitions.dead-letter"), TIMEOUT))
                            .as("the retry topic follows the source topic; other topics follow topic-partitions")
                            .containsExactlyInAnyOrderEntriesOf(Map.of("retry-partitions.charge.retry", 3, "retry-partitions.dead-letter", 1));
                }
            }
        }
    }

    private static void produce(String bootstrapServers, FlumeApplication<com.fasterxml.jackson.databind.node.ObjectNode> app) {
        var serializer = app.flume().valueSerde().serializer();
        Map<String, Object> config = ClientConfigs.producer(app.config().kafka(), bootstrapServers);
        try (var producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                byte[] value = serializer.serialize("orders", order(i + 1).put("fail_attempts", i % 4));
                producer.send(new ProducerRecord<>("orders", ("k" + i).getBytes(StandardCharsets.UTF_8), value));
            }
            producer.flush();
        }
    }

    private static List<String> keys(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(BackoffRetryOnBrokerTest::key).toList();
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.UTF_8);
    }
}
