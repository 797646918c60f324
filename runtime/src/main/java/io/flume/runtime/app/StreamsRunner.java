package io.flume.runtime.app;

import io.flume.api.Channel;
import io.flume.runtime.broker.EmbeddedKafkaBroker;
import io.flume.runtime.broker.Topics;
import io.flume.runtime.channel.ChannelBridge;
import io.flume.runtime.channel.ChannelBridges;
import io.flume.runtime.config.AppConfig;
import io.flume.runtime.config.ConfigKeys;
import io.flume.runtime.config.KeySerde;
import io.flume.runtime.config.StreamConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
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
 * <p>{@link #close()} stops in order: channel bridges stop fetching and the application gets the
 * config's {@code shutdown-grace} to drain the queues, then Kafka Streams closes within the same
 * grace, then the embedded broker, if the runner started one, stops. A JVM shutdown hook (SIGINT,
 * SIGTERM) runs the same close.
 *
 * <p>A stream thread that dies of an exception the topology did not handle shuts the client
 * down, whatever {@code errors.on-unhandled} sets: the compiled topology turns record failures
 * into dead letters or logs itself, so an exception that reaches Kafka Streams is a fault of the
 * application or the cluster, and replacing the thread would fail the same way again.
 */
public final class StreamsRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration DEAD_LETTER_METADATA_IDLE = Duration.ofDays(30);

    private final AppConfig config;
    private final Topology topology;
    private final Map<String, Integer> extraTopics;
    private final Set<String> retryTopics;
    private final List<ChannelSpec<?>> channelSpecs;
    private final Map<String, Object> streamsProperties;
    private final Duration startupTimeout;
    private final boolean shutdownHook;

    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean resourcesClosed = new AtomicBoolean();
    private final CountDownLatch startFinished = new CountDownLatch(1);
    private volatile Thread startingThread;
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch terminated = new CountDownLatch(1);

    private volatile EmbeddedKafkaBroker broker;
    private String bootstrapServers;
    private volatile Path temporaryStateDir;
    private Set<String> createdTopics = Set.of();
    private volatile KafkaStreams streams;
    private volatile ChannelBridges bridges = ChannelBridges.none();
    private volatile Thread hook;
    private volatile Throwable failure;

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
    }

    /** Starts describing how to run {@code topology} with {@code config}. */
    public static Builder builder(AppConfig config, Topology topology) {
        return new Builder(config, topology);
    }

    /** Returns the Kafka Streams state, {@code CREATED} before start. */
    public KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
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
            connect();
            abortIfClosed();
            if (config.shouldCreateTopics()) {
                createTopics();
                abortIfClosed();
            }
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
        streams = new KafkaStreams(topology, streamsProperties(), new DeadLetterMetadataClientSupplier(config.deadLetterTopic()));
        streams.setStateListener((next, previous) -> {
            LOG.info("Kafka Streams {} is {} (was {})", config.applicationId(), next, previous);
            if (next == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
            if (next == KafkaStreams.State.ERROR || next == KafkaStreams.State.NOT_RUNNING) {
                running.countDown();
                terminated.countDown();
            }
        });
        streams.setUncaughtExceptionHandler(this::onUncaughtException);
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

    private StreamThreadExceptionResponse onUncaughtException(Throwable error) {
        failure = error;
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        if (error instanceof MissingSourceTopicException || cause instanceof MissingSourceTopicException) {
            LOG.error("Kafka Streams {} stops: a source topic is missing ({}); create it or set create-topics: true",
                    config.applicationId(), cause.getMessage());
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
     * Stops the application: bridges stop fetching and drain, Kafka Streams closes, and the
     * embedded broker stops, each within the config's {@code shutdown-grace}. Safe to call more
     * than once and from any thread.
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

        bridges.close(grace);
        if (streams != null) {
            boolean stopped = streams.close(CloseOptions.timeout(grace));
            if (!stopped) {
                LOG.warn("Kafka Streams {} did not close within {} ms (state {})",
                        config.applicationId(), grace.toMillis(), streams.state());
            }
        }
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
