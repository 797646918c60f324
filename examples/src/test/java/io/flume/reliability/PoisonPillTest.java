package io.flume.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flume.app.FlumeApplication;
import io.flume.config.ConfigLoader;
import io.flume.examples.earthquakes.EarthquakeComponents;
import io.flume.runtime.app.StreamsRunner;
import io.flume.runtime.broker.EmbeddedKafkaBroker;
import io.flume.runtime.config.AppConfig;
import io.flume.runtime.config.SourceConfig;
import io.flume.runtime.config.StreamConfig;
import io.flume.runtime.errors.FlumeHeaders;
import io.flume.schema.SchemaParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds the earthquakes application bad records between good ones and checks that each goes
 * where the reference documents: undecodable bytes, JSON that is not an object and null values
 * (tombstones) to the dead-letter topic from the source node, values of the wrong JSON types to
 * it from the processor that rejects them, records with a null key through, a value near the
 * broker's maximum message size through. A record over that maximum never reaches the source
 * topic. The application keeps running: the good record after them all arrives.
 */
class PoisonPillTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** The topic-level maximum of the other-events topic in the oversized-output tests, below the broker's 1 MiB default. */
    private static final int SMALL_TOPIC_MAX_BYTES = 100_000;
    private static final String OTHER_EVENTS_STREAM = "quakes.other-events";
    private static final List<FlumeApplication<?>> OVERSIZED_APPS = new java.util.ArrayList<>();

    /** Kafka Streams state of every application here, instead of the shared default under the OS temp directory. */
    @TempDir
    static Path stateDir;

    private static EmbeddedKafkaBroker broker;
    private static FlumeApplication<?> app;
    private static StreamsRunner runner;

    @BeforeAll
    static void startApplication() throws Exception {
        broker = EmbeddedKafkaBroker.start();
        AppConfig config = ConfigLoader.load(Path.of("earthquakes/flume.yaml")).toBuilder()
                .kafka("bootstrap.servers", broker.bootstrapServers())
                .kafka("processing.guarantee", "exactly_once_v2")
                .kafka("state.dir", stateDir.toString())
                .kafka("commit.interval.ms", "200")
                .createTopics(true)
                .build();
        app = FlumeApplication.create(config, new EarthquakeComponents(), SchemaParser.parse(Path.of("earthquakes/pipeline.yaml")));
        runner = app.start(false);
    }

    @AfterAll
    static void stopApplication() {
        OVERSIZED_APPS.forEach(FlumeApplication::close);
        if (app != null) {
            app.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /**
     * Sends the dead-letter record of an output that the broker rejected. Kafka Streams sends it
     * from the producer's I/O thread, in the send callback, which waited for the dead-letter
     * topic's metadata until {@code max.block.ms} and stopped the application, until the runner
     * loaded that metadata into its producers at creation.
     */
    @Test
    void oversizedOutputGoesToDeadLetterUnderAtLeastOnce() throws Exception {
        StreamsRunner oversized = runOversizedOutput("oversize-alos", "at_least_once");

        List<ConsumerRecord<byte[], byte[]>> deadLetters = oversized.awaitRecords("oversize-alos.dead-letter", 1, TIMEOUT);
        List<ConsumerRecord<byte[], byte[]>> outputs = oversized.awaitRecords("oversize-alos." + OTHER_EVENTS_STREAM, 1, TIMEOUT);

        assertThat(deadLetters).as("dead letters").hasSize(1);
        assertThat(header(deadLetters.get(0), FlumeHeaders.ERROR_NODE)).isEqualTo("sink:oversize-alos." + OTHER_EVENTS_STREAM);
        assertThat(header(deadLetters.get(0), FlumeHeaders.ERROR_CLASS)).endsWith("RecordTooLargeException");
        assertThat(outputs).extracting(record -> new String(record.key(), StandardCharsets.UTF_8)).containsExactly("after-too-large");
        assertThat(oversized.failure()).as("stream thread failure").isEmpty();
    }

    /**
     * Pins a limit of Kafka's transactions that the reference documents: a record that the broker
     * rejects aborts the transaction, so the dead-letter record that the handler adds cannot be
     * committed either, and the application stops instead of skipping the record. Nothing of the
     * failed transaction is committed.
     */
    @Test
    void oversizedOutputStopsExactlyOnceApplication() throws Exception {
        StreamsRunner oversized = runOversizedOutput("oversize-eos", "exactly_once_v2");

        assertThat(oversized.awaitTermination(TIMEOUT)).as("application stops").isTrue();
        assertThat(oversized.failure()).as("stream thread failure").isPresent();
        assertThat(oversized.failure().orElseThrow()).hasRootCauseInstanceOf(RecordTooLargeException.class);
        assertThat(Deliveries.readCommitted(broker.bootstrapServers(), List.of("oversize-eos.dead-letter",
                "oversize-eos." + OTHER_EVENTS_STREAM), TIMEOUT))
                .as("committed records").containsOnly(Map.entry("oversize-eos.dead-letter", Map.of()),
                        Map.entry("oversize-eos." + OTHER_EVENTS_STREAM, Map.of()));
    }

    @Test
    void badRecordsGoWhereDocumented() throws Exception {
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("undecodable", new byte[] {(byte) 0xFF, (byte) 0xFE, 0x00, (byte) 0x81, '{', '"'});
        bad.put("json-array", utf8("[1,2,3]"));
        bad.put("json-string", utf8("\"quake\""));
        bad.put("json-number", utf8("42"));
        bad.put("json-null", utf8("null"));
        bad.put("mag-as-string", utf8(QuakeInputs.quake("mag-as-string", 1.0, 0, 0).replace("\"mag\":1.0", "\"mag\":\"5.0\"")));
        bad.put("coordinates-as-string", utf8(QuakeInputs.quake("coordinates-as-string", 1.0, 0, 0)
                .replace("[-117.5,35.7,8.2]", "\"-117.5,35.7,8.2\"")));
        bad.put("properties-as-number", utf8("{\"type\":\"Feature\",\"id\":\"properties-as-number\",\"properties\":5}"));
        bad.put("tombstone", null);
        byte[] nearMax = utf8(padded(QuakeInputs.quake("near-max", 1.0, 0, 0), 1_000_000));
        byte[] nullKeyQuake = utf8(QuakeInputs.quake("null-key", 1.0, 0, 0));
        byte[] after = utf8(QuakeInputs.quake("after-the-bad-ones", 1.0, 0, 0));

        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (Map.Entry<String, byte[]> record : bad.entrySet()) {
                send(producer, utf8(record.getKey()), record.getValue());
            }
            send(producer, null, nullKeyQuake);
            send(producer, utf8("near-max"), nearMax);
            assertThatThrownBy(() -> send(producer, utf8("over-max"), new byte[1_200_000]))
                    .as("a record over the broker's maximum never reaches the source topic")
                    .hasRootCauseInstanceOf(RecordTooLargeException.class);
            send(producer, utf8("after-the-bad-ones"), after);
        }

        List<ConsumerRecord<byte[], byte[]>> minor = runner.awaitRecords(QuakeInputs.MINOR, 3, TIMEOUT);
        assertThat(minor).extracting(record -> record.key() == null ? "<null>" : new String(record.key(), StandardCharsets.UTF_8))
                .as("keys in the minor topic").containsExactly("<null>", "near-max", "after-the-bad-ones");
        assertThat(minor.get(1).value().length).as("near-max output size").isGreaterThan(1_000_000);

        List<ConsumerRecord<byte[], byte[]>> deadLetters = runner.awaitRecords(QuakeInputs.DEAD_LETTER, bad.size(), TIMEOUT);
        Map<String, ConsumerRecord<byte[], byte[]>> byKey = new LinkedHashMap<>();
        deadLetters.forEach(record -> byKey.put(new String(record.key(), StandardCharsets.UTF_8), record));
        for (Map.Entry<String, ConsumerRecord<byte[], byte[]>> entry : byKey.entrySet()) {
            System.out.println("dead letter " + entry.getKey() + ": node=" + header(entry.getValue(), FlumeHeaders.ERROR_NODE)
                    + " path=" + header(entry.getValue(), FlumeHeaders.ERROR_PATH) + " class="
                    + header(entry.getValue(), FlumeHeaders.ERROR_CLASS) + " message=" + header(entry.getValue(), FlumeHeaders.ERROR_MESSAGE));
        }
        assertThat(byKey).containsOnlyKeys(bad.keySet());

        for (String key : List.of("undecodable", "json-array", "json-string", "json-number")) {
            assertDeadLetter(byKey.get(key), "flume.source", "source");
            assertThat(byKey.get(key).value()).as("dead-letter value of %s", key).isEqualTo(bad.get(key));
        }
        assertDeadLetter(byKey.get("json-null"), "flume.source", "source");
        assertDeadLetter(byKey.get("tombstone"), "flume.source", "source");
        assertThat(header(byKey.get("tombstone"), FlumeHeaders.ERROR_MESSAGE)).contains("tombstone");
        assertThat(byKey.get("tombstone").value()).as("tombstone dead-letter value").isNull();
        assertDeadLetter(byKey.get("mag-as-string"), "validate", "root.children[0]");
        assertThat(header(byKey.get("mag-as-string"), FlumeHeaders.ERROR_MESSAGE)).contains("missing magnitude", "\"5.0\"");
        assertDeadLetter(byKey.get("coordinates-as-string"), "validate", "root.children[0]");
        assertThat(header(byKey.get("coordinates-as-string"), FlumeHeaders.ERROR_MESSAGE)).contains("missing coordinates");
        assertDeadLetter(byKey.get("properties-as-number"), "validate", "root.children[0]");

        assertThat(runner.state().isRunningOrRebalancing()).as("application still runs").isTrue();
        assertThat(runner.failure()).as("stream thread failure").isEmpty();
    }

    /**
     * Runs an application whose other-events topic accepts at most 100 kB per record and sends
     * it an explosion of 150 kB. The broker rejects the output, and Kafka Streams calls the
     * production exception handler.
     */
    private static StreamsRunner runOversizedOutput(String applicationId, String guarantee) throws Exception {
        String source = applicationId + ".input";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(applicationId + "." + OTHER_EVENTS_STREAM, 1, (short) 1)
                    .configs(Map.of("max.message.bytes", Integer.toString(SMALL_TOPIC_MAX_BYTES))))).all().get(60, TimeUnit.SECONDS);
        }
        AppConfig.Builder builder = AppConfig.builder(applicationId)
                .source(SourceConfig.of(source))
                .kafka("bootstrap.servers", broker.bootstrapServers())
                .kafka("processing.guarantee", guarantee)
                .kafka("state.dir", stateDir.toString())
                // A send blocked on missing metadata fails after this time instead of Kafka's 60 s.
                .kafka("producer.max.block.ms", "5000")
                .createTopics(true);
        for (String stream : List.of("quakes.minor", "quakes.moderate", "quakes.major", "quakes.notable", "quakes.tsunami",
                "quakes.notified", OTHER_EVENTS_STREAM, "quakes.unclassified")) {
            builder.stream(stream, StreamConfig.toTopic(applicationId + "." + stream));
        }
        AppConfig config = builder.build();
        FlumeApplication<?> oversized = FlumeApplication.create(config, new EarthquakeComponents(),
                SchemaParser.parse(Path.of("earthquakes/pipeline.yaml")));
        OVERSIZED_APPS.add(oversized);
        StreamsRunner oversizedRunner = oversized.start(false);
        String explosion = QuakeInputs.quake("too-large", 1.0, 0, 0).replace("\"earthquake\"", "\"explosion\"");
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            producer.send(new ProducerRecord<>(source, utf8("too-large"), utf8(padded(explosion, 150_000)))).get(60, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(source, utf8("after-too-large"), utf8(explosion))).get(60, TimeUnit.SECONDS);
        }
        return oversizedRunner;
    }

    private static void assertDeadLetter(ConsumerRecord<byte[], byte[]> record, String node, String path) {
        String key = new String(record.key(), StandardCharsets.UTF_8);
        assertThat(header(record, FlumeHeaders.ERROR_NODE)).as("%s: %s", key, FlumeHeaders.ERROR_NODE).contains(node);
        if (path != null) {
            assertThat(header(record, FlumeHeaders.ERROR_PATH)).as("%s: %s", key, FlumeHeaders.ERROR_PATH).isEqualTo(path);
        }
        assertThat(header(record, FlumeHeaders.SOURCE_TOPIC)).as("%s: %s", key, FlumeHeaders.SOURCE_TOPIC).isEqualTo(QuakeInputs.SOURCE);
        assertThat(header(record, FlumeHeaders.SOURCE_OFFSET)).as("%s: %s", key, FlumeHeaders.SOURCE_OFFSET).matches("\\d+");
        assertThat(header(record, FlumeHeaders.ERROR_MESSAGE)).as("%s: %s", key, FlumeHeaders.ERROR_MESSAGE).isNotBlank();
        assertThat(header(record, FlumeHeaders.ERROR_TIME)).as("%s: %s", key, FlumeHeaders.ERROR_TIME).isNotBlank();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Returns the quake with a padding property that makes its JSON {@code size} bytes long. */
    private static String padded(String quake, int size) {
        String prefix = quake.substring(0, quake.length() - 1) + ",\"padding\":\"";
        return prefix + "x".repeat(size - prefix.length() - 2) + "\"}";
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                // Above the broker's limit, so that the broker, not this client, rejects the oversized record.
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, byte[] key, byte[] value) throws InterruptedException {
        try {
            producer.send(new ProducerRecord<>(QuakeInputs.SOURCE, key, value)).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new KafkaException("failed to produce the record " + (key == null ? "<null>" : new String(key, StandardCharsets.UTF_8)), e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
