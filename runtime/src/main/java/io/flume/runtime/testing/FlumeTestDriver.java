package io.flume.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * A {@link TopologyTestDriver} that speaks in Flume's terms: it pipes records into a source topic,
 * reads what each stream received by stream name, reads the dead-letter topic, and advances
 * wall-clock time.
 *
 * <pre>{@code
 * try (FlumeTestDriver<ObjectNode> driver = compiled.testDriver()) {
 *     driver.pipe("k1", order);
 *     assertThat(driver.readStream("orders.high")).hasSize(1);
 * }
 * }</pre>
 *
 * @param <T> the pipeline's value type
 */
public final class FlumeTestDriver<T> implements AutoCloseable {

    private final TopologyTestDriver driver;
    private final Path temporaryStateDir;
    private final Serde<Object> keySerde;
    private final Serde<T> valueSerde;
    private final List<String> sourceTopics;
    private final Map<String, String> streamTopics;
    private final String deadLetterTopic;
    private final Map<String, TestInputTopic<Object, T>> inputs = new HashMap<>();
    private final Map<String, TestInputTopic<byte[], byte[]>> rawInputs = new HashMap<>();
    private final Map<String, TestOutputTopic<Object, T>> outputs = new HashMap<>();
    private final Map<String, Deserializer<Object>> streamKeyDeserializers = new HashMap<>();
    private final Map<String, Deserializer<T>> streamValueDeserializers = new HashMap<>();
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private Instant nextTimestamp = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * Creates a driver for a compiled topology.
     *
     * @param properties Streams properties; the application id and a placeholder bootstrap address are added when missing
     * @param streamTopics the topic of each stream, by stream name
     */
    public FlumeTestDriver(Topology topology, Properties properties, Serde<Object> keySerde, Serde<T> valueSerde,
                           List<String> sourceTopics, Map<String, String> streamTopics, String deadLetterTopic) {
        Properties withDefaults = new Properties();
        withDefaults.putAll(properties);
        withDefaults.putIfAbsent(StreamsConfig.APPLICATION_ID_CONFIG, "flume-test");
        withDefaults.putIfAbsent(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        // Kafka Streams' default state directory is shared by every JVM on the machine, so two
        // builds testing the same application id would fight over its RocksDB locks.
        this.temporaryStateDir = withDefaults.containsKey(StreamsConfig.STATE_DIR_CONFIG) ? null : createStateDir();
        if (temporaryStateDir != null) {
            withDefaults.put(StreamsConfig.STATE_DIR_CONFIG, temporaryStateDir.toString());
        }
        this.driver = new TopologyTestDriver(topology, withDefaults, nextTimestamp);
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.sourceTopics = List.copyOf(sourceTopics);
        this.streamTopics = Map.copyOf(streamTopics);
        this.deadLetterTopic = deadLetterTopic;
    }

    /** Pipes a record into the first source topic. */
    public void pipe(Object key, T value) {
        pipe(sourceTopics.get(0), key, value, new RecordHeaders(), null);
    }

    /**
     * Pipes a record into {@code topic}. Without a timestamp, records get increasing timestamps
     * one millisecond apart.
     */
    public void pipe(String topic, Object key, T value, Headers headers, Instant timestamp) {
        input(topic).pipeInput(new TestRecord<>(key, value, headers, timestampOr(timestamp)));
    }

    /** Pipes raw bytes into {@code topic}, for records that must fail deserialization. */
    public void pipeRaw(String topic, byte[] key, byte[] value) {
        rawInputs.computeIfAbsent(topic, name -> driver.createInputTopic(name, new ByteArraySerializer(), new ByteArraySerializer()))
                .pipeInput(new TestRecord<>(key, value, new RecordHeaders(), timestampOr(null)));
    }

    /** Returns the records a stream received since the last read of that stream. */
    public List<TestRecord<Object, T>> readStream(String stream) {
        String topic = streamTopics.get(stream);
        if (topic == null) {
            throw new IllegalArgumentException("the topology has no stream '" + stream + "'; its streams are "
                    + streamTopics.keySet());
        }
        return outputs.computeIfAbsent(topic, name -> driver.createOutputTopic(name,
                        streamKeyDeserializers.getOrDefault(stream, keySerde.deserializer()),
                        streamValueDeserializers.getOrDefault(stream, valueSerde.deserializer())))
                .readRecordsToList();
    }

    /**
     * Makes {@link #readStream} decode {@code stream} with these deserializers instead of the
     * pipeline's, for a stream whose config sets its own key or value serde. Call it before the
     * stream's first read.
     */
    @SuppressWarnings("unchecked")
    public FlumeTestDriver<T> streamDeserializers(String stream, Deserializer<?> keyDeserializer, Deserializer<T> valueDeserializer) {
        streamKeyDeserializers.put(stream, (Deserializer<Object>) keyDeserializer);
        streamValueDeserializers.put(stream, valueDeserializer);
        return this;
    }

    /** Returns the records the dead-letter topic received since the last read. */
    public List<DeadLetter> readDeadLetters() {
        if (deadLetters == null) {
            deadLetters = driver.createOutputTopic(deadLetterTopic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
        List<DeadLetter> result = new ArrayList<>();
        for (TestRecord<byte[], byte[]> record : deadLetters.readRecordsToList()) {
            result.add(new DeadLetter(decodeKey(record.key()), record.value(), record.headers()));
        }
        return result;
    }

    /** Decodes a dead-letter value with the pipeline's value serde. */
    public T decode(DeadLetter deadLetter) {
        return valueSerde.deserializer().deserialize(deadLetterTopic, deadLetter.value());
    }

    /** Moves wall-clock time forward, firing the wall-clock punctuations that fall due. */
    public void advanceWallClockTime(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    /** Returns the underlying driver, for anything this wrapper does not cover. */
    public TopologyTestDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            if (temporaryStateDir != null) {
                deleteRecursively(temporaryStateDir);
            }
        }
    }

    private static Path createStateDir() {
        try {
            return Files.createTempDirectory("flume-test-driver-");
        } catch (IOException e) {
            throw new UncheckedIOException("failed to create a temporary Kafka Streams state directory", e);
        }
    }

    private static void deleteRecursively(Path folder) {
        try {
            Utils.delete(folder.toFile());
        } catch (IOException e) {
            // NOTE: a leftover folder under the temporary directory is harmless; the next driver makes its own.
        }
    }

    private TestInputTopic<Object, T> input(String topic) {
        return inputs.computeIfAbsent(topic, name -> driver.createInputTopic(name, keySerde.serializer(), valueSerde.serializer()));
    }

    private Instant timestampOr(Instant timestamp) {
        if (timestamp != null) {
            return timestamp;
        }
        Instant result = nextTimestamp;
        nextTimestamp = nextTimestamp.plusMillis(1);
        return result;
    }

    private Object decodeKey(byte[] key) {
        if (key == null) {
            return null;
        }
        try {
            return keySerde.deserializer().deserialize(deadLetterTopic, key);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
