package io.flume.runtime.config;

import io.flume.runtime.errors.UnhandledFailureMode;
import io.flume.api.OverflowPolicy;
import java.time.Duration;
import java.util.List;

/**
 * Keys of the application config file and the defaults of its optional settings. Nested keys are
 * relative to their section: {@code source.topics} is {@link #SOURCE} then {@link #SOURCE_TOPICS}.
 */
public final class ConfigKeys {

    // Top level

    public static final String APPLICATION_ID = "application-id";
    public static final String KAFKA = "kafka";
    public static final String SOURCE = "source";
    public static final String SCHEMA = "schema";
    public static final String COMPONENTS = "components";
    public static final String STREAMS = "streams";
    public static final String ERRORS = "errors";
    public static final String CREATE_TOPICS = "create-topics";
    public static final String TOPIC_PARTITIONS = "topic-partitions";
    public static final String SHUTDOWN_GRACE = "shutdown-grace";
    /** The thread count of the executor that runs timeout, race, contest and worker-pool children. */
    public static final String INLINE_THREADS = "inline-threads";
    public static final String CHANNELS = "channels";
    public static final String HTTP = "http";
    /** A list of connectors, each carrying one stream to an external system. */
    public static final String CONNECTORS = "connectors";

    // source

    public static final String SOURCE_TOPICS = "topics";
    public static final String SOURCE_KEY_SERDE = "key-serde";
    public static final String SOURCE_VALUE_SERDE = "value-serde";

    // streams.NAME

    public static final String STREAM_TOPIC = "topic";
    public static final String STREAM_PARTITIONS = "partitions";
    public static final String STREAM_KEY_SERDE = "key-serde";
    public static final String STREAM_VALUE_SERDE = "value-serde";

    // errors

    public static final String ERRORS_DEAD_LETTER_TOPIC = "dead-letter-topic";
    public static final String ERRORS_ON_UNHANDLED = "on-unhandled";

    // channels.NAME

    public static final String CHANNEL_CAPACITY = "capacity";
    public static final String CHANNEL_DIRECT = "direct";
    public static final String CHANNEL_OVERFLOW = "overflow";

    // http

    public static final String HTTP_HOST = "host";
    public static final String HTTP_PORT = "port";

    // connectors[i]; every other key of an entry is a setting of the runner or of the sink type

    public static final String CONNECTOR_NAME = "name";
    public static final String CONNECTOR_STREAM = "stream";
    public static final String CONNECTOR_TYPE = "type";
    public static final String CONNECTOR_FROM = "from";

    /** The Kafka client property whose absence makes the runner start the embedded broker. */
    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";

    // Keys each section accepts, for the loader's unknown-key check.

    public static final List<String> TOP_LEVEL_KEYS = List.of(APPLICATION_ID, KAFKA, SOURCE, SCHEMA, COMPONENTS,
            STREAMS, ERRORS, CREATE_TOPICS, TOPIC_PARTITIONS, SHUTDOWN_GRACE, INLINE_THREADS, CHANNELS, HTTP,
            CONNECTORS);
    public static final List<String> SOURCE_KEYS = List.of(SOURCE_TOPICS, SOURCE_KEY_SERDE, SOURCE_VALUE_SERDE);
    public static final List<String> STREAM_KEYS = List.of(STREAM_TOPIC, STREAM_PARTITIONS, STREAM_KEY_SERDE,
            STREAM_VALUE_SERDE);
    public static final List<String> ERRORS_KEYS = List.of(ERRORS_DEAD_LETTER_TOPIC, ERRORS_ON_UNHANDLED);
    public static final List<String> CHANNEL_KEYS = List.of(CHANNEL_CAPACITY, CHANNEL_DIRECT, CHANNEL_OVERFLOW);
    public static final List<String> HTTP_KEYS = List.of(HTTP_HOST, HTTP_PORT);

    // Defaults

    public static final KeySerde DEFAULT_KEY_SERDE = KeySerde.STRING;
    public static final ValueSerde DEFAULT_VALUE_SERDE = ValueSerde.JSON;
    /** Appended to the application id to name the dead-letter topic when the config names none. */
    public static final String DEAD_LETTER_TOPIC_SUFFIX = ".dead-letter";
    public static final UnhandledFailureMode DEFAULT_ON_UNHANDLED = UnhandledFailureMode.DEAD_LETTER;
    public static final int DEFAULT_TOPIC_PARTITIONS = 1;
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /** The address the HTTP endpoint binds when the config names none: this machine only. */
    public static final String DEFAULT_HTTP_HOST = "127.0.0.1";
    public static final int DEFAULT_CHANNEL_CAPACITY = 100;
    public static final boolean DEFAULT_CHANNEL_DIRECT = false;
    public static final OverflowPolicy DEFAULT_CHANNEL_OVERFLOW = OverflowPolicy.BLOCK;
    /** Between the application id and the channel name in a channel bridge's consumer group id. */
    public static final String CHANNEL_GROUP_INFIX = ".channel.";
    /** Between the application id and the connector name in a connector's consumer group id. */
    public static final String CONNECTOR_GROUP_INFIX = ".connector.";

    private ConfigKeys() {
    }
}
