package io.flume.runtime.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The settings of one application: its id, the Kafka properties, the source topics, the schema
 * and component library, where streams and failures go, and the channels declared in config.
 *
 * <p>The runtime reads no files: the compiler's config loader builds an {@code AppConfig} from a
 * YAML or JSON file, and applications and tests can build one in code.
 *
 * <pre>{@code
 * AppConfig config = AppConfig.builder("quake-alerts")
 *         .source(SourceConfig.of("earthquakes"))
 *         .stream("alerts", StreamConfig.toTopic("quake.alerts"))
 *         .build();
 * }</pre>
 */
public final class AppConfig {

    private final String applicationId;
    private final Map<String, String> kafka;
    private final SourceConfig source;
    private final Path schema;
    private final String components;
    private final Map<String, StreamConfig> streams;
    private final ErrorsConfig errors;
    private final Boolean createTopics;
    private final int topicPartitions;
    private final Duration shutdownGrace;
    private final Integer inlineThreads;
    private final Map<String, ChannelConfig> channels;
    private final HttpConfig http;
    private final List<ConnectorConfig> connectors;
    private final Path file;
    private final Map<String, String> positions;

    private AppConfig(Builder builder) {
        this.applicationId = builder.applicationId;
        this.kafka = Collections.unmodifiableMap(new LinkedHashMap<>(builder.kafka));
        this.source = builder.source;
        this.schema = builder.schema;
        this.components = builder.components;
        this.streams = Collections.unmodifiableMap(new LinkedHashMap<>(builder.streams));
        this.errors = builder.errors;
        this.createTopics = builder.createTopics;
        this.topicPartitions = builder.topicPartitions;
        this.shutdownGrace = builder.shutdownGrace;
        this.inlineThreads = builder.inlineThreads;
        this.channels = Collections.unmodifiableMap(new LinkedHashMap<>(builder.channels));
        this.http = builder.http;
        this.connectors = List.copyOf(builder.connectors);
        this.file = builder.file;
        this.positions = Map.copyOf(builder.positions);
    }

    /** Starts a config for the application {@code applicationId}, Kafka Streams' {@code application.id}. */
    public static Builder builder(String applicationId) {
        return new Builder(applicationId);
    }

    /** Returns a builder that starts from this config's values. */
    public Builder toBuilder() {
        Builder builder = new Builder(applicationId);
        builder.kafka.putAll(kafka);
        builder.source = source;
        builder.schema = schema;
        builder.components = components;
        builder.streams.putAll(streams);
        builder.errors = errors;
        builder.createTopics = createTopics;
        builder.topicPartitions = topicPartitions;
        builder.shutdownGrace = shutdownGrace;
        builder.inlineThreads = inlineThreads;
        builder.channels.putAll(channels);
        builder.http = http;
        builder.connectors.addAll(connectors);
        builder.file = file;
        builder.positions.putAll(positions);
        return builder;
    }

    public String applicationId() {
        return applicationId;
    }

    /** Returns the Kafka Streams and client properties, in the order the config lists them. */
    public Map<String, String> kafka() {
        return kafka;
    }

    public SourceConfig source() {
        return source;
    }

    /** Returns the schema file, already resolved against the config file's folder. */
    public Optional<Path> schema() {
        return Optional.ofNullable(schema);
    }

    /** Returns the component library's short name or class name. */
    public Optional<String> components() {
        return Optional.ofNullable(components);
    }

    /** Returns the stream mappings by stream name; a stream not listed writes to a topic of its own name. */
    public Map<String, StreamConfig> streams() {
        return streams;
    }

    public ErrorsConfig errors() {
        return errors;
    }

    /** Returns the {@code create-topics} setting as written; empty means the default of {@link #shouldCreateTopics()}. */
    public Optional<Boolean> createTopics() {
        return Optional.ofNullable(createTopics);
    }

    /** Returns the partition count of topics the runner creates when the stream names none. */
    public int topicPartitions() {
        return topicPartitions;
    }

