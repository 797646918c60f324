package io.flume.compiler;

import io.flume.api.Channel;
import io.flume.compiler.nodes.TopologyGraph;
import io.flume.runtime.errors.DeadLetterDeserializationHandler;
import io.flume.runtime.errors.DeadLetterProductionHandler;
import io.flume.runtime.errors.ErrorHandlerConfig;
import io.flume.runtime.inline.InlineExecutor;
import io.flume.runtime.live.LiveParameters;
import io.flume.runtime.metrics.FlumeMetrics;
import io.flume.runtime.testing.FlumeTestDriver;
import io.flume.schema.Schema;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import io.flume.runtime.config.KeySerde;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * A schema compiled into a Kafka Streams {@link Topology}, with what running it needs: the topics
 * it reads and writes, the channels to bridge, and the Streams properties for Flume's exception
 * handlers.
 *
 * <p>A compiled topology belongs to one application instance: its circuit breakers, rate
 * limiters and inline executor are shared by the instance's stream threads. {@link #close} it
 * with the {@code KafkaStreams} instance that runs it, to stop the executor's threads.
 *
 * @param <T> the pipeline's value type
 */
public final class CompiledTopology<T> implements AutoCloseable {

    private final Schema schema;
    private final Topology topology;
    private final CompileOptions options;
    private final NodeNames names;
    private final Map<String, String> streamTopics;
    private final Map<String, Channel<T>> bridgedChannels;
    private final Map<String, Channel<T>> directChannels;
    private final Serde<T> valueSerde;
    private final Map<String, Serde<T>> streamValueSerdes;
    private final Set<String> retryTopics;
    private final Duration punctuationInterval;
    private final InlineExecutor executor;
    private final LiveParameters liveParameters;
    private final TopologyGraph description;

    CompiledTopology(Schema schema, Topology topology, CompileOptions options, NodeNames names,
                     Map<String, String> streamTopics, Map<String, Channel<T>> bridgedChannels,
                     Map<String, Channel<T>> directChannels, Serde<T> valueSerde, Map<String, Serde<T>> streamValueSerdes,
                     Set<String> retryTopics,
                     Duration punctuationInterval, InlineExecutor executor, LiveParameters liveParameters,
                     TopologyGraph description) {
        this.schema = schema;
        this.topology = topology;
        this.options = options;
        this.names = names;
        this.streamTopics = Map.copyOf(streamTopics);
        this.bridgedChannels = Map.copyOf(bridgedChannels);
        this.directChannels = Map.copyOf(directChannels);
        this.valueSerde = valueSerde;
        this.streamValueSerdes = Map.copyOf(streamValueSerdes);
        this.retryTopics = Set.copyOf(new LinkedHashSet<>(retryTopics));
        this.punctuationInterval = punctuationInterval;
        this.executor = executor;
        this.liveParameters = liveParameters;
        this.description = description;
    }

    /**
     * Returns the parameters of the running processors that a reload of a schema of the same
     * shape replaces without a restart ({@link LiveParameters#swap}).
     */
    public LiveParameters liveParameters() {
        return liveParameters;
    }

    public Schema schema() {
        return schema;
    }

    public Topology topology() {
        return topology;
    }

    public CompileOptions options() {
        return options;
    }

    /** Returns the stable name of every node, by schema path. */
    public Map<String, String> nodeNames() {
        return names.byPath();
    }

    /** Returns the topic each stream of the schema writes to (direct channels excluded), by stream name. */
    public Map<String, String> streamTopics() {
        return streamTopics;
    }

    /** Returns the channels fed from their stream's topic, by stream name; the runner bridges them. */
    public Map<String, Channel<T>> bridgedChannels() {
        return bridgedChannels;
    }

    /** Returns the direct channels that stream nodes offer into, by stream name. */
    public Map<String, Channel<T>> directChannels() {
        return directChannels;
    }

    /**
     * Returns the application's value serde: the component library's, or the one that
     * {@code source.value-serde} selects. The source, the retry topics, the stores and the
     * dead-letter topic use it.
     */
    public Serde<T> valueSerde() {
        return valueSerde;
    }

    /**
     * Returns the value serde of {@code stream}'s topic: the stream's own {@code value-serde},
     * else the application's. Whatever reads the topic, such as a channel bridge, decodes with it.
     */
    public Serde<T> valueSerde(String stream) {
        return streamValueSerdes.getOrDefault(stream, valueSerde);
    }

