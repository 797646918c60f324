package io.flume.examples.earthquakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flume.app.FlumeApplication;
import io.flume.app.InputFile;
import io.flume.config.ConfigLoader;
import io.flume.runtime.app.ClientConfigs;
import io.flume.runtime.app.StreamsRunner;
import io.flume.runtime.app.TopicReader;
import io.flume.runtime.config.AppConfig;
import io.flume.runtime.errors.FlumeHeaders;
import io.flume.schema.SchemaParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Runs the earthquakes example on a real Kafka broker over the whole USGS week, plus three broken
 * records and a notable quake whose first notification fails. It checks what every stream topic
 * and the dead-letter topic received against counts computed from the data file itself. The broker is the embedded one, and additionally Kafka in
 * a Testcontainers container where a Docker engine is available.
 */
class EarthquakesOnBrokerTest {

    private static final Path EXAMPLE = Path.of("earthquakes");
    private static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final String KAFKA_IMAGE = "apache/kafka:4.1.0";

    /** Broken inputs: a magnitude of null, only two coordinates, and a line that is not JSON. */
    private static final List<String> BROKEN = List.of(
            "{\"type\":\"Feature\",\"id\":\"broken-mag\",\"properties\":{\"mag\":null,\"type\":\"earthquake\"},"
                    + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[1.0,2.0,3.0]}}",
            "{\"type\":\"Feature\",\"id\":\"broken-coordinates\",\"properties\":{\"mag\":2.0,\"type\":\"earthquake\"},"
                    + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[1.0,2.0]}}",
            "{\"type\":\"Feature\",\"id\":\"cut-short\",\"properties\":{\"mag\":");

    /** A notable quake whose first notification fails, so that it reaches quakes.notified through the retry topic. */
    private static final String RETRIED = "{\"type\":\"Feature\",\"id\":\"retried-notify\",\"properties\":{\"mag\":5.0,"
            + "\"type\":\"earthquake\",\"tsunami\":0,\"alert\":null,\"fail_attempts\":1},"
            + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[1.0,2.0,3.0]}}";

    @TempDir
    Path temp;

    @Test
    void embeddedBrokerReceivesEveryRecordInItsStreams() throws Exception {
        runAndCheck(ConfigLoader.load(EXAMPLE.resolve("flume.yaml")));
    }

    @Test
    void testcontainersKafkaReceivesEveryRecordInItsStreams() throws Exception {
        assumeTrue(dockerAvailable(), "no Docker engine is available, so Testcontainers cannot start Kafka");
        try (KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE)) {
            kafka.start();
            AppConfig config = ConfigLoader.load(EXAMPLE.resolve("flume.yaml")).toBuilder()
                    .kafka("bootstrap.servers", kafka.getBootstrapServers())
                    .createTopics(true)
                    .build();
            runAndCheck(config);
        }
    }

    private void runAndCheck(AppConfig config) throws Exception {
        List<String> lines = new ArrayList<>(ExpectedQuakeRoutes.lines(EXAMPLE.resolve("data/earthquakes-usgs-week.jsonl")));
        assertThat(lines).hasSize(1_707);
        lines.addAll(BROKEN);
        lines.add(RETRIED);
        Path input = Files.write(temp.resolve("input.jsonl"), lines);
        Map<String, Long> expected = ExpectedQuakeRoutes.of(lines);

        var schema = SchemaParser.parse(EXAMPLE.resolve("pipeline.yaml"));
        try (FlumeApplication<?> app = FlumeApplication.create(config, new EarthquakeComponents(), schema)) {
            StreamsRunner runner = app.start(false);
            long produced = app.produce(new InputFile(input, "id")).produced();
            assertThat(produced).isEqualTo(1_711);
            assertThat(app.awaitProcessed(produced, TIMEOUT, () -> { })).as("all records processed in time").isTrue();

            Map<String, Object> clientConfig = ClientConfigs.consumer(config.kafka(), runner.bootstrapServers());
            Map<String, Long> actual = new TreeMap<>();
            for (String stream : expected.keySet()) {
                String topic = stream.equals(ExpectedQuakeRoutes.DEAD_LETTER) ? config.deadLetterTopic() : config.streamTopic(stream);
                int count = Math.toIntExact(expected.get(stream));
                List<ConsumerRecord<byte[], byte[]>> records = TopicReader.read(clientConfig, topic, count, TIMEOUT);
                // Reading stops at the expected count; the topic's offsets show whether more arrived.
                long stored = TopicReader.countRecords(clientConfig, topic, TIMEOUT);
                actual.put(stream, Math.max(records.size(), stored));
                if (stream.equals(ExpectedQuakeRoutes.DEAD_LETTER)) {
                    assertDeadLetters(records);
                }
                if (stream.equals("quakes.notified")) {
                    assertThat(keys(records)).as("notified after one retry").contains("retried-notify");
                }
            }

            assertThat(actual).isEqualTo(expected);
            assertThat(app.streamCounts()).containsAllEntriesOf(withoutDeadLetter(expected));
            assertThat(app.metrics().deadLettered()).isEqualTo(expected.get(ExpectedQuakeRoutes.DEAD_LETTER));
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Map<String, Long> withoutDeadLetter(Map<String, Long> counts) {
        Map<String, Long> result = new TreeMap<>(counts);
        result.remove(ExpectedQuakeRoutes.DEAD_LETTER);
        return result;
    }

    private static List<String> keys(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream()
                .map(record -> record.key() == null ? "<none>" : new String(record.key(), StandardCharsets.UTF_8))
                .toList();
    }

    private static void assertDeadLetters(List<ConsumerRecord<byte[], byte[]>> records) {
        Map<String, String> messages = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String key = record.key() == null ? "<none>" : new String(record.key(), StandardCharsets.UTF_8);
            var header = record.headers().lastHeader(FlumeHeaders.ERROR_MESSAGE);
            messages.put(key, header == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        assertThat(messages).containsOnlyKeys("broken-mag", "broken-coordinates", "<none>");
        assertThat(messages.get("broken-mag")).contains("missing magnitude");
        assertThat(messages.get("broken-coordinates")).contains("missing coordinates");
        assertThat(messages.get("<none>")).contains("invalid JSON");
    }
}