    /** Returns how long shutdown waits for channels to drain and Kafka Streams to close. */
    public Duration shutdownGrace() {
        return shutdownGrace;
    }

    /** Returns the {@code inline-threads} setting, empty when the config leaves the executor's default size. */
    public Optional<Integer> inlineThreads() {
        return Optional.ofNullable(inlineThreads);
    }

    /** Returns the HTTP endpoint's settings; empty when the endpoint is off, the default. */
    public Optional<HttpConfig> http() {
        return Optional.ofNullable(http);
    }

    /** Returns the channels declared in the config, by name. */
    public Map<String, ChannelConfig> channels() {
        return channels;
    }

    /** Returns the connectors of the config's {@code connectors:} section, in the order written. */
    public List<ConnectorConfig> connectors() {
        return connectors;
    }

    /** Returns the file this config was loaded from, when it came from one. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /**
     * Returns where the value of setting {@code key} is written, such as {@code flume.yaml:7:16}
     * for {@code source.value-serde}, so that checks made after loading can name the line. It is
     * empty for a setting that is not written, and for a config built in code. The loader records
     * the positions of the source's and the streams' serde and topic settings.
     */
    public Optional<String> positionOf(String key) {
        return Optional.ofNullable(positions.get(key));
    }

    /** Returns the configured {@code bootstrap.servers}, empty when the embedded broker is to be used. */
    public Optional<String> bootstrapServers() {
        String servers = kafka.get(ConfigKeys.BOOTSTRAP_SERVERS);
        return servers == null || servers.isBlank() ? Optional.empty() : Optional.of(servers);
    }

    /** Returns true when the config names no {@code bootstrap.servers}, so the runner starts the embedded broker. */
    public boolean usesEmbeddedBroker() {
        return bootstrapServers().isEmpty();
    }

    /**
     * Returns whether the runner creates missing topics: the {@code create-topics} setting when
     * given, else true for the embedded broker and false for a cluster named by
     * {@code bootstrap.servers}.
     */
    public boolean shouldCreateTopics() {
        return createTopics != null ? createTopics : usesEmbeddedBroker();
    }

    /** Returns the dead-letter topic: {@code errors.dead-letter-topic}, else {@code <application-id>.dead-letter}. */
    public String deadLetterTopic() {
        return errors.deadLetterTopic() != null
                ? errors.deadLetterTopic()
                : applicationId + ConfigKeys.DEAD_LETTER_TOPIC_SUFFIX;
    }

    /** Returns the topic of stream {@code streamName}: its mapping's topic, else the stream's own name. */
    public String streamTopic(String streamName) {
        StreamConfig stream = streams.get(streamName);
        return stream != null ? stream.topic() : streamName;
    }

    /** Returns the partition count for a created topic of stream {@code streamName}. */
    public int streamPartitions(String streamName) {
        StreamConfig stream = streams.get(streamName);
        return stream != null && stream.partitions() != null ? stream.partitions() : topicPartitions;
    }

    /** Returns the consumer group id of the bridge that feeds channel {@code channelName}. */
    public String channelGroupId(String channelName) {
        return applicationId + ConfigKeys.CHANNEL_GROUP_INFIX + channelName;
    }

    /** Returns the consumer group id of connector {@code connectorName} when it reads its stream's topic. */
    public String connectorGroupId(String connectorName) {
        return applicationId + ConfigKeys.CONNECTOR_GROUP_INFIX + connectorName;
    }

    @Override
    public String toString() {
        return "AppConfig[" + applicationId + (file != null ? " from " + file : "") + "]";
    }

