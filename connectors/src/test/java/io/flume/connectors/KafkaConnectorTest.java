package io.flume.connectors;

import static io.flume.connectors.ConnectorTestSupport.assertAllDelivered;
import static io.flume.connectors.ConnectorTestSupport.await;
import static io.flume.connectors.ConnectorTestSupport.config;
import static io.flume.connectors.ConnectorTestSupport.idOf;
import static io.flume.connectors.ConnectorTestSupport.produce;
import static io.flume.connectors.ConnectorTestSupport.read;
import static io.flume.connectors.ConnectorTestSupport.start;
import static io.flume.connectors.ConnectorTestSupport.text;
import static io.flume.connectors.ConnectorTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flume.runtime.broker.EmbeddedKafkaBroker;
import io.flume.runtime.config.AppConfig;
import io.flume.runtime.config.ConnectorConfig;
import io.flume.runtime.config.ConnectorConfig.Source;
import io.flume.runtime.errors.DeadLetterRecords;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The {@code kafka} sink, from a stream topic on one embedded broker to a topic on a second one. */
class KafkaConnectorTest {

    private static EmbeddedKafkaBroker source;
    private static Path targetDir;
    private static EmbeddedKafkaBroker target;

    @BeforeAll
    static void startBrokers() throws IOException {
        source = EmbeddedKafkaBroker.start();
        targetDir = Files.createTempDirectory("flume-kafka-target-");
        target = EmbeddedKafkaBroker.builder().dataDir(targetDir).start();
    }

    @AfterAll
    static void stopBrokers() throws IOException {
        source.close();
        target.close();
        try (var files = Files.walk(targetDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static String streamTopic(int records) {
        String topic = unique("quakes.major");
        source.createTopics(Map.of(topic, 3));
        produce(source.bootstrapServers(), topic, 0, records);
        return topic;
    }

    @Test
    void deliversTenThousandRecordsWithKeysAndHeaders() throws Exception {
        String topic = streamTopic(10_000);
        String targetTopic = unique("archive.major");
        target.createTopics(Map.of(targetTopic, 2));
        AppConfig config = config(unique("mirror"), ConnectorConfig.of("to-kafka", topic, "kafka", Source.TOPIC,
                Map.of("bootstrap-servers", target.bootstrapServers(), "topic", targetTopic,
                        "producer", Map.of("linger.ms", "5"))));

        Connectors connectors = start(config, source.bootstrapServers());
        List<ConsumerRecord<byte[], byte[]>> copied;
        try {
            await("10,000 records written", Duration.ofSeconds(40),
                    () -> connectors.metrics().get("to-kafka").written() >= 10_000);
            copied = read(target.bootstrapServers(), targetTopic, 10_001, Duration.ofSeconds(3));
        } finally {
            connectors.stop(Duration.ofSeconds(5));
        }

        assertThat(assertAllDelivered(copied.stream().map(record -> idOf(text(record.value()))).toList(), 10_000))
                .as("duplicates without failures").isZero();
        ConnectorTestSupport.assertNoThreadsLeft("to-kafka");
        for (ConsumerRecord<byte[], byte[]> record : copied.subList(0, 100)) {
            int id = idOf(text(record.value()));
            assertThat(text(record.key())).isEqualTo("k" + id);
            assertThat(DeadLetterRecords.header(record.headers(), ConnectorTestSupport.TRACE_HEADER)).isEqualTo("t" + id);
        }
    }

    @Test
    void targetDownMidRunLosesNothing() throws Exception {
        String topic = streamTopic(1_000);
        String targetTopic = unique("archive.major");
        target.createTopics(Map.of(targetTopic, 1));
        AppConfig config = config(unique("mirror"), ConnectorConfig.of("to-kafka", topic, "kafka", Source.TOPIC,
                Map.of("bootstrap-servers", target.bootstrapServers(), "topic", targetTopic, "batch-size", "100",
                        "retry.backoff", "100ms", "retry.max-backoff", "500ms",
                        "producer", Map.of("delivery.timeout.ms", "2500", "request.timeout.ms", "2000", "max.block.ms", "2000"))));

        Connectors connectors = start(config, source.bootstrapServers());
        try {
            await("the first records", Duration.ofSeconds(30), () -> connectors.metrics().get("to-kafka").written() >= 1_000);
            int brokerPort = target.brokerPort();
            int controllerPort = target.controllerPort();
            target.stop();
            produce(source.bootstrapServers(), topic, 1_000, 2_000);
            // Longer than the producer's delivery.timeout.ms, so that writes fail and the runner retries them.
            Thread.sleep(4_000);
            target = EmbeddedKafkaBroker.builder().dataDir(targetDir).ports(brokerPort, controllerPort).start();
            await("all 3,000 records after the restart", Duration.ofSeconds(60),
                    () -> connectors.metrics().get("to-kafka").written() >= 3_000);
        } finally {
            connectors.stop(Duration.ofSeconds(5));
        }

        List<ConsumerRecord<byte[], byte[]>> copied = read(target.bootstrapServers(), targetTopic, 4_000, Duration.ofSeconds(5));
        int duplicates = assertAllDelivered(copied.stream().map(record -> idOf(text(record.value()))).toList(), 3_000);
        assertThat(duplicates).as("copies: at most the batches retried during the outage")
                .isLessThanOrEqualTo((int) connectors.metrics().get("to-kafka").retried());
        assertThat(connectors.metrics().get("to-kafka").retried()).as("records retried during the outage").isPositive();
        assertThat(connectors.metrics().get("to-kafka").deadLettered()).as("nothing dead-lettered for an outage").isZero();
    }

    @Test
    void unreachableClusterFailsAtStart() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String topic = streamTopic(0);
        AppConfig config = config(unique("mirror"), ConnectorConfig.of("to-kafka", topic, "kafka", Source.TOPIC,
                Map.of("bootstrap-servers", "127.0.0.1:" + closedPort, "topic", "archive", "open-timeout", "2s")));

        assertThatThrownBy(() -> start(config, source.bootstrapServers()))
                .isInstanceOf(ConnectorStartException.class)
                .hasMessageContaining("connector 'to-kafka' (type kafka) failed to open its target")
                .hasMessageContaining("127.0.0.1:" + closedPort)
                .hasMessageContaining("check 'bootstrap-servers'");
    }
}