    /** Returns the key serde of {@code stream}'s topic: the stream's own {@code key-serde}, else the source's. */
    @SuppressWarnings("unchecked")
    public Serde<Object> keySerde(String stream) {
        return (Serde<Object>) options.streamKeySerde(stream).<Serde<?>>map(KeySerde::serde).orElse(options.keySerde());
    }

    public List<String> sourceTopics() {
        return options.sourceTopics();
    }

    public String deadLetterTopic() {
        return options.deadLetterTopic();
    }

    public FlumeMetrics metrics() {
        return options.metrics();
    }

    /**
     * Returns every topic the application reads or writes: sources, streams, retry topics and the
     * dead-letter topic.
     */
    public Set<String> topics() {
        Set<String> topics = new LinkedHashSet<>(options.sourceTopics());
        topics.addAll(streamTopics.values());
        topics.addAll(retryTopics);
        topics.add(options.deadLetterTopic());
        return topics;
    }

    /**
     * Returns the retry topics of {@code retry} nodes with {@code backoff}
     * ({@code APPLICATION_ID.NODE.retry}). The application both writes and reads them; create
     * them with the source topic's partition count, so that a retried record returns to the
     * partition, and the task, its key came from.
     */
    public Set<String> retryTopics() {
        return retryTopics;
    }

    /**
     * Returns the shortest interval of the topology's wall-clock punctuators (retry stores), or
     * empty when it has none. Tests that advance wall-clock time step by at most this much, so
     * that every punctuation that falls due fires, in order.
     */
    public Optional<Duration> punctuationInterval() {
        return Optional.ofNullable(punctuationInterval);
    }

    /**
     * Returns the Streams properties the compiled topology relies on: Flume's deserialization and
     * production exception handlers with their settings, explicit naming of internal resources,
     * and {@code max.task.idle.ms} -1. Add them to the application's own properties.
     *
     * <p>A task of a topology with a retry node reads two partitions, the source's and the retry
     * topic's, which is empty most of the time. With the default {@code max.task.idle.ms} of 0,
     * Kafka Streams 4.4 checks before every record whether to wait for the empty partition and
     * formats a log message with {@code String.format} for it, about 5% of the CPU time of the
     * earthquakes example on {@code TopologyTestDriver}. No node compares timestamps across
     * partitions (retries are released by wall-clock time), so the wait buys nothing. An
     * application may still set its own value.
     */
    public Properties streamsProperties() {
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, options.applicationId());
        properties.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        properties.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        properties.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        properties.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class.getName());
        properties.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class.getName());
        properties.put(ErrorHandlerConfig.DEAD_LETTER_TOPIC, options.deadLetterTopic());
        properties.put(ErrorHandlerConfig.ON_UNHANDLED, options.onUnhandled().configValue());
        properties.put(ErrorHandlerConfig.METRICS, options.metrics());
        return properties;
    }

    /**
     * Creates a {@link FlumeTestDriver} for this topology, for tests on {@code TopologyTestDriver}.
     * It reads each stream with that stream's serdes.
     */
    @SuppressWarnings("unchecked")
    public FlumeTestDriver<T> testDriver() {
        FlumeTestDriver<T> driver = new FlumeTestDriver<>(topology, streamsProperties(), (Serde<Object>) options.keySerde(),
                valueSerde, options.sourceTopics(), streamTopics, options.deadLetterTopic());
        for (String stream : streamTopics.keySet()) {
            driver.streamDeserializers(stream, keySerde(stream).deserializer(), valueSerde(stream).deserializer());
        }
        return driver;
    }

    /**
     * Returns the topology's nodes, edges, stores and topics, in the shape of Kafka Streams'
     * {@code Topology.describe()}, which takes time exponential in the branching nodes of a
     * sequence (see {@code TopologyGraph}). Use this one.
     */
    public TopologyDescription description() {
        return description;
    }

    /**
     * Returns the number of nodes on the topology's longest path from a source: how deep a
     * record's nested calls go on the stream thread's stack.
     */
    public int longestPath() {
        return description.longestPath();
    }

    /** Returns the text of {@link #description()}, in the format of Kafka Streams' own description. */
    public String describe() {
        return description.toString();
    }

    /** Returns the executor that runs the children of {@code timeout} nodes. */
    public InlineExecutor inlineExecutor() {
        return executor;
    }

    /**
     * Stops the inline executor: running {@code timeout} children are interrupted, and records
     * that reach a {@code timeout} node afterwards fail. Close the {@code KafkaStreams} instance
     * first.
     */
    @Override
    public void close() {
        executor.close();
    }
}