    /** Collects the settings of an {@link AppConfig}; every optional setting starts at its default. */
    public static final class Builder {
        private final String applicationId;
        private final Map<String, String> kafka = new LinkedHashMap<>();
        private SourceConfig source;
        private Path schema;
        private String components;
        private final Map<String, StreamConfig> streams = new LinkedHashMap<>();
        private ErrorsConfig errors = ErrorsConfig.DEFAULTS;
        private Boolean createTopics;
        private int topicPartitions = ConfigKeys.DEFAULT_TOPIC_PARTITIONS;
        private Duration shutdownGrace = ConfigKeys.DEFAULT_SHUTDOWN_GRACE;
        private Integer inlineThreads;
        private final Map<String, ChannelConfig> channels = new LinkedHashMap<>();
        private HttpConfig http;
        private final List<ConnectorConfig> connectors = new ArrayList<>();
        private Path file;
        private final Map<String, String> positions = new LinkedHashMap<>();

        private Builder(String applicationId) {
            String problem = TopicNames.problem(applicationId);
            if (problem != null) {
                throw new IllegalArgumentException(ConfigKeys.APPLICATION_ID + ": " + problem);
            }
            this.applicationId = applicationId;
        }

        /** Sets a Kafka Streams or client property, such as {@code processing.guarantee}. */
        public Builder kafka(String name, String value) {
            kafka.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Sets several Kafka properties; see {@link #kafka(String, String)}. */
        public Builder kafka(Map<String, String> properties) {
            properties.forEach(this::kafka);
            return this;
        }

        public Builder source(SourceConfig source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        public Builder schema(Path schema) {
            this.schema = schema;
            return this;
        }

        public Builder components(String components) {
            this.components = components;
            return this;
        }

        public Builder stream(String name, StreamConfig stream) {
            streams.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(stream, "stream"));
            return this;
        }

        public Builder errors(ErrorsConfig errors) {
            this.errors = Objects.requireNonNull(errors, "errors");
            return this;
        }

        /** Sets whether the runner creates missing topics; null restores the default. */
        public Builder createTopics(Boolean createTopics) {
            this.createTopics = createTopics;
            return this;
        }

        public Builder topicPartitions(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException(ConfigKeys.TOPIC_PARTITIONS + " must be at least 1, got " + partitions);
            }
            this.topicPartitions = partitions;
            return this;
        }

        /** Sets the thread count of the inline executor; at least 1. */
        public Builder inlineThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException(ConfigKeys.INLINE_THREADS + " must be at least 1, got " + threads);
            }
            this.inlineThreads = threads;
            return this;
        }

        /** Turns the HTTP endpoint on with {@code http}, or off with null. */
        public Builder http(HttpConfig http) {
            this.http = http;
            return this;
        }

        public Builder shutdownGrace(Duration grace) {
            if (grace.isNegative()) {
                throw new IllegalArgumentException(ConfigKeys.SHUTDOWN_GRACE + " must not be negative, got " + grace);
            }
            this.shutdownGrace = grace;
            return this;
        }

        public Builder channel(String name, ChannelConfig channel) {
            channels.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(channel, "channel"));
            return this;
        }

        /** Adds a connector; names must be unique. */
        public Builder connector(ConnectorConfig connector) {
            Objects.requireNonNull(connector, "connector");
            if (connectors.stream().anyMatch(existing -> existing.name().equals(connector.name()))) {
                throw new IllegalArgumentException("connector '" + connector.name() + "' is declared twice; give each a unique name");
            }
            connectors.add(connector);
            return this;
        }

        /** Records the file the config came from, for messages. */
        public Builder file(Path file) {
            this.file = file;
            return this;
        }

        /** Records where the value of setting {@code key} (such as {@code streams.alerts.value-serde}) is written, for messages. */
        public Builder position(String key, String position) {
            positions.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(position, "position"));
            return this;
        }

        /**
         * Builds the config.
         *
         * @throws IllegalArgumentException when no source is set
         */
        public AppConfig build() {
            if (source == null) {
                throw new IllegalArgumentException(ConfigKeys.SOURCE + "." + ConfigKeys.SOURCE_TOPICS
                        + " is missing; name the topics the pipeline reads");
            }
            return new AppConfig(this);
        }
    }
}
