package io.flume.connectors;

import static io.flume.connectors.ConnectorTestSupport.assertAllDelivered;
import static io.flume.connectors.ConnectorTestSupport.await;
import static io.flume.connectors.ConnectorTestSupport.config;
import static io.flume.connectors.ConnectorTestSupport.idOf;
import static io.flume.connectors.ConnectorTestSupport.produce;
import static io.flume.connectors.ConnectorTestSupport.start;
import static io.flume.connectors.ConnectorTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flume.runtime.broker.EmbeddedKafkaBroker;
import io.flume.runtime.config.AppConfig;
import io.flume.runtime.config.ConnectorConfig;
import io.flume.runtime.config.ConnectorConfig.Source;
import io.flume.runtime.errors.DeadLetterRecords;
import io.flume.runtime.errors.FlumeHeaders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesConnectorTest {

    private static EmbeddedKafkaBroker broker;

    @TempDir
    Path folder;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void deliversTenThousandRecordsAcrossRotatedFiles() throws Exception {
        String topic = unique("quakes.major");
        broker.createTopics(Map.of(topic, 3));
        produce(broker.bootstrapServers(), topic, 0, 10_000);
        Path archive = folder.resolve("major.jsonl");
        AppConfig config = config(unique("archive"), ConnectorConfig.of("major-to-archive", topic, "json-lines", Source.TOPIC,
                Map.of("path", archive.toString(), "max-file-size", "64KB", "batch-size", "500")));

        Connectors connectors = start(config, broker.bootstrapServers());
        try {
            await("10,000 records written", Duration.ofSeconds(30),
                    () -> connectors.metrics().get("major-to-archive").written() >= 10_000);
        } finally {
            connectors.stop(Duration.ofSeconds(5));
        }

        List<Path> files = filesInOrder(archive);
        assertThat(files).as("rotated files then the active one").hasSizeGreaterThan(5);
        for (Path file : files) {
            assertThat(Files.size(file)).as("size of " + file).isLessThanOrEqualTo(64 * 1024);
        }
        List<Integer> ids = new ArrayList<>();
        for (Path file : files) {
            Files.readAllLines(file).forEach(line -> ids.add(idOf(line)));
        }
        assertThat(assertAllDelivered(ids, 10_000)).as("duplicates in a run without failures").isZero();
        assertThat(connectors.metrics().get("major-to-archive").deadLettered()).isZero();
        ConnectorTestSupport.assertNoThreadsLeft("major-to-archive");
    }

    @Test
    void resumesFromCommittedOffsetsAfterRestart() throws Exception {
        String topic = unique("quakes.major");
        broker.createTopics(Map.of(topic, 1));
        produce(broker.bootstrapServers(), topic, 0, 1_000);
        Path archive = folder.resolve("restart.jsonl");
        AppConfig config = config(unique("archive"), ConnectorConfig.of("restart", topic, "json-lines", Source.TOPIC,
                Map.of("path", archive.toString(), "batch-size", "100")));

        Connectors first = start(config, broker.bootstrapServers());
        await("first 1,000 written", Duration.ofSeconds(20), () -> first.metrics().get("restart").written() >= 1_000);
        first.stop(Duration.ofSeconds(5));
        produce(broker.bootstrapServers(), topic, 1_000, 1_000);
        Connectors second = start(config, broker.bootstrapServers());
        try {
            await("next 1,000 written", Duration.ofSeconds(20), () -> second.metrics().get("restart").written() >= 1_000);
        } finally {
            second.stop(Duration.ofSeconds(5));
        }

        List<Integer> ids = Files.readAllLines(archive).stream().map(ConnectorTestSupport::idOf).toList();
        assertThat(assertAllDelivered(ids, 2_000)).as("records written again after a clean stop").isZero();
    }

    @Test
    void sendsInvalidJsonToDeadLetterTopic() throws Exception {
        String topic = unique("quakes.major");
        String applicationId = unique("archive");
        String deadLetterTopic = applicationId + ".dead-letter";
        broker.createTopics(Map.of(topic, 1, deadLetterTopic, 1));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, ConnectorTestSupport.value(0)));
            producer.send(new ProducerRecord<>(topic, ConnectorTestSupport.bytes("not json")));
            producer.send(new ProducerRecord<>(topic, ConnectorTestSupport.value(2)));
        }
        Path archive = folder.resolve("mixed.jsonl");
        AppConfig config = config(applicationId, ConnectorConfig.of("mixed", topic, "json-lines", Source.TOPIC,
                Map.of("path", archive.toString())));

        Connectors connectors = start(config, broker.bootstrapServers());
        List<ConsumerRecord<byte[], byte[]>> deadLetters;
        try {
            deadLetters = ConnectorTestSupport.read(broker.bootstrapServers(), deadLetterTopic, 1, Duration.ofSeconds(20));
            await("two records written", Duration.ofSeconds(10), () -> connectors.metrics().get("mixed").written() >= 2);
        } finally {
            connectors.stop(Duration.ofSeconds(5));
        }

        assertThat(Files.readAllLines(archive)).extracting(ConnectorTestSupport::idOf).containsExactly(0, 2);
        assertThat(deadLetters).hasSize(1);
        ConsumerRecord<byte[], byte[]> deadLetter = deadLetters.get(0);
        assertThat(ConnectorTestSupport.text(deadLetter.value())).isEqualTo("not json");
        assertThat(DeadLetterRecords.header(deadLetter.headers(), FlumeHeaders.CONNECTOR)).isEqualTo("mixed");
        assertThat(DeadLetterRecords.header(deadLetter.headers(), FlumeHeaders.SOURCE_OFFSET)).isEqualTo("1");
        assertThat(DeadLetterRecords.header(deadLetter.headers(), FlumeHeaders.ERROR_MESSAGE)).contains("not one JSON value");
    }

    @Test
    void missingFolderFailsAtStart() {
        String topic = unique("quakes.major");
        broker.createTopics(Map.of(topic, 1));
        Path archive = folder.resolve("no-such-folder").resolve("major.jsonl");
        AppConfig config = config(unique("archive"), ConnectorConfig.of("major-to-archive", topic, "json-lines", Source.TOPIC,
                Map.of("path", archive.toString())));

        assertThatThrownBy(() -> start(config, broker.bootstrapServers()))
                .isInstanceOf(ConnectorStartException.class)
                .hasMessageContaining("connector 'major-to-archive'")
                .hasMessageContaining(archive.getParent().toString())
                .hasMessageContaining("does not exist; create it");
    }

    /** Returns {@code major-1.jsonl}, {@code major-2.jsonl}, ... then {@code major.jsonl}. */
    private static List<Path> filesInOrder(Path active) throws IOException {
        List<Path> rotated;
        try (Stream<Path> files = Files.list(active.getParent())) {
            rotated = files.filter(file -> file.getFileName().toString().matches("major-\\d+\\.jsonl"))
                    .sorted(Comparator.comparingInt(file -> Integer.parseInt(file.getFileName().toString().replaceAll("\\D", ""))))
                    .toList();
        }
        List<Path> all = new ArrayList<>(rotated);
        all.add(active);
        return all;
    }
}
