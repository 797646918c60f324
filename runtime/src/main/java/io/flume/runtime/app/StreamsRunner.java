package io.flume.runtime.app;

import io.flume.api.Channel;
import io.flume.runtime.broker.EmbeddedKafkaBroker;
import io.flume.runtime.broker.Topics;
import io.flume.runtime.channel.ChannelBridge;
import io.flume.runtime.channel.ChannelBridges;
import io.flume.runtime.channel.ChannelStats;
import io.flume.runtime.config.AppConfig;
import io.flume.runtime.config.ConfigKeys;
import io.flume.runtime.config.HttpConfig;
import io.flume.runtime.http.HttpEndpoint;
import io.flume.runtime.metrics.FlumeMeterBinder;
import io.flume.runtime.metrics.FlumeMetrics;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.flume.runtime.config.KeySerde;
import io.flume.runtime.config.StreamConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a compiled topology as a Kafka Streams application: connects to the cluster named by
 * {@code bootstrap.servers} or starts the embedded broker, creates missing topics when the config
 * enables it, starts {@link KafkaStreams} and waits for it to run, and bridges channels to their
 * stream topics.
 *
 * <pre>{@code
 * try (StreamsRunner runner = StreamsRunner.builder(config, topology)
 *         .topics(Map.of("alerts", 1))
 *         .channel("alerts", "alerts", alerts, new JsonSerde<>(ObjectNode.class))
 *         .start()) {
 *     runner.awaitTermination(Duration.ofDays(365));
 * }
 * }</pre>
 *
 * <p>{@link RunnerExtension}s found on the class path, such as the connectors, start once the
 * topics exist, before Kafka Streams, and stop first, each within the grace.
 *
 * <p>{@link #close()} stops in an order that loses no record:
 * <ol>
 *   <li>the extensions stop, committing what their targets acknowledged;</li>
 *   <li>every channel bridge stops fetching, and the config's {@code shutdown-grace} starts, in
 *       which the application may drain the queues;</li>
 *   <li>Kafka Streams closes within the grace, so no more records reach direct channels, and
 *       what it wrote stays in the stream topics for the bridges' next start;</li>
 *   <li>the consumers {@linkplain #attach attached} to the runner, such as worker pools, close in
 *       the reverse order of attaching, taking what is left in the queues;</li>
 *   <li>each bridge waits until its queue is empty and every received record is acknowledged, or
 *       the grace has passed, commits the offsets of the finished records and closes its
 *       consumer, so records not finished in time are read again on the next start;</li>
 *   <li>the embedded broker, if the runner started one, stops.</li>
 * </ol>
 * A JVM shutdown hook (SIGINT, SIGTERM) runs the same close.
 *
 * <p>Channels can be bridged and unbridged while the application runs, with
 * {@link #addChannel} and {@link #removeChannel}; {@link #channelStats()} returns each channel's
 * depth, counters and consumer lag.
 *
 * <p>A stream thread that dies of an exception the topology did not handle shuts the client
 * down, whatever {@code errors.on-unhandled} sets: the compiled topology turns record failures
 * into dead letters or logs itself, so an exception that reaches Kafka Streams is a fault of the
 * application or the cluster, and replacing the thread would fail the same way again.
 *
 * <p>Metrics: the runner binds the application's {@link FlumeMetrics} ({@link Builder#metrics})
 * and Kafka Streams' own metrics to a Micrometer registry: the one passed to
 * {@link Builder#meterRegistry}, else a Prometheus registry when the HTTP endpoint is on, else a
 * {@link SimpleMeterRegistry}. With the endpoint on and a registry of another kind, both are
 * joined in a composite, so that {@code /metrics} serves the same meters. The endpoint
 * ({@link HttpEndpoint}, off unless the config has an {@code http} section or
 * {@link Builder#http} is set) starts first, so that {@code /health} returns 503 while the
 * application starts, and stops after Kafka Streams has closed.
 */
public final class StreamsRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);
    /** How long bridges may take past the grace period to commit and close their clients. */
    private static final Duration BRIDGE_CLOSE_MARGIN = Duration.ofSeconds(15);

    /** How long Kafka Streams may take to close when the extensions used up the grace period. */
    private static final Duration STREAMS_CLOSE_MINIMUM = Duration.ofSeconds(5);
    private static final Duration DEAD_LETTER_METADATA_IDLE = Duration.ofDays(30);

    private final AppConfig config;
    private volatile Topology topology;
    private volatile Map<String, Integer> extraTopics;
    private volatile Set<String> retryTopics;
    private final List<ChannelSpec<?>> channelSpecs;
    private final Map<String, Object> streamsProperties;
    private final Duration startupTimeout;
    private final boolean shutdownHook;
    private final FlumeMetrics flumeMetrics;
    private final HttpConfig httpConfig;
    private final Supplier<String> topologyText;
    private final Supplier<String> topologyMermaid;
    private final Supplier<Optional<HttpEndpoint.SchemaDocument>> schemaDocument;
    private final MeterRegistry meterRegistry;
    private final PrometheusMeterRegistry prometheusRegistry;
    private final List<MeterRegistry> ownedRegistries = new ArrayList<>();
    private final List<RunnerExtension> extensions;
    private final Map<String, Channel<?>> extensionChannels;
    private final Serializer<?> channelValueSerializer;
    private final Map<String, Serializer<?>> streamValueSerializers;

    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean resourcesClosed = new AtomicBoolean();
    private final CountDownLatch startFinished = new CountDownLatch(1);
    private volatile Thread startingThread;
    private volatile CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch terminated = new CountDownLatch(1);

    private volatile EmbeddedKafkaBroker broker;
    private String bootstrapServers;
    private volatile Path temporaryStateDir;
    private Set<String> createdTopics = Set.of();
    private volatile KafkaStreams streams;
    private volatile ChannelBridges bridges = ChannelBridges.none();
    private final List<AutoCloseable> attached = new CopyOnWriteArrayList<>();
    private volatile Thread hook;
    private volatile Throwable failure;
    private volatile HttpEndpoint endpoint;
    private volatile FlumeMeterBinder flumeMeterBinder;
    private volatile KafkaStreamsMetrics streamsMetrics;
    private final List<RunningExtension> runningExtensions = new ArrayList<>();
    private final List<Meter> extensionMeters = new CopyOnWriteArrayList<>();

    private record RunningExtension(RunnerExtension extension, RunnerExtension.Running running) {
    }

    /** A channel to bridge: the channel, its topic and how to read its records. */
    private record ChannelSpec<T>(String name, String topic, Channel<T> channel, Deserializer<T> valueDeserializer,
            Duration streamTimeout) {
    }

    private StreamsRunner(Builder builder) {
        this.config = builder.config;
        this.topology = builder.topology;
        this.extraTopics = new LinkedHashMap<>(builder.topics);
        this.retryTopics = new TreeSet<>(builder.retryTopics);
        this.channelSpecs = List.copyOf(builder.channels);
        this.streamsProperties = new LinkedHashMap<>(builder.streamsProperties);
        this.startupTimeout = builder.startupTimeout;
        this.shutdownHook = builder.shutdownHook;
        this.flumeMetrics = builder.metrics;
        this.httpConfig = builder.http != null ? builder.http : config.http().orElse(null);
        this.topologyText = builder.topologyText != null ? builder.topologyText : () -> topology.describe().toString();
        this.topologyMermaid = builder.topologyMermaid != null ? builder.topologyMermaid
                : () -> "%% no Mermaid renderer was given to this runner; see StreamsRunner.Builder.topology\n";
        this.schemaDocument = builder.schema != null ? builder.schema : Optional::empty;
        this.prometheusRegistry = httpConfig == null ? null
                : builder.meterRegistry instanceof PrometheusMeterRegistry given ? given : own(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        this.meterRegistry = chooseRegistry(builder.meterRegistry);
        this.extensions = builder.extensions != null ? List.copyOf(builder.extensions) : loadExtensions();
        this.extensionChannels = new LinkedHashMap<>(builder.extensionChannels);
        this.channelValueSerializer = builder.channelValueSerializer;
        this.streamValueSerializers = Map.copyOf(builder.streamValueSerializers);
    }

    private <R extends MeterRegistry> R own(R registry) {
        ownedRegistries.add(registry);
        return registry;
    }

    /** Returns the registry the meters go to; see the class description. */
    private MeterRegistry chooseRegistry(MeterRegistry given) {
        if (given == null) {
            return prometheusRegistry != null ? prometheusRegistry : own(new SimpleMeterRegistry());
        }
        if (prometheusRegistry == null || prometheusRegistry == given) {
            return given;
        }
        // Not owned: closing a composite would close the caller's registry with it.
        CompositeMeterRegistry composite = new CompositeMeterRegistry();
        composite.add(given);
        composite.add(prometheusRegistry);
        return composite;
    }

    private static List<RunnerExtension> loadExtensions() {
        List<RunnerExtension> found = new ArrayList<>();
        ServiceLoader.load(RunnerExtension.class).forEach(found::add);
        return found;
    }

    /** Starts describing how to run {@code topology} with {@code config}. */
    public static Builder builder(AppConfig config, Topology topology) {
        return new Builder(config, topology);
    }

    /** Returns the Kafka Streams state, {@code CREATED} before start. */
    public KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }

    /**
     * Returns the registry that Flume's and Kafka Streams' meters are bound to while the
     * application runs; see the class description for which registry that is.
     */
    public MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    /** Returns the HTTP endpoint once started, when it is on. */
    public Optional<HttpEndpoint> httpEndpoint() {
        return Optional.ofNullable(endpoint);
    }

    /** Returns the {@code bootstrap.servers} the application uses: the configured ones or the embedded broker's. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public AppConfig config() {
        return config;
    }

    /** Returns the embedded broker, when the runner started one. */
    public Optional<EmbeddedKafkaBroker> broker() {
        return Optional.ofNullable(broker);
    }

    /** Returns the Kafka Streams client, for metrics and queries. */
    public KafkaStreams streams() {
        return streams;
    }

    public ChannelBridges bridges() {
        return bridges;
    }

    /**
     * Returns a snapshot of every bridged channel's depth, capacity, counters, pause state and
     * consumer lag, by channel name.
     */
    public Map<String, ChannelStats> channelStats() {
        return bridges.stats();
    }

    /**
     * Bridges {@code channel} to {@code topic} while the application runs, as
     * {@link Builder#channel(String, String, Channel, Deserializer, Duration)} does at start. The
     * topic is not created: it should be the topic of a stream that the running topology sends to.
     *
     * @throws IllegalStateException when the runner is not running, or the channel already has a
     *     bridge
     * @throws IllegalArgumentException for a direct channel, or a dead-letter channel without a
     *     dead-letter topic
     */
    public <T> ChannelBridge<T> addChannel(String name, String topic, Channel<T> channel, Deserializer<T> valueDeserializer,
            Duration streamTimeout) {
        if (channel.isDirect()) {
            throw new IllegalArgumentException("channel '" + name + "' is direct and is fed by its stream node; "
                    + "only bounded channels are bridged");
        }
        if (closed.get() || streams == null) {
            throw new IllegalStateException("application " + config.applicationId() + " is not running; channel '" + name
                    + "' gets no bridge");
        }
        ChannelBridge<T> bridge = buildBridge(new ChannelSpec<>(name, topic, channel, valueDeserializer, streamTimeout));
        bridges.add(bridge);
        LOG.info("Bridged channel '{}' to topic {} while {} runs", name, topic, config.applicationId());
        return bridge;
    }

    /**
     * Removes the bridge of channel {@code name} while the application runs: it stops fetching,
     * gives the application up to the config's {@code shutdown-grace} to drain the channel, commits
     * the finished records and closes. Blocks until then. Returns false when the channel had no
     * bridge.
     */
    public boolean removeChannel(String name) {
        boolean removed = bridges.remove(name, config.shutdownGrace()).isPresent();
        if (removed) {
            LOG.info("Removed the bridge of channel '{}' from {}", name, config.applicationId());
        }
        return removed;
    }

    /**
     * Attaches something that takes from the channels, such as a pool of worker threads, so that
     * {@link #close()} closes it after the bridges have stopped fetching and Kafka Streams has
     * closed, and before the bridges commit: it can then drain the queues within the grace
     * period. Attached consumers close in the reverse order of attaching.
     */
    public void attach(AutoCloseable consumer) {
        attached.add(Objects.requireNonNull(consumer, "consumer"));
    }

    /** Returns the topics that the runner created at start. */
    public Set<String> createdTopics() {
        return createdTopics;
    }

    /** Returns the exception that stopped a stream thread, if one did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Waits until the application stops: closed, or Kafka Streams shut down after an error.
     * Returns false when {@code timeout} passes first.
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Reads {@code topic} from the beginning, committed records only, until {@code count} records
     * have arrived or {@code timeout} has passed. Returns the records read; fewer than
     * {@code count} means the time ran out.
     */
    public List<ConsumerRecord<byte[], byte[]>> awaitRecords(String topic, int count, Duration timeout) {
        return TopicReader.read(ClientConfigs.consumer(config.kafka(), bootstrapServers), topic, count, timeout);
    }

    /**
     * Starts the broker (when needed), the topics, Kafka Streams and the bridges. The shutdown
     * hook is registered first, so that a signal during start stops and deletes what was started.
     * A {@link #close()} from another thread during start takes effect after the current step:
     * this thread then closes everything and throws.
     */
    void start() {
        startingThread = Thread.currentThread();
        try {
            if (shutdownHook) {
                hook = new Thread(this::closeFromHook, "flume-shutdown-" + config.applicationId());
                Runtime.getRuntime().addShutdownHook(hook);
            }
            startEndpoint();
            bindFlumeMetrics();
            checkExtensions();
            connect();
            abortIfClosed();
            if (config.shouldCreateTopics()) {
                createTopics();
                abortIfClosed();
            }
            // Extensions open their targets before Kafka Streams joins its group, so an
            // unreachable target stops the start without waiting for a rebalance first.
            startExtensions();
            abortIfClosed();
            startStreams();
            abortIfClosed();
            startBridges();
            abortIfClosed();
            LOG.info("Application {} is running on {}", config.applicationId(), bootstrapServers);
        } catch (RuntimeException | Error e) {
            closeResources();
            throw e;
        } finally {
            startingThread = null;
            startFinished.countDown();
        }
    }

    private void abortIfClosed() {
        if (closed.get()) {
            throw new RunnerException("application " + config.applicationId() + " was closed while it was starting", null);
        }
    }

    private void startEndpoint() {
        if (httpConfig == null) {
            return;
        }
        try {
            endpoint = HttpEndpoint.builder(config.applicationId(), httpConfig)
                    .state(this::state)
                    .healthDetails(this::channelHealth)
                    .metrics(prometheusRegistry::scrape)
                    .topology(topologyText, topologyMermaid)
                    .schema(schemaDocument)
                    .start();
        } catch (UncheckedIOException e) {
            throw new RunnerException(e.getMessage(), e.getCause());
        }
    }

    /** Returns the depth and capacity of each channel, for the {@code /health} body. */
    private Map<String, Object> channelHealth() {
        Map<String, Object> channels = new TreeMap<>();
        if (flumeMetrics != null) {
            flumeMetrics.channels().forEach((name, channel) ->
                    channels.put(name, Map.of("depth", channel.depth(), "capacity", channel.capacity())));
        }
        for (ChannelSpec<?> spec : channelSpecs) {
            channels.putIfAbsent(spec.name(), Map.of("depth", spec.channel().depth(), "capacity", spec.channel().capacity()));
        }
        return Map.of("channels", channels);
    }

    private void bindFlumeMetrics() {
        if (flumeMetrics != null) {
            FlumeMeterBinder binder = new FlumeMeterBinder(flumeMetrics, config.applicationId());
            binder.bindTo(meterRegistry);
            flumeMeterBinder = binder;
        }
    }

    private void connect() {
        Optional<String> configured = config.bootstrapServers();
        if (configured.isPresent()) {
            bootstrapServers = configured.get();
            return;
        }
        LOG.info("No bootstrap.servers in the config of {}; starting the embedded Kafka broker", config.applicationId());
        broker = EmbeddedKafkaBroker.start();
        bootstrapServers = broker.bootstrapServers();
    }

    private void createTopics() {
        Map<String, Integer> topics = topicsToCreate();
        Optional<Short> replication = broker != null ? Optional.of((short) 1) : Optional.empty();
        try (Admin admin = Admin.create(ClientConfigs.admin(config.kafka(), bootstrapServers))) {
            Set<String> created = new TreeSet<>(Topics.createMissing(admin, topics, replication, ADMIN_TIMEOUT));
            if (!retryTopics.isEmpty()) {
                created.addAll(createRetryTopics(admin, replication));
            }
            createdTopics = created;
        } catch (RunnerException e) {
            throw e;
        } catch (KafkaException e) {
            throw new RunnerException("failed to create the topics of " + config.applicationId() + " on " + bootstrapServers
                    + ": " + e.getMessage() + ". Fix what the cluster reported, or create the topics yourself and set '"
                    + ConfigKeys.CREATE_TOPICS + ": false' in the config", e);
        }
        if (!createdTopics.isEmpty()) {
            LOG.info("Created topics {}", createdTopics);
        }
    }

    /**
     * Creates the retry topics that do not exist yet with the partition count of the source
     * topics as they exist on the cluster (created just before), so that a retried record goes
     * back to the partition, and the task, its key came from. Source topics with different
     * counts give the largest, with a warning. A retry topic that exists with another count fails
     * the start.
     */
    private Set<String> createRetryTopics(Admin admin, Optional<Short> replication) {
        Map<String, Integer> sourceCounts = Topics.partitionCounts(admin, config.source().topics(), ADMIN_TIMEOUT);
        int partitions = retryPartitions(sourceCounts);
        Map<String, Integer> existing = Topics.partitionCounts(admin, retryTopics, ADMIN_TIMEOUT);
        for (Map.Entry<String, Integer> retryTopic : existing.entrySet()) {
            if (retryTopic.getValue() != partitions) {
                throw new RunnerException("retry topic '" + retryTopic.getKey() + "' of " + config.applicationId() + " has "
                        + retryTopic.getValue() + " partitions, but the source topics " + sourceCounts + " need " + partitions
                        + ": a retried record must return to the partition its key came from. Once no retries are pending,"
                        + " delete the retry topic and let the runner create it again, or recreate it yourself with "
                        + partitions + " partitions", null);
            }
        }
        Map<String, Integer> missing = new LinkedHashMap<>();
        retryTopics.forEach(topic -> missing.put(topic, partitions));
        return Topics.createMissing(admin, missing, replication, ADMIN_TIMEOUT);
    }

    /** Returns the partition count of retry topics: the source topics' count, the largest when they differ. */
    private int retryPartitions(Map<String, Integer> sourceCounts) {
        if (sourceCounts.isEmpty()) {
            // The source topics were created just before, so this happens only when another client deleted them.
            throw new RunnerException("source topics " + config.source().topics() + " of " + config.applicationId()
                    + " do not exist on " + bootstrapServers + ", so the retry topics " + retryTopics
                    + " cannot get their partition count; create the source topics", null);
        }
        int partitions = sourceCounts.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        if (sourceCounts.values().stream().distinct().count() > 1) {
            LOG.warn("Source topics of {} have different partition counts {}; creating retry topics {} with the largest, {}."
                    + " Records of a source topic with fewer partitions may be retried by another task than the one that read them",
                    config.applicationId(), sourceCounts, retryTopics, partitions);
        }
        return partitions;
    }

    /**
     * Returns the source, stream, channel, dead-letter and extra topics, with their partition
     * counts; retry topics are created apart, once the source topics exist.
     */
    Map<String, Integer> topicsToCreate() {
        Map<String, Integer> topics = new LinkedHashMap<>();
        config.source().topics().forEach(topic -> topics.put(topic, config.topicPartitions()));
        config.streams().forEach((name, stream) -> topics.put(stream.topic(), config.streamPartitions(name)));
        for (ChannelSpec<?> spec : channelSpecs) {
            topics.putIfAbsent(spec.topic(), config.streamPartitions(spec.name()));
        }
        topics.put(config.deadLetterTopic(), config.topicPartitions());
        topics.putAll(extraTopics);
        topics.keySet().removeAll(retryTopics);
        return topics;
    }

    private Properties streamsProperties() {
        Properties props = new Properties();
        props.putAll(config.kafka());
        props.putAll(streamsProperties);
        // The compiled topology disables task idling (CompiledTopology.streamsProperties()), unless the application sets it.
        String idle = config.kafka().get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG);
        if (idle != null) {
            props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, idle);
        }
        String configuredId = config.kafka().get(StreamsConfig.APPLICATION_ID_CONFIG);
        if (configuredId != null && !configuredId.equals(config.applicationId())) {
            LOG.warn("kafka.application.id '{}' differs from application-id '{}'; using '{}'",
                    configuredId, config.applicationId(), config.applicationId());
        }
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putIfAbsent(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, "true");
        // Kafka Streams 4.4 warns at every start unless global threads use the processing
        // exception handler too, which becomes the default in Kafka 5.0. The setting is named as
        // a string because its constant is deprecated for that removal.
        props.putIfAbsent("processing.exception.handler.global.enabled", "true");
        // Producers keep the dead-letter topic's metadata, which DeadLetterMetadataClientSupplier
        // loads, for 30 days without a send instead of Kafka's 5 minutes.
        if (!props.containsKey(ProducerConfig.METADATA_MAX_IDLE_CONFIG)) {
            props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.METADATA_MAX_IDLE_CONFIG),
                    Long.toString(DEAD_LETTER_METADATA_IDLE.toMillis()));
        }
        if (broker != null && !props.containsKey(StreamsConfig.STATE_DIR_CONFIG)) {
            try {
                temporaryStateDir = Files.createTempDirectory("flume-streams-");
            } catch (IOException e) {
                throw new UncheckedIOException("failed to create a temporary Kafka Streams state directory", e);
            }
            props.put(StreamsConfig.STATE_DIR_CONFIG, temporaryStateDir.toString());
        }
        return props;
    }

    private void startStreams() {
        Properties properties = streamsProperties();
        KafkaStreams created;
        try {
            created = new DescribedElsewhereKafkaStreams(topology, properties, new DeadLetterMetadataClientSupplier(config.deadLetterTopic()));
        } catch (StreamsException e) {
            // Kafka Streams locks its state directory per application id, so a second instance of
            // the application on this machine fails here. NOTE: seen with two processes only; a
            // second instance in the same JVM does not fail here.
            throw new RunnerException("failed to start Kafka Streams " + config.applicationId() + ": " + e.getMessage()
                    + "; if another instance of this application runs on this machine, stop it or give this one its own "
                    + "state directory with kafka.state.dir (now " + properties.getProperty(StreamsConfig.STATE_DIR_CONFIG,
                    Path.of(System.getProperty("java.io.tmpdir"), "kafka-streams").toString()) + ")", e);
        }
        streams = created;
        CountDownLatch running = this.running;
        created.setStateListener((next, previous) -> {
            LOG.info("Kafka Streams {} is {} (was {})", config.applicationId(), next, previous);
            if (created != streams) {
                // An instance that a restart replaced: its stop is not the application's.
                return;
            }
            if (next == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
            if (next == KafkaStreams.State.ERROR || next == KafkaStreams.State.NOT_RUNNING) {
                running.countDown();
                terminated.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(this::onUncaughtException);
        KafkaStreamsMetrics binder = new KafkaStreamsMetrics(streams, List.of(
                io.micrometer.core.instrument.Tag.of(io.flume.runtime.metrics.MetricNames.TAG_APPLICATION, config.applicationId())));
        binder.bindTo(meterRegistry);
        streamsMetrics = binder;
        streams.start();

        boolean reached;
        try {
            reached = running.await(startupTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunnerException("interrupted while waiting for Kafka Streams " + config.applicationId() + " to start", e);
        }
        abortIfClosed();
        KafkaStreams.State state = streams.state();
        if (reached && (state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING)) {
            return;
        }
        if (!reached) {
            throw new RunnerException("Kafka Streams " + config.applicationId() + " did not reach RUNNING within "
                    + startupTimeout.toMillis() + " ms (state " + streams.state() + "); check that " + bootstrapServers
                    + " is reachable and that the source topics " + config.source().topics() + " exist", failure);
        }
        throw new RunnerException("Kafka Streams " + config.applicationId() + " stopped while starting (state "
                + streams.state() + ")" + (failure != null ? ": " + failure.getMessage() : ""), failure);
    }

    /**
     * Replaces the running Kafka Streams instance with one that runs {@code newTopology}, for a
     * reload that changes the topology's shape. The old instance closes cleanly (committing its
     * offsets and flushing its stores) within {@code shutdown-grace}; the new one starts with the
     * same application id and state directory, so the stores and offsets they share carry over.
     * Topics the new topology needs are created first when the config allows it. Channel bridges
     * and the broker keep running.
     *
     * @param topics the topics to create besides the source, stream and dead-letter topics
     * @throws RunnerException when the new instance does not reach RUNNING; the application is then stopped
     */
    public synchronized void restart(Topology newTopology, Map<String, Integer> topics, Collection<String> newRetryTopics) {
        if (closed.get()) {
            throw new IllegalStateException("application " + config.applicationId() + " is closed");
        }
        LOG.info("Restarting Kafka Streams {} with a new topology", config.applicationId());
        KafkaStreams old = streams;
        running = new CountDownLatch(1);
        streams = null;
        if (streamsMetrics != null) {
            // The new instance binds its own Kafka Streams meters when it starts.
            streamsMetrics.close();
            streamsMetrics = null;
        }
        // Leaving the group lets the new instance take over the partitions at once, instead of
        // after the old member's session timeout.
        CloseOptions leave = CloseOptions.timeout(config.shutdownGrace())
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
        if (old != null && !old.close(leave)) {
            LOG.warn("Kafka Streams {} did not close within {} ms before the restart (state {})",
                    config.applicationId(), config.shutdownGrace().toMillis(), old.state());
        }
        topology = newTopology;
        extraTopics = new LinkedHashMap<>(topics);
        retryTopics = new TreeSet<>(newRetryTopics);
        failure = null;
        try {
            if (config.shouldCreateTopics()) {
                createTopics();
            }
            startStreams();
        } catch (RuntimeException e) {
            LOG.error("Kafka Streams {} failed to restart with the new topology; stopping the application", config.applicationId(), e);
            close();
            throw e;
        }
    }

    /**
     * Counts the records in a key-value store of the running instance, such as the pending retries
     * in a retry store, on this instance's partitions. Empty when the store is not queryable now
     * (while Kafka Streams rebalances or restores). Counts at most {@code limit} records.
     */
    public OptionalLong countRecords(String storeName, long limit) {
        KafkaStreams current = streams;
        if (current == null) {
            return OptionalLong.empty();
        }
        try {
            ReadOnlyKeyValueStore<Object, Object> store =
                    current.store(StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.keyValueStore()));
            long count = 0;
            try (KeyValueIterator<Object, Object> all = store.all()) {
                while (all.hasNext() && count < limit) {
                    all.next();
                    count++;
                }
            }
            return OptionalLong.of(count);
        } catch (InvalidStateStoreException e) {
            return OptionalLong.empty();
        }
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable step = error; step != null; step = step.getCause() == step ? null : step.getCause()) {
            if (type.isInstance(step)) {
                return true;
            }
        }
        return false;
    }

    private StreamThreadExceptionResponse onUncaughtException(Throwable error) {
        failure = error;
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        if (error instanceof MissingSourceTopicException || cause instanceof MissingSourceTopicException) {
            LOG.error("Kafka Streams {} stops: a source topic is missing ({}); create it or set create-topics: true",
                    config.applicationId(), cause.getMessage());
        } else if (causedBy(error, StackOverflowError.class)) {
            LOG.error("Kafka Streams {} stops: a stream thread's stack overflowed. Kafka Streams passes a record along the"
                    + " topology's path as nested calls, and this topology's longest path is too deep for the stack; give the"
                    + " JVM a larger one, such as -Xss4m in JAVA_TOOL_OPTIONS, or shorten the longest sequence",
                    config.applicationId());
        } else {
            LOG.error("Kafka Streams {} stops: a stream thread failed with an exception the topology did not handle",
                    config.applicationId(), error);
        }
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    private void startBridges() {
        List<ChannelBridge<?>> built = new ArrayList<>();
        for (ChannelSpec<?> spec : channelSpecs) {
            built.add(buildBridge(spec));
        }
        bridges = new ChannelBridges(built);
        bridges.start();
    }

    /** Stops the start with every problem an extension finds in its part of the config. */
    private void checkExtensions() {
        for (RunnerExtension extension : extensions) {
            List<String> problems = extension.problems(config);
            if (!problems.isEmpty()) {
                throw new RunnerException("invalid " + extension.name() + " in " + config.file().map(Object::toString)
                        .orElse("the config") + ":\n  " + String.join("\n  ", problems), null);
            }
        }
    }

    private void startExtensions() {
        RunnerContext context = new RunnerContext(config, bootstrapServers, extensionChannels, channelValueSerializer,
                streamValueSerializers);
        for (RunnerExtension extension : extensions) {
            RunnerExtension.Running running;
            try {
                running = extension.start(context);
            } catch (RunnerException e) {
                throw e;
            } catch (RuntimeException e) {
                // The extension's message names what failed and the fix; the CLI prints a RunnerException's message as is.
                throw new RunnerException(e.getMessage(), e);
            }
            if (running != null) {
                synchronized (runningExtensions) {
                    runningExtensions.add(new RunningExtension(extension, running));
                }
                extensionMeters.addAll(running.bindMeters(meterRegistry, config.applicationId()));
            }
        }
    }

    /** Stops the started extensions in reverse order; one that fails to stop does not keep the others running. */
    private void stopExtensions(Duration grace) {
        extensionMeters.forEach(meterRegistry::remove);
        extensionMeters.clear();
        List<RunningExtension> started;
        synchronized (runningExtensions) {
            started = new ArrayList<>(runningExtensions);
            runningExtensions.clear();
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            RunningExtension extension = started.get(i);
            try {
                extension.running().stop(grace);
            } catch (RuntimeException e) {
                LOG.warn("Extension {} of {} failed to stop", extension.extension().name(), config.applicationId(), e);
            }
        }
    }

    /** Returns the counters of every started extension, by part; see {@link RunnerExtension.Running#counters()}. */
    public Map<String, Map<String, Long>> extensionCounters() {
        Map<String, Map<String, Long>> counters = new TreeMap<>();
        synchronized (runningExtensions) {
            runningExtensions.forEach(extension -> counters.putAll(extension.running().counters()));
        }
        return counters;
    }

    /** Returns the started extension handle of type {@code type}, such as the running connectors. */
    public <R extends RunnerExtension.Running> Optional<R> extension(Class<R> type) {
        synchronized (runningExtensions) {
            return runningExtensions.stream().map(RunningExtension::running).filter(type::isInstance).map(type::cast).findFirst();
        }
    }

    private <T> ChannelBridge<T> buildBridge(ChannelSpec<T> spec) {
        StreamConfig stream = config.streams().get(spec.name());
        KeySerde keySerde = stream != null && stream.keySerde() != null ? stream.keySerde() : config.source().keySerde();
        return ChannelBridge.builder(spec.name(), spec.channel())
                .topic(spec.topic())
                .groupId(config.channelGroupId(spec.name()))
                .consumerConfig(ClientConfigs.consumer(config.kafka(), bootstrapServers))
                .producerConfig(ClientConfigs.producer(config.kafka(), bootstrapServers))
                .keyDeserializer(keySerde.serde().deserializer())
                .valueDeserializer(spec.valueDeserializer())
                .streamTimeout(spec.streamTimeout())
                .deadLetterTopic(config.deadLetterTopic())
                .build();
    }

    private void closeFromHook() {
        LOG.info("Shutdown signal received; stopping {}", config.applicationId());
        hook = null;
        close();
    }

    /**
     * Stops the application in the order the class description gives: bridges stop fetching,
     * Kafka Streams closes, attached consumers close, bridges drain and commit, and the embedded
     * broker stops, each within the config's {@code shutdown-grace}. Safe to call more than once
     * and from any thread.
     */
    @Override
    public void close() {
        closed.set(true);
        Thread starter = startingThread;
        if (starter != null && starter != Thread.currentThread()) {
            // The starting thread owns what it is starting: wake it if it waits for Kafka Streams,
            // and let it close everything once its current step returns.
            running.countDown();
            awaitStartFinished();
        }
        closeResources();
    }

    private void awaitStartFinished() {
        Duration bound = startupTimeout.plus(ADMIN_TIMEOUT).plus(config.shutdownGrace());
        try {
            if (!startFinished.await(bound.toNanos(), TimeUnit.NANOSECONDS)) {
                LOG.warn("Application {} was still starting {} ms after close; closing what has started so far",
                        config.applicationId(), bound.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeResources() {
        if (!resourcesClosed.compareAndSet(false, true)) {
            return;
        }
        Duration grace = config.shutdownGrace();
        removeHook();

        // One grace period for the whole drain: the extensions and the bridges share it, so a
        // stop takes shutdown-grace plus the time clients need to close, not a grace per stage.
        long drainDeadline = System.nanoTime() + grace.toNanos();
        stopExtensions(remainingUntil(drainDeadline));
        bridges.beginClose(remainingUntil(drainDeadline));
        if (streams != null) {
            Duration streamsTimeout = max(remainingUntil(drainDeadline), STREAMS_CLOSE_MINIMUM);
            boolean stopped = streams.close(CloseOptions.timeout(streamsTimeout));
            if (!stopped) {
                LOG.warn("Kafka Streams {} did not close within {} ms (state {})",
                        config.applicationId(), streamsTimeout.toMillis(), streams.state());
            }
        }
        closeAttached();
        Duration remaining = remainingUntil(drainDeadline);
        if (!bridges.awaitClosed(remaining.plus(BRIDGE_CLOSE_MARGIN))) {
            LOG.warn("Channel bridges of {} did not all stop; see the messages above", config.applicationId());
        }
        closeMetricsAndEndpoint();
        if (broker != null) {
            broker.close();
        }
        if (temporaryStateDir != null) {
            try {
                Utils.delete(temporaryStateDir.toFile());
            } catch (IOException e) {
                LOG.warn("Failed to delete the Kafka Streams state directory {}: {}", temporaryStateDir, e.toString());
            }
        }
        running.countDown();
        terminated.countDown();
        LOG.info("Application {} stopped", config.applicationId());
    }

    private static Duration remainingUntil(long deadlineNanos) {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private void closeAttached() {
        List<AutoCloseable> consumers = new ArrayList<>(attached);
        Collections.reverse(consumers);
        for (AutoCloseable consumer : consumers) {
            try {
                consumer.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.warn("Interrupted while closing {} of {}", consumer, config.applicationId());
            } catch (Exception e) {
                LOG.warn("Failed to close {} of {}", consumer, config.applicationId(), e);
            }
        }
    }

    /** Unbinds the meters, stops the HTTP endpoint and closes the registries the runner created. */
    private void closeMetricsAndEndpoint() {
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        if (flumeMeterBinder != null) {
            flumeMeterBinder.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
        ownedRegistries.forEach(MeterRegistry::close);
    }

    private void removeHook() {
        Thread registered = hook;
        if (registered == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(registered);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and runs the hook itself.
        }
    }

    /** Settings of a {@link StreamsRunner}. */
    public static final class Builder {
        private final AppConfig config;
        private final Topology topology;
        private final Map<String, Integer> topics = new LinkedHashMap<>();
        private final Set<String> retryTopics = new TreeSet<>();
        private final List<ChannelSpec<?>> channels = new ArrayList<>();
        private final Map<String, Object> streamsProperties = new LinkedHashMap<>();
        private Duration startupTimeout = Duration.ofSeconds(60);
        private boolean shutdownHook = true;
        private FlumeMetrics metrics;
        private MeterRegistry meterRegistry;
        private HttpConfig http;
        private Supplier<String> topologyText;
        private Supplier<String> topologyMermaid;
        private Supplier<Optional<HttpEndpoint.SchemaDocument>> schema;
        private List<RunnerExtension> extensions;
        private final Map<String, Channel<?>> extensionChannels = new LinkedHashMap<>();
        private Serializer<?> channelValueSerializer;
        private final Map<String, Serializer<?>> streamValueSerializers = new LinkedHashMap<>();

        private Builder(AppConfig config, Topology topology) {
            this.config = Objects.requireNonNull(config, "config");
            this.topology = Objects.requireNonNull(topology, "topology");
        }

        /**
         * Adds topics to create when the config's {@code create-topics} is on, such as the topics
         * of streams that the config does not map and retry topics. Source, mapped stream, channel
         * and dead-letter topics are included without this call.
         */
        public Builder topics(Map<String, Integer> topicPartitions) {
            topics.putAll(topicPartitions);
            return this;
        }

        /**
         * Adds retry topics (of {@code retry} nodes with {@code backoff}) to create when the
         * config's {@code create-topics} is on. They get the partition count of the source topics
         * as they exist on the cluster, the largest when those differ, whatever the config's
         * {@code topic-partitions}; start fails when one already exists with another count.
         */
        public Builder retryTopics(Collection<String> names) {
            names.forEach(name -> retryTopics.add(Objects.requireNonNull(name, "name")));
            return this;
        }

        /** Adds one topic to create; see {@link #topics(Map)}. */
        public Builder topic(String name, int partitions) {
            topics.put(Objects.requireNonNull(name, "name"), partitions);
            return this;
        }

        /**
         * Bridges {@code channel} to {@code topic}, waiting without limit on a full queue before the
         * channel's overflow policy applies. Direct channels need no bridge and are rejected.
         */
        public <T> Builder channel(String name, String topic, Channel<T> channel, Deserializer<T> valueDeserializer) {
            return channel(name, topic, channel, valueDeserializer, null);
        }

        /** Bridges {@code channel} to {@code topic} with the stream node's {@code stream_timeout} (null for none). */
        public <T> Builder channel(String name, String topic, Channel<T> channel, Deserializer<T> valueDeserializer,
                Duration streamTimeout) {
            if (channel.isDirect()) {
                throw new IllegalArgumentException("channel '" + name + "' is direct and is fed by its stream node; "
                        + "only bounded channels are bridged");
            }
            channels.add(new ChannelSpec<>(name, topic, channel, valueDeserializer, streamTimeout));
            return this;
        }

        /**
         * Sets a Kafka Streams property that the compiled application needs, such as an exception
         * handler class. It overrides the config's {@code kafka:} value of the same name, and is
         * overridden only by {@code application.id} and {@code bootstrap.servers}.
         */
        public Builder streamsProperty(String name, Object value) {
            streamsProperties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Sets several Kafka Streams properties; see {@link #streamsProperty(String, Object)}. */
        public Builder streamsProperties(Map<String, ?> properties) {
            properties.forEach(this::streamsProperty);
            return this;
        }

        /** Bounds how long {@link #start()} waits for Kafka Streams to reach RUNNING; 60 seconds by default. */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Sets the counters of the compiled topology, to bind to the meter registry; none by default. */
        public Builder metrics(FlumeMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        /**
         * Sets the extensions to start, in place of those that {@link ServiceLoader} finds on the
         * class path.
         */
        public Builder extensions(List<RunnerExtension> extensions) {
            this.extensions = List.copyOf(extensions);
            return this;
        }

        /**
         * Sets the Micrometer registry to bind Flume's and Kafka Streams' meters to. The runner
         * removes its meters from it on close but does not close it.
         */
        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = registry;
            return this;
        }

        /** Turns the HTTP endpoint on with these settings, overriding the config's {@code http} section. */
        public Builder http(HttpConfig http) {
            this.http = http;
            return this;
        }

        /**
         * Sets what {@code /topology} serves as text and with {@code ?format=mermaid}; by default
         * Kafka Streams' {@code Topology.describe()} and a note that no Mermaid renderer was given.
         */
        public Builder topology(Supplier<String> text, Supplier<String> mermaid) {
            this.topologyText = Objects.requireNonNull(text, "text");
            this.topologyMermaid = Objects.requireNonNull(mermaid, "mermaid");
            return this;
        }

        /** Sets what {@code /schema} serves; without it the route returns 404. */
        public Builder schema(Supplier<Optional<HttpEndpoint.SchemaDocument>> schema) {
            this.schema = Objects.requireNonNull(schema, "schema");
            return this;
        }

        /**
         * Hands the application's channels (by stream name) and its value serializer to the
         * extensions, so that a connector can take from a stream's channel.
         */
        public Builder extensionChannels(Map<String, ? extends Channel<?>> channels, Serializer<?> valueSerializer) {
            extensionChannels.putAll(channels);
            this.channelValueSerializer = Objects.requireNonNull(valueSerializer, "valueSerializer");
            return this;
        }

        /**
         * Hands the channels to the extensions like {@link #extensionChannels(Map, Serializer)},
         * with the value serializers of the streams whose config sets their own
         * {@code value-serde}, by stream name.
         */
        public Builder extensionChannels(Map<String, ? extends Channel<?>> channels, Serializer<?> valueSerializer,
                Map<String, ? extends Serializer<?>> streamValueSerializers) {
            extensionChannels(channels, valueSerializer);
            this.streamValueSerializers.putAll(streamValueSerializers);
            return this;
        }

        /** Sets whether a JVM shutdown hook closes the runner on SIGINT and SIGTERM; on by default. */
        public Builder shutdownHook(boolean enabled) {
            this.shutdownHook = enabled;
            return this;
        }

        /**
         * Starts the application and returns once Kafka Streams is running and the channel
         * bridges have started.
         *
         * @throws RunnerException when topics cannot be created, or Kafka Streams does not reach
         *     RUNNING in time or stops while starting; everything started so far is closed first
         * @throws KafkaException when the broker cannot start
         */
        public StreamsRunner start() {
            StreamsRunner runner = build();
            runner.start();
            return runner;
        }

        /** Creates the runner without starting it, for tests of what it would do. */
        StreamsRunner build() {
            return new StreamsRunner(this);
        }
    }

    /** Thrown when the application cannot start. */
    public static final class RunnerException extends KafkaException {
        public RunnerException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
