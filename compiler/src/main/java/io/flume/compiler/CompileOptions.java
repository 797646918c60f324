package io.flume.compiler;

import io.flume.runtime.config.AppConfig;
import io.flume.runtime.config.KeySerde;
import io.flume.runtime.config.ValueSerde;
import io.flume.runtime.errors.UnhandledFailureMode;
import io.flume.runtime.inline.InlineExecutor;
import io.flume.runtime.metrics.FlumeMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The settings of a schema's compilation into a topology: the source topics, the topics of
 * streams and failures, and the serdes of the whole application and of single streams. The defaults are those of a test without a config file: one source
 * topic named {@code input}, every stream to a topic of its own name.
 */
public final class CompileOptions {

    /** The source topic when none is configured. */
    public static final String DEFAULT_SOURCE_TOPIC = "input";
    /** The application id when none is configured. */
    public static final String DEFAULT_APPLICATION_ID = "flume";
    /**
     * How long a {@code stream} node into a direct channel waits for room when the node sets no
     * {@code stream_timeout}. It stays well below the default {@code max.poll.interval.ms} (five
     * minutes), so that a full channel fails records instead of stalling the consumer group.
     */
    public static final Duration DEFAULT_DIRECT_CHANNEL_TIMEOUT = Duration.ofSeconds(30);
    /**
     * How long the gather of a {@code concurrent} node with a reducer waits for its children on
     * the topology back-end before it calls the reducer without the missing ones.
     */
    public static final Duration DEFAULT_GATHER_TIMEOUT = Duration.ofMinutes(5);

    private final String applicationId;
    private final List<String> sourceTopics;
    private final Serde<?> keySerde;
    private final ValueSerde valueSerde;
    private final Map<String, String> streamTopics;
    private final Map<String, KeySerde> streamKeySerdes;
    private final Map<String, ValueSerde> streamValueSerdes;
    private final String deadLetterTopic;
    private final UnhandledFailureMode onUnhandled;
    private final FlumeMetrics metrics;
    private final int inlineThreads;
    private final Clock clock;
    private final Duration gatherTimeout;

    private CompileOptions(Builder builder) {
        this.applicationId = builder.applicationId;
        this.sourceTopics = List.copyOf(builder.sourceTopics);
        this.keySerde = builder.keySerde;
        this.valueSerde = builder.valueSerde;
        this.streamTopics = Map.copyOf(builder.streamTopics);
        this.streamKeySerdes = Map.copyOf(builder.streamKeySerdes);
        this.streamValueSerdes = Map.copyOf(builder.streamValueSerdes);
        this.deadLetterTopic = builder.deadLetterTopic != null ? builder.deadLetterTopic : applicationId + ".dead-letter";
        this.onUnhandled = builder.onUnhandled;
        this.metrics = builder.metrics != null ? builder.metrics : new FlumeMetrics();
        this.inlineThreads = builder.inlineThreads;
        this.clock = builder.clock;
        this.gatherTimeout = builder.gatherTimeout;
    }

    public static CompileOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts options from an application config: its application id, source topics and serdes,
     * the streams' topics and serdes, the dead-letter topic and {@code errors.on-unhandled}.
     */
    public static Builder builder(AppConfig config) {
        Builder builder = builder()
                .applicationId(config.applicationId())
                .sourceTopics(config.source().topics())
                .keySerde(config.source().keySerde().serde())
                .valueSerde(config.source().valueSerde())
                .deadLetterTopic(config.deadLetterTopic())
                .onUnhandled(config.errors().onUnhandled());
        config.streams().forEach((stream, settings) -> {
            builder.streamTopic(stream, settings.topic());
            if (settings.keySerde() != null) {
                builder.streamKeySerde(stream, settings.keySerde());
            }
            if (settings.valueSerde() != null) {
                builder.streamValueSerde(stream, settings.valueSerde());
            }
        });
        config.inlineThreads().ifPresent(builder::inlineThreads);
        return builder;
    }

    public String applicationId() {
        return applicationId;
    }

    public List<String> sourceTopics() {
        return sourceTopics;
    }

    public Serde<?> keySerde() {
        return keySerde;
    }

    /**
     * Returns the value serde of the whole application: the source, the sinks, retry topics,
     * stores and channel bridges. {@code json}, the default, is the component library's serde.
     */
    public ValueSerde valueSerde() {
        return valueSerde;
    }

    /** Returns the key serde that {@code stream} writes with, when the stream sets its own. */
    public Optional<KeySerde> streamKeySerde(String stream) {
        return Optional.ofNullable(streamKeySerdes.get(stream));
    }

    /** Returns the value serde that {@code stream} writes with, when the stream sets its own. */
    public Optional<ValueSerde> streamValueSerde(String stream) {
        return Optional.ofNullable(streamValueSerdes.get(stream));
    }

    /** Returns the topic a stream is written to: the configured one, else the stream's name. */
    public String topicOf(String stream) {
        return streamTopics.getOrDefault(stream, stream);
    }

    /** Returns the streams the configuration maps to topics, by stream name. */
    public Map<String, String> streamTopics() {
        return streamTopics;
    }

    public String deadLetterTopic() {
        return deadLetterTopic;
    }

    public UnhandledFailureMode onUnhandled() {
        return onUnhandled;
    }

    public FlumeMetrics metrics() {
        return metrics;
    }

    /** Returns the number of threads of the executor that runs {@code timeout} children. */
    public int inlineThreads() {
        return inlineThreads;
    }

    /**
     * Returns the clock that circuit breakers read in in-process execution. A topology reads the
     * stream task's wall-clock time instead, which {@code TopologyTestDriver} lets tests advance.
     */
    public Clock clock() {
        return clock;
    }

    /** Returns how long a gather waits for children that have not reported; see {@link #DEFAULT_GATHER_TIMEOUT}. */
    public Duration gatherTimeout() {
        return gatherTimeout;
    }

    /** Collects compile options. */
    public static final class Builder {
        private String applicationId = DEFAULT_APPLICATION_ID;
        private List<String> sourceTopics = List.of(DEFAULT_SOURCE_TOPIC);
        private Serde<?> keySerde = Serdes.String();
        private ValueSerde valueSerde = ValueSerde.JSON;
        private final Map<String, String> streamTopics = new LinkedHashMap<>();
        private final Map<String, KeySerde> streamKeySerdes = new LinkedHashMap<>();
        private final Map<String, ValueSerde> streamValueSerdes = new LinkedHashMap<>();
        private String deadLetterTopic;
        private UnhandledFailureMode onUnhandled = UnhandledFailureMode.DEAD_LETTER;
        private FlumeMetrics metrics;
        private int inlineThreads = InlineExecutor.defaultThreads();
        private Clock clock = Clock.systemUTC();
        private Duration gatherTimeout = DEFAULT_GATHER_TIMEOUT;

        public Builder applicationId(String applicationId) {
            this.applicationId = Objects.requireNonNull(applicationId, "applicationId");
            return this;
        }

        public Builder sourceTopics(List<String> topics) {
            if (topics == null || topics.isEmpty()) {
                throw new IllegalArgumentException("at least one source topic is needed");
            }
            this.sourceTopics = List.copyOf(topics);
            return this;
        }

        public Builder keySerde(Serde<?> keySerde) {
            this.keySerde = Objects.requireNonNull(keySerde, "keySerde");
            return this;
        }

        /**
         * Sets the value serde of the whole application. The default is {@code json}, the
         * component library's serde. {@code string} and {@code bytes} need a library of {@code String}
         * and {@code byte[]} values, which compiling checks.
         */
        public Builder valueSerde(ValueSerde valueSerde) {
            this.valueSerde = Objects.requireNonNull(valueSerde, "valueSerde");
            return this;
        }

        /**
         * Sets the key serde of {@code stream}'s topic. Its sink converts each key from the
         * source's key type ({@link io.flume.runtime.serde.KeyConversion}).
         */
        public Builder streamKeySerde(String stream, KeySerde keySerde) {
            streamKeySerdes.put(Objects.requireNonNull(stream, "stream"), Objects.requireNonNull(keySerde, "keySerde"));
            return this;
        }

        /** Sets the value serde of {@code stream}'s topic, its sink and the bridge of its channel. */
        public Builder streamValueSerde(String stream, ValueSerde valueSerde) {
            streamValueSerdes.put(Objects.requireNonNull(stream, "stream"), Objects.requireNonNull(valueSerde, "valueSerde"));
            return this;
        }

        public Builder streamTopic(String stream, String topic) {
            streamTopics.put(stream, topic);
            return this;
        }

        public Builder streamTopics(Map<String, String> topics) {
            streamTopics.putAll(topics);
            return this;
        }

        /** Sets the dead-letter topic; {@code APPLICATION_ID.dead-letter} by default. */
        public Builder deadLetterTopic(String topic) {
            this.deadLetterTopic = topic;
            return this;
        }

        public Builder onUnhandled(UnhandledFailureMode mode) {
            this.onUnhandled = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Sets the counters the compiled processors update; a fresh set by default. */
        public Builder metrics(FlumeMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        /**
         * Sets how many threads run the children of {@code race}, {@code contest},
         * {@code worker-pool} and {@code timeout} nodes at once, per application instance; twice
         * the number of processors and at least 4 by default. A record whose child finds no free
         * thread within 100 ms fails.
         */
        public Builder inlineThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("inline threads must be at least 1, got " + threads);
            }
            this.inlineThreads = threads;
            return this;
        }

        /** Sets the clock of circuit breakers in in-process execution; the system clock by default. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets how long the gather of a {@code concurrent} node with a reducer waits for its
         * children; five minutes by default. Children that have not reported by then reach the
         * reducer as timed-out errors.
         */
        public Builder gatherTimeout(Duration timeout) {
            if (timeout == null || timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("gather timeout must be positive, got " + timeout);
            }
            this.gatherTimeout = timeout;
            return this;
        }

        public CompileOptions build() {
            return new CompileOptions(this);
        }
    }
}
